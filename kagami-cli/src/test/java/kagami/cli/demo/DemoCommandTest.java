package kagami.cli.demo;

import static kagami.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import kagami.cli.CliRun;
import kagami.cli.ExitCodes;
import kagami.core.i18n.Messages;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kagami demo} end to end, in process: the data set is generated, hunted through {@code kagami hunt} with the
 * bundled pack, and every attack step of the generated chain is found in the timeline it wrote, with nothing high or
 * critical on the benign background.
 */
class DemoCommandTest {

    @TempDir
    static Path dir;
    static Path demo;
    static CliRun first;
    static JsonNode manifest;
    static List<List<String>> rows;

    @BeforeAll
    static void runTheDemo() throws IOException {
        demo = dir.resolve("kagami-demo");
        first = run("--lang", "en", "demo", "--out", demo.toString());
        manifest = new ObjectMapper().readTree(demo.resolve("manifest.json").toFile());
        rows = Csv.parse(Files.readString(demo.resolve(DemoCommand.TIMELINE)));
    }

    @Test
    void finishesWithEveryStepDetectedAndNoFalsePositive() {
        assertThat(first.code()).as(first.err()).isEqualTo(ExitCodes.OK);
        int steps = manifest.path("steps").size();
        assertThat(steps).isGreaterThan(20);
        assertThat(first.out()).contains(steps + " of " + steps + " attack steps detected")
                .contains("0 of them high or critical").doesNotContain("NOT DETECTED");
        assertThat(first.err()).contains("Hunt summary").contains("0 skipped or read in part");
    }

    /** Checked on the timeline file itself, not on the demo's own scoring. */
    @Test
    void theTimelineHasEveryExpectedRuleOnItsStepsEvents() {
        assertThat(rows.get(0)).startsWith("Timestamp", "RuleTitle", "Level", "Computer", "Channel", "EventID",
                "RecordID");
        int ruleId = rows.get(0).indexOf("RuleID");
        Set<String> rowKeys = new HashSet<>();
        Set<String> rulesInTimeline = new HashSet<>();
        for (List<String> r : rows.subList(1, rows.size())) {
            rowKeys.add(r.get(ruleId) + " " + r.get(3) + " " + r.get(6));
            rulesInTimeline.add(r.get(ruleId));
        }
        List<String> missing = new ArrayList<>();
        for (JsonNode step : manifest.path("steps")) {
            String host = step.path("host").asText();
            for (JsonNode rule : step.path("expectedRules")) {
                boolean found = false;
                for (JsonNode e : step.path("events")) {
                    found |= rowKeys.contains(rule.path("id").asText() + " " + host + " " + e.path("recordId").asLong());
                }
                if (!found) {
                    missing.add(step.path("id").asText() + ": " + rule.path("name").asText());
                }
            }
            for (JsonNode corr : step.path("expectedCorrelations")) {
                if (!rulesInTimeline.contains(corr.path("id").asText())) {
                    missing.add(step.path("id").asText() + ": correlation " + corr.path("name").asText());
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void writesTheReportTheLayerAndALogFolderOfLogsOnly() throws IOException {
        assertThat(Files.readString(demo.resolve(DemoCommand.REPORT))).contains("kagami-data")
                .contains("Content-Security-Policy");
        assertThat(Files.readString(demo.resolve(DemoCommand.NAVIGATOR))).contains("\"techniqueID\"");
        assertThat(manifest.path("logs").asText()).isEqualTo("logs");
        try (Stream<Path> s = Files.walk(demo.resolve(DemoCommand.LOGS))) {
            assertThat(s.filter(Files::isRegularFile)).hasSize(manifest.path("files").size())
                    .allSatisfy(p -> assertThat(p.toString()).endsWith(".jsonl"));
        }
        assertThat(first.out()).contains(demo.resolve(DemoCommand.REPORT).toString())
                .contains(demo.resolve(DemoCommand.TIMELINE).toString());
    }

    @Test
    void runningAgainInTheSameFolderGivesTheSameTimeline() throws IOException {
        Path again = dir.resolve("again");
        CliRun r = run("--lang", "ja", "demo", "--out", again.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).contains("件中").contains("件を検知しました");
        CliRun twice = run("--lang", "en", "demo", "--out", again.toString());
        assertThat(twice.code()).as(twice.err()).isEqualTo(ExitCodes.OK);
        assertThat(Files.readAllBytes(again.resolve(DemoCommand.TIMELINE)))
                .isEqualTo(Files.readAllBytes(demo.resolve(DemoCommand.TIMELINE)));
    }

    @Test
    void theEvtxDemoFindsTheSameAsTheJsonDemo() throws IOException {
        Path evtx = dir.resolve("evtx");
        CliRun r = run("--lang", "en", "demo", "--format", "evtx", "--out", evtx.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.OK);
        try (Stream<Path> s = Files.walk(evtx.resolve(DemoCommand.LOGS))) {
            assertThat(s.filter(Files::isRegularFile)).isNotEmpty().allSatisfy(p -> assertThat(p.toString()).endsWith(".evtx"));
        }
        // the same detections on the same records through the native EVTX reader (shown values may differ where
        // the EVTX reader trims trailing white space, as the evtx crate does)
        assertThat(detections(Csv.parse(Files.readString(evtx.resolve(DemoCommand.TIMELINE)))))
                .isEqualTo(detections(rows)).hasSize(rows.size() - 1);
    }

    /** Timestamp, rule, level, computer, channel, event id, record id and rule id of every timeline row. */
    private static List<String> detections(List<List<String>> csv) {
        int ruleId = csv.get(0).indexOf("RuleID");
        return csv.subList(1, csv.size()).stream()
                .map(r -> String.join("|", r.subList(0, 7)) + "|" + r.get(ruleId)).toList();
    }

    @Test
    void refusesAFolderOfTheUsers() throws IOException {
        Path mine = Files.createDirectories(dir.resolve("mine"));
        Files.writeString(mine.resolve("notes.txt"), "my notes");
        CliRun r = run("--lang", "en", "demo", "--out", mine.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("not empty");
        try (Stream<Path> s = Files.list(mine)) {
            assertThat(s).hasSize(1);
        }
    }

    @Test
    void everyDemoTextExistsInBothLanguages() {
        assertThat(Messages.missingTranslations(DemoCommand.BUNDLE)).isEmpty();
    }

    /** RFC 4180 CSV, enough for the timeline (quoted fields with commas, quotes and line breaks). */
    static final class Csv {
        static List<List<String>> parse(String text) {
            List<List<String>> rows = new ArrayList<>();
            List<String> row = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (quoted) {
                    if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else if (c == '"') {
                        quoted = false;
                    } else {
                        field.append(c);
                    }
                } else if (c == '"') {
                    quoted = true;
                } else if (c == ',') {
                    row.add(field.toString());
                    field.setLength(0);
                } else if (c == '\n' || c == '\r') {
                    if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                        i++;
                    }
                    row.add(field.toString());
                    field.setLength(0);
                    rows.add(row);
                    row = new ArrayList<>();
                } else {
                    field.append(c);
                }
            }
            if (field.length() > 0 || !row.isEmpty()) {
                row.add(field.toString());
                rows.add(row);
            }
            return rows;
        }
    }
}
