package kagami.evtx.render;

import static kagami.evtx.binxml.ValueType.ANSI_STRING;
import static kagami.evtx.binxml.ValueType.ARRAY;
import static kagami.evtx.binxml.ValueType.BINARY;
import static kagami.evtx.binxml.ValueType.BINXML;
import static kagami.evtx.binxml.ValueType.BOOL;
import static kagami.evtx.binxml.ValueType.EVT_HANDLE;
import static kagami.evtx.binxml.ValueType.EVT_XML;
import static kagami.evtx.binxml.ValueType.FILETIME;
import static kagami.evtx.binxml.ValueType.GUID;
import static kagami.evtx.binxml.ValueType.HEX_INT32;
import static kagami.evtx.binxml.ValueType.HEX_INT64;
import static kagami.evtx.binxml.ValueType.INT16;
import static kagami.evtx.binxml.ValueType.INT32;
import static kagami.evtx.binxml.ValueType.INT64;
import static kagami.evtx.binxml.ValueType.INT8;
import static kagami.evtx.binxml.ValueType.NULL;
import static kagami.evtx.binxml.ValueType.REAL32;
import static kagami.evtx.binxml.ValueType.REAL64;
import static kagami.evtx.binxml.ValueType.SID;
import static kagami.evtx.binxml.ValueType.SIZE_T;
import static kagami.evtx.binxml.ValueType.STRING;
import static kagami.evtx.binxml.ValueType.SYSTEMTIME;
import static kagami.evtx.binxml.ValueType.UINT16;
import static kagami.evtx.binxml.ValueType.UINT32;
import static kagami.evtx.binxml.ValueType.UINT64;
import static kagami.evtx.binxml.ValueType.UINT8;

import kagami.evtx.binxml.LittleEndian;
import kagami.evtx.binxml.ValueType;
import kagami.evtx.render.Utf8Output.Escaping;

/**
 * The text of a substitution value, straight from the chunk bytes, in the two dialects Kagami writes:
 * <ul>
 *   <li>{@link Dialect#XML}: as Windows and libevtx render event XML — GUIDs in braces, hexadecimal integers
 *       zero-padded ({@code 0x00000000000003e7}), FILETIMEs with 100 ns precision;</li>
 *   <li>{@link Dialect#JSON}: as the evtx crate's JSON — GUIDs without braces, {@code 0x3e7}, times to the
 *       microsecond, arrays joined by commas, string values without trailing whitespace (evtx 0.8.5 and
 *       later trim it — evtx issue #249 — and SigmaHQ's regression data, hence rule expectations, were made
 *       that way).</li>
 * </ul>
 * A value whose size does not fit its type (a damaged record) is written as hexadecimal bytes, so nothing is
 * read outside the value.
 */
public final class ValueText {
    /** Output dialect. */
    public enum Dialect { XML, JSON }

    /** 100 ns intervals from 1601-01-01 to 1970-01-01. */
    static final long FILETIME_UNIX_EPOCH = 116_444_736_000_000_000L;

    private ValueText() {
    }

    /** Whether the JSON dialect writes this type as a bare JSON number or boolean. */
    public static boolean isJsonNumber(int type) {
        switch (type) {
            case INT8: case UINT8: case INT16: case UINT16: case INT32: case UINT32: case INT64: case UINT64: case BOOL:
                return true;
            default:
                return false;
        }
    }

    /** Writes the value's text (for JSON: the content of a string, or the bare number when {@link #isJsonNumber}). */
    public static void write(Utf8Output out, byte[] d, int off, int size, int type, Dialect dialect, Escaping escaping) {
        if ((type & ARRAY) != 0) {
            writeArray(out, d, off, size, type & 0x7f, dialect, escaping);
            return;
        }
        switch (type) {
            case NULL:
                return;
            case STRING:
                if (dialect == Dialect.JSON && escaping == Escaping.JSON) {
                    jsonString(out, d, off, size);
                } else {
                    out.utf16(d, off, dialect == Dialect.JSON ? trimmedLength(d, off, size) : size, escaping, true);
                }
                return;
            case ANSI_STRING:
                out.ansi(d, off, size, escaping);
                return;
            case EVT_XML:
            case EVT_HANDLE:
            case BINXML:
            case BINARY:
                out.hexBytes(d, off, size);
                return;
            case SID:
                sid(out, d, off, size);
                return;
            case SIZE_T:
                if (size == 4) {
                    sizeT(out, LittleEndian.u32(d, off), 8, dialect);
                } else if (size == 8) {
                    sizeT(out, LittleEndian.i64(d, off), 16, dialect);
                } else {
                    out.hexBytes(d, off, size);
                }
                return;
            default:
                int need = ValueType.fixedSize(type);
                if (need == 0 || size < need) {
                    out.hexBytes(d, off, size);
                    return;
                }
                // The fixed-size types, written here rather than through scalar(): this method is meant to stay
                // too large for the JIT to inline, so its many call sites share one compiled copy.
                switch (type) {
                    case INT8: out.decimal(d[off]); return;
                    case UINT8: out.decimal(d[off] & 0xff); return;
                    case INT16: out.decimal(LittleEndian.i16(d, off)); return;
                    case UINT16: out.decimal(LittleEndian.u16(d, off)); return;
                    case INT32: out.decimal(LittleEndian.i32(d, off)); return;
                    case UINT32: out.decimal(LittleEndian.u32(d, off)); return;
                    case INT64: out.decimal(LittleEndian.i64(d, off)); return;
                    case UINT64: out.unsignedDecimal(LittleEndian.i64(d, off)); return;
                    case BOOL: out.ascii(LittleEndian.i32(d, off) != 0 ? "true" : "false"); return;
                    case GUID: guid(out, d, off, dialect == Dialect.XML); return;
                    case FILETIME: filetime(out, LittleEndian.i64(d, off), dialect == Dialect.XML ? 9 : 6); return;
                    case HEX_INT32:
                        hex(out, LittleEndian.u32(d, off), dialect == Dialect.XML ? 8 : 1);
                        return;
                    case HEX_INT64:
                        hex(out, LittleEndian.i64(d, off), dialect == Dialect.XML ? 16 : 1);
                        return;
                    default:
                        scalar(out, d, off, type, dialect);
                }
        }
    }

    /**
     * Writes one value in the JSON dialect with JSON escaping, exactly as {@link #write} does for the type it was
     * chosen for. {@link JsonPlan}s pick one per value when they are recorded, so replaying a plan calls a small
     * method per value instead of {@link #write}'s large switch: the switch is compiled with the types seen so
     * far, and each type first seen later (a log of another kind further into the input) sent it back to the
     * compiler — up to seven recompilations of the whole method in one 1 GiB run, a second of compiler time. Each
     * writer is a lambda of its own (a class of its own), so the call in replay stays a plain virtual call.
     */
    @FunctionalInterface
    interface JsonWriter {
        void write(Utf8Output out, byte[] d, int off, int size);

        /** The writer for values of {@code type} whose size is at least the type's ({@code fits}) or not. */
        static JsonWriter of(int type, boolean fits) {
            if (!fits || (type & ARRAY) != 0) {
                return GENERIC[type & 0xff];
            }
            switch (type) {
                case STRING: return ValueText::jsonString;
                case UINT8: return (out, d, off, size) -> out.decimal(d[off] & 0xff);
                case UINT16: return (out, d, off, size) -> out.decimal(LittleEndian.u16(d, off));
                case INT32: return (out, d, off, size) -> out.decimal(LittleEndian.i32(d, off));
                case UINT32: return (out, d, off, size) -> out.decimal(LittleEndian.u32(d, off));
                case UINT64: return (out, d, off, size) -> out.unsignedDecimal(LittleEndian.i64(d, off));
                case HEX_INT32: return (out, d, off, size) -> hex(out, LittleEndian.u32(d, off), 1);
                case HEX_INT64: return (out, d, off, size) -> hex(out, LittleEndian.i64(d, off), 1);
                case FILETIME: return (out, d, off, size) -> filetime(out, LittleEndian.i64(d, off), 6);
                case GUID: return (out, d, off, size) -> guid(out, d, off, false);
                case SID: return ValueText::sid;
                default: return GENERIC[type & 0xff];
            }
        }
    }

    /** One generic writer per type byte (through {@link #write}), shared by all plans. */
    private static final JsonWriter[] GENERIC = new JsonWriter[256];

    static {
        for (int t = 0; t < GENERIC.length; t++) {
            int type = t;
            GENERIC[t] = (out, d, off, size) -> write(out, d, off, size, type, Dialect.JSON, Escaping.JSON);
        }
    }

    /**
     * A string value in the JSON dialect: up to its first NUL, without trailing white space ({@link #trimmedLength})
     * — but without that method's first pass over the string: trailing NULs and white space are dropped from the
     * end, and only if the writer still meets a NUL (one inside the string, rare) is the value written again the
     * long way.
     */
    static void jsonString(Utf8Output out, byte[] d, int off, int size) {
        int end = off + (size & ~1);
        while (end > off) {
            int c = (d[end - 2] & 0xff) | (d[end - 1] & 0xff) << 8;
            if (c != 0 && !isWhiteSpace(c)) {
                break;
            }
            end -= 2;
        }
        int mark = out.size();
        if (out.utf16(d, off, end - off, Escaping.JSON, true)) {
            out.truncate(mark);
            out.utf16(d, off, trimmedLength(d, off, size), Escaping.JSON, true);
        }
    }

    /** {@code 0x} and lower-case hexadecimal, at least {@code digits} digits (HexInt32/64). */
    private static void hex(Utf8Output out, long v, int digits) {
        out.ascii("0x");
        out.hexLower(v, digits);
    }

    /** size_t: decimal in both dialects (what libevtx and the evtx crate write). */
    private static void sizeT(Utf8Output out, long v, int digits, Dialect dialect) {
        out.unsignedDecimal(v);
    }

    /** One fixed-size value; the caller has checked that its bytes are there. */
    private static void scalar(Utf8Output out, byte[] d, int off, int type, Dialect dialect) {
        switch (type) {
            case INT8: out.decimal(d[off]); return;
            case UINT8: out.decimal(d[off] & 0xff); return;
            case INT16: out.decimal(LittleEndian.i16(d, off)); return;
            case UINT16: out.decimal(LittleEndian.u16(d, off)); return;
            case INT32: out.decimal(LittleEndian.i32(d, off)); return;
            case UINT32: out.decimal(LittleEndian.u32(d, off)); return;
            case INT64: out.decimal(LittleEndian.i64(d, off)); return;
            case UINT64: out.unsignedDecimal(LittleEndian.i64(d, off)); return;
            case REAL32: real(out, Float.intBitsToFloat(LittleEndian.i32(d, off)), true, dialect); return;
            case REAL64: real(out, Double.longBitsToDouble(LittleEndian.i64(d, off)), false, dialect); return;
            case BOOL: out.ascii(LittleEndian.i32(d, off) != 0 ? "true" : "false"); return;
            case GUID: guid(out, d, off, dialect == Dialect.XML); return;
            case FILETIME: filetime(out, LittleEndian.i64(d, off), dialect == Dialect.XML ? 9 : 6); return;
            case SYSTEMTIME: systemtime(out, d, off, dialect == Dialect.XML ? 3 : 6); return;
            case HEX_INT32:
                hex(out, LittleEndian.u32(d, off), dialect == Dialect.XML ? 8 : 1);
                return;
            case HEX_INT64:
                hex(out, LittleEndian.i64(d, off), dialect == Dialect.XML ? 16 : 1);
                return;
            default:
                out.hexBytes(d, off, ValueType.fixedSize(type));
        }
    }

    private static void writeArray(Utf8Output out, byte[] d, int off, int size, int base, Dialect dialect, Escaping escaping) {
        int end = off + size;
        boolean first = true;
        if (base == STRING) {
            // Array of NUL-terminated UTF-16 strings (libyal: "the end-of-string character is used as a separator").
            int start = off;
            for (int p = off; p + 1 < end; p += 2) {
                if (d[p] == 0 && d[p + 1] == 0) {
                    if (!first) {
                        out.write(',');
                    }
                    first = false;
                    out.utf16(d, start, dialect == Dialect.JSON ? trimmedLength(d, start, p - start) : p - start,
                            escaping, false);
                    start = p + 2;
                }
            }
            if (start + 1 < end) {
                if (!first) {
                    out.write(',');
                }
                out.utf16(d, start, dialect == Dialect.JSON ? trimmedLength(d, start, end - start) : end - start,
                        escaping, true);
            }
            return;
        }
        if (base == ANSI_STRING) {
            int start = off;
            for (int p = off; p < end; p++) {
                if (d[p] == 0) {
                    if (!first) {
                        out.write(',');
                    }
                    first = false;
                    out.ansi(d, start, p - start, escaping);
                    start = p + 1;
                }
            }
            if (start < end) {
                if (!first) {
                    out.write(',');
                }
                out.ansi(d, start, end - start, escaping);
            }
            return;
        }
        if (base == SID) {
            int p = off;
            while (p + 8 <= end) {
                int n = 8 + 4 * (d[p + 1] & 0xff);
                if (p + n > end) {
                    break;
                }
                if (!first) {
                    out.write(',');
                }
                first = false;
                sid(out, d, p, n);
                p += n;
            }
            return;
        }
        int item = base == SIZE_T ? (size % 8 == 0 ? 8 : 4) : ValueType.fixedSize(base);
        if (item == 0) {
            out.hexBytes(d, off, size);
            return;
        }
        for (int p = off; p + item <= end; p += item) {
            if (!first) {
                out.write(',');
            }
            first = false;
            if (base == SIZE_T) {
                sizeT(out, item == 8 ? LittleEndian.i64(d, p) : LittleEndian.u32(d, p), item * 2, dialect);
            } else {
                scalar(out, d, p, base, dialect);
            }
        }
    }

    /**
     * Byte length of a UTF-16LE string value up to its first NUL, without trailing white space (Unicode
     * White_Space, as Rust's {@code trim_end}).
     */
    static int trimmedLength(byte[] d, int off, int size) {
        int end = off + (size & ~1);
        int stop = off;
        while (stop < end && (d[stop] | d[stop + 1]) != 0) {
            stop += 2;
        }
        while (stop > off && isWhiteSpace((d[stop - 2] & 0xff) | (d[stop - 1] & 0xff) << 8)) {
            stop -= 2;
        }
        return stop - off;
    }

    /** Unicode White_Space. */
    static boolean isWhiteSpace(int c) {
        return c == ' ' || (c >= 0x09 && c <= 0x0d) || c == 0x85 || c == 0xa0 || c == 0x1680
                || (c >= 0x2000 && c <= 0x200a) || c == 0x2028 || c == 0x2029 || c == 0x202f || c == 0x205f
                || c == 0x3000;
    }

    /** GUID (MS-DTYP 2.3.4.2): Data1, Data2, Data3 little-endian, Data4 as bytes; upper case. */
    static void guid(Utf8Output out, byte[] d, int off, boolean braces) {
        if (braces) {
            out.write('{');
        }
        // Data1..3 are little-endian integers printed most significant digit first: their bytes in reverse.
        out.hexBytesReversed(d, off, 4);
        out.write('-');
        out.hexBytesReversed(d, off + 4, 2);
        out.write('-');
        out.hexBytesReversed(d, off + 6, 2);
        out.write('-');
        out.hexBytes(d, off + 8, 2);
        out.write('-');
        out.hexBytes(d, off + 10, 6);
        if (braces) {
            out.write('}');
        }
    }

    /** SID (MS-DTYP 2.4.2): revision, sub-authority count, 48-bit big-endian authority, sub-authorities. */
    static void sid(Utf8Output out, byte[] d, int off, int size) {
        if (size < 8 || 8 + 4 * (d[off + 1] & 0xff) > size) {
            out.hexBytes(d, off, size);
            return;
        }
        int count = d[off + 1] & 0xff;
        long authority = 0;
        for (int i = 2; i < 8; i++) {
            authority = authority << 8 | (d[off + i] & 0xff);
        }
        out.ascii("S-");
        out.decimal(d[off] & 0xff);
        out.write('-');
        if (authority >= 1L << 32) {
            out.ascii("0x");
            out.hexUpper(authority, 12);
        } else {
            out.decimal(authority);
        }
        for (int i = 0; i < count; i++) {
            out.write('-');
            out.decimal(LittleEndian.u32(d, off + 8 + 4 * i));
        }
    }

    /**
     * FILETIME (100 ns since 1601-01-01 UTC) as ISO-8601 with {@code fraction} digits (9 = 100 ns precision
     * padded with {@code 00}, as Windows renders; 6 = microseconds, as the evtx crate) and {@code Z}.
     */
    public static void filetime(Utf8Output out, long filetime, int fraction) {
        long ticks = filetime - FILETIME_UNIX_EPOCH;
        long seconds = floorDiv(ticks, 10_000_000L);
        long ticksOfSecond = ticks - seconds * 10_000_000L;
        if (filetime < 0) {
            // Unsigned FILETIME beyond 2^63 (only in damaged data): keep arithmetic sane.
            seconds = Long.divideUnsigned(filetime, 10_000_000L) - FILETIME_UNIX_EPOCH / 10_000_000L;
            ticksOfSecond = Long.remainderUnsigned(filetime, 10_000_000L);
        }
        dateTime(out, seconds);
        out.write('.');
        if (fraction == 9) {
            out.digits(ticksOfSecond, 7);
            out.ascii("00");
        } else {
            out.digits(ticksOfSecond / 10, 6);
        }
        out.write('Z');
    }

    /**
     * {@link Math#floorDiv} for a positive constant divisor: every real event time is after 1970, and there a plain
     * division, which the compiler turns into a multiplication once this is inlined, gives the same quotient.
     */
    private static long floorDiv(long x, long divisor) {
        return x >= 0 ? x / divisor : Math.floorDiv(x, divisor);
    }

    /**
     * SYSTEMTIME (MS-DTYP 2.3.13): eight little-endian 16-bit fields, written as stored; milliseconds (XML, as
     * libevtx) or microseconds (JSON, as the evtx crate).
     */
    static void systemtime(Utf8Output out, byte[] d, int off, int fraction) {
        out.digits(LittleEndian.u16(d, off), 4);
        out.write('-');
        out.digits(LittleEndian.u16(d, off + 2), 2);
        out.write('-');
        out.digits(LittleEndian.u16(d, off + 6), 2);
        out.write('T');
        out.digits(LittleEndian.u16(d, off + 8), 2);
        out.write(':');
        out.digits(LittleEndian.u16(d, off + 10), 2);
        out.write(':');
        out.digits(LittleEndian.u16(d, off + 12), 2);
        out.write('.');
        out.digits(LittleEndian.u16(d, off + 14) % 1000, 3);
        out.digits(0, fraction - 3);
        out.write('Z');
    }

    /** {@code yyyy-MM-ddTHH:mm:ss} for seconds since the Unix epoch (proleptic Gregorian, UTC). */
    static void dateTime(Utf8Output out, long epochSecond) {
        long days = floorDiv(epochSecond, 86_400L);
        long secs = epochSecond - days * 86_400L;
        // The records of a log are mostly of one day: its date is written once and then copied.
        if (days == out.lastDay) {
            out.write(out.lastDate, 0, out.lastDate.length);
        } else {
            int mark = out.size();
            date(out, days);
            out.lastDate = java.util.Arrays.copyOfRange(out.array(), mark, out.size());
            out.lastDay = days;
        }
        out.write('T');
        int s = (int) secs;
        out.digits(s / 3600, 2);
        out.write(':');
        out.digits(s / 60 % 60, 2);
        out.write(':');
        out.digits(s % 60, 2);
    }

    /** {@code yyyy-MM-dd} of a day count since the Unix epoch (proleptic Gregorian). */
    private static void date(Utf8Output out, long days) {
        // Civil date from day count (H. Hinnant, "chrono-Compatible Low-Level Date Algorithms").
        long z = days + 719_468;
        long era = (z >= 0 ? z : z - 146_096) / 146_097;
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long y = yoe + era * 400;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        long d = doy - (153 * mp + 2) / 5 + 1;
        long m = mp < 10 ? mp + 3 : mp - 9;
        if (m <= 2) {
            y++;
        }
        if (y >= 0 && y <= 9999) {
            out.digits(y, 4);
        } else {
            out.decimal(y);
        }
        out.write('-');
        out.digits(m, 2);
        out.write('-');
        out.digits(d, 2);
    }

    /**
     * Floating point. XML as libevtx (the XML oracle) renders it, checked live against {@code evtxexport}
     * ({@code FloatOracleTest}): C's {@code %.6e} with an exponent of at least three digits ({@code 1.500000e+000},
     * {@code -2.500000e-001}), correctly rounded from the exact binary value; a REAL32 is widened to double first, as
     * there; {@code NaN}, {@code Inf} and {@code -Inf} (libevtx 20181227 writes {@code Inf} for both infinities,
     * garbles some values below 1e-299 ({@code :.000000e-301}) and rounds exact ties either way; Kagami keeps the
     * sign and the digits and rounds ties to even). JSON: the shortest round-trip form.
     */
    private static void real(Utf8Output out, double v, boolean single, Dialect dialect) {
        if (Double.isNaN(v)) {
            out.ascii("NaN");
            return;
        }
        if (Double.isInfinite(v)) {
            out.ascii(dialect == Dialect.XML ? (v > 0 ? "Inf" : "-Inf") : (v > 0 ? "inf" : "-inf"));
            return;
        }
        out.ascii(dialect == Dialect.XML ? scientific(v) : shortest(v, single));
    }

    /** {@code %.6e} with a three-digit exponent, rounded half-even from the exact value (as glibc's printf). */
    static String scientific(double v) {
        StringBuilder b = new StringBuilder(16);
        if (v < 0 || (v == 0 && 1 / v < 0)) {
            b.append('-');
        }
        if (v == 0) {
            return b.append("0.000000e+000").toString();
        }
        java.math.BigDecimal rounded = new java.math.BigDecimal(Math.abs(v))
                .round(new java.math.MathContext(7, java.math.RoundingMode.HALF_EVEN));
        String digits = rounded.unscaledValue().toString();
        int exponent = digits.length() - 1 - rounded.scale();
        while (digits.length() < 7) {
            digits += "0";
        }
        b.append(digits.charAt(0)).append('.').append(digits, 1, 7).append('e').append(exponent < 0 ? '-' : '+');
        String e = Integer.toString(Math.abs(exponent));
        for (int i = e.length(); i < 3; i++) {
            b.append('0');
        }
        return b.append(e).toString();
    }

    /** Shortest decimal that reads back as the same float/double, in plain notation where reasonable. */
    static String shortest(double v, boolean single) {
        String s = single ? Float.toString((float) v) : Double.toString(v);
        int e = s.indexOf('E');
        if (e < 0) {
            return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
        }
        String mantissa = s.substring(0, e);
        if (mantissa.endsWith(".0")) {
            mantissa = mantissa.substring(0, mantissa.length() - 2);
        }
        return mantissa + "e" + s.substring(e + 1);
    }
}
