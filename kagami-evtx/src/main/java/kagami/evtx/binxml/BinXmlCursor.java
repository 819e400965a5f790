package kagami.evtx.binxml;

import java.nio.charset.StandardCharsets;

/**
 * A bounds-checked read position in a chunk. Every read first checks that the bytes lie before
 * {@link #limit()}, so hostile lengths and offsets end in a {@link BinXmlException}, never in an array index
 * error or a read outside the record.
 */
public final class BinXmlCursor {
    private final byte[] data;
    private int pos;
    private final int limit;

    public BinXmlCursor(byte[] data, int pos, int limit) {
        if (pos < 0 || limit > data.length || pos > limit) {
            throw new BinXmlException(pos, "range " + pos + ".." + limit + " lies outside the chunk");
        }
        this.data = data;
        this.pos = pos;
        this.limit = limit;
    }

    public byte[] data() {
        return data;
    }

    public int position() {
        return pos;
    }

    public int limit() {
        return limit;
    }

    public int remaining() {
        return limit - pos;
    }

    public void need(int n, String what) {
        if (n < 0 || n > limit - pos) {
            throw new BinXmlException(pos, "truncated " + what + ": needs " + n + " bytes, " + (limit - pos) + " left");
        }
    }

    public void skip(int n, String what) {
        need(n, what);
        pos += n;
    }

    public int u8(String what) {
        need(1, what);
        return data[pos++] & 0xff;
    }

    public int u16(String what) {
        need(2, what);
        int v = LittleEndian.u16(data, pos);
        pos += 2;
        return v;
    }

    /** An unsigned 32-bit value that must fit a Java int (offsets and sizes inside a 64 KiB chunk). */
    public int u32AsInt(String what) {
        need(4, what);
        long v = LittleEndian.u32(data, pos);
        if (v > Integer.MAX_VALUE) {
            throw new BinXmlException(pos, what + " out of range: " + v);
        }
        pos += 4;
        return (int) v;
    }

    public int i32(String what) {
        need(4, what);
        int v = LittleEndian.i32(data, pos);
        pos += 4;
        return v;
    }

    /**
     * A UTF-16LE string of {@code chars} code units at the position (libyal "Unicode text string"); invalid
     * surrogates become U+FFFD rather than failing, so one bad character does not lose a record.
     */
    public String utf16(int chars, String what) {
        need(chars * 2, what);
        String s = new String(data, pos, chars * 2, StandardCharsets.UTF_16LE);
        pos += chars * 2;
        return s;
    }
}
