package kagami.sigma.correlation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import kagami.core.AttackTag;
import kagami.core.Detection;
import kagami.core.Event;
import kagami.sigma.compile.CompiledRuleSet;
import kagami.sigma.rule.RuleMeta;
import kagami.sigma.rule.SigmaDocument.CorrelationRule;
import kagami.sigma.rule.SigmaDocument.CorrelationType;

/**
 * Evaluates Sigma correlation rules (event_count, value_count, temporal, temporal_ordered, value_sum,
 * value_avg, value_percentile) over detections given in event-time order, per group-by key, with chaining
 * (a correlation may reference another) and {@code generate}.
 *
 * <p>State is bounded: each group keeps at most {@link #MAX_ENTRIES_PER_GROUP} matches and each rule at most
 * {@link #MAX_GROUPS} groups (least recently used first out, counted in {@link #droppedState()}); matches older
 * than the window are forgotten as time advances. One correlator per detection stream; not thread-safe.
 *
 * <p>Conditions with a lower bound ({@code gt}, {@code gte}, {@code eq}) — and temporal types — are checked as each
 * match arrives: the rule fires as soon as the window satisfies it, then the group starts afresh. Conditions with
 * only upper bounds ({@code lt}, {@code lte}, {@code neq}) can only be judged once a window is complete: they are
 * checked when time (the next detection's, or {@link #advanceTo}/{@link #finish}) passes the end of the window
 * that began with the group's first match; the next window begins with the first match after it.
 */
public final class Correlator {
    public static final int MAX_ENTRIES_PER_GROUP = 10_000;
    public static final int MAX_GROUPS = 100_000;
    private static final int MAX_CHAIN_DEPTH = 16;

    private final List<Spec> specs = new ArrayList<>();
    private final Map<String, List<Spec>> byRule = new HashMap<>();
    private final Set<String> suppressed = new HashSet<>();
    private long watermark = Long.MIN_VALUE;
    private long dropped;

    /** A correlation rule with its references resolved to the rule keys detections carry. */
    private static final class Spec {
        final CorrelationRule rule;
        final List<String> keys;
        final Map<String, String> nameOf;
        final long timespan;
        final boolean checkOnArrival;
        final List<AttackTag> attack;
        final LinkedHashMap<String, CorrelationWindow> groups = new LinkedHashMap<>(16, 0.75f, true);

        Spec(CorrelationRule rule, List<String> keys, Map<String, String> nameOf) {
            this.rule = rule;
            this.keys = keys;
            this.nameOf = nameOf;
            this.timespan = rule.timespan().toMillis();
            Map<String, Double> c = rule.condition();
            this.checkOnArrival = c.isEmpty() || c.containsKey("gt") || c.containsKey("gte") || c.containsKey("eq")
                    || rule.type() == CorrelationType.VALUE_PERCENTILE;
            List<AttackTag> a = new ArrayList<>();
            for (String t : rule.meta().tags()) {
                AttackTag.parse(t).ifPresent(a::add);
            }
            this.attack = List.copyOf(a);
        }
    }

    /** A correlator for the correlation rules of {@code rules}; references to unknown rules are ignored. */
    public Correlator(CompiledRuleSet rules) {
        Map<String, String> keyOf = new HashMap<>();
        Map<String, String> nameOfKey = new HashMap<>();
        for (RuleMeta m : rules.rules().values()) {
            register(m, keyOf, nameOfKey);
        }
        for (CorrelationRule c : rules.correlations()) {
            register(c.meta(), keyOf, nameOfKey);
        }
        for (CorrelationRule c : rules.correlations()) {
            List<String> keys = new ArrayList<>();
            for (String ref : c.rules()) {
                keys.add(keyOf.getOrDefault(ref, ref));
            }
            Spec s = new Spec(c, keys, nameOfKey);
            specs.add(s);
            for (String k : new HashSet<>(keys)) {
                byRule.computeIfAbsent(k, x -> new ArrayList<>()).add(s);
            }
        }
        // Sigma correlation specification, "generate": referenced rules are not output on their own unless a
        // correlation referencing them says generate: true.
        Map<String, Boolean> generate = new HashMap<>();
        for (Spec s : specs) {
            for (String k : s.keys) {
                generate.merge(k, s.rule.generate(), Boolean::logicalOr);
            }
        }
        generate.forEach((k, g) -> {
            if (!g) {
                suppressed.add(k);
            }
        });
    }

    private static void register(RuleMeta m, Map<String, String> keyOf, Map<String, String> nameOfKey) {
        if (!m.id().isEmpty()) {
            keyOf.put(m.id(), m.key());
        }
        if (!m.name().isEmpty()) {
            keyOf.putIfAbsent(m.name(), m.key());
            nameOfKey.put(m.key(), m.name());
        }
    }

    /** Whether any correlation rule is loaded (callers may skip the correlator otherwise). */
    public boolean isEmpty() {
        return specs.isEmpty();
    }

    /**
     * Takes one detection (in event-time order) and passes on to {@code out}: the detection itself unless its
     * rule is only used by correlations without {@code generate}, and every correlation it completes.
     */
    public void accept(Detection d, Consumer<Detection> out) {
        advanceTo(d.timestamp().toEpochMilli(), out);
        accept(d, out, 0);
    }

    private void accept(Detection d, Consumer<Detection> out, int depth) {
        if (!suppressed.contains(d.ruleId())) {
            out.accept(d);
        }
        List<Spec> targets = byRule.get(d.ruleId());
        if (targets == null || depth > MAX_CHAIN_DEPTH) {
            return;
        }
        long t = d.timestamp().toEpochMilli();
        for (Spec s : targets) {
            for (int step = 0; step < s.keys.size(); step++) {
                if (!s.keys.get(step).equals(d.ruleId())) {
                    continue;
                }
                String sourceName = s.nameOf.getOrDefault(d.ruleId(), d.ruleId());
                Map<String, String> group = groupValues(s, d, sourceName);
                String key = String.join("\u0000", group.values());
                CorrelationWindow w = s.groups.get(key);
                if (w == null) {
                    if (s.groups.size() >= MAX_GROUPS) {
                        Iterator<Map.Entry<String, CorrelationWindow>> it = s.groups.entrySet().iterator();
                        it.next();
                        it.remove();
                        dropped++;
                    }
                    w = new CorrelationWindow();
                    s.groups.put(key, w);
                }
                Object value = s.rule.field().isEmpty() ? null : value(s, d, sourceName);
                CorrelationWindow.Entry entry = new CorrelationWindow.Entry(t, step, value, d.events().isEmpty()
                        ? null : d.events().get(d.events().size() - 1));
                long before = w.dropped();
                w.add(entry, s.timespan, MAX_ENTRIES_PER_GROUP);
                dropped += w.dropped() - before;
                if (s.checkOnArrival) {
                    double m = CorrelationWindow.measure(s.rule.type(), w.entries(), entry, s.keys);
                    if (fires(s, m)) {
                        Detection c = correlation(s, w.entries(), group, m, t);
                        w.clear();
                        accept(c, out, depth + 1);
                    }
                }
                break; // one entry per match; its step names the rule (a rule listed twice fills either step)
            }
        }
    }

    private static boolean fires(Spec s, double measure) {
        Map<String, Double> c = s.rule.condition();
        if (c.isEmpty()) {
            return measure >= new HashSet<>(s.keys).size() && (s.rule.type() != CorrelationType.TEMPORAL_ORDERED
                || measure >= s.keys.size()); // temporal without condition: every referenced rule
        }
        return CorrelationWindow.holds(c, measure);
    }

    /** Closes windows that ended before {@code millis}: upper-bound conditions are judged, stale groups dropped. */
    public void advanceTo(long millis, Consumer<Detection> out) {
        if (millis <= watermark) {
            return;
        }
        watermark = millis;
        for (Spec s : specs) {
            Iterator<Map.Entry<String, CorrelationWindow>> it = s.groups.entrySet().iterator();
            List<Detection> fired = new ArrayList<>();
            while (it.hasNext()) {
                Map.Entry<String, CorrelationWindow> e = it.next();
                CorrelationWindow w = e.getValue();
                if (!s.checkOnArrival) {
                    while (!w.isEmpty() && w.firstTime() + s.timespan < millis) {
                        long from = w.firstTime();
                        List<CorrelationWindow.Entry> window = w.between(from, from + s.timespan);
                        double m = CorrelationWindow.measure(s.rule.type(), window, window.get(window.size() - 1),
                                s.keys);
                        if (fires(s, m)) {
                            fired.add(correlation(s, window, groupOf(s, window), m, from + s.timespan));
                        }
                        // windows for upper bounds are consecutive, each starting at the group's next match
                        w.expire(from + s.timespan + 1);
                    }
                } else {
                    w.expire(millis - s.timespan);
                }
                if (w.isEmpty()) {
                    it.remove();
                }
            }
            for (Detection d : fired) {
                accept(d, out, 1);
            }
        }
    }

    /** End of input: judges every open window. */
    public void finish(Consumer<Detection> out) {
        advanceTo(Long.MAX_VALUE - 1, out);
    }

    /** Matches or groups dropped because a bound was reached. */
    public long droppedState() {
        return dropped;
    }

    private static Map<String, String> groupOf(Spec s, List<CorrelationWindow.Entry> window) {
        Map<String, String> g = new LinkedHashMap<>();
        for (String f : s.rule.groupBy()) {
            Event e = window.get(0).event();
            Object v = e == null ? null : e.fieldOrNull(f);
            g.put(f, v == null ? "" : String.valueOf(v));
        }
        return g;
    }

    /** The field a group-by name or alias stands for in detections of {@code sourceName} (specification, "aliases"). */
    private static String fieldFor(Spec s, String field, String sourceName, String ruleKey) {
        Map<String, String> alias = s.rule.aliases().get(field);
        if (alias != null) {
            String f = alias.get(sourceName);
            if (f == null) {
                f = alias.get(ruleKey);
            }
            if (f != null) {
                return f;
            }
        }
        return field;
    }

    private static Map<String, String> groupValues(Spec s, Detection d, String sourceName) {
        Map<String, String> g = new LinkedHashMap<>();
        for (String f : s.rule.groupBy()) {
            String field = fieldFor(s, f, sourceName, d.ruleId());
            g.put(f, text(lookup(d, field)));
        }
        return g;
    }

    /** A field of a detection: from a correlation's group values, else from its (last) event. */
    private static Object lookup(Detection d, String field) {
        if (d.matchedFields().containsKey(field) && (d.events().isEmpty() || d.events().size() > 1)) {
            return d.matchedFields().get(field);
        }
        for (int i = d.events().size() - 1; i >= 0; i--) {
            Object v = d.events().get(i).fieldOrNull(field);
            if (v != null) {
                return v;
            }
        }
        return d.matchedFields().get(field);
    }

    private static Object value(Spec s, Detection d, String sourceName) {
        Object v = lookup(d, fieldFor(s, s.rule.field(), sourceName, d.ruleId()));
        if (v == null) {
            return null;
        }
        CorrelationType t = s.rule.type();
        if (t == CorrelationType.VALUE_SUM || t == CorrelationType.VALUE_AVG || t == CorrelationType.VALUE_PERCENTILE) {
            double n = toDouble(v);
            if (!Double.isNaN(n)) {
                return n;
            }
            return t == CorrelationType.VALUE_PERCENTILE ? text(v) : null;
        }
        return text(v);
    }

    private static double toDouble(Object v) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(String.valueOf(v).trim());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static String text(Object v) {
        return v == null ? "" : String.valueOf(v);
    }

    private static Detection correlation(Spec s, List<CorrelationWindow.Entry> window, Map<String, String> group,
                                         double measure, long time) {
        List<Event> events = new ArrayList<>();
        for (CorrelationWindow.Entry e : window) {
            if (e.event() != null && events.size() < 1000) {
                events.add(e.event());
            }
        }
        Map<String, String> fields = new LinkedHashMap<>(group);
        fields.put(s.rule.type().sigmaName(), measure == Math.rint(measure) ? Long.toString((long) measure)
                : Double.toString(measure));
        RuleMeta m = s.rule.meta();
        return new Detection(m.key(), m.title(), m.level(), m.status(), m.tags(), s.attack, m.author(),
                m.references(), m.license(), m.file(), CorrelationWindow.instant(time), events, fields);
    }
}
