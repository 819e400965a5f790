package kagami.hunt.summary;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import kagami.core.Level;
import kagami.core.i18n.Messages;
import kagami.hunt.FieldValues;
import kagami.hunt.attack.AttackCatalog;
import kagami.hunt.input.SkippedInput;

/**
 * Lays a {@link SummaryReport} out as text for the terminal, in the user's language: detections per level, the
 * top rules and computers, first and last detection, the ATT&CK tactics seen, the busiest days, and everything
 * that was skipped or failed, so "no detections" never hides "nothing was read". Attacker-controlled text (host
 * names, file names) is stripped of control characters first.
 */
public final class SummaryText {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx");

    private final Messages messages;
    private final Highlighter hl;
    private final ZoneId zone;
    private final AttackCatalog attack;
    private final int top;

    public SummaryText(Messages messages, Highlighter highlighter, ZoneId zone, AttackCatalog attack, int top) {
        this.messages = Objects.requireNonNull(messages, "messages");
        this.hl = Objects.requireNonNull(highlighter, "highlighter");
        this.zone = Objects.requireNonNull(zone, "zone");
        this.attack = Objects.requireNonNull(attack, "attack");
        this.top = top;
    }

    public String render(SummaryReport r) {
        StringBuilder sb = new StringBuilder();
        RunFacts f = r.facts();
        Locale loc = messages.locale();
        sb.append(hl.heading(messages.get("summary.title"))).append('\n');
        sb.append("  ").append(messages.get("summary.inputs", f.eventsRead(), f.filesRead(), f.skipped().size()))
                .append('\n');
        sb.append("  ").append(messages.get("summary.rules", f.rulesLoaded(), f.rulesFailed().size(),
                f.rulesExcluded(), f.rulesFiltered())).append('\n');
        sb.append("  ").append(messages.get("summary.detections", r.detections(), f.duplicates(),
                f.outsideWindow())).append('\n');
        sb.append('\n');
        sb.append(hl.heading(messages.get("summary.byLevel"))).append('\n');
        for (int i = Level.values().length - 1; i >= 0; i--) {
            Level l = Level.values()[i];
            String name = String.format(loc, "%-14s", messages.get("level." + l.sigmaName()));
            String line = String.format(loc, "  %s %,10d   %s", name, r.count(l),
                    messages.get("summary.rulesCount", r.rulesByLevel().getOrDefault(l, 0)));
            sb.append(r.count(l) > 0 ? hl.level(l, line) : line).append('\n');
        }
        if (r.first().isPresent()) {
            sb.append('\n').append("  ").append(messages.get("summary.firstLast",
                    TIME.format(r.first().get().atZone(zone)), TIME.format(r.last().get().atZone(zone))))
                    .append('\n');
        }
        if (!r.rules().isEmpty()) {
            sb.append('\n').append(hl.heading(messages.get("summary.topRules"))).append('\n');
            for (int i = Level.values().length - 1; i >= 0; i--) {
                Level l = Level.values()[i];
                List<SummaryReport.RuleCount> of = r.rules().stream().filter(x -> x.level() == l).limit(top).toList();
                if (of.isEmpty()) {
                    continue;
                }
                sb.append("  ").append(hl.level(l, messages.get("level." + l.sigmaName()))).append('\n');
                for (SummaryReport.RuleCount rc : of) {
                    sb.append(String.format(loc, "    %,8d  %s", rc.count(), FieldValues.oneLine(rc.title())))
                            .append('\n');
                }
            }
        }
        if (!r.hosts().isEmpty()) {
            sb.append('\n').append(hl.heading(messages.get("summary.topHosts"))).append('\n');
            for (SummaryReport.HostCount h : r.hosts().subList(0, Math.min(top, r.hosts().size()))) {
                String host = h.host().isEmpty() ? messages.get("summary.unknownHost") : FieldValues.oneLine(h.host());
                sb.append(String.format(loc, "    %,8d  ", h.count())).append(host).append("  (")
                        .append(hl.level(h.maxLevel(), messages.get("level." + h.maxLevel().sigmaName())))
                        .append(")\n");
            }
            if (r.hosts().size() > top) {
                sb.append("    ").append(messages.get("summary.moreHosts", r.hosts().size() - top)).append('\n');
            }
        }
        if (!r.tactics().isEmpty()) {
            sb.append('\n').append(hl.heading(messages.get("summary.tactics"))).append('\n');
            for (SummaryReport.TacticCount t : r.tactics()) {
                String name = attack.tactic(t.tactic()).map(x -> x.name(loc)).orElse(t.tactic());
                sb.append("    ").append(messages.get("summary.tacticLine", name, t.detections(), t.rules()))
                        .append('\n');
            }
        }
        if (!r.days().isEmpty()) {
            sb.append('\n').append(hl.heading(messages.get("summary.busiestDays"))).append('\n');
            List<SummaryReport.DayCount> busiest = new ArrayList<>(r.days());
            busiest.sort((a, b) -> a.detections() != b.detections() ? Long.compare(b.detections(), a.detections())
                    : a.day().compareTo(b.day()));
            for (SummaryReport.DayCount d : busiest.subList(0, Math.min(top, busiest.size()))) {
                sb.append(String.format(loc, "    %s  %,8d", d.day(), d.detections())).append('\n');
            }
        }
        if (!f.skipped().isEmpty()) {
            sb.append('\n').append(hl.heading(messages.get("summary.skipped", f.skipped().size()))).append('\n');
            // Inputs read in part or not at all are each named; files that are simply not event logs (a README in
            // a collected folder) are counted per reason with a few examples.
            int shown = 0;
            int limit = Math.max(top * 4, 20);
            java.util.Map<SkippedInput.Reason, List<String>> others = new java.util.EnumMap<>(SkippedInput.Reason.class);
            int hidden = 0;
            for (SkippedInput s : f.skipped()) {
                if (s.reason() == SkippedInput.Reason.UNKNOWN_FORMAT || !s.incomplete()) {
                    others.computeIfAbsent(s.reason(), k -> new ArrayList<>()).add(s.name());
                    continue;
                }
                if (shown++ >= limit) {
                    hidden++;
                    continue;
                }
                sb.append("    ").append(FieldValues.oneLine(s.name())).append(": ")
                        .append(messages.get("skip." + s.reason().name()));
                if (!s.detail().isEmpty()) {
                    sb.append(" (").append(FieldValues.oneLine(s.detail())).append(')');
                }
                sb.append('\n');
            }
            if (hidden > 0) {
                sb.append("    ").append(messages.get("summary.more", hidden)).append('\n');
            }
            for (var e : others.entrySet()) {
                List<String> names = e.getValue();
                sb.append("    ").append(messages.get("summary.skippedGroup", names.size(),
                        messages.get("skip." + e.getKey().name()),
                        FieldValues.oneLine(String.join(", ", names.subList(0, Math.min(3, names.size()))))))
                        .append('\n');
            }
        }
        if (!f.rulesFailed().isEmpty()) {
            sb.append('\n').append(hl.heading(messages.get("summary.rulesFailed", f.rulesFailed().size())))
                    .append('\n');
            for (RuleProblem p : f.rulesFailed()) {
                sb.append("    ").append(FieldValues.oneLine(p.ruleFile())).append(": ")
                        .append(FieldValues.oneLine(p.message())).append('\n');
            }
        }
        if (!f.elapsed().isZero()) {
            double secs = f.elapsed().toMillis() / 1000.0;
            long rate = secs > 0 ? Math.round(f.eventsRead() / secs) : 0;
            sb.append('\n').append("  ").append(messages.get("summary.elapsed", secs, rate)).append('\n');
        }
        if (r.detections() == 0 && f.rulesLoaded() > 0 && f.eventsRead() > 0) {
            sb.append("  ").append(messages.get("summary.noDetections")).append('\n');
        }
        return sb.toString();
    }
}
