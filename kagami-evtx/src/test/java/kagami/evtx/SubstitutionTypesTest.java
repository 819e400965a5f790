package kagami.evtx;

import static kagami.evtx.SyntheticEvtx.le;
import static kagami.evtx.SyntheticEvtx.utf16z;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import kagami.core.Event;

/**
 * Every substitution value type (libyal EVTX "Value types"), written into a synthetic record and read back as
 * XML (libevtx's renderings), JSON (the evtx crate's) and {@link Event} fields (typed values).
 */
class SubstitutionTypesTest {
    private static final long FILETIME = 131587674291368792L; // 2017-12-26T13:10:29.1368792Z

    /** type, value bytes, XML text, JSON value, Event field value. */
    private record Case(String name, int type, byte[] bytes, String xml, String json, Object field) {
    }

    private static final List<Case> CASES = new ArrayList<>();

    static {
        CASES.add(new Case("String", 0x01, utf16z("héllo \"x\" <y> & z"), "héllo \"x\" &lt;y&gt; &amp; z",
                "\"héllo \\\"x\\\" <y> & z\"", "héllo \"x\" <y> & z"));
        CASES.add(new Case("AnsiString", 0x02, "caf\u00e9\0".getBytes(java.nio.charset.Charset.forName("windows-1252")),
                "café", "\"café\"", "café"));
        CASES.add(new Case("Int8", 0x03, le(1, -5), "-5", "-5", -5L));
        CASES.add(new Case("UInt8", 0x04, le(1, 250), "250", "250", 250L));
        CASES.add(new Case("Int16", 0x05, le(2, -1234), "-1234", "-1234", -1234L));
        CASES.add(new Case("UInt16", 0x06, le(2, 65000), "65000", "65000", 65000L));
        CASES.add(new Case("Int32", 0x07, le(4, -123456), "-123456", "-123456", -123456L));
        CASES.add(new Case("UInt32", 0x08, le(4, 4_000_000_000L), "4000000000", "4000000000", 4_000_000_000L));
        CASES.add(new Case("Int64", 0x09, le(8, -1), "-1", "-1", -1L));
        CASES.add(new Case("UInt64", 0x0a, le(8, -1), "18446744073709551615", "18446744073709551615", "18446744073709551615"));
        CASES.add(new Case("Real32", 0x0b, le(4, Float.floatToIntBits(1.5f)), "1.500000e+000", "\"1.5\"", 1.5d));
        CASES.add(new Case("Real64", 0x0c, le(8, Double.doubleToLongBits(-0.25)), "-2.500000e-001", "\"-0.25\"", -0.25d));
        CASES.add(new Case("Bool", 0x0d, le(4, 1), "true", "true", Boolean.TRUE));
        CASES.add(new Case("Binary", 0x0e, new byte[] {0x01, (byte) 0xab, 0x00}, "01AB00", "\"01AB00\"", "01AB00"));
        CASES.add(new Case("Guid", 0x0f, new byte[] {(byte) 0xd5, 0x48, (byte) 0xf7, (byte) 0x94, 0x45, 0x4a, 0x42, 0x5a,
            0x00, 0x00, 0x00, 0x10, (byte) 0xd2, 0x65, (byte) 0xf2, 0x0f},
                "{94F748D5-4A45-5A42-0000-0010D265F20F}", "\"94F748D5-4A45-5A42-0000-0010D265F20F\"",
                "94F748D5-4A45-5A42-0000-0010D265F20F"));
        CASES.add(new Case("SizeT32", 0x10, le(4, 4660), "4660", "\"4660\"", "4660"));
        CASES.add(new Case("SizeT64", 0x10, le(8, 1L << 40), "1099511627776", "\"1099511627776\"", "1099511627776"));
        CASES.add(new Case("FileTime", 0x11, le(8, FILETIME), "2017-12-26T13:10:29.136879200Z",
                "\"2017-12-26T13:10:29.136879Z\"", "2017-12-26T13:10:29.136879Z"));
        CASES.add(new Case("SysTime", 0x12, systemtime(2019, 3, 5, 8, 23, 23, 5, 123), "2019-03-08T23:23:05.123Z",
                "\"2019-03-08T23:23:05.123000Z\"", "2019-03-08T23:23:05.123000Z"));
        CASES.add(new Case("Sid", 0x13, new byte[] {1, 4, 0, 0, 0, 0, 0, 5, 21, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0,
            (byte) 0xf4, 1, 0, 0}, "S-1-5-21-1-2-500", "\"S-1-5-21-1-2-500\"", "S-1-5-21-1-2-500"));
        CASES.add(new Case("HexInt32", 0x14, le(4, 0x2a), "0x0000002a", "\"0x2a\"", "0x2a"));
        CASES.add(new Case("HexInt64", 0x15, le(8, 0x3e7), "0x00000000000003e7", "\"0x3e7\"", "0x3e7"));
        CASES.add(new Case("EvtHandle", 0x20, le(8, 0x1234), "3412000000000000", "\"3412000000000000\"", "3412000000000000"));
        CASES.add(new Case("EvtXml", 0x23, new byte[] {0x0f, 0x01}, "0F01", "\"0F01\"", "0F01"));
        CASES.add(new Case("Int32Array", 0x87, concat(le(4, 1), le(4, -2)), "1|-2", "\"1,-2\"", "1,-2"));
        CASES.add(new Case("StringArray", 0x81, concat(utf16z("a"), utf16z(""), utf16z("c")), "a||c", "\"a,,c\"", "a,,c"));
        CASES.add(new Case("HexInt64Array", 0x95, concat(le(8, 1), le(8, 255)), "0x0000000000000001|0x00000000000000ff",
                "\"0x1,0xff\"", "0x1,0xff"));
        CASES.add(new Case("GuidArray", 0x8f, concat(new byte[16], new byte[16]),
                "{00000000-0000-0000-0000-000000000000}|{00000000-0000-0000-0000-000000000000}",
                "\"00000000-0000-0000-0000-000000000000,00000000-0000-0000-0000-000000000000\"",
                "00000000-0000-0000-0000-000000000000,00000000-0000-0000-0000-000000000000"));
        CASES.add(new Case("EmptyString", 0x01, utf16z(""), null, "\"\"", null));
        CASES.add(new Case("TrailingBlanks", 0x01, utf16z("cmd.exe  "), "cmd.exe  ", "\"cmd.exe\"", "cmd.exe"));
        CASES.add(new Case("Control", 0x01, utf16z("a\u0003b"), "a&#x3;b", "\"a\\u0003b\"", "a\u0003b"));
    }

    @TempDir
    static Path tmp;
    private static EvtxRecord record;

    @BeforeAll
    static void writeTheRecord() throws IOException {
        List<SyntheticEvtx.Slot> slots = new ArrayList<>();
        List<SyntheticEvtx.Value> values = new ArrayList<>();
        for (Case c : CASES) {
            slots.add(new SyntheticEvtx.Slot(c.name(), c.type(), false));
            values.add(new SyntheticEvtx.Value(c.type(), c.bytes()));
        }
        slots.add(new SyntheticEvtx.Slot("Absent", 0x01, true));
        values.add(new SyntheticEvtx.Value(0x00, new byte[0]));
        SyntheticEvtx.Chunk chunk = new SyntheticEvtx.Chunk().record(7, FILETIME, "types", slots, values);
        Path file = tmp.resolve("types.evtx");
        Files.write(file, SyntheticEvtx.file(chunk.finish()));
        List<EvtxRecord> records = TestData.records(file);
        assertThat(records).hasSize(1);
        record = records.get(0);
    }

    @Test
    void headerValuesComeFromTheRecordHeader() {
        assertThat(record.recordId()).isEqualTo(7);
        assertThat(record.timestamp()).hasToString("2017-12-26T13:10:29.136879200Z");
        assertThat(record.fileOffset()).isEqualTo(4096 + 512);
        assertThat(record.recovered()).isFalse();
    }

    @Test
    void everyTypeRendersInXmlAsLibevtxDoes() {
        String xml = record.toXml();
        for (Case c : CASES) {
            if (c.xml() == null) {
                assertThat(xml).as(c.name()).contains("<Data Name=\"" + c.name() + "\"/>");
                continue;
            }
            for (String item : c.xml().split("\\|", -1)) {
                String element = item.isEmpty() ? "<Data Name=\"" + c.name() + "\"/>"
                        : "<Data Name=\"" + c.name() + "\">" + item + "</Data>";
                assertThat(xml).as(c.name()).contains(element);
            }
        }
        assertThat(xml).as("an optional substitution of a NULL value drops its element").doesNotContain("Absent");
    }

    @Test
    void arraysRepeatTheirElementInXml() {
        String xml = record.toXml();
        assertThat(xml).contains("<Data Name=\"StringArray\">a</Data>\n    <Data Name=\"StringArray\"/>\n"
                + "    <Data Name=\"StringArray\">c</Data>");
    }

    @Test
    void everyTypeRendersInJsonAsTheEvtxCrateDoes() {
        String json = record.toJson(JsonStyle.NESTED_ATTRIBUTES);
        for (Case c : CASES) {
            assertThat(json).as(c.name()).contains("\"" + c.name() + "\":" + c.json());
        }
        assertThat(json).contains("\"Absent\":\"\"");
        assertThat(json).contains("\"EventRecordID\":7");
    }

    @Test
    void everyTypeBecomesATypedEventField() {
        Event e = record.toEvent();
        Map<String, Object> fields = e.fields();
        for (Case c : CASES) {
            assertThat(fields).as(c.name()).containsKey(c.name());
            assertThat(fields.get(c.name())).as(c.name()).isEqualTo(c.field());
        }
        assertThat(e.hasField("Absent")).isTrue();
        assertThat(e.fieldOrNull("Absent")).isNull();
        assertThat(e.recordId()).isEqualTo(7);
        assertThat(e.channel()).isEqualTo("Synthetic");
    }

    private static byte[] systemtime(int y, int mo, int dow, int d, int h, int mi, int s, int ms) {
        return concat(le(2, y), le(2, mo), le(2, dow), le(2, d), le(2, h), le(2, mi), le(2, s), le(2, ms));
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static String ascii(byte[] b) {
        return new String(b, StandardCharsets.US_ASCII);
    }
}
