package kagami.hunt.timeline;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

import kagami.core.AttackTag;
import kagami.core.Detection;
import kagami.core.Event;
import kagami.hunt.FieldValues;
import kagami.hunt.attack.AttackCatalog;

/** Turns detections into {@link TimelineRecord}s: Details from templates, ATT&CK tactics from technique tags. */
public final class TimelineRecords {
    /** Bound on the fields shown per event, so one hostile record cannot make a megabyte-wide row. */
    static final int MAX_FIELDS = 512;
    /** Bound on one shown value (characters); longer values are cut and marked. */
    static final int MAX_VALUE = 32 * 1024;

    private final DetailsTemplates templates;
    private final AttackCatalog attack;
    private final Function<String, RuleDates> ruleDates;

    public TimelineRecords(DetailsTemplates templates, AttackCatalog attack, Function<String, RuleDates> ruleDates) {
        this.templates = Objects.requireNonNull(templates, "templates");
        this.attack = Objects.requireNonNull(attack, "attack");
        this.ruleDates = Objects.requireNonNull(ruleDates, "ruleDates");
    }

    /** With the bundled templates and ATT&CK data and no rule dates. */
    public static TimelineRecords bundled() {
        return new TimelineRecords(DetailsTemplates.bundled(), AttackCatalog.bundled(), id -> RuleDates.UNKNOWN);
    }

    public TimelineRecord of(Detection d) {
        Event e = d.firstEvent();
        List<DetailField> details = new ArrayList<>();
        List<DetailField> extra = new ArrayList<>();
        Optional<List<DetailsTemplates.Slot>> template = templates.template(e.provider(), e.eventId());
        Set<String> shown = new HashSet<>();
        if (template.isPresent()) {
            for (DetailsTemplates.Slot s : template.get()) {
                details.add(new DetailField(s.label(),
                        s.dataIndex() > 0 ? s.field() + "[" + s.dataIndex() + "]" : s.field(), slotValue(e, s)));
                if (s.dataIndex() == 0) {
                    shown.add(s.field());
                }
            }
        }
        List<DetailField> rest = template.isPresent() ? extra : details;
        for (Map.Entry<String, Object> f : e.fields().entrySet()) {
            if (rest.size() >= MAX_FIELDS) {
                break;
            }
            String name = f.getKey();
            if (FieldValues.SYSTEM_FIELDS.contains(name) || shown.contains(name)) {
                continue;
            }
            addField(rest, name, f.getValue());
        }
        List<String> tactics = attack.tacticsOf(d.attack()).stream().map(AttackCatalog.Tactic::shortName).toList();
        List<String> mitreTags = new ArrayList<>();
        List<String> otherTags = new ArrayList<>();
        for (String tag : d.tags()) {
            Optional<AttackTag> t = AttackTag.parse(tag);
            if (t.isPresent()) {
                if (t.get().kind() != AttackTag.Kind.TACTIC) {
                    mitreTags.add(t.get().id());
                }
            } else {
                otherTags.add(tag);
            }
        }
        List<DetailField> matched = new ArrayList<>();
        for (Map.Entry<String, String> m : new TreeMap<>(d.matchedFields()).entrySet()) {
            matched.add(DetailField.of(m.getKey(), cut(m.getValue())));
        }
        RuleDates dates = ruleDates.apply(d.ruleId());
        if (dates == null) {
            dates = RuleDates.UNKNOWN;
        }
        return new TimelineRecord(d.timestamp(), d.title(), d.level(), d.ruleId(), d.status(), d.author(),
                d.license(), d.ruleFile(), dates.created(), dates.modified(), tactics, mitreTags, otherTags,
                e.host(), e.channel(), e.provider(), e.eventId(), e.recordId(), e.origin().source(),
                e.origin().offset(), e.origin().recovered(), details, extra, matched);
    }

    private static String slotValue(Event e, DetailsTemplates.Slot s) {
        if (!e.hasField(s.field())) {
            return "n/a";
        }
        Object v = e.fieldOrNull(s.field());
        if (s.dataIndex() > 0) {
            if (v instanceof List<?> list) {
                return s.dataIndex() <= list.size() ? cut(FieldValues.text(list.get(s.dataIndex() - 1))) : "n/a";
            }
            return s.dataIndex() == 1 ? cut(FieldValues.text(v)) : "n/a";
        }
        return cut(FieldValues.text(v));
    }

    private static void addField(List<DetailField> out, String name, Object value) {
        if (value instanceof List<?> list) {
            int i = 1;
            for (Object o : list) {
                if (out.size() >= MAX_FIELDS) {
                    return;
                }
                out.add(DetailField.of(name + "[" + i++ + "]", cut(FieldValues.text(o))));
            }
        } else if (value instanceof Map<?, ?> map && !map.containsKey("#text")) {
            for (Map.Entry<?, ?> c : map.entrySet()) {
                if (out.size() >= MAX_FIELDS) {
                    return;
                }
                addField(out, name + "." + c.getKey(), c.getValue());
            }
        } else {
            out.add(DetailField.of(name, cut(FieldValues.text(value))));
        }
    }

    private static String cut(String s) {
        return s.length() <= MAX_VALUE ? s : s.substring(0, MAX_VALUE) + "…[" + (s.length() - MAX_VALUE) + " more]";
    }
}
