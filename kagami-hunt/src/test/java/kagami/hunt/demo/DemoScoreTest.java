package kagami.hunt.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import kagami.core.Detection;
import kagami.core.Event;
import kagami.core.Level;
import kagami.core.Origin;
import org.junit.jupiter.api.Test;

/** The scoring of a demo hunt against its ground truth, on hand-made manifests and detections. */
class DemoScoreTest {
    static final Path LOGS = Path.of("/cases/demo/logs");
    static final DemoManifest.ExpectedRule RULE = new DemoManifest.ExpectedRule("r-1", "rule_one", "Rule one", "high");
    static final DemoManifest.ExpectedRule CORR = new DemoManifest.ExpectedRule("c-1", "corr_one", "Corr one", "critical");
    static final DemoManifest.EventRef STEP_EVENT = new DemoManifest.EventRef("ws01/Security.jsonl", 1001);

    static DemoManifest manifest() {
        DemoManifest.AttackStep step = new DemoManifest.AttackStep("01-step", "Step", "ステップ", "WS01",
                Instant.parse("2025-01-06T01:00:00Z"), List.of("T1059"), List.of(RULE), List.of(CORR), List.of(STEP_EVENT));
        return new DemoManifest(1, Instant.parse("2025-01-06T00:00:00Z"), Instant.parse("2025-01-11T00:00:00Z"),
                List.of(), List.of(), List.of(step), 10);
    }

    static Event event(String file, long record) {
        return Event.builder().recordId(record).origin(Origin.of(LOGS.resolve(file).toString(), 0)).build();
    }

    static Detection detection(String id, Level level, Event... events) {
        return new Detection(id, id, level, "test", List.of(), List.of(), "", List.of(), "", "", Instant.EPOCH,
                List.of(events), Map.of());
    }

    @Test
    void aStepWithoutItsDetectionsIsMissed() {
        DemoScore s = new DemoScore(manifest(), LOGS);
        s.accept(detection("other", Level.LOW, event("ws01/Security.jsonl", 1001)));
        DemoScore.Result r = s.result();
        assertThat(r.stepsDetected()).isZero();
        assertThat(r.steps().get(0).missed()).containsExactly(RULE, CORR);
        assertThat(r.complete()).isFalse();
    }

    @Test
    void aStepIsDetectedWhenItsRulesAndCorrelationsFireOnItsEvents() {
        DemoScore s = new DemoScore(manifest(), LOGS);
        s.accept(detection("r-1", Level.HIGH, event("ws01/Security.jsonl", 1001)));
        s.accept(detection("c-1", Level.CRITICAL, event("ws01/Sysmon.jsonl", 5), event("ws01/Security.jsonl", 1001)));
        DemoScore.Result r = s.result();
        assertThat(r.steps().get(0).detected()).isTrue();
        assertThat(r.steps().get(0).fired()).containsExactly(RULE, CORR);
        assertThat(r.complete()).isTrue();
        assertThat(r.benignDetections()).isZero();
    }

    @Test
    void theRightRuleOnTheWrongRecordDoesNotCount() {
        DemoScore s = new DemoScore(manifest(), LOGS);
        s.accept(detection("r-1", Level.MEDIUM, event("ws01/Security.jsonl", 1002)));
        s.accept(detection("c-1", Level.MEDIUM, event("ws02/Security.jsonl", 1001)));
        assertThat(s.result().stepsDetected()).isZero();
        assertThat(s.result().benignDetections()).isEqualTo(2);
    }

    @Test
    void highOrCriticalOnTheBackgroundIsNoise() {
        DemoScore s = new DemoScore(manifest(), LOGS);
        s.accept(detection("r-1", Level.HIGH, event("ws01/Security.jsonl", 1001)));
        s.accept(detection("c-1", Level.CRITICAL, event("ws01/Security.jsonl", 1001)));
        s.accept(detection("loud", Level.HIGH, event("fs01/Security.jsonl", 77)));
        s.accept(detection("quiet", Level.MEDIUM, event("fs01/Security.jsonl", 78)));
        DemoScore.Result r = s.result();
        assertThat(r.stepsDetected()).isEqualTo(1);
        assertThat(r.benignDetections()).isEqualTo(2);
        assertThat(r.noise()).extracting(DemoScore.Noise::ruleId).containsExactly("loud");
        assertThat(r.noise().get(0).event()).isEqualTo(new DemoManifest.EventRef("fs01/Security.jsonl", 77));
        assertThat(r.complete()).isFalse();
    }
}
