package kagami.evtx.binxml;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * An element, attribute, entity or PI-target name (libyal EVTX "Name": next-name link, hash, character count,
 * UTF-16LE text). Names are stored once per chunk and referenced by chunk offset; a {@code Name} is the decoded,
 * chunk-independent form, with its UTF-8 bytes pre-escaped for XML and JSON output so rendering copies them.
 */
public final class Name {
    private final String value;
    private final byte[] xml;
    private final byte[] json;
    private final boolean data;
    private final boolean dataContainer;

    public Name(String value) {
        this.value = Objects.requireNonNull(value, "value");
        this.xml = Escape.xmlName(value);
        this.json = Escape.json(value);
        this.data = value.equals("Data");
        this.dataContainer = value.equals("EventData") || value.equals("UserData");
    }

    /** {@code Data}: the element {@code EventData} values are held in. */
    public boolean isData() {
        return data;
    }

    /** {@code EventData} or {@code UserData}, whose {@code Data} children JSON flattens by name. */
    public boolean isDataContainer() {
        return dataContainer;
    }

    public String value() {
        return value;
    }

    /** UTF-8, safe inside an XML tag (characters that would break the markup are replaced). */
    public byte[] xmlBytes() {
        return xml;
    }

    /** UTF-8, escaped for a JSON string, without quotes. */
    public byte[] jsonBytes() {
        return json;
    }

    /**
     * Whether the name is an XML name (XML 1.0, fifth edition, productions 4 and 4a: {@code NameStartChar
     * NameChar*}). Every name Windows writes is one; a record recovered from slack whose template was overwritten
     * reads names from misaligned bytes, which almost never are (NUL, control characters, U+FFFF, {@code %}).
     */
    public boolean isXmlName() {
        int n = value.length();
        if (n == 0) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            int c = value.charAt(i);
            if (Character.isHighSurrogate((char) c) && i + 1 < n && Character.isLowSurrogate(value.charAt(i + 1))) {
                c = Character.toCodePoint((char) c, value.charAt(++i));
                if (c > 0xEFFFF) {
                    return false;
                }
                continue;
            }
            if (!(isNameStartChar(c) || (i > 0 && isNameChar(c)))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isNameStartChar(int c) {
        return c == ':' || (c >= 'A' && c <= 'Z') || c == '_' || (c >= 'a' && c <= 'z') || (c >= 0xC0 && c <= 0xD6)
                || (c >= 0xD8 && c <= 0xF6) || (c >= 0xF8 && c <= 0x2FF) || (c >= 0x370 && c <= 0x37D)
                || (c >= 0x37F && c <= 0x1FFF) || (c >= 0x200C && c <= 0x200D) || (c >= 0x2070 && c <= 0x218F)
                || (c >= 0x2C00 && c <= 0x2FEF) || (c >= 0x3001 && c <= 0xD7FF) || (c >= 0xF900 && c <= 0xFDCF)
                || (c >= 0xFDF0 && c <= 0xFFFD);
    }

    private static boolean isNameChar(int c) {
        return c == '-' || c == '.' || (c >= '0' && c <= '9') || c == 0xB7 || (c >= 0x300 && c <= 0x36F)
                || (c >= 0x203F && c <= 0x2040);
    }

    /** Whether the name is the UTF-16LE text of {@code chars} code units at {@code off} in {@code data}. */
    boolean spelledAs(byte[] data, int off, int chars) {
        if (value.length() != chars) {
            return false;
        }
        for (int i = 0; i < chars; i++) {
            if (value.charAt(i) != ((data[off + 2 * i] & 0xff) | (data[off + 2 * i + 1] & 0xff) << 8)) {
                return false;
            }
        }
        return true;
    }

    public boolean is(String s) {
        return value.equals(s);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Name n && n.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return value;
    }

    /** Escaping for the pre-encoded forms; the hot path escapes values in {@code kagami.evtx.render}. */
    static final class Escape {
        private Escape() {
        }

        static byte[] xmlName(String s) {
            StringBuilder b = new StringBuilder(s.length());
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                // A name from a hostile file may hold markup; keep the output well-formed by replacing it.
                if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '"' || c == '\'' || c == ' ' || c == '/'
                        || c == '=' || Character.isSurrogate(c) || c == 0xfffe || c == 0xffff) {
                    b.append('_');
                } else {
                    b.append(c);
                }
            }
            if (b.length() == 0) {
                b.append('_');
            }
            return b.toString().getBytes(StandardCharsets.UTF_8);
        }

        static byte[] json(String s) {
            return Node.Escaping.json(s);
        }
    }
}
