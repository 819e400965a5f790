package kagami.mail.lnk;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Bounds-checked little-endian reads over a byte array. Every read names the structure it belongs to, so a
 * truncated file reports "LinkInfo at 0x4c: needs 28 bytes, 12 left" instead of an index exception.
 */
final class LeBytes {
    private final byte[] data;

    LeBytes(byte[] data) {
        this.data = data;
    }

    int length() {
        return data.length;
    }

    boolean has(long offset, long count) {
        return offset >= 0 && count >= 0 && offset + count <= data.length;
    }

    void require(long offset, long count, String what) throws LnkFormatException {
        if (!has(offset, count)) {
            throw new LnkFormatException(what + ": needs " + count + " bytes at offset " + offset
                    + ", file has " + data.length, offset);
        }
    }

    int u8(int o) {
        return data[o] & 0xff;
    }

    int u16(int o) {
        return (data[o] & 0xff) | (data[o + 1] & 0xff) << 8;
    }

    long u32(int o) {
        return (u16(o) | (long) u16(o + 2) << 16) & 0xffffffffL;
    }

    long u64(int o) {
        return u32(o) | u32(o + 4) << 32;
    }

    byte[] slice(int o, int n) {
        byte[] b = new byte[n];
        System.arraycopy(data, o, b, 0, n);
        return b;
    }

    /** MS-DTYP 2.3.4.2 GUID: Data1 (LE u32), Data2, Data3 (LE u16), Data4 (8 bytes in order). */
    String guid(int o) {
        return String.format("%08x-%04x-%04x-%02x%02x-%02x%02x%02x%02x%02x%02x", u32(o), u16(o + 4), u16(o + 6),
                u8(o + 8), u8(o + 9), u8(o + 10), u8(o + 11), u8(o + 12), u8(o + 13), u8(o + 14), u8(o + 15));
    }

    /** A NUL-terminated string in the ANSI code page, read no further than {@code limit}. */
    String ansiz(int o, int limit, Charset codePage) {
        int end = o;
        int max = Math.min(limit, data.length);
        while (end < max && data[end] != 0) {
            end++;
        }
        return decode(codePage, o, end - o);
    }

    /** A NUL-terminated UTF-16LE string, read no further than {@code limit}. */
    String unicodez(int o, int limit) {
        int end = o;
        int max = Math.min(limit, data.length);
        while (end + 1 < max && (data[end] != 0 || data[end + 1] != 0)) {
            end += 2;
        }
        return decode(StandardCharsets.UTF_16LE, o, Math.max(0, Math.min(end, max) - o) & ~1);
    }

    /** Decodes leniently: malformed sequences (unpaired surrogates, bad code-page bytes) become U+FFFD. */
    String decode(Charset cs, int o, int n) {
        if (n <= 0 || !has(o, n)) {
            return "";
        }
        CharsetDecoder d = cs.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        try {
            CharBuffer c = d.decode(ByteBuffer.wrap(data, o, n));
            return c.toString();
        } catch (CharacterCodingException e) {
            return new String(data, o, n, cs);
        }
    }
}
