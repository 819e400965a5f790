package kagami.hunt.summary;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import kagami.core.Level;

/**
 * The result of a hunt in figures: what the terminal summary, the HTML report and the Navigator layer show.
 * Lists are sorted as they are shown (most severe and most frequent first; tactics in matrix order).
 */
public record SummaryReport(
        long detections,
        Map<Level, Long> detectionsByLevel,
        Map<Level, Integer> rulesByLevel,
        List<RuleCount> rules,
        List<HostCount> hosts,
        Optional<Instant> first,
        Optional<Instant> last,
        List<TacticCount> tactics,
        Map<String, TechniqueCount> techniques,
        List<DayCount> days,
        List<TimeBucket> histogram,
        boolean histogramByDay,
        long otherHosts,
        RunFacts facts) {

    /** One rule's hits. */
    public record RuleCount(String ruleId, String title, Level level, long count, String author, String license,
                            String ruleFile, List<String> tactics, List<String> techniques, Instant first,
                            Instant last) {
    }

    /** One computer's hits. */
    public record HostCount(String host, long count, Level maxLevel, long[] perLevel) {
    }

    /** Detections carrying a tactic (directly or through a technique). */
    public record TacticCount(String tactic, long detections, int rules) {
    }

    /** Detections and rules per ATT&CK technique. */
    public record TechniqueCount(String technique, long detections, List<String> ruleTitles) {
    }

    /** Detections on one calendar day (in the report's zone). */
    public record DayCount(LocalDate day, long detections, long[] perLevel) {
    }

    /** Detections per level in one time bucket (an hour, or a day for long spans). */
    public record TimeBucket(Instant start, long[] perLevel) {
    }

    public long count(Level l) {
        return detectionsByLevel.getOrDefault(l, 0L);
    }
}
