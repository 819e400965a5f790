package kagami.hunt.rules;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import kagami.core.Detection;
import kagami.core.Level;
import kagami.hunt.summary.RuleProblem;
import kagami.hunt.timeline.RuleDates;
import kagami.hunt.tuning.LevelTuning;
import kagami.sigma.compile.CompiledRuleSet;
import kagami.sigma.rule.RuleMeta;

/**
 * The rules of one hunt, chosen and compiled: what the detector runs, the tuning applied to what it finds, which
 * rules feed correlations, which channels any rule can match, and every rule that was left out and why.
 *
 * @param compiled        the compiled rule set
 * @param tuning          level overrides applied to detections
 * @param minLevel        detections below this level (after tuning) are not reported
 * @param correlated      keys of the rules that correlations reference (their detections go through the
 *                        correlator in time order)
 * @param channels        lower-cased channels some rule can match; empty with {@code anyChannel}
 * @param anyChannel      some active rule has no channel restriction, so no input can be skipped by channel
 * @param problems        rules that failed to load or compile
 * @param excluded        rules left out by the exclusion file
 * @param filtered        rules left out by level, status or tag filters
 * @param sources         the rule folders used, for the summary
 * @param dates           each rule's date and modified date by rule key (looked up once per detection, so
 *                        computed once here)
 */
public record HuntRules(CompiledRuleSet compiled, LevelTuning tuning, Level minLevel, Set<String> correlated,
                        Set<String> channels, boolean anyChannel, List<RuleProblem> problems, int excluded,
                        int filtered, List<String> sources, Map<String, RuleDates> dates) {
    public HuntRules {
        Objects.requireNonNull(compiled, "compiled");
        dates = Map.copyOf(dates);
        correlated = Set.copyOf(correlated);
        channels = Set.copyOf(channels);
        problems = List.copyOf(problems);
        sources = List.copyOf(sources);
    }

    /** Rules in use: compiled detection rules plus correlations. */
    public int loaded() {
        return compiled.ruleCount() + compiled.correlations().size();
    }

    /** Whether a rule may match events of this channel (the channel prefilter). */
    public boolean mayMatchChannel(String channel) {
        return anyChannel || channels.contains(channel.toLowerCase(Locale.ROOT));
    }

    /** The detection with its tuned level, or empty when it falls below the minimum level. */
    public Optional<Detection> tune(Detection d) {
        Level l = tuning.apply(d.ruleId(), d.level());
        if (!l.atLeast(minLevel)) {
            return Optional.empty();
        }
        if (l == d.level()) {
            return Optional.of(d);
        }
        return Optional.of(new Detection(d.ruleId(), d.title(), l, d.status(), d.tags(), d.attack(), d.author(),
                d.references(), d.license(), d.ruleFile(), d.timestamp(), d.events(), d.matchedFields()));
    }

    /** A rule's date and modified date, for the timeline. */
    public RuleDates dates(String ruleKey) {
        return dates.getOrDefault(ruleKey, RuleDates.UNKNOWN);
    }

    /** The dates of every compiled rule and correlation, by key. */
    static Map<String, RuleDates> datesOf(CompiledRuleSet compiled) {
        Map<String, RuleDates> out = new java.util.HashMap<>();
        for (RuleMeta m : compiled.rules().values()) {
            out.put(m.key(), new RuleDates(m.date(), m.modified()));
        }
        for (var c : compiled.correlations()) {
            out.put(c.meta().key(), new RuleDates(c.meta().date(), c.meta().modified()));
        }
        return out;
    }

    static Set<String> lower(Set<String> s) {
        Set<String> out = new HashSet<>();
        for (String x : s) {
            out.add(x.toLowerCase(Locale.ROOT));
        }
        return out;
    }
}
