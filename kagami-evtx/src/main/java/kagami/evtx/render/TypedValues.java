package kagami.evtx.render;

import java.nio.charset.StandardCharsets;

import kagami.evtx.binxml.LittleEndian;
import kagami.evtx.binxml.Node;
import kagami.evtx.binxml.SubstitutionValues;
import kagami.evtx.binxml.ValueType;
import kagami.evtx.render.Utf8Output.Escaping;
import kagami.evtx.render.ValueText.Dialect;

/**
 * Values as Java objects for {@code kagami.core.Event} fields, following the shared event conventions:
 * integers as {@link Long} (an unsigned 64-bit value above {@code Long.MAX_VALUE} as its decimal string), floats
 * as {@link Double}, booleans as {@link Boolean}, everything else as the string the JSON dialect writes (hex
 * integers {@code 0x...}, GUIDs without braces, ISO-8601 times, arrays joined by commas).
 */
final class TypedValues {
    /** Scratch space for values rendered to text; one per converter (per thread). */
    private final Utf8Output scratch = new Utf8Output(256);

    Object value(byte[] d, int off, int size, int type) {
        switch (type) {
            case ValueType.NULL:
                return null;
            case ValueType.STRING:
                return utf16(d, off, size);
            case ValueType.INT8:
                return size >= 1 ? Long.valueOf(d[off]) : text(d, off, size, type);
            case ValueType.UINT8:
                return size >= 1 ? Long.valueOf(d[off] & 0xff) : text(d, off, size, type);
            case ValueType.INT16:
                return size >= 2 ? Long.valueOf(LittleEndian.i16(d, off)) : text(d, off, size, type);
            case ValueType.UINT16:
                return size >= 2 ? Long.valueOf(LittleEndian.u16(d, off)) : text(d, off, size, type);
            case ValueType.INT32:
                return size >= 4 ? Long.valueOf(LittleEndian.i32(d, off)) : text(d, off, size, type);
            case ValueType.UINT32:
                return size >= 4 ? Long.valueOf(LittleEndian.u32(d, off)) : text(d, off, size, type);
            case ValueType.INT64:
                return size >= 8 ? Long.valueOf(LittleEndian.i64(d, off)) : text(d, off, size, type);
            case ValueType.UINT64: {
                if (size < 8) {
                    return text(d, off, size, type);
                }
                long v = LittleEndian.i64(d, off);
                return v >= 0 ? (Object) Long.valueOf(v) : Long.toUnsignedString(v);
            }
            case ValueType.REAL32:
                return size >= 4 ? Double.valueOf(Float.intBitsToFloat(LittleEndian.i32(d, off))) : text(d, off, size, type);
            case ValueType.REAL64:
                return size >= 8 ? Double.valueOf(Double.longBitsToDouble(LittleEndian.i64(d, off))) : text(d, off, size, type);
            case ValueType.BOOL:
                return size >= 4 ? Boolean.valueOf(LittleEndian.i32(d, off) != 0) : text(d, off, size, type);
            default:
                return text(d, off, size, type);
        }
    }

    /** The value of one substitution slot. */
    Object value(SubstitutionValues v, int i) {
        if (i >= v.count()) {
            return null;
        }
        return value(v.data(), v.offset(i), v.size(i), v.type(i));
    }

    private String text(byte[] d, int off, int size, int type) {
        scratch.reset();
        ValueText.write(scratch, d, off, size, type, Dialect.JSON, Escaping.NONE);
        return scratch.toString();
    }

    /**
     * A string value up to its first NUL, without trailing white space, as in the JSON dialect. Most event text
     * is Latin-1, which Java stores one byte per character: such strings are built from their low bytes
     * directly, without the general UTF-16 decoder.
     */
    static String utf16(byte[] d, int off, int size) {
        int n = ValueText.trimmedLength(d, off, size) >> 1;
        byte[] latin1 = new byte[n];
        for (int i = 0; i < n; i++) {
            if (d[off + 2 * i + 1] != 0) {
                return new String(d, off, n * 2, StandardCharsets.UTF_16LE);
            }
            latin1[i] = d[off + 2 * i];
        }
        return new String(latin1, StandardCharsets.ISO_8859_1);
    }

    /**
     * The typed value of element or attribute content: the value itself when the content is one typed value,
     * else all of its text as one string ({@code null} when there is none).
     */
    Object content(Node[] nodes, SubstitutionValues v) {
        Node single = null;
        int count = 0;
        for (Node n : nodes) {
            if (!Content.dropped(n, v) && Content.elementCount(n, v) == 0 && !(n instanceof Node.Element)) {
                single = n;
                count++;
            }
        }
        if (count == 0) {
            return null;
        }
        if (count == 1) {
            if (single instanceof Node.Substitution s) {
                return value(v, s.index());
            }
            if (single instanceof Node.Text t) {
                return t.text();
            }
            if (single instanceof Node.Literal l) {
                return value(l.data(), 0, l.data().length, l.valueType());
            }
        }
        scratch.reset();
        for (Node n : nodes) {
            if (n instanceof Node.Substitution s) {
                int i = s.index();
                if (i < v.count() && v.type(i) != ValueType.BINXML) {
                    ValueText.write(scratch, v.data(), v.offset(i), v.size(i), v.type(i), Dialect.JSON, Escaping.NONE);
                }
            } else if (n instanceof Node.Text t) {
                scratch.text(t.text(), Escaping.NONE);
            } else if (n instanceof Node.Literal l) {
                ValueText.write(scratch, l.data(), 0, l.data().length, l.valueType(), Dialect.JSON, Escaping.NONE);
            } else if (n instanceof Node.CData c) {
                scratch.text(c.text(), Escaping.NONE);
            } else if (n instanceof Node.CharReference c) {
                scratch.text(new String(Character.toChars(Character.isValidCodePoint(c.value()) ? c.value() : 0xfffd)), Escaping.NONE);
            } else if (n instanceof Node.EntityReference r) {
                scratch.text(entity(r.name().value()), Escaping.NONE);
            }
        }
        return scratch.toString();
    }

    /** The character an XML predefined entity stands for (XML 1.0 §4.6); others stay as written. */
    static String entity(String name) {
        switch (name) {
            case "lt": return "<";
            case "gt": return ">";
            case "amp": return "&";
            case "quot": return "\"";
            case "apos": return "'";
            default: return "&" + name + ";";
        }
    }
}
