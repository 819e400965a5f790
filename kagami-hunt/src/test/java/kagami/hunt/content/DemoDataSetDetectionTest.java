package kagami.hunt.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kagami.core.Detection;
import kagami.core.Event;
import kagami.core.Level;
import kagami.hunt.demo.DemoDataSet;
import kagami.hunt.demo.DemoManifest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo data set hunted with the bundled pack through the real engine: every attack step is detected by the rules
 * its manifest names, every expected correlation completes, and the benign background raises nothing high or critical.
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
        Map<DemoManifest.EventRef, Set<String>> firedOn = new HashMap<>();
        for (Detection d : detections) {
            for (Event e : d.events()) {
                firedOn.computeIfAbsent(ref(e), k -> new HashSet<>()).add(d.ruleId());
            }
        }
        List<String> missing = new ArrayList<>();
        for (DemoManifest.AttackStep s : manifest.steps()) {
            Set<String> fired = new HashSet<>();
            s.events().forEach(r -> fired.addAll(firedOn.getOrDefault(r, Set.of())));
            for (DemoManifest.ExpectedRule r : s.expectedRules()) {
                if (!fired.contains(r.id())) {
                    missing.add(s.id() + ": " + r.name());
                }
            }
            for (DemoManifest.ExpectedRule r : s.expectedCorrelations()) {
                if (!fired.contains(r.id())) {
                    missing.add(s.id() + ": correlation " + r.name());
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void benignBackgroundRaisesNothingHighOrCritical() {
        Set<DemoManifest.EventRef> attack = manifest.attackEvents();
        List<String> noisy = new ArrayList<>();
        int benignDetections = 0;
        for (Detection d : detections) {
            boolean touchesAttack = d.events().stream().map(DemoDataSetDetectionTest::ref).anyMatch(attack::contains);
            if (!touchesAttack) {
                benignDetections++;
                if (d.level().compareTo(Level.HIGH) >= 0) {
                    noisy.add(pack.name(d.ruleId()) + " on " + ref(d.firstEvent()));
                }
            }
        }
        assertThat(noisy).isEmpty();
        // the background does exercise the pack: low/informational building blocks fire on it
        assertThat(benignDetections).isPositive();
    }

    private static DemoManifest.EventRef ref(Event e) {
        String file = out.relativize(Path.of(e.origin().source())).toString().replace('\\', '/');
        return new DemoManifest.EventRef(file, e.recordId());
    }
}
