package kagami.sigma.correlation;

import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import kagami.core.Event;
import kagami.sigma.rule.SigmaDocument.CorrelationType;

/**
 * The state of one correlation rule for one group-by key: the rule matches inside the sliding window, kept in
 * time order and expired with the window. Pure logic with no clock or threads, so a keyed-state stream job can
 * hold one per key and call the same methods.
 *
 * <p>Window edges (Sigma correlation specification, "timespan"): matches at times {@code a <= b} are in one
 * window when {@code b - a <= timespan}; a match exactly {@code timespan} after another still correlates with it,
 * one a millisecond later does not.
 */
public final class CorrelationWindow implements Serializable {
    private static final long serialVersionUID = 1L;

    /** One referenced-rule match in the window. */
    record Entry(long time, int step, Object value, Event event) implements Serializable {
    }

    private final ArrayList<Entry> entries = new ArrayList<>();
    private long dropped;

    /** Adds a match (kept in time order even if it arrives late) and forgets entries older than the window. */
    void add(Entry e, long timespanMillis, int maxEntries) {
        int i = entries.size();
        while (i > 0 && entries.get(i - 1).time() > e.time()) {
            i--;
        }
        entries.add(i, e);
        expire(e.time() - timespanMillis);
        if (entries.size() > maxEntries) {
            int excess = entries.size() - maxEntries;
            entries.subList(0, excess).clear();
            dropped += excess;
        }
    }

    /** Drops entries before {@code oldest} (exclusive bound: an entry at exactly {@code oldest} stays). */
    void expire(long oldest) {
        int k = 0;
        while (k < entries.size() && entries.get(k).time() < oldest) {
            k++;
        }
        if (k > 0) {
            entries.subList(0, k).clear();
        }
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    long firstTime() {
        return entries.isEmpty() ? Long.MIN_VALUE : entries.get(0).time();
    }

    long lastTime() {
        return entries.isEmpty() ? Long.MIN_VALUE : entries.get(entries.size() - 1).time();
    }

    long dropped() {
        return dropped;
    }

    void clear() {
        entries.clear();
    }

    List<Entry> entries() {
        return entries;
    }

    /** Entries with time in [from, to]. */
    List<Entry> between(long from, long to) {
        List<Entry> out = new ArrayList<>();
        for (Entry e : entries) {
            if (e.time() >= from && e.time() <= to) {
                out.add(e);
            }
        }
        return out;
    }

    /**
     * The measure the correlation condition compares, over {@code window}: event count, distinct values, sum,
     * average, the percentile rank of {@code current}'s value, or the number of referenced rules seen (in order
     * for temporal_ordered).
     */
    static double measure(CorrelationType type, List<Entry> window, Entry current, List<String> steps) {
        switch (type) {
            case EVENT_COUNT:
                return window.size();
            case VALUE_COUNT: {
                Set<Object> distinct = new HashSet<>();
                for (Entry e : window) {
                    if (e.value() != null) {
                        distinct.add(e.value());
                    }
                }
                return distinct.size();
            }
            case VALUE_SUM:
            case VALUE_AVG: {
                double sum = 0;
                int n = 0;
                for (Entry e : window) {
                    if (e.value() instanceof Double d) {
                        sum += d;
                        n++;
                    }
                }
                return type == CorrelationType.VALUE_SUM ? sum : n == 0 ? Double.NaN : sum / n;
            }
            case VALUE_PERCENTILE:
                return percentileRank(window, current);
            case TEMPORAL: {
                Set<Integer> seen = new HashSet<>();
                for (Entry e : window) {
                    seen.add(steps.indexOf(steps.get(e.step())));
                }
                return seen.size();
            }
            default: {
                // temporal_ordered: longest prefix of the rule list seen in order (earliest-first greedy)
                int next = 0;
                for (Entry e : window) {
                    if (steps.get(next).equals(steps.get(e.step()))) {
                        next++;
                        if (next == steps.size()) {
                            break;
                        }
                    }
                }
                return next;
            }
        }
    }

    /**
     * Percentile rank (0-100) of the current match's value among the window's values: for numbers the share of
     * values less than or equal to it, for text the share of values equal to it (how common it is), so
     * {@code lte: 1} finds values seen in at most 1 % of the group's events.
     */
    private static double percentileRank(List<Entry> window, Entry current) {
        if (current == null || current.value() == null || window.isEmpty()) {
            return Double.NaN;
        }
        int n = 0;
        int below = 0;
        for (Entry e : window) {
            if (e.value() == null) {
                continue;
            }
            n++;
            if (current.value() instanceof Double c && e.value() instanceof Double v) {
                if (v <= c) {
                    below++;
                }
            } else if (e.value().equals(current.value())) {
                below++;
            }
        }
        return n == 0 ? Double.NaN : 100.0 * below / n;
    }

    /** Whether {@code value} satisfies every operator of the condition ({@code gt: 100, lte: 200} is a range). */
    static boolean holds(Map<String, Double> condition, double value) {
        if (Double.isNaN(value)) {
            return false;
        }
        for (Map.Entry<String, Double> c : condition.entrySet()) {
            double t = c.getValue();
            boolean ok = switch (c.getKey()) {
                case "gt" -> value > t;
                case "gte" -> value >= t;
                case "lt" -> value < t;
                case "lte" -> value <= t;
                case "eq" -> value == t;
                default -> value != t;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    static Instant instant(long millis) {
        return Instant.ofEpochMilli(millis);
    }
}
