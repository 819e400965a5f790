package kagami.sigma.modifier;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The encoding modifiers of the Sigma specification (appendix "Modifiers", "Encoding"): {@code utf16le}/{@code
 * wide}, {@code utf16be}, {@code utf16} (with byte order mark), {@code base64} and {@code base64offset}. A value
 * passes through them left to right; after a UTF-16 step it is a byte string, which a following base64 step
 * encodes as bytes rather than as UTF-8 text.
 */
public final class ValueEncodings {
    private ValueEncodings() {
    }

    /** A value between modifiers: text, or bytes (each code unit one byte) after a UTF-16 encoding. */
    public record Encoded(SigmaString value, boolean bytes) {
    }

    public static Encoded utf16(Encoded v, ValueModifier m) {
        String text = v.value().plain();
        byte[] b = switch (m) {
            case UTF16BE -> text.getBytes(StandardCharsets.UTF_16BE);
            case UTF16 -> concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, text.getBytes(StandardCharsets.UTF_16LE));
            default -> text.getBytes(StandardCharsets.UTF_16LE);
        };
        return new Encoded(bytesToString(b), true);
    }

    public static Encoded base64(Encoded v) {
        return new Encoded(SigmaString.literal(Base64.getEncoder().encodeToString(bytes(v))), false);
    }

    /**
     * The three encodings of a value at byte offsets 0, 1 and 2 of a base64 stream, with the characters that
     * depend on the unknown neighbouring bytes cut off (specification: "base64offset"). Used with {@code contains}.
     */
    public static List<Encoded> base64offset(Encoded v) {
        byte[] value = bytes(v);
        int[] startCut = {0, 2, 3};
        int[] endCut = {0, 3, 2};
        List<Encoded> out = new ArrayList<>(3);
        for (int shift = 0; shift < 3; shift++) {
            byte[] padded = concat(new byte[shift], value);
            String enc = Base64.getEncoder().encodeToString(padded);
            int cutEnd = endCut[(value.length + shift) % 3];
            int from = startCut[shift];
            int to = enc.length() - cutEnd;
            String part = from < to ? enc.substring(from, to) : "";
            // the padding '=' of an unaligned end belongs to the cut characters
            out.add(new Encoded(SigmaString.literal(part), false));
        }
        return out;
    }

    /** {@code windash}: every dash-like character of the value may be any of the five (specification). */
    public static SigmaString windash(SigmaString v) {
        int[] codes = v.codes();
        for (int i = 0; i < codes.length; i++) {
            if (codes[i] >= 0 && SigmaString.DASHES.indexOf(codes[i]) >= 0) {
                codes[i] = SigmaString.ANY_DASH;
            }
        }
        return SigmaString.of(codes);
    }

    private static byte[] bytes(Encoded v) {
        if (v.bytes()) {
            int[] codes = v.value().codes();
            byte[] b = new byte[codes.length];
            for (int i = 0; i < codes.length; i++) {
                b[i] = (byte) codes[i];
            }
            return b;
        }
        return v.value().plain().getBytes(StandardCharsets.UTF_8);
    }

    private static SigmaString bytesToString(byte[] b) {
        int[] codes = new int[b.length];
        for (int i = 0; i < b.length; i++) {
            codes[i] = b[i] & 0xFF;
        }
        return SigmaString.of(codes);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
