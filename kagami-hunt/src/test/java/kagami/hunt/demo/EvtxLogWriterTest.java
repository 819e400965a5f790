package kagami.hunt.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import kagami.core.Event;
import kagami.core.WindowsEventJson;
import kagami.evtx.EvtxOptions;
import kagami.evtx.EvtxReader;
import kagami.evtx.EvtxRecord;
import kagami.evtx.EvtxWarning;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo data set written as EVTX and read back with kagami-evtx's reader gives the same events as its JSON
 * rendition, in valid files (every checksum verified).
 */
class EvtxLogWriterTest {
    @TempDir
    static Path dir;
    static DemoManifest json;
    static DemoManifest evtx;

    @BeforeAll
    static void writeBoth() throws IOException {
        json = DemoDataSet.write(dir.resolve("json"), dir.resolve("json.manifest.json"), DemoDataSet.DEFAULT_SEED,
                LogFormat.JSONL);
        evtx = DemoDataSet.write(dir.resolve("evtx"), dir.resolve("evtx.manifest.json"), DemoDataSet.DEFAULT_SEED,
                LogFormat.EVTX);
    }

    @Test
    void theSameSeedGivesTheSameFilesAndStepsInBothFormats() {
        assertThat(evtx.files()).extracting(f -> f.path().replace(".evtx", ".jsonl"))
                .containsExactlyElementsOf(json.files().stream().map(DemoManifest.LogFile::path).toList());
        assertThat(evtx.steps()).extracting(DemoManifest.AttackStep::id)
                .containsExactlyElementsOf(json.steps().stream().map(DemoManifest.AttackStep::id).toList());
        assertThat(evtx.totalEvents()).isEqualTo(json.totalEvents());
    }

    @Test
    void everyEventReadsBackAsItsJsonRendition() throws IOException {
        int compared = 0;
        int multiChunk = 0;
        for (int i = 0; i < json.files().size(); i++) {
            Path jsonFile = dir.resolve("json").resolve(json.files().get(i).path());
            Path evtxFile = dir.resolve("evtx").resolve(evtx.files().get(i).path());
            List<Event> expected;
            try (InputStream in = Files.newInputStream(jsonFile)) {
                expected = WindowsEventJson.readAll(in, jsonFile.toString());
            }
            List<Event> actual = new ArrayList<>();
            List<EvtxWarning> warnings = new ArrayList<>();
            try (EvtxReader r = EvtxReader.open(evtxFile, EvtxOptions.defaults().withThreads(1)
                    .withValidateChecksums(true).withWarnings(warnings::add))) {
                for (EvtxRecord rec : r) {
                    actual.add(rec.toEvent());
                }
                multiChunk += r.chunkCount() > 1 ? 1 : 0;
            }
            assertThat(warnings).as(evtxFile.toString()).isEmpty();
            assertThat(actual).as(evtxFile.toString()).hasSameSizeAs(expected);
            for (int k = 0; k < expected.size(); k++) {
                Event e = expected.get(k);
                Event a = actual.get(k);
                assertThat(header(a)).isEqualTo(header(e));
                assertThat(a.fields()).as(evtxFile + " record " + e.recordId()).isEqualTo(emptyAsNull(e.fields()));
                compared++;
            }
        }
        assertThat(compared).isEqualTo(json.totalEvents());
        assertThat(multiChunk).as("files spanning several chunks").isPositive();
    }

    @Test
    void aRecordTooLargeForAChunkIsAnErrorNotACorruptFile() {
        Map<String, Object> system = new HashMap<>();
        system.put("EventID", 1);
        Map<String, Object> data = new HashMap<>();
        data.put("CommandLine", "x".repeat(40_000));
        Map<String, Object> doc = Map.of("Event", Map.of("System", system, "EventData", data));
        Path out = dir.resolve("too-big.evtx");
        assertThatThrownBy(() -> EvtxLogWriter.write(out, List.of(new EvtxLogWriter.Entry(1, Instant.EPOCH, doc))))
                .isInstanceOf(IOException.class).hasMessageContaining("does not fit");
    }

    private static String header(Event e) {
        return e.timestamp() + "|" + e.host() + "|" + e.channel() + "|" + e.provider() + "|" + e.eventId() + "|"
                + e.recordId();
    }

    /**
     * The EVTX reader gives an element without text as present-without-value (null), where the JSON rendition of
     * the same record keeps an empty string (the shared event conventions).
     */
    private static Map<String, Object> emptyAsNull(Map<String, Object> fields) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        fields.forEach((k, v) -> m.put(k, "".equals(v) ? null : v));
        return m;
    }
}
