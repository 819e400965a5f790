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
 * rendition, in valid files (every checksum verified) that libevtx reads the same way.
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
                assertThat(a.fields()).as(evtxFile + " record " + e.recordId()).isEqualTo(asEvtxReads(e.fields()));
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
     * What the EVTX reader makes of the same values, by the shared event conventions: string values lose trailing
     * white space (as in the evtx crate's JSON) and an element without text is present without a value (null),
     * where the JSON rendition keeps {@code "%%4416\n\t\t"} and {@code ""}.
     */
    private static Map<String, Object> asEvtxReads(Map<String, Object> fields) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        fields.forEach((k, v) -> {
            Object r = v instanceof String s ? s.stripTrailing() : v;
            m.put(k, "".equals(r) ? null : r);
        });
        return m;
    }

    /** libevtx (Debian libevtx-utils) reads every record of every file as kagami-evtx does, compared as XML. */
    @Test
    void libevtxReadsTheFilesAsKagamiDoes() throws IOException, InterruptedException {
        Path compare = Path.of(System.getProperty("kagami.shared"), "tools", "evtx_xml_compare.py");
        for (DemoManifest.LogFile f : evtx.files()) {
            Path file = dir.resolve("evtx").resolve(f.path());
            Path ref = dir.resolve("ref.xml");
            Path cand = dir.resolve("cand.xml");
            run(List.of("evtxexport", "-f", "xml", file.toString()), ref);
            try (EvtxReader r = EvtxReader.open(file, EvtxOptions.defaults().withThreads(1));
                 java.io.Writer w = Files.newBufferedWriter(cand)) {
                for (EvtxRecord rec : r) {
                    w.write(rec.toXml());
                    w.write('\n');
                }
            }
            String[] result = run(List.of("python3", compare.toString(), ref.toString(), cand.toString()), null)
                    .trim().split("\\s+", 4);
            assertThat(result[0]).as(f.path() + ": matched of " + result[1] + (result.length > 3 ? "; " + result[3] : ""))
                    .isEqualTo(result[1]).isEqualTo(String.valueOf(f.events()));
        }
    }

    /** Runs an oracle; its output goes to {@code out} or is returned. Fails clearly when it is not installed. */
    private static String run(List<String> command, Path out) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        if (out != null) {
            pb.redirectOutput(out.toFile());
        }
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new AssertionError(command.get(0) + " is not installed (Debian libevtx-utils / python3; .ci/run"
                    + " installs them)", e);
        }
        String text = out == null ? new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8) : "";
        assertThat(p.waitFor()).as(String.join(" ", command)).isZero();
        return text;
    }
}
