package kagami.hunt.demo;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

import kagami.core.Detection;
import kagami.core.Event;
import kagami.core.Level;

/**
 * Scores a hunt of the demo data set against its ground truth (the {@link DemoManifest}): which attack steps were
 * detected by the rules the manifest expects, and which detections fired on the benign background alone.
 *
 * <p>Give it every detection of the hunt ({@link #accept} is thread-safe), then read {@link #result()}. An attack
 * step counts as detected when every expected rule fired on at least one of the step's events, and every expected
 * correlation produced a detection that includes one of them. A detection is benign when none of its events belongs
 * to an attack step. Memory is bounded by the attack's events, whatever the number of detections.
 */
public final class DemoScore implements Consumer<Detection> {
    /** Benign high and critical detections kept for display; beyond, they are only counted. */
    static final int MAX_NOISE_LISTED = 100;

    private final DemoManifest manifest;
    private final Path logDir;
    private final Set<DemoManifest.EventRef> attack;
    private final Map<DemoManifest.EventRef, Set<String>> firedOn = new HashMap<>();
    private final List<Noise> noise = new ArrayList<>();
    private long noiseCount;
    private long benign;
    private long total;

    /**
     * @param manifest the data set's ground truth
     * @param logDir   the folder the manifest's file paths are relative to (where the event logs were written)
     */
    public DemoScore(DemoManifest manifest, Path logDir) {
        this.manifest = Objects.requireNonNull(manifest, "manifest");
        this.logDir = logDir.toAbsolutePath().normalize();
        this.attack = manifest.attackEvents();
    }

    /** A benign-only detection of level high or critical: a false positive the demo must not have. */
    public record Noise(String ruleId, String title, Level level, DemoManifest.EventRef event) {
    }

    /**
     * How one attack step fared.
     *
     * @param step   the step
     * @param fired  its expected rules and correlations that fired on it
     * @param missed its expected rules and correlations that did not
     */
    public record StepResult(DemoManifest.AttackStep step, List<DemoManifest.ExpectedRule> fired,
                             List<DemoManifest.ExpectedRule> missed) {
        public StepResult {
            fired = List.copyOf(fired);
            missed = List.copyOf(missed);
        }

        public boolean detected() {
            return missed.isEmpty();
        }
    }

    /**
     * The score.
     *
     * @param steps             every attack step, in the manifest's order
     * @param detections        detections seen
     * @param benignDetections  of those, the ones on benign events only
     * @param noise             benign high or critical detections (at most {@value #MAX_NOISE_LISTED} listed)
     * @param noiseCount        how many benign high or critical detections there were
     */
    public record Result(List<StepResult> steps, long detections, long benignDetections, List<Noise> noise,
                         long noiseCount) {
        public Result {
            steps = List.copyOf(steps);
            noise = List.copyOf(noise);
        }

        public long stepsDetected() {
            return steps.stream().filter(StepResult::detected).count();
        }

        /** Every step detected and nothing high or critical on the background: what the demo promises. */
        public boolean complete() {
            return stepsDetected() == steps.size() && noiseCount == 0;
        }
    }

    @Override
    public synchronized void accept(Detection d) {
        total++;
        boolean touchesAttack = false;
        for (Event e : d.events()) {
            DemoManifest.EventRef r = ref(e);
            if (attack.contains(r)) {
                touchesAttack = true;
                firedOn.computeIfAbsent(r, k -> new HashSet<>()).add(d.ruleId());
            }
        }
        if (!touchesAttack) {
            benign++;
            if (d.level().atLeast(Level.HIGH)) {
                noiseCount++;
                if (noise.size() < MAX_NOISE_LISTED) {
                    noise.add(new Noise(d.ruleId(), d.title(), d.level(),
                            d.events().isEmpty() ? null : ref(d.firstEvent())));
                }
            }
        }
    }

    public synchronized Result result() {
        List<StepResult> steps = new ArrayList<>();
        for (DemoManifest.AttackStep s : manifest.steps()) {
            Set<String> fired = new HashSet<>();
            s.events().forEach(r -> fired.addAll(firedOn.getOrDefault(r, Set.of())));
            List<DemoManifest.ExpectedRule> hit = new ArrayList<>();
            List<DemoManifest.ExpectedRule> missed = new ArrayList<>();
            List<DemoManifest.ExpectedRule> expected = new ArrayList<>(s.expectedRules());
            expected.addAll(s.expectedCorrelations());
            for (DemoManifest.ExpectedRule r : expected) {
                (fired.contains(r.id()) ? hit : missed).add(r);
            }
            steps.add(new StepResult(s, hit, missed));
        }
        return new Result(steps, total, benign, noise, noiseCount);
    }

    /** Where an event sits in the data set: its file relative to the log folder, and its record id. */
    private DemoManifest.EventRef ref(Event e) {
        String source = e.origin().source();
        String file;
        try {
            file = logDir.relativize(Path.of(source).toAbsolutePath().normalize()).toString().replace('\\', '/');
        } catch (IllegalArgumentException notAFile) { // InvalidPathException too: a source that is no path
            file = source;
        }
        return new DemoManifest.EventRef(file, e.recordId());
    }
}
