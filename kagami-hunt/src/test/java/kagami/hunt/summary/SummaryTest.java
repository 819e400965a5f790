package kagami.hunt.summary;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

import kagami.core.Detection;
import kagami.core.Level;
import kagami.core.i18n.Messages;
import kagami.hunt.Fixtures;
import kagami.hunt.attack.AttackCatalog;
import kagami.hunt.input.SkippedInput;
import kagami.hunt.timeline.TimeWindow;
import kagami.hunt.timeline.Timeline;
import kagami.hunt.timeline.TimelineRecords;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SummaryTest {
    @TempDir
    Path dir;

    private SummaryReport report() throws Exception {
        HuntSummary s = new HuntSummary(ZoneOffset.UTC, AttackCatalog.bundled());
        Timeline t = new Timeline(new Timeline.Options(true, true, TimeWindow.ALL, dir, 1 << 20), List.of(s));
        for (Detection d : Fixtures.sample()) {
            t.add(TimelineRecords.bundled().of(d));
        }
        Timeline.Counts c = t.finish();
        return s.report(new RunFacts(5000, 3, List.of(new SkippedInput("x\u001b[31m.bin",
                SkippedInput.Reason.UNKNOWN_FORMAT, "")), 2860, List.of(new RuleProblem("bad.yml", "boom")), 2, 7,
                c.duplicates(), 0, Duration.ofMillis(2500)));
    }

    @Test
    void summaryCountsLevelsRulesHostsAndTactics() throws Exception {
        SummaryReport r = report();
        assertThat(r.detections()).isEqualTo(3);
        assertThat(r.count(Level.CRITICAL)).isEqualTo(1);
        assertThat(r.rules().get(0).title()).isEqualTo("VS Code Tunnel Started");
        assertThat(r.hosts().get(0).host()).isEqualTo("WS02.corp.example");
        assertThat(r.first()).contains(Instant.parse("2024-05-01T01:01:03.456789Z"));
        assertThat(r.tactics()).extracting(SummaryReport.TacticCount::tactic).containsExactly("initial-access",
                "persistence", "privilege-escalation", "defense-evasion", "command-and-control");
    }

    @Test
    void summaryTextSpeaksBothLanguagesAndStripsTerminalEscapes() throws Exception {
        SummaryReport r = report();
        String en = new SummaryText(Messages.load("kagami.hunt.messages", Locale.ENGLISH), Highlighter.PLAIN,
                ZoneOffset.UTC, AttackCatalog.bundled(), 5).render(r);
        assertThat(en).contains("Hunt summary").contains("Command and Control: 1 detections")
                .contains("2,860 loaded, 1 failed to load, 2 excluded, 7 filtered out").contains("bad.yml: boom")
                .contains("2024-05-01 01:01:03 +00:00").contains("2,000 events/s");
        assertThat(en).doesNotContain("\u001b");
        String ja = new SummaryText(Messages.load("kagami.hunt.messages", Locale.JAPANESE), Highlighter.PLAIN,
                ZoneOffset.UTC, AttackCatalog.bundled(), 5).render(r);
        assertThat(ja).contains("ハンティング結果の概要").contains("コマンド＆コントロール").contains("重大");
    }

    @Test
    void progressGivesAnEtaOnlyOnceItMeansSomething() {
        Instant start = Instant.parse("2024-01-01T00:00:00Z");
        ProgressModel p = new ProgressModel(1000, 2, start);
        assertThat(p.snapshot(start.plusMillis(500)).eta()).isEmpty();
        p.addBytes(250);
        p.addEvents(1000);
        ProgressModel.Snapshot s = p.snapshot(start.plusSeconds(10));
        assertThat(s.fraction()).isEqualTo(0.25);
        assertThat(s.eta()).contains(Duration.ofSeconds(30));
        assertThat(s.eventsPerSecond()).isEqualTo(100.0);
    }

    @Test
    void everyHuntTextExistsInBothLanguages() {
        assertThat(Messages.missingTranslations("kagami.hunt.messages")).isEmpty();
    }
}
