package kagami.sigma.compile;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

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
    /** Rules and variants in use: all of them, or those a {@link #select} kept. */
    final CandidateIndex index;
    /** Whether each rule is in use (null: all are), see {@link #select}. */
    private final boolean[] selected;
    /** Per rule: lower-cased channels its logsource resolves to, or null when it may match any channel. */
    private final String[][] ruleChannels;
    /** Whether each rule has at least one compiled variant. */
    private final boolean[] ruleActive;
    final FieldSlot[] slots;
    final int[] patternLength;
    final int fieldLookups;
    /** Keyword tests with distinct keyword lists (per-event result slots in a matcher). */
    final int keywordTests;
    /** Distinct regexes (per-thread RE2/J matchers in a matcher). */
    final int regexCount;
    /** Flat field name → (lookup id, alias position) pairs, to read an event's fields in one pass. */
    final java.util.HashMap<String, int[]> fieldTargets;
    private final List<SigmaDocument.CorrelationRule> correlations;
    /** Rules that could not be compiled, with why; in input order. */
    private final List<Failure> failures;
    /** Rule indexes of the inactive and the unmapped rules. */
    private final int[] inactive;
    private final int[] unmapped;
    private final int regexFallbacks;

    /** A detection rule that could not be compiled. */
    private record Failure(RuleMeta meta, LoadError error) implements Serializable {
    }

    private CompiledRuleSet(RuleInfo[] rules, int[] variantRule, Node[] variantRoots, CandidateIndex index,
                            boolean[] selected, String[][] ruleChannels, boolean[] ruleActive,
                            FieldSlot[] slots, int[] patternLength, int fieldLookups, int keywordTests, int regexCount,
                            java.util.HashMap<String, int[]> fieldTargets,
                            List<SigmaDocument.CorrelationRule> correlations,
                            List<Failure> failures, int[] inactive, int[] unmapped, int regexFallbacks) {
        this.rules = rules;
        this.variantRule = variantRule;
        this.variantRoots = variantRoots;
        this.index = index;
        this.selected = selected;
        this.ruleChannels = ruleChannels;
        this.ruleActive = ruleActive;
        this.slots = slots;
        this.patternLength = patternLength;
        this.fieldLookups = fieldLookups;
        this.keywordTests = keywordTests;
        this.regexCount = regexCount;
        this.fieldTargets = fieldTargets;
        this.correlations = List.copyOf(correlations);
        this.failures = List.copyOf(failures);
        this.inactive = inactive;
        this.unmapped = unmapped;
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
        List<Failure> failures = new ArrayList<>();
        List<Integer> inactive = new ArrayList<>();
        List<Integer> unmapped = new ArrayList<>();
        List<String[]> channels = new ArrayList<>();
        List<Boolean> active = new ArrayList<>();
        Map<LogSource, List<LogsourceVariant>> resolved = new java.util.HashMap<>();
        for (SigmaDocument.DetectionRule rule : detectionRules) {
            List<SigmaDocument.FilterRule> ruleFilters = filtersFor(rule, filters);
            List<LogsourceVariant> variants = resolved.computeIfAbsent(rule.logsource(), pipeline::resolve);
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
                failures.add(new Failure(rule.meta(), new LoadError(rule.meta().file(), e.line(), e.key(), e.args())));
                continue;
            }
            int ruleIndex = infos.size();
            infos.add(RuleInfo.of(rule.meta()));
            if (compiled.isEmpty()) {
                inactive.add(ruleIndex);
            }
            active.add(!compiled.isEmpty());
            channels.add(channelsOf(variants));
            for (int i = 0; i < compiled.size(); i++) {
                LogsourceVariant v = used.get(i);
                if (!v.mapped()) {
                    unmapped.add(ruleIndex);
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
        boolean[] isActive = new boolean[active.size()];
        for (int i = 0; i < isActive.length; i++) {
            isActive[i] = active.get(i);
        }
        return new CompiledRuleSet(infos.toArray(new RuleInfo[0]),
                variantRule.stream().mapToInt(Integer::intValue).toArray(), roots.toArray(new Node[0]),
                index.build(), null, channels.toArray(new String[0][]), isActive, ctx.slots(), ctx.patternLengths(),
                ctx.accessCount(), ctx.keywordMemoCount(), ctx.regexCount(), ctx.fieldTargets(), correlations, failures,
                ints(inactive), ints(unmapped), ctx.regexFallbacks);
    }

    private static int[] ints(List<Integer> l) {
        return l.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * The channels a rule's logsource resolves to (every variant, lower-cased), or null when one of them is not
     * tied to a channel (an unmapped logsource, or one the pipeline gives no channel): the rule may then match
     * events of any channel.
     */
    private static String[] channelsOf(List<LogsourceVariant> variants) {
        java.util.Set<String> out = new java.util.TreeSet<>();
        for (LogsourceVariant v : variants) {
            if (!v.mapped() || v.channels().isEmpty()) {
                return null;
            }
            for (String c : v.channels()) {
                out.add(c.toLowerCase(java.util.Locale.ROOT));
            }
        }
        return out.toArray(new String[0]);
    }

    /**
     * The same compiled rules restricted to the detection rules and correlations the predicates accept, as if only
     * those had been compiled: {@link #rules()}, {@link #errors()}, {@link #correlations()}, the other listings and
     * matching see only them. Nothing is recompiled (the literal tables keep the other rules' literals, which
     * changes no result), so one compiled set (for example from the {@link kagami.sigma.RuleCache}) serves every
     * choice of levels, statuses and tags.
     *
     * @param detectionRules which detection rules to keep (compiled ones and ones that failed to compile)
     * @param correlationRules which correlation rules to keep
     */
    public CompiledRuleSet select(Predicate<RuleMeta> detectionRules,
                                  Predicate<RuleMeta> correlationRules) {
        boolean[] keep = new boolean[rules.length];
        for (int r = 0; r < rules.length; r++) {
            keep[r] = isSelected(r) && detectionRules.test(rules[r].meta());
        }
        List<Failure> failed = new ArrayList<>();
        for (Failure f : failures) {
            if (detectionRules.test(f.meta())) {
                failed.add(f);
            }
        }
        List<SigmaDocument.CorrelationRule> corr = new ArrayList<>();
        for (SigmaDocument.CorrelationRule c : correlations) {
            if (correlationRules.test(c.meta())) {
                corr.add(c);
            }
        }
        return new CompiledRuleSet(rules, variantRule, variantRoots, index.restrict(v -> keep[variantRule[v]]), keep,
                ruleChannels, ruleActive, slots,
                patternLength, fieldLookups, keywordTests, regexCount, fieldTargets, corr, failed, inactive, unmapped,
                regexFallbacks);
    }

    private boolean isSelected(int rule) {
        return selected == null || selected[rule];
    }

    /**
     * Metadata of every detection rule given to the compiler, compiled or not (those in {@link #errors()} too),
     * in input order: what a caller choosing rules with {@link #select} chooses from.
     */
    public List<RuleMeta> detectionRules() {
        List<RuleMeta> out = new ArrayList<>();
        for (int r = 0; r < rules.length; r++) {
            if (isSelected(r)) {
                out.add(rules[r].meta());
            }
        }
        for (Failure f : failures) {
            out.add(f.meta());
        }
        return out;
    }

    /**
     * The channels (lower-cased) the active rules can match, or empty when some active rule is not tied to a
     * channel and so may match events of any channel: an input of another channel meets no rule.
     */
    public Optional<java.util.Set<String>> channels() {
        java.util.Set<String> out = new java.util.TreeSet<>();
        for (int r = 0; r < rules.length; r++) {
            if (!isSelected(r) || !ruleActive[r]) {
                continue;
            }
            if (ruleChannels[r] == null) {
                return Optional.empty();
            }
            out.addAll(List.of(ruleChannels[r]));
        }
        return Optional.of(java.util.Collections.unmodifiableSet(out));
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
        if (selected == null) {
            return rules.length;
        }
        int n = 0;
        for (boolean b : selected) {
            n += b ? 1 : 0;
        }
        return n;
    }

    /** Number of (rule, event source) pairs evaluated; a process_creation rule has two: Sysmon 1 and Security 4688. */
    public int variantCount() {
        int n = 0;
        for (int rule : variantRule) {
            n += isSelected(rule) ? 1 : 0;
        }
        return n;
    }

    /** Rules that compiled but have no event source here (e.g. Kernel-File ETW categories), by key. */
    public List<String> inactiveRules() {
        return keys(inactive);
    }

    /** Rules whose logsource the pipeline does not know; they run on every event. */
    public List<String> unmappedRules() {
        return Collections.unmodifiableList(new ArrayList<>(new java.util.LinkedHashSet<>(keys(unmapped))));
    }

    private List<String> keys(int[] ruleIndexes) {
        List<String> out = new ArrayList<>();
        for (int r : ruleIndexes) {
            if (isSelected(r)) {
                out.add(rules[r].meta().key());
            }
        }
        return List.copyOf(out);
    }

    /** Rules that could not be compiled, with why. */
    public List<LoadError> errors() {
        List<LoadError> out = new ArrayList<>();
        for (Failure f : failures) {
            out.add(f.error());
        }
        return List.copyOf(out);
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
        for (int r = 0; r < rules.length; r++) {
            if (isSelected(r)) {
                out.put(rules[r].meta().key(), rules[r].meta());
            }
        }
        return out;
    }

    /** The detection rule with this id or name. */
    public Optional<RuleMeta> rule(String idOrName) {
        for (int r = 0; r < rules.length; r++) {
            RuleMeta m = rules[r].meta();
            if (isSelected(r) && (m.id().equals(idOrName) || m.name().equals(idOrName))) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
