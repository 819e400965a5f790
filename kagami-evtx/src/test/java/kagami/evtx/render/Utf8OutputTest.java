package kagami.evtx.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import kagami.evtx.binxml.Node;
import kagami.evtx.render.Utf8Output.Escaping;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** UTF-16LE to escaped UTF-8, checked against a plain reference encoder, including the four-at-a-time path. */
class Utf8OutputTest {

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars("ab\\\"&<>'\u0000\u0001\t\n\r é漢\ud83d\ude00\ud800"),
                Arbitraries.strings().ascii(),
                // Mostly plain ASCII with a rare special character: the eight- and four-at-a-time paths and their exits.
                Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789 .:").ofMinLength(8).ofMaxLength(80)
                        .list().ofMaxSize(4).map(parts -> String.join(
                                new String[] {"\\", "\"", "\u0000", "é", "<", "\n"}[parts.size() % 6], parts)),
                Arbitraries.strings().all()).map(s -> s.length() > 200 ? s.substring(0, 200) : s);
    }

    @Property(tries = 3000)
    void jsonEscapingMatchesTheReference(@ForAll("texts") String s) {
        assertThat(utf16(s, Escaping.JSON, false)).isEqualTo(reference(s, Escaping.JSON));
        assertThat(text(s, Escaping.JSON)).isEqualTo(reference(s, Escaping.JSON));
        assertThat(new String(Node.Text.of(s).json(), StandardCharsets.UTF_8)).isEqualTo(reference(s, Escaping.JSON));
    }

    @Property(tries = 3000)
    void xmlEscapingMatchesTheReference(@ForAll("texts") String s) {
        for (Escaping e : new Escaping[] {Escaping.XML_TEXT, Escaping.XML_ATTRIBUTE}) {
            assertThat(utf16(s, e, false)).isEqualTo(reference(s, e));
            assertThat(text(s, e)).isEqualTo(reference(s, e));
        }
        assertThat(new String(Node.Text.of(s).xmlText(), StandardCharsets.UTF_8)).isEqualTo(reference(s, Escaping.XML_TEXT));
        assertThat(new String(Node.Text.of(s).xmlAttribute(), StandardCharsets.UTF_8)).isEqualTo(reference(s, Escaping.XML_ATTRIBUTE));
    }

    @Property(tries = 1000)
    void stringValuesEndAtTheFirstNul(@ForAll("texts") String s) {
        String cut = s.indexOf('\0') >= 0 ? s.substring(0, s.indexOf('\0')) : s;
        assertThat(utf16(s, Escaping.JSON, true)).isEqualTo(reference(cut, Escaping.JSON));
    }

    @Test
    void writesNumbers() {
        Utf8Output o = new Utf8Output(4);
        o.decimal(0);
        o.write(' ');
        o.decimal(-9);
        o.write(' ');
        o.decimal(1234567890123456789L);
        o.write(' ');
        o.decimal(Long.MIN_VALUE);
        o.write(' ');
        o.unsignedDecimal(-1);
        o.write(' ');
        o.hexLower(0x3e7, 16);
        o.write(' ');
        o.hexLower(0, 1);
        assertThat(o.toString()).isEqualTo(
                "0 -9 1234567890123456789 -9223372036854775808 18446744073709551615 00000000000003e7 0");
    }

    private static String utf16(String s, Escaping e, boolean stopAtNul) {
        byte[] b = s.getBytes(StandardCharsets.UTF_16LE);
        Utf8Output o = new Utf8Output(1);
        o.write('[');
        o.utf16(b, 0, b.length, e, stopAtNul);
        o.write(']');
        String out = o.toString();
        return out.substring(1, out.length() - 1);
    }

    private static String text(String s, Escaping e) {
        Utf8Output o = new Utf8Output(1);
        o.text(s, e);
        return o.toString();
    }

    /** Plain per-code-point reference. */
    private static String reference(String s, Escaping e) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                b.append(c).append(s.charAt(++i));
                continue;
            }
            if (Character.isSurrogate(c)) {
                b.append('\ufffd');
                continue;
            }
            if (e == Escaping.JSON) {
                switch (c) {
                    case '"' -> b.append("\\\"");
                    case '\\' -> b.append("\\\\");
                    case '\n' -> b.append("\\n");
                    case '\r' -> b.append("\\r");
                    case '\t' -> b.append("\\t");
                    case '\b' -> b.append("\\b");
                    case '\f' -> b.append("\\f");
                    default -> {
                        if (c < 0x20) {
                            b.append(String.format("\\u%04x", (int) c));
                        } else {
                            b.append(c);
                        }
                    }
                }
            } else {
                switch (c) {
                    case '&' -> b.append("&amp;");
                    case '<' -> b.append("&lt;");
                    case '>' -> b.append("&gt;");
                    case '"' -> b.append(e == Escaping.XML_ATTRIBUTE ? "&quot;" : "\"");
                    default -> {
                        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                            b.append("&#x").append(Integer.toHexString(c)).append(';');
                        } else {
                            b.append(c);
                        }
                    }
                }
            }
        }
        return b.toString();
    }
}
