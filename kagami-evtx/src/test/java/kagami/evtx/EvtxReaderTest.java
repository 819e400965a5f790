package kagami.evtx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading whole files: header, chunk count, order, exact values of real samples. */
class EvtxReaderTest {
    @TempDir
    Path tmp;

    @Test
    void readsPastTheHeadersLastChunk() throws IOException {
        // sysmon.evtx declares one chunk; nine hold records (libyal: "keep scanning for chunks after the last
        // chunk indicated by the file header").
        try (EvtxReader r = EvtxReader.open(TestData.edgeCase("sysmon.evtx"), EvtxOptions.defaults())) {
            assertThat(r.chunkCount()).isEqualTo(17);
            List<EvtxRecord> records = new ArrayList<>();
            r.forEach(records::add);
            assertThat(records).hasSize(358);
            assertThat(records.get(0).recordId()).isEqualTo(1742);
            assertThat(records.get(357).recordId()).isEqualTo(2099);
            assertThat(r.recordCount()).isEqualTo(358);
            assertThat(r.warningCount()).as("trailing unused space is not damage").isZero();
        }
    }

    @Test
    void givesExactValuesOfTheFirstSysmonRecord() {
        EvtxRecord first = TestData.records(TestData.edgeCase("sysmon.evtx")).get(0);
        assertThat(first.recordId()).isEqualTo(1742);
        assertThat(first.timestamp()).isEqualTo(Instant.parse("2017-12-26T13:10:29.136879200Z"));
        assertThat(first.fileOffset()).isEqualTo(4096 + 512);
        assertThat(first.recovered()).isFalse();
        assertThat(first.toXml()).contains("<Data Name=\"CommandLine\">ping  -n 6 127.0.0.1 </Data>",
                "<TimeCreated SystemTime=\"2017-12-26T13:10:29.136879200Z\"/>",
                "<Data Name=\"LogonId\">0x00000000000003e7</Data>");
        assertThat(first.toJson(JsonStyle.NESTED_ATTRIBUTES)).contains("\"CommandLine\":\"ping  -n 6 127.0.0.1\"",
                "\"LogonId\":\"0x3e7\"", "\"ProcessId\":9112", "\"Correlation\":null");
    }

    @Test
    void recordsComeInFileOrderWhateverTheThreads() {
        Path file = TestData.edgeCase("security.evtx");
        List<String> one = render(file, 1);
        assertThat(one).hasSize(2261);
        assertThat(render(file, 2)).isEqualTo(one);
        assertThat(render(file, 7)).isEqualTo(one);
    }

    @Test
    void iteratesAndMapsInTheSameOrder() throws IOException {
        Path file = TestData.edgeCase("system.evtx");
        List<Long> iterated = new ArrayList<>();
        List<Long> mapped = new ArrayList<>();
        try (EvtxReader r = EvtxReader.open(file, EvtxOptions.defaults().withThreads(3))) {
            for (EvtxRecord rec : r) {
                iterated.add(rec.recordId());
            }
            r.map(EvtxRecord::recordId, mapped::add);
        }
        assertThat(mapped).isEqualTo(iterated).hasSize(1881);
    }

    @Test
    void aFileWithoutTheSignatureIsNotEvtx() throws IOException {
        Path f = tmp.resolve("mail.eml");
        Files.writeString(f, "From: someone@example.com\n\nhello");
        assertThat(EvtxReader.hasSignature(f)).isFalse();
        assertThatThrownBy(() -> EvtxReader.open(f, EvtxOptions.defaults()))
                .isInstanceOfSatisfying(EvtxFormatException.class, e -> {
                    assertThat(e.reason()).isEqualTo(EvtxFormatException.Reason.NOT_EVTX);
                    assertThat(e.offset()).isZero();
                    assertThat(e.getMessage()).contains("mail.eml");
                });
    }

    @Test
    void aHeaderCutShortIsReported() throws IOException {
        Path f = tmp.resolve("short.evtx");
        Files.write(f, java.util.Arrays.copyOf(Files.readAllBytes(TestData.edgeCase("sysmon.evtx")), 1000));
        assertThat(EvtxReader.hasSignature(f)).isTrue();
        assertThatThrownBy(() -> EvtxReader.open(f, EvtxOptions.defaults()))
                .isInstanceOfSatisfying(EvtxFormatException.class, e -> {
                    assertThat(e.reason()).isEqualTo(EvtxFormatException.Reason.TRUNCATED_HEADER);
                    assertThat(e.offset()).isEqualTo(1000);
                });
    }

    @Test
    void aFileWithOnlyAHeaderHasNoRecords() throws IOException {
        Path f = tmp.resolve("empty.evtx");
        Files.write(f, SyntheticEvtx.file());
        assertThat(TestData.records(f)).isEmpty();
    }

    @Test
    void readsWithStringCacheBucketsDamaged() {
        // The chunk header's name hash table is corrupt in this sample; names are followed by offset instead.
        List<EvtxRecord> records = TestData.records(TestData.edgeCase("security_bad_string_cache.evtx"));
        assertThat(records).hasSize(2261);
        List<EvtxRecord> clean = TestData.records(TestData.edgeCase("security.evtx"));
        assertThat(records.get(100).toXml()).isEqualTo(clean.get(100).toXml());
    }

    @Test
    void readsForwardedEventsWithoutDependencyIdentifiers() {
        // WEC logs store plain element trees whose element starts lack the dependency identifier; both Debian
        // oracles give up on this file.
        List<EvtxRecord> records = TestData.records(TestData.edgeCase("MSExchange_Management_wec.evtx"));
        assertThat(records).hasSize(1);
        assertThat(records.get(0).toXml()).contains("<Provider Name=\"MSExchange CmdletLogs\"/>",
                "<EventID Qualifiers=\"16384\">1</EventID>", "<Data>Set-Mailbox</Data>");
        assertThat(records.get(0).toEvent().recordId()).isEqualTo(3229);
    }

    private static List<String> render(Path file, int threads) {
        List<String> out = new ArrayList<>();
        for (EvtxRecord r : TestData.records(file, EvtxOptions.defaults().withThreads(threads))) {
            out.add(r.toJson(JsonStyle.SEPARATE_ATTRIBUTES));
        }
        return out;
    }
}
