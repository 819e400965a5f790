package kagami.hunt.rules;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import kagami.core.Level;
import kagami.hunt.summary.RuleProblem;
import kagami.hunt.tuning.LevelTuning;
import kagami.hunt.tuning.RuleExclusions;
import kagami.sigma.LoadError;
import kagami.sigma.LoadOptions;
import kagami.sigma.RuleSet;
import kagami.sigma.SigmaRules;
import kagami.sigma.compile.CompiledRuleSet;
import kagami.sigma.logsource.LogsourceVariant;
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
        RuleSet set = SigmaRules.load(paths, options);
        Set<String> referenced = new HashSet<>();
        for (SigmaDocument.CorrelationRule c : set.correlationRules()) {
            referenced.addAll(c.rules());
        }
        List<SigmaDocument.DetectionRule> keep = new ArrayList<>();
        int excluded = 0;
        int filtered = 0;
        for (SigmaDocument.DetectionRule r : set.detectionRules()) {
            RuleMeta m = r.meta();
            boolean feedsCorrelation = referenced.contains(m.id()) || (!m.name().isEmpty()
                    && referenced.contains(m.name()));
            if (exclusions.excludes(m.id()) || (!m.name().isEmpty() && exclusions.excludes(m.name()))) {
                excluded++;
                continue;
            }
            if (!feedsCorrelation && !passes(m)) {
                filtered++;
                continue;
            }
            keep.add(r);
        }
        List<SigmaDocument.CorrelationRule> correlations = new ArrayList<>();
        for (SigmaDocument.CorrelationRule c : set.correlationRules()) {
            if (exclusions.excludes(c.meta().id()) || (!c.meta().name().isEmpty()
                    && exclusions.excludes(c.meta().name()))) {
                excluded++;
            } else {
                correlations.add(c);
            }
        }
        CompiledRuleSet compiled = CompiledRuleSet.compile(keep, set.filters(), correlations, pipeline,
                options.placeholders());
        List<RuleProblem> problems = new ArrayList<>();
        for (LoadError e : set.allErrors(compiled)) {
            problems.add(new RuleProblem(e.path() + (e.line() > 0 ? ":" + e.line() : ""), e.reason()));
        }
        Set<String> correlatedKeys = new HashSet<>();
        for (RuleMeta m : compiled.rules().values()) {
            if (referenced.contains(m.id()) || (!m.name().isEmpty() && referenced.contains(m.name()))) {
                correlatedKeys.add(m.key());
            }
        }
        for (SigmaDocument.CorrelationRule c : correlations) {
            // chained correlations: a correlation's own detections may feed another
            if (referenced.contains(c.meta().id()) || (!c.meta().name().isEmpty()
                    && referenced.contains(c.meta().name()))) {
                correlatedKeys.add(c.meta().key());
            }
        }
        Set<String> channels = new HashSet<>();
        boolean any = false;
        Set<String> inactive = new HashSet<>(compiled.inactiveRules());
        Map<String, RuleMeta> compiledRules = compiled.rules(); // builds a map: once, outside the loop
        for (SigmaDocument.DetectionRule r : keep) {
            if (!compiledRules.containsKey(r.meta().key()) || inactive.contains(r.meta().key())) {
                continue;
            }
            List<LogsourceVariant> variants = pipeline.resolve(r.logsource());
            for (LogsourceVariant v : variants) {
                if (!v.mapped() || v.channels().isEmpty()) {
                    any = true;
                } else {
                    for (String ch : v.channels()) {
                        channels.add(ch.toLowerCase(Locale.ROOT));
                    }
                }
            }
        }
        List<String> sources = paths.stream().map(Path::toString).toList();
        return new HuntRules(compiled, tuning, minLevel, correlatedKeys, channels, any, problems, excluded, filtered,
                sources, HuntRules.datesOf(compiled));
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
