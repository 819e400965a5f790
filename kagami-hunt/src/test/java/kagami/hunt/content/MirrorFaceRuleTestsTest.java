package kagami.hunt.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import kagami.core.Detection;
import kagami.sigma.rule.RuleMeta;
import kagami.sigma.rule.SigmaDocument;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rule pack's own test events replayed through the real engine: every positive fires its rule and exactly the
 * other rules its {@code also-fires.txt} declares, no negative fires its rule, and every correlation completes on its
 * positive sequence and not on its negative one.
 */
class MirrorFaceRuleTestsTest {
    private static MirrorFacePack pack;

    @BeforeAll
    static void load() throws IOException {
        pack = MirrorFacePack.load();
    }

    @Test
    void everyRuleOfThePackLoadsAndMapsToALogsource() {
        assertThat(pack.rules.allErrors(pack.compiled)).isEmpty();
        assertThat(pack.compiled.unmappedRules()).isEmpty();
        assertThat(pack.compiled.inactiveRules()).isEmpty();
        assertThat(pack.rules.detectionRules()).hasSizeGreaterThanOrEqualTo(40);
        assertThat(pack.rules.correlationRules()).hasSizeGreaterThanOrEqualTo(6);
    }

    @Test
    void everyPositiveFiresExactlyItsRuleAndDeclaredOverlaps() throws IOException {
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (SigmaDocument.DetectionRule rule : pack.rules.detectionRules()) {
            RuleMeta meta = rule.meta();
            Path dir = testDir(meta);
            Set<String> expected = new TreeSet<>(alsoFires(dir));
            expected.add(meta.name());
            for (Path positive : files(dir, "positive")) {
                Set<String> fired = names(pack.matchEach(positive));
                checked++;
                if (!fired.equals(expected)) {
                    failures.add(dir.getFileName() + "/" + positive.getFileName() + ": fired " + fired + ", expected " + expected);
                }
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(pack.rules.detectionRules().size());
        assertThat(failures).isEmpty();
    }

    @Test
    void noNegativeFiresItsRule() throws IOException {
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (SigmaDocument.DetectionRule rule : pack.rules.detectionRules()) {
            Path dir = testDir(rule.meta());
            for (Path negative : files(dir, "negative")) {
                checked++;
                if (names(pack.matchEach(negative)).contains(rule.meta().name())) {
                    failures.add(dir.getFileName() + "/" + negative.getFileName());
                }
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(pack.rules.detectionRules().size());
        assertThat(failures).isEmpty();
    }

    @Test
    void everyCorrelationCompletesOnItsPositiveSequenceOnly() throws IOException {
        List<String> failures = new ArrayList<>();
        for (SigmaDocument.CorrelationRule c : pack.rules.correlationRules()) {
            Path dir = testDir(c.meta());
            Set<String> onPositive = names(pack.hunt(MirrorFacePack.read(dir.resolve("sequence-positive.jsonl"))));
            Set<String> onNegative = names(pack.hunt(MirrorFacePack.read(dir.resolve("sequence-negative.jsonl"))));
            if (!onPositive.contains(c.meta().name())) {
                failures.add(c.meta().name() + " did not fire on its positive sequence");
            }
            if (onNegative.contains(c.meta().name())) {
                failures.add(c.meta().name() + " fired on its negative sequence");
            }
        }
        assertThat(failures).isEmpty();
    }

    /** Rule names of the pack that produced {@code detections} (detections carry the rule id). */
    static Set<String> names(List<Detection> detections) {
        return detections.stream().map(d -> pack.name(d.ruleId())).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Path testDir(RuleMeta meta) {
        String file = Path.of(meta.file()).getFileName().toString();
        return MirrorFacePack.DIR.resolve("tests").resolve(file.substring(0, file.length() - ".yml".length()));
    }

    private static List<String> alsoFires(Path dir) throws IOException {
        Path f = dir.resolve("also-fires.txt");
        if (!Files.exists(f)) {
            return List.of();
        }
        return Files.readAllLines(f, StandardCharsets.UTF_8).stream().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }

    private static List<Path> files(Path dir, String prefix) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith(prefix) && p.toString().endsWith(".json")).sorted().toList();
        }
    }
}
