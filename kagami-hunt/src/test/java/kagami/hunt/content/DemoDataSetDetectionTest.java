package kagami.hunt.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import kagami.core.Detection;
import kagami.core.Event;
import kagami.hunt.demo.DemoDataSet;
import kagami.hunt.demo.DemoManifest;
import kagami.hunt.demo.DemoScore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo data set hunted with the bundled pack through the real engine, scored by {@link DemoScore} (as
 * {@code kagami demo} scores its run): every attack step is detected by the rules its manifest names, every expected
 * correlation completes, and the benign background raises nothing high or critical.
 */
class DemoDataSetDetectionTest {
    @TempDir
    static Path out;
    private static DemoManifest manifest;
    private static MirrorFacePack pack;
    private static List<Detection> detections;

    @BeforeAll
    static void hunt() throws IOException {
        manifest = DemoDataSet.write(out, DemoDataSet.DEFAULT_SEED);
        pack = MirrorFacePack.load();
        List<Event> events = new ArrayList<>();
        for (DemoManifest.LogFile f : manifest.files()) {
            events.addAll(MirrorFacePack.read(out.resolve(f.path())));
        }
        assertThat(events).hasSize(manifest.totalEvents());
        detections = pack.hunt(events);
    }

    @Test
    void everyAttackStepIsDetectedByItsExpectedRules() {
        DemoScore.Result r = score();
        assertThat(r.steps()).hasSize(manifest.steps().size());
        assertThat(r.steps()).filteredOn(s -> !s.detected())
                .extracting(s -> s.step().id() + ": " + s.missed().stream().map(DemoManifest.ExpectedRule::name).toList())
                .isEmpty();
    }

    @Test
    void benignBackgroundRaisesNothingHighOrCritical() {
        DemoScore.Result r = score();
        assertThat(r.noise()).extracting(n -> pack.name(n.ruleId()) + " on " + n.event()).isEmpty();
        assertThat(r.noiseCount()).isZero();
        // the background does exercise the pack: low/informational building blocks fire on it
        assertThat(r.benignDetections()).isPositive();
        assertThat(r.complete()).isTrue();
    }

    private static DemoScore.Result score() {
        DemoScore score = new DemoScore(manifest, out);
        detections.forEach(score);
        return score.result();
    }
}
