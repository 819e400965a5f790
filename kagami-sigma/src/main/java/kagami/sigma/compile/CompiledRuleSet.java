package kagami.sigma.compile;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import kagami.sigma.LoadError;
import kagami.sigma.SigmaException;
import kagami.sigma.logsource.LogsourceVariant;
import kagami.sigma.logsource.Pipeline;
import kagami.sigma.rule.LogSource;
import kagami.sigma.rule.RuleMeta;
import kagami.sigma.rule.SigmaDocument;

/**
 * Sigma rules compiled for matching: every rule resolved against the logsource pipeline into one compiled
 * condition per event source, indexed by channel and event id, with the literals of all rules in per-field
 * Aho–Corasick automata. Immutable and thread-safe; {@link Serializable} so a stream processor can ship it to
 * its workers. Each thread matches with its own {@link #newMatcher()}.
 */
public final class CompiledRuleSet implements Serializable {
    private static final long serialVersionUID = 1L;

    final RuleInfo[] rules;
    final int[] variantRule;
    final Node[] variantRoots;
    final CandidateIndex index;
    final FieldSlot[] slots;
    final int[] patternLength;
    final int fieldLookups;
    /** Keyword tests with distinct keyword lists (per-event result slots in a matcher). */
    final int keywordTests;
    /** Flat field name → (lookup id, alias position) pairs, to read an event's fields in one pass. */
    final java.util.HashMap<String, int[]> fieldTargets;
    private final List<SigmaDocument.CorrelationRule> correlations;
    private final List<LoadError> errors;
    private final List<String> inactive;
    private final List<String> unmapped;
    private final int regexFallbacks;

    private CompiledRuleSet(RuleInfo[] rules, int[] variantRule, Node[] variantRoots, CandidateIndex index,
                            FieldSlot[] slots, int[] patternLength, int fieldLookups, int keywordTests,
                            java.util.HashMap<String, int[]> fieldTargets,
                            List<SigmaDocument.CorrelationRule> correlations,
                            List<LoadError> errors, List<String> inactive, List<String> unmapped, int regexFallbacks) {
        this.rules = rules;
        this.variantRule = variantRule;
        this.variantRoots = variantRoots;
        this.index = index;
        this.slots = slots;
        this.patternLength = patternLength;
        this.fieldLookups = fieldLookups;
        this.keywordTests = keywordTests;
        this.fieldTargets = fieldTargets;
        this.correlations = List.copyOf(correlations);
        this.errors = List.copyOf(errors);
        this.inactive = List.copyOf(inactive);
        this.unmapped = List.copyOf(unmapped);
        this.regexFallbacks = regexFallbacks;
    }

    /**
     * Compiles detection rules with the meta filters that name them; correlation rules are kept for the
     * correlator. Rules that cannot be compiled are left out and reported in {@link #errors()}.
     */
    public static CompiledRuleSet compile(List<SigmaDocument.DetectionRule> detectionRules,
                                          List<SigmaDocument.FilterRule> filters,
                                          List<SigmaDocument.CorrelationRule> correlations,
                                          Pipeline pipeline, Map<String, List<String>> placeholders) {
        CompileContext ctx = new CompileContext();
        CandidateIndex.Builder index = new CandidateIndex.Builder();
        List<RuleInfo> infos = new ArrayList<>();
        List<Integer> variantRule = new ArrayList<>();
        List<Node> roots = new ArrayList<>();
        List<LoadError> errors = new ArrayList<>();
        List<String> inactive = new ArrayList<>();
        List<String> unmapped = new ArrayList<>();
        for (SigmaDocument.DetectionRule rule : detectionRules) {
            List<SigmaDocument.FilterRule> ruleFilters = filtersFor(rule, filters);
            List<LogsourceVariant> variants = pipeline.resolve(rule.logsource());
            List<Node> compiled = new ArrayList<>();
            List<LogsourceVariant> used = new ArrayList<>();
            try {
                for (LogsourceVariant v : variants) {
                    DetectionCompiler dc = new DetectionCompiler(ctx, pipeline, v, placeholders);
                    Node root = dc.detection(rule.searches(), rule.conditions());
                    for (SigmaDocument.FilterRule f : ruleFilters) {
                        root = new Node.And(new Node[] {root, new Node.Not(dc.detection(f.searches(), f.conditions()))});
                    }
                    root = new Node.And(new Node[] {dc.variantConditions(), root});
                    if (Simplifier.unavailableUnderNot(root, false)) {
                        continue;
                    }
                    root = Simplifier.simplify(root);
                    if (root == Node.Const.FALSE) {
                        continue;
                    }
                    compiled.add(root);
                    used.add(v);
                }
            } catch (SigmaException e) {
                errors.add(new LoadError(rule.meta().file(), e.line(), e.key(), e.args()));
                continue;
            }
            int ruleIndex = infos.size();
            infos.add(RuleInfo.of(rule.meta()));
            if (compiled.isEmpty()) {
                inactive.add(rule.meta().key());
            }
            for (int i = 0; i < compiled.size(); i++) {
                LogsourceVariant v = used.get(i);
                if (!v.mapped()) {
                    unmapped.add(rule.meta().key());
                }
                java.util.Set<Integer> ids = v.eventIds();
                if (ids.isEmpty()) {
                    // e.g. service: security rules: their own EventID selection narrows the index exactly
                    ids = Simplifier.requiredEventIds(compiled.get(i));
                }
                index.add(roots.size(), v.channels(), ids);
                variantRule.add(ruleIndex);
                roots.add(compiled.get(i));
            }
        }
        return new CompiledRuleSet(infos.toArray(new RuleInfo[0]),
                variantRule.stream().mapToInt(Integer::intValue).toArray(), roots.toArray(new Node[0]),
                index.build(), ctx.slots(), ctx.patternLengths(), ctx.accessCount(), ctx.keywordMemoCount(), ctx.fieldTargets(), correlations, errors, inactive, unmapped,
                ctx.regexFallbacks);
    }

    /**
     * The filters that apply to {@code rule}: those naming its id or name, and those naming no rule whose
     * logsource covers the rule's (Sigma filters specification, "rules").
     */
    private static List<SigmaDocument.FilterRule> filtersFor(SigmaDocument.DetectionRule rule,
                                                             List<SigmaDocument.FilterRule> filters) {
        List<SigmaDocument.FilterRule> out = new ArrayList<>();
        RuleMeta m = rule.meta();
        for (SigmaDocument.FilterRule f : filters) {
            boolean applies;
            if (f.rules().isEmpty()) {
                LogSource fl = f.logsource();
                LogSource rl = rule.logsource();
                applies = (fl.product().isEmpty() || fl.product().equals(rl.product()))
                        && (fl.service().isEmpty() || fl.service().equals(rl.service()))
                        && (fl.category().isEmpty() || fl.category().equals(rl.category()));
            } else {
                applies = (!m.id().isEmpty() && f.rules().contains(m.id()))
                        || (!m.name().isEmpty() && f.rules().contains(m.name()));
            }
            if (applies) {
                out.add(f);
            }
        }
        return out;
    }

    /** A matcher for one thread. */
    public Matcher newMatcher() {
        return new Matcher(this);
    }

    /** Number of detection rules compiled (active or not). */
    public int ruleCount() {
        return rules.length;
    }

    /** Number of (rule, event source) pairs evaluated; a process_creation rule has two: Sysmon 1 and Security 4688. */
    public int variantCount() {
        return variantRoots.length;
    }

    /** Rules that compiled but have no event source here (e.g. Kernel-File ETW categories), by key. */
    public List<String> inactiveRules() {
        return inactive;
    }

    /** Rules whose logsource the pipeline does not know; they run on every event. */
    public List<String> unmappedRules() {
        return Collections.unmodifiableList(new ArrayList<>(new java.util.LinkedHashSet<>(unmapped)));
    }

    /** Rules that could not be compiled, with why. */
    public List<LoadError> errors() {
        return errors;
    }

    /** Regexes outside RE2's language, run on the bounded fallback engine. */
    public int regexFallbacks() {
        return regexFallbacks;
    }

    public List<SigmaDocument.CorrelationRule> correlations() {
        return correlations;
    }

    /** Metadata of every compiled detection rule, by id (or name/title when it has none). */
    public Map<String, RuleMeta> rules() {
        Map<String, RuleMeta> out = new LinkedHashMap<>();
        for (RuleInfo r : rules) {
            out.put(r.meta().key(), r.meta());
        }
        return out;
    }

    /** The detection rule with this id or name. */
    public Optional<RuleMeta> rule(String idOrName) {
        for (RuleInfo r : rules) {
            if (r.meta().id().equals(idOrName) || r.meta().name().equals(idOrName)) {
                return Optional.of(r.meta());
            }
        }
        return Optional.empty();
    }
}
