package kagami.evtx.render;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable UTF-8 byte buffer that renderers write into: UTF-16LE text from the chunk is decoded straight into
 * it, escaped for XML or JSON as it goes, with no intermediate {@code String}. Reused per thread, so rendering a
 * record allocates nothing once the buffer has grown to the largest record. As an {@link OutputStream} it can
 * be handed to {@code EvtxRecord.writeJson}, which then renders straight into it.
 */
public final class Utf8Output extends OutputStream {
    /** How text is escaped. */
    public enum Escaping {
        /** XML character data: {@code & < >}. */
        XML_TEXT,
        /** XML attribute value in double quotes: {@code & < > "}. */
        XML_ATTRIBUTE,
        /** Inside a JSON string: {@code " \} and control characters. */
        JSON,
        /** As is (CDATA sections). */
        NONE
    }

    private static final byte[] HEX_UPPER = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HEX_LOWER = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    /** Per ASCII character: 0 = copy, else needs escaping in some mode (checked per mode below). */
    private static final byte[] SPECIAL = new byte[128];
    private static final int XML_TEXT_FLAG = 1;
    private static final int XML_ATTR_FLAG = 2;
    private static final int JSON_FLAG = 4;
    /** Marks NUL, where string values end. */
    private static final int NUL_FLAG = 8;

    static {
        for (int c = 0; c < 0x20; c++) {
            // XML 1.0 has no raw form for control characters other than tab, line feed and carriage return.
            SPECIAL[c] = (byte) (c == '\t' || c == '\n' || c == '\r' ? JSON_FLAG : JSON_FLAG | XML_TEXT_FLAG | XML_ATTR_FLAG);
        }
        SPECIAL[0] |= NUL_FLAG;
        SPECIAL['&'] = XML_TEXT_FLAG | XML_ATTR_FLAG;
        SPECIAL['<'] = XML_TEXT_FLAG | XML_ATTR_FLAG;
        SPECIAL['>'] = XML_TEXT_FLAG | XML_ATTR_FLAG;
        SPECIAL['"'] = XML_ATTR_FLAG | JSON_FLAG;
        SPECIAL['\\'] = JSON_FLAG;
    }

    private static final java.lang.invoke.VarHandle LONG =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final long LANES_01 = 0x0001000100010001L;
    private static final long LANES_80 = 0x0080008000800080L;

    private byte[] buf;
    private int len;
    /** Set while {@link JsonPlan} records a plan from what the JSON renderer writes here. */
    JsonPlan.Recorder recorder;
    /** The last date {@link ValueText} wrote here (day number since 1970, and its text): times repeat days. */
    long lastDay = Long.MIN_VALUE;
    byte[] lastDate;

    /**
     * Whether any of four ASCII UTF-16 units (16-bit lanes, each below 0x80) is a control character or one of
     * {@code " & < > \}: the only ASCII characters any mode escapes (and NUL, where strings end).
     */
    private static boolean mayNeedEscaping(long x) {
        return ((x - 0x0020 * LANES_01) & ~x & LANES_80) != 0
                || hasZeroLane(x ^ ('"' * LANES_01)) || hasZeroLane(x ^ ('&' * LANES_01))
                || hasZeroLane(x ^ ('<' * LANES_01)) || hasZeroLane(x ^ ('>' * LANES_01))
                || hasZeroLane(x ^ ('\\' * LANES_01));
    }

    /** {@link #mayNeedEscaping} for JSON strings: control characters, {@code "} and {@code \\} only. */
    private static boolean mayNeedJsonEscaping(long x) {
        return ((x - 0x0020 * LANES_01) & ~x & LANES_80) != 0
                || hasZeroLane(x ^ ('"' * LANES_01)) || hasZeroLane(x ^ ('\\' * LANES_01));
    }

    /** Whether a lane is zero, for lanes below 0x80. */
    private static boolean hasZeroLane(long v) {
        return ((v - LANES_01) & ~v & LANES_80) != 0;
    }

    public Utf8Output() {
        this(8192);
    }

    public Utf8Output(int capacity) {
        buf = new byte[Math.max(16, capacity)];
    }

    public int size() {
        return len;
    }

    /** The internal array; valid up to {@link #size()}. */
    public byte[] array() {
        return buf;
    }

    public void reset() {
        len = 0;
    }

    /** Drops everything written after {@code mark} (a former {@link #size()}). */
    public void truncate(int mark) {
        len = mark;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, len);
    }

    @Override
    public String toString() {
        return new String(buf, 0, len, StandardCharsets.UTF_8);
    }

    public void writeTo(OutputStream out) throws IOException {
        out.write(buf, 0, len);
    }

    private void ensure(int extra) {
        if (len + extra > buf.length) {
            grow(extra);
        }
    }

    private void grow(int extra) {
        long want = Math.max((long) buf.length * 2, (long) len + extra);
        if (want > Integer.MAX_VALUE - 16) {
            throw new OutOfMemoryError("rendered record exceeds 2 GiB");
        }
        buf = Arrays.copyOf(buf, (int) want);
    }

    @Override
    public void write(int b) {
        if (len == buf.length) {
            grow(1);
        }
        buf[len++] = (byte) b;
    }

    @Override
    public void write(byte[] b) {
        write(b, 0, b.length);
    }

    @Override
    public void write(byte[] b, int off, int n) {
        ensure(n);
        System.arraycopy(b, off, buf, len, n);
        len += n;
    }

    /** Appends another buffer's content. */
    public void write(Utf8Output other) {
        write(other.buf, 0, other.len);
    }

    /** ASCII text known not to need escaping (markup, numbers, fixed words). */
    public void ascii(String s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            buf[len++] = (byte) s.charAt(i);
        }
    }

    public void spaces(int n) {
        ensure(n);
        Arrays.fill(buf, len, len + n, (byte) ' ');
        len += n;
    }

    private static final byte[] DIGIT_PAIRS = new byte[200];
    private static final long[] POWERS_OF_TEN = new long[19];
    /** Decimal digits of the smallest number with {@code i + 1} bits. */
    private static final byte[] DIGITS_FOR_BITS = new byte[64];

    static {
        for (int i = 0; i < 100; i++) {
            DIGIT_PAIRS[2 * i] = (byte) ('0' + i / 10);
            DIGIT_PAIRS[2 * i + 1] = (byte) ('0' + i % 10);
        }
        long p = 1;
        for (int i = 0; i < 19; i++) {
            POWERS_OF_TEN[i] = p;
            p *= 10;
        }
        for (int bits = 0; bits < 63; bits++) {
            DIGITS_FOR_BITS[bits] = (byte) Long.toString(1L << bits).length();
        }
        DIGITS_FOR_BITS[63] = 19;
    }

    public void decimal(long v) {
        if (v < 0) {
            if (v == Long.MIN_VALUE) {
                ascii("-9223372036854775808");
                return;
            }
            write('-');
            v = -v;
        }
        if (len + 20 > buf.length) {
            grow(20);
        }
        if (v < 10) {
            buf[len++] = (byte) ('0' + v);
            return;
        }
        // Digits from the bit length, then one comparison (as Long.stringSize does, without its loop).
        int digits = DIGITS_FOR_BITS[63 - Long.numberOfLeadingZeros(v)];
        if (digits < 19 && v >= POWERS_OF_TEN[digits]) {
            digits++;
        }
        int p = len + digits;
        byte[] b = buf;
        while (v > Integer.MAX_VALUE) {
            int pair = (int) (v % 100) * 2;
            v /= 100;
            b[--p] = DIGIT_PAIRS[pair + 1];
            b[--p] = DIGIT_PAIRS[pair];
        }
        // Most values (ids, process ids, sizes) fit an int, whose division by a constant is cheaper.
        int w = (int) v;
        while (w >= 100) {
            int pair = (w % 100) * 2;
            w /= 100;
            b[--p] = DIGIT_PAIRS[pair + 1];
            b[--p] = DIGIT_PAIRS[pair];
        }
        if (w >= 10) {
            int pair = w * 2;
            b[--p] = DIGIT_PAIRS[pair + 1];
            b[--p] = DIGIT_PAIRS[pair];
        } else {
            b[--p] = (byte) ('0' + w);
        }
        len += digits;
    }

    /** {@code v} read as unsigned 64-bit. */
    public void unsignedDecimal(long v) {
        if (v >= 0) {
            decimal(v);
        } else {
            ascii(Long.toUnsignedString(v));
        }
    }

    /** Exactly {@code width} decimal digits, zero-padded (dates and times). */
    public void digits(long v, int width) {
        ensure(width);
        for (int p = len + width - 1; p >= len; p--) {
            buf[p] = (byte) ('0' + (v % 10));
            v /= 10;
        }
        len += width;
    }

    /** Lower-case hexadecimal of the unsigned value, zero-padded to {@code minDigits}. */
    public void hexLower(long v, int minDigits) {
        int significant = v == 0 ? 1 : (67 - Long.numberOfLeadingZeros(v)) >> 2;
        int digits = Math.max(minDigits, significant);
        if (len + digits > buf.length) {
            grow(digits);
        }
        byte[] b = buf;
        int end = len + digits;
        for (int p = end - 1; p >= len; p--) {
            b[p] = HEX_LOWER[(int) v & 0xf];
            v >>>= 4;
        }
        len = end;
    }

    /** Upper-case hexadecimal, fixed width. */
    public void hexUpper(long v, int digits) {
        ensure(digits);
        byte[] b = buf;
        int start = len;
        for (int p = start + digits - 1; p >= start; p--) {
            b[p] = HEX_UPPER[(int) (v & 0xf)];
            v >>>= 4;
        }
        len = start + digits;
    }

    /** Per byte value {@code v}, its two upper-case hexadecimal digits at {@code 2v} and {@code 2v + 1}. */
    private static final byte[] HEX_PAIRS = new byte[512];

    static {
        for (int i = 0; i < 256; i++) {
            HEX_PAIRS[2 * i] = HEX_UPPER[i >> 4];
            HEX_PAIRS[2 * i + 1] = HEX_UPPER[i & 0xf];
        }
    }

    /** Bytes as upper-case hexadecimal pairs (Binary values). */
    public void hexBytes(byte[] src, int off, int n) {
        ensure(n * 2);
        byte[] b = buf;
        int o = len;
        for (int i = off, end = off + n; i < end; i++) {
            int pair = (src[i] & 0xff) << 1;
            b[o] = HEX_PAIRS[pair];
            b[o + 1] = HEX_PAIRS[pair + 1];
            o += 2;
        }
        len = o;
    }

    /** Bytes {@code [off, off + n)} from last to first as upper-case hexadecimal pairs (a little-endian integer). */
    public void hexBytesReversed(byte[] src, int off, int n) {
        ensure(n * 2);
        byte[] b = buf;
        int o = len;
        for (int i = off + n - 1; i >= off; i--) {
            int pair = (src[i] & 0xff) << 1;
            b[o] = HEX_PAIRS[pair];
            b[o + 1] = HEX_PAIRS[pair + 1];
            o += 2;
        }
        len = o;
    }

    /**
     * UTF-16LE code units {@code [off, off + byteLength)} of {@code src}, decoded to UTF-8 and escaped; stops at
     * the first NUL when {@code stopAtNul} (string values end there), and then returns true. Unpaired surrogates
     * become U+FFFD.
     */
    public boolean utf16(byte[] src, int off, int byteLength, Escaping escaping, boolean stopAtNul) {
        int end = off + (byteLength & ~1);
        int flag = flag(escaping);
        int mask = stopAtNul ? flag | NUL_FLAG : flag;
        boolean json = flag == JSON_FLAG;
        // Worst case 3 UTF-8 bytes per code unit, or a 6-byte escape for control characters.
        ensure((end - off) * 3 + 16);
        byte[] out = buf;
        int o = len;
        int i = off;
        while (i < end) {
            // Eight, then four code units at once when all are plain ASCII (no control, " & < > or \): most text
            // is. The reservation above leaves room for the 8-byte store of the packed lanes.
            while (i + 16 <= end) {
                long x = (long) LONG.get(src, i);
                long y = (long) LONG.get(src, i + 8);
                if (((x | y) & 0xff80ff80ff80ff80L) != 0
                        || (json ? mayNeedJsonEscaping(x) || mayNeedJsonEscaping(y) : mayNeedEscaping(x) || mayNeedEscaping(y))) {
                    break;
                }
                // Byte stores: a VarHandle store here was not always inlined (it showed as 9 % of a run).
                out[o] = (byte) x;
                out[o + 1] = (byte) (x >>> 16);
                out[o + 2] = (byte) (x >>> 32);
                out[o + 3] = (byte) (x >>> 48);
                out[o + 4] = (byte) y;
                out[o + 5] = (byte) (y >>> 16);
                out[o + 6] = (byte) (y >>> 32);
                out[o + 7] = (byte) (y >>> 48);
                o += 8;
                i += 16;
            }
            if (i == end) {
                break;
            }
            if (i + 8 <= end) {
                long x = (long) LONG.get(src, i);
                if ((x & 0xff80ff80ff80ff80L) == 0 && !(json ? mayNeedJsonEscaping(x) : mayNeedEscaping(x))) {
                    out[o] = (byte) x;
                    out[o + 1] = (byte) (x >>> 16);
                    out[o + 2] = (byte) (x >>> 32);
                    out[o + 3] = (byte) (x >>> 48);
                    o += 4;
                    i += 8;
                    continue;
                }
            }
            int c = (src[i] & 0xff) | (src[i + 1] & 0xff) << 8;
            i += 2;
            if (c < 0x80) {
                if ((SPECIAL[c] & mask) == 0) {
                    out[o++] = (byte) c;
                } else if (c == 0 && stopAtNul) {
                    len = o;
                    return true;
                } else if (flag == JSON_FLAG && (c == '\\' || c == '"')) {
                    // The frequent escapes (Windows paths, line breaks) inline: the reservation has room for them.
                    out[o++] = '\\';
                    out[o++] = (byte) c;
                } else if (flag == JSON_FLAG && (c == '\n' || c == '\r' || c == '\t')) {
                    out[o++] = '\\';
                    out[o++] = (byte) (c == '\n' ? 'n' : c == '\r' ? 'r' : 't');
                } else {
                    len = o;
                    escapeAscii(c, escaping);
                    ensure((end - i) * 3 + 16);
                    out = buf;
                    o = len;
                }
            } else if (c < 0x800) {
                out[o++] = (byte) (0xc0 | c >> 6);
                out[o++] = (byte) (0x80 | c & 0x3f);
            } else if (c >= 0xd800 && c <= 0xdfff) {
                int cp = 0xfffd;
                if (c <= 0xdbff && i < end) {
                    int d = (src[i] & 0xff) | (src[i + 1] & 0xff) << 8;
                    if (d >= 0xdc00 && d <= 0xdfff) {
                        cp = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
                        i += 2;
                    }
                }
                if (cp == 0xfffd) {
                    out[o++] = (byte) 0xef;
                    out[o++] = (byte) 0xbf;
                    out[o++] = (byte) 0xbd;
                } else {
                    // A pair yields 4 bytes from 4 input bytes: within the 3-per-unit reservation.
                    out[o++] = (byte) (0xf0 | cp >> 18);
                    out[o++] = (byte) (0x80 | (cp >> 12) & 0x3f);
                    out[o++] = (byte) (0x80 | (cp >> 6) & 0x3f);
                    out[o++] = (byte) (0x80 | cp & 0x3f);
                }
            } else {
                out[o++] = (byte) (0xe0 | c >> 12);
                out[o++] = (byte) (0x80 | (c >> 6) & 0x3f);
                out[o++] = (byte) (0x80 | c & 0x3f);
            }
        }
        len = o;
        return false;
    }

    /** A Java string, escaped. */
    public void text(String s, Escaping escaping) {
        int flag = flag(escaping);
        int n = s.length();
        ensure(n * 3 + 16);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                if ((SPECIAL[c] & flag) == 0) {
                    buf[len++] = (byte) c;
                } else {
                    escapeAscii(c, escaping);
                    ensure((n - i) * 3 + 16);
                }
            } else if (c < 0x800) {
                buf[len++] = (byte) (0xc0 | c >> 6);
                buf[len++] = (byte) (0x80 | c & 0x3f);
            } else if (Character.isSurrogate(c)) {
                int cp = 0xfffd;
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    cp = Character.toCodePoint(c, s.charAt(++i));
                }
                if (cp == 0xfffd) {
                    buf[len++] = (byte) 0xef;
                    buf[len++] = (byte) 0xbf;
                    buf[len++] = (byte) 0xbd;
                } else {
                    buf[len++] = (byte) (0xf0 | cp >> 18);
                    buf[len++] = (byte) (0x80 | (cp >> 12) & 0x3f);
                    buf[len++] = (byte) (0x80 | (cp >> 6) & 0x3f);
                    buf[len++] = (byte) (0x80 | cp & 0x3f);
                }
            } else {
                buf[len++] = (byte) (0xe0 | c >> 12);
                buf[len++] = (byte) (0x80 | (c >> 6) & 0x3f);
                buf[len++] = (byte) (0x80 | c & 0x3f);
            }
        }
    }

    /** Single-byte text in Windows-1252 (ANSI string values), escaped; stops at the first NUL. */
    public void ansi(byte[] src, int off, int n, Escaping escaping) {
        int end = off + n;
        int stop = off;
        while (stop < end && src[stop] != 0) {
            stop++;
        }
        text(new String(src, off, stop - off, WINDOWS_1252), escaping);
    }

    private static final java.nio.charset.Charset WINDOWS_1252 = windows1252();

    private static java.nio.charset.Charset windows1252() {
        try {
            return java.nio.charset.Charset.forName("windows-1252");
        } catch (RuntimeException e) {
            return StandardCharsets.ISO_8859_1;
        }
    }

    private static int flag(Escaping e) {
        switch (e) {
            case XML_TEXT:
                return XML_TEXT_FLAG;
            case XML_ATTRIBUTE:
                return XML_ATTR_FLAG;
            case JSON:
                return JSON_FLAG;
            default:
                return 0;
        }
    }

    private void escapeAscii(int c, Escaping escaping) {
        if (escaping == Escaping.JSON) {
            switch (c) {
                case '"': ascii("\\\""); return;
                case '\\': ascii("\\\\"); return;
                case '\n': ascii("\\n"); return;
                case '\r': ascii("\\r"); return;
                case '\t': ascii("\\t"); return;
                case '\b': ascii("\\b"); return;
                case '\f': ascii("\\f"); return;
                default:
                    ascii("\\u00");
                    hexLower(c, 2);
                    return;
            }
        }
        switch (c) {
            case '&': ascii("&amp;"); return;
            case '<': ascii("&lt;"); return;
            case '>': ascii("&gt;"); return;
            case '"': ascii("&quot;"); return;
            default:
                if (c < 0x20) {
                    // Kept, as a character reference rather than a raw control byte.
                    ascii("&#x");
                    hexLower(c, 1);
                    write(';');
                } else {
                    write(c);
                }
        }
    }
}
