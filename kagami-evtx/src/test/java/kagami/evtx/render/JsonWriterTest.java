package kagami.evtx.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import kagami.evtx.binxml.ValueType;
import kagami.evtx.render.Utf8Output.Escaping;
import kagami.evtx.render.ValueText.Dialect;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The per-type JSON writers that plans replay write exactly what {@link ValueText#write} writes for the type they
 * were chosen for, on any bytes: random values of every type (and arrays), sizes that fit or not, and strings
 * with trailing white space, NULs inside and after the text, escapes and non-ASCII characters.
 */
class JsonWriterTest {
    private static final int[] TYPES = {
        ValueType.NULL, ValueType.STRING, ValueType.ANSI_STRING, ValueType.INT8, ValueType.UINT8, ValueType.INT16,
        ValueType.UINT16, ValueType.INT32, ValueType.UINT32, ValueType.INT64, ValueType.UINT64, ValueType.REAL32,
        ValueType.REAL64, ValueType.BOOL, ValueType.BINARY, ValueType.GUID, ValueType.SIZE_T, ValueType.FILETIME,
        ValueType.SYSTEMTIME, ValueType.SID, ValueType.HEX_INT32, ValueType.HEX_INT64, ValueType.EVT_HANDLE,
        ValueType.EVT_XML, ValueType.STRING | ValueType.ARRAY, ValueType.UINT16 | ValueType.ARRAY,
        ValueType.SID | ValueType.ARRAY,
    };

    private final Utf8Output expected = new Utf8Output(1);
    private final Utf8Output actual = new Utf8Output(1);

    @Provide
    Arbitrary<byte[]> values() {
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(64);
        // FILETIMEs of a few days in 2017-2026 and before 1970, so that dates repeat and change.
        Arbitrary<byte[]> times = Arbitraries.longs().between(-3, 3).flatMap(day -> Arbitraries.longs()
                .between(0, 864_000_000_000L).map(t -> {
                    long filetime = (day < 0 ? 100_000_000_000_000_000L : 131_000_000_000_000_000L)
                            + Math.abs(day) * 864_000_000_000L + t;
                    byte[] b = new byte[8];
                    for (int i = 0; i < 8; i++) {
                        b[i] = (byte) (filetime >>> (8 * i));
                    }
                    return b;
                }));
        Arbitrary<byte[]> strings = Arbitraries.strings()
                .withChars("ab C:\\\"\t\n\u0000\u3000\u00a0é漢\ud83d\ude00\ud800 ").ofMaxLength(40)
                .map(s -> s.getBytes(StandardCharsets.UTF_16LE));
        return Arbitraries.oneOf(random, strings, times);
    }

    @Property(tries = 4000)
    void everyWriterWritesWhatValueTextWrites(@ForAll("values") byte[] value, @ForAll("typeIndex") int t,
            @ForAll boolean oddOffset) {
        int type = TYPES[t];
        byte[] d = new byte[value.length + 3];
        int off = oddOffset ? 3 : 0;
        System.arraycopy(value, 0, d, off, value.length);
        // The buffers live across tries, as in a run: the last-day cache of FILETIME dates is hit and missed.
        expected.reset();
        ValueText.write(expected, d, off, value.length, type, Dialect.JSON, Escaping.JSON);
        actual.reset();
        ValueText.JsonWriter.of(type, value.length >= ValueType.fixedSize(type)).write(actual, d, off, value.length);
        assertThat(actual.toByteArray()).isEqualTo(expected.toByteArray());
    }

    @Provide
    Arbitrary<Integer> typeIndex() {
        return Arbitraries.integers().between(0, TYPES.length - 1);
    }
}
