package kagami.hunt.summary;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import kagami.hunt.input.SkippedInput;

/**
 * What the hunt did besides detecting: inputs read and skipped, rules loaded, failed, excluded and filtered out,
 * how long it took. The summary shows all of it, so "no detections" can be told apart from "nothing was read".
 *
 * @param eventsRead      events read from all inputs
 * @param filesRead       inputs read (fully or in part)
 * @param skipped         inputs skipped or read in part, with the reason
 * @param rulesLoaded     rules in use
 * @param rulesFailed     rules that did not load
 * @param rulesExcluded   rules left out by the exclusion file
 * @param rulesFiltered   rules left out by level / status / tag filters
 * @param duplicates      detections dropped as duplicates
 * @param outsideWindow   detections outside the time window
 * @param elapsed         wall-clock time of the run
 */
public record RunFacts(long eventsRead, long filesRead, List<SkippedInput> skipped, long rulesLoaded,
                       List<RuleProblem> rulesFailed, long rulesExcluded, long rulesFiltered, long duplicates,
                       long outsideWindow, Duration elapsed) {
    public RunFacts {
        skipped = List.copyOf(skipped);
        rulesFailed = List.copyOf(rulesFailed);
        Objects.requireNonNull(elapsed, "elapsed");
    }

    /** No run information (a summary built from detections alone). */
    public static RunFacts none() {
        return new RunFacts(0, 0, List.of(), 0, List.of(), 0, 0, 0, 0, Duration.ZERO);
    }
}
