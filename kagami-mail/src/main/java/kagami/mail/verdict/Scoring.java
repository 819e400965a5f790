package kagami.mail.verdict;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import kagami.core.Verdict;
import kagami.core.i18n.Messages;

/**
 * Turns findings into a {@link Verdict}: each signal counts once (its weight from {@link Weights}) however often
 * it was seen, its evidences are listed together; the score is the sum; the level follows the thresholds, except
 * that anything {@link Incomplete} makes it NOT_FULLY_ANALYSED whatever the score, with the causes as reasons.
 */
public final class Scoring {
    /** Evidences listed per reason before "and N more". */
    static final int MAX_EVIDENCE = 3;

    private final Weights weights;
    private final Messages messages;

    public Scoring(Weights weights, Messages messages) {
        this.weights = weights;
        this.messages = messages;
    }

    public Weights weights() {
        return weights;
    }

    /** The level the reasons alone reach, ignoring incompleteness. */
    public Verdict.Level levelOf(int score) {
        if (score >= weights.maliciousThreshold()) {
            return Verdict.Level.MALICIOUS;
        }
        return score >= weights.suspiciousThreshold() ? Verdict.Level.SUSPICIOUS : Verdict.Level.CLEAN;
    }

    public Verdict verdict(String subject, List<Finding> findings, List<Incomplete> incomplete) {
        Map<String, List<Finding>> bySignal = new LinkedHashMap<>();
        for (Finding f : findings) {
            bySignal.computeIfAbsent(f.signal(), k -> new ArrayList<>()).add(f);
        }
        List<Verdict.Reason> reasons = new ArrayList<>();
        int score = 0;
        for (Map.Entry<String, List<Finding>> e : bySignal.entrySet()) {
            Weights.Entry w = weights.of(e.getKey()).orElse(new Weights.Entry(0, ""));
            if (w.weight() == 0 && weights.of(e.getKey()).isPresent()) {
                continue;
            }
            Finding first = e.getValue().get(0);
            score += w.weight();
            reasons.add(new Verdict.Reason(e.getKey(), w.weight(), evidence(e.getValue()), w.technique(),
                    messages.get("signal." + e.getKey(), first.args().toArray())));
        }
        Map<String, List<Incomplete>> byCause = new LinkedHashMap<>();
        for (Incomplete i : incomplete) {
            byCause.computeIfAbsent(i.cause(), k -> new ArrayList<>()).add(i);
        }
        for (Map.Entry<String, List<Incomplete>> e : byCause.entrySet()) {
            Incomplete first = e.getValue().get(0);
            List<String> ev = new ArrayList<>();
            for (Incomplete i : e.getValue()) {
                ev.add(i.evidence().isEmpty() ? i.detail() : i.evidence() + " (" + i.detail() + ")");
            }
            String key = "incomplete." + e.getKey();
            if (!messages.has(key)) {
                int dot = e.getKey().indexOf('.');
                key = "incomplete." + (dot > 0 ? e.getKey().substring(0, dot) : e.getKey());
            }
            reasons.add(new Verdict.Reason("incomplete." + e.getKey(), 0, joined(ev), "",
                    messages.get(key, first.detail(), e.getKey())));
        }
        reasons.sort(Comparator.comparingInt(Verdict.Reason::weight).reversed());
        Verdict.Level level = incomplete.isEmpty() ? levelOf(score) : Verdict.Level.NOT_FULLY_ANALYSED;
        return new Verdict(subject, level, score, reasons);
    }

    private static String evidence(List<Finding> fs) {
        List<String> ev = new ArrayList<>();
        for (Finding f : fs) {
            if (!ev.contains(f.evidence())) {
                ev.add(f.evidence());
            }
        }
        return joined(ev);
    }

    private static String joined(List<String> ev) {
        List<String> distinct = ev.stream().distinct().toList();
        if (distinct.size() <= MAX_EVIDENCE) {
            return String.join("; ", distinct);
        }
        return String.join("; ", distinct.subList(0, MAX_EVIDENCE)) + "; … +" + (distinct.size() - MAX_EVIDENCE);
    }
}
