package kagami.hunt.rules;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import kagami.core.Level;
import kagami.hunt.summary.RuleProblem;
import kagami.hunt.tuning.LevelTuning;
import kagami.hunt.tuning.RuleExclusions;
import kagami.sigma.LoadError;
import kagami.sigma.LoadOptions;
import kagami.sigma.LoadedRules;
import kagami.sigma.RuleCache;
import kagami.sigma.compile.CompiledRuleSet;
import kagami.sigma.logsource.Pipeline;
import kagami.sigma.rule.RuleMeta;
import kagami.sigma.rule.SigmaDocument;

/**
 * Chooses the rules of a hunt: loads the rule folders, leaves out excluded rules and rules outside the level /
 * status / tag filters (levels after tuning), compiles the rest for the logsource pipeline, and works out which
 * channels they can match. Rules referenced by correlations are kept whatever their level, because the
 * correlation needs their matches. Nothing is dropped silently: each left-out rule is counted, each failure
 * listed.
 *
 * @param minLevel         report detections of at least this level
 * @param excludedStatuses rule statuses not to run (by default {@code deprecated} and {@code unsupported})
 * @param includeTags      when not empty, only rules with one of these tags (or a sub-tag: {@code attack.t1059}
 *                         takes {@code attack.t1059.001})
 * @param excludeTags      rules with one of these tags (or a sub-tag) are not run
 */
public record RuleSelection(Level minLevel, Set<String> excludedStatuses, List<String> includeTags,
                            List<String> excludeTags, LevelTuning tuning, RuleExclusions exclusions) {
    public RuleSelection {
        Objects.requireNonNull(minLevel, "minLevel");
        excludedStatuses = lower(excludedStatuses);
        includeTags = includeTags.stream().map(t -> t.toLowerCase(Locale.ROOT)).toList();
        excludeTags = excludeTags.stream().map(t -> t.toLowerCase(Locale.ROOT)).toList();
        Objects.requireNonNull(tuning, "tuning");
        Objects.requireNonNull(exclusions, "exclusions");
    }

    public static RuleSelection defaults() {
        return new RuleSelection(Level.INFORMATIONAL, Set.of("deprecated", "unsupported"), List.of(), List.of(),
                LevelTuning.none(), RuleExclusions.none());
    }

    /** Loads, filters and compiles the rules under {@code paths}. */
    public HuntRules select(List<Path> paths, LoadOptions options, Pipeline pipeline) throws IOException {
        return select(paths, options, pipeline, RuleCache.disabled());
    }

    /**
     * Loads and compiles the rules under {@code paths} (from {@code cache} when they have not changed since it
     * last saw them) and keeps those this selection chooses.
     */
    public HuntRules select(List<Path> paths, LoadOptions options, Pipeline pipeline, RuleCache cache)
            throws IOException {
        return select(cache.load(paths, options, pipeline), paths);
    }

    /**
     * Keeps the rules this selection chooses among rules loaded and compiled: as if only those had been compiled
     * (the compiled set is restricted, not rebuilt, so one cached compilation serves every selection).
     */
    HuntRules select(LoadedRules loaded, List<Path> paths) {
        CompiledRuleSet all = loaded.compiled();
        Set<String> referenced = new HashSet<>();
        for (SigmaDocument.CorrelationRule c : all.correlations()) {
            referenced.addAll(c.rules());
        }
        int excluded = 0;
        int filtered = 0;
        for (RuleMeta m : all.detectionRules()) {
            if (excludes(m)) {
                excluded++;
            } else if (!feedsCorrelation(m, referenced) && !passes(m)) {
                filtered++;
            }
        }
        for (SigmaDocument.CorrelationRule c : all.correlations()) {
            if (excludes(c.meta())) {
                excluded++;
            }
        }
        CompiledRuleSet compiled = all.select(m -> !excludes(m) && (feedsCorrelation(m, referenced) || passes(m)),
                m -> !excludes(m));
        List<RuleProblem> problems = new ArrayList<>();
        List<LoadError> errors = new ArrayList<>(loaded.loadErrors());
        errors.addAll(compiled.errors());
        for (LoadError e : errors) {
            problems.add(new RuleProblem(e.path() + (e.line() > 0 ? ":" + e.line() : ""), e.reason()));
        }
        Set<String> correlatedKeys = new HashSet<>();
        for (RuleMeta m : compiled.rules().values()) {
            if (feedsCorrelation(m, referenced)) {
                correlatedKeys.add(m.key());
            }
        }
        for (SigmaDocument.CorrelationRule c : compiled.correlations()) {
            // chained correlations: a correlation's own detections may feed another
            if (feedsCorrelation(c.meta(), referenced)) {
                correlatedKeys.add(c.meta().key());
            }
        }
        Optional<Set<String>> channels = compiled.channels();
        return new HuntRules(compiled, tuning, minLevel, correlatedKeys, channels.orElse(Set.of()),
                channels.isEmpty(), problems, excluded, filtered, paths.stream().map(Path::toString).toList(),
                HuntRules.datesOf(compiled));
    }

    private boolean excludes(RuleMeta m) {
        return exclusions.excludes(m.id()) || (!m.name().isEmpty() && exclusions.excludes(m.name()));
    }

    private static boolean feedsCorrelation(RuleMeta m, Set<String> referenced) {
        return referenced.contains(m.id()) || (!m.name().isEmpty() && referenced.contains(m.name()));
    }

    private boolean passes(RuleMeta m) {
        Level tuned = tuning.apply(m.id(), m.level() == null ? Level.INFORMATIONAL : m.level());
        if (!tuned.atLeast(minLevel)) {
            return false;
        }
        if (excludedStatuses.contains(m.status().toLowerCase(Locale.ROOT))) {
            return false;
        }
        List<String> tags = m.tags().stream().map(t -> t.toLowerCase(Locale.ROOT)).toList();
        for (String x : excludeTags) {
            if (hasTag(tags, x)) {
                return false;
            }
        }
        if (includeTags.isEmpty()) {
            return true;
        }
        for (String x : includeTags) {
            if (hasTag(tags, x)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasTag(List<String> tags, String wanted) {
        for (String t : tags) {
            if (t.equals(wanted) || t.startsWith(wanted + ".")) {
                return true;
            }
        }
        return false;
    }

    private static Set<String> lower(Set<String> s) {
        return HuntRules.lower(s);
    }
}
