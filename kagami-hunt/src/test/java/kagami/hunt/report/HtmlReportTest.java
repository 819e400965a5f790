package kagami.hunt.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import kagami.core.Detection;
import kagami.core.Event;
import kagami.core.Level;
import kagami.core.i18n.Messages;
import kagami.hunt.Fixtures;
import kagami.hunt.attack.AttackCatalog;
import kagami.hunt.input.SkippedInput;
import kagami.hunt.summary.HuntSummary;
import kagami.hunt.summary.RuleProblem;
import kagami.hunt.summary.RunFacts;
import kagami.hunt.timeline.RenderOptions;
import kagami.hunt.timeline.TimeWindow;
import kagami.hunt.timeline.Timeline;
import kagami.hunt.timeline.TimelineRecords;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {
    @TempDir
    Path dir;

    private Path writeReport(String lang, List<Detection> detections) throws IOException {
        AttackCatalog attack = AttackCatalog.bundled();
        HuntSummary summary = new HuntSummary(ZoneOffset.UTC, attack);
        ReportRows rows = new ReportRows(2000, RenderOptions.defaults());
        Timeline t = new Timeline(new Timeline.Options(true, true, TimeWindow.ALL, dir, 1 << 20),
                List.of(summary, rows));
        TimelineRecords f = TimelineRecords.bundled();
        for (Detection d : detections) {
            t.add(f.of(d));
        }
        Timeline.Counts c = t.finish();
        RunFacts facts = new RunFacts(1234, 4,
                List.of(new SkippedInput("case/odd.bin", SkippedInput.Reason.UNKNOWN_FORMAT, "")), 2858,
                List.of(new RuleProblem("rules/bad.yml", "unknown modifier 'foo'")), 0, 0, c.duplicates(), 0,
                Duration.ofSeconds(3));
        Path html = dir.resolve("report-" + lang + ".html");
        try (Writer w = Files.newBufferedWriter(html, StandardCharsets.UTF_8)) {
            new HtmlReport(Messages.load("kagami.hunt.messages", Locale.forLanguageTag(lang)), ZoneOffset.UTC, attack,
                    "0.1.0-test").write(summary.report(facts), rows, Instant.parse("2024-06-01T00:00:00Z"), w);
        }
        return html;
    }

    @Test
    void reportRendersInHeadlessChromiumWithTheHeatmapAndNoErrors() throws Exception {
        Path html = writeReport("en", Fixtures.sample());
        Chromium.Result r = Chromium.dumpDom(html, dir);
        assertThat(r.dom()).contains("data-rendered=\"true\"");
        assertThat(r.dom()).doesNotContain("data-errors=");
        assertThat(r.log()).doesNotContainIgnoringCase("Uncaught").doesNotContain("Refused to");
        // The heatmap is built by the page's script: every technique of the matrix is a cell, the detected ones
        // are marked and carry their count.
        assertThat(count(r.dom(), "class=\"hm-cell")).isGreaterThan(150);
        assertThat(r.dom()).contains("class=\"hm-cell hm-hit\" data-technique=\"T1218\" data-count=\"1\"");
        assertThat(r.dom()).contains("data-technique=\"T1219\" data-count=\"1\"");
        assertThat(count(r.dom(), "class=\"hist-bar\"")).isGreaterThan(0);
        assertThat(r.dom()).contains("VS Code Tunnel Started").contains("Detection Rule License");
        assertThat(r.dom()).contains("unknown modifier").contains("case/odd.bin");
    }

    @Test
    void reportSpeaksJapaneseWhenAsked() throws Exception {
        Path html = writeReport("ja", Fixtures.sample());
        Chromium.Result r = Chromium.dumpDom(html, dir);
        assertThat(r.dom()).contains("lang=\"ja\"").contains("ハンティングレポート").contains("初期アクセス")
                .contains("data-rendered=\"true\"");
    }

    @Test
    void hostileEventTextIsShownAsTextNotRunAsMarkup() throws Exception {
        Event e = Event.builder().timestamp(Instant.parse("2024-05-01T00:00:00Z"))
                .host("<img src=x onerror=\"document.body.setAttribute('data-pwned','1')\">")
                .channel("Microsoft-Windows-Sysmon/Operational").provider("Microsoft-Windows-Sysmon").eventId(1)
                .field("CommandLine", "</script><script>document.body.setAttribute('data-pwned','2')</script>")
                .build();
        Path html = writeReport("en", List.of(Fixtures.detection("x", "</script>alert(1)", Level.HIGH,
                List.of("attack.t1059"), e)));
        String source = Files.readString(html);
        assertThat(source).doesNotContain("</script><script>document");
        Chromium.Result r = Chromium.dumpDom(html, dir);
        assertThat(r.dom()).contains("data-rendered=\"true\"");
        assertThat(r.dom()).as("no injected script or handler ran").doesNotContainPattern("<body[^>]*data-pwned");
        assertThat(r.dom()).contains("&lt;img src=x onerror=");
    }

    @Test
    void reportIsOneFileThatLoadsNothingFromTheNetwork() throws IOException {
        String s = Files.readString(writeReport("en", Fixtures.sample()));
        assertThat(s).contains("Content-Security-Policy").contains("default-src 'none'");
        assertThat(s).doesNotContainPattern("(src|href)=\"(https?:)?//");
        assertThat(s).doesNotContain("<link");
    }

    @Test
    void jsonInsideTheScriptElementCannotCloseIt() {
        String escaped = HtmlReport.escapeScriptJson("{\"a\":\"</script><!--\u2028&\"}");
        assertThat(escaped).doesNotContain("<").doesNotContain(">").doesNotContain("&").doesNotContain("\u2028");
    }

    private static int count(String s, String needle) {
        Matcher m = Pattern.compile(Pattern.quote(needle)).matcher(s);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

}
