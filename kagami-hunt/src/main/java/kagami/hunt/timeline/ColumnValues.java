package kagami.hunt.timeline;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import kagami.core.Event;
import kagami.core.Level;

/**
 * The value of one placeholder for one record, typed for the writers: a {@link String}, a {@link Long}
 * (event id, record id, microseconds), a list of strings (tactics, tags) or a list of {@link DetailField}s.
 */
final class ColumnValues {
    private static final DateTimeFormatter ISO_UTC_MICROS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(java.time.ZoneOffset.UTC);

    private ColumnValues() {
    }

    static Object value(Placeholder p, TimelineRecord r, RenderOptions o) {
        return switch (p) {
            case TIMESTAMP -> o.timeFormat().format(r.timestamp(), o.zone());
            case TIMESTAMP_ISO -> ISO_UTC_MICROS.format(r.timestamp());
            case TIMESTAMP_MICROS -> r.timestamp().getEpochSecond() * 1_000_000L + r.timestamp().getNano() / 1_000L;
            case RULE_TITLE -> r.ruleTitle();
            case LEVEL -> level(r.level(), o);
            case COMPUTER -> r.computer();
            case CHANNEL -> o.abbreviate() ? o.channels().abbreviate(r.channel()) : r.channel();
            case PROVIDER -> r.provider();
            case EVENT_ID -> r.eventId() == Event.NO_EVENT_ID ? null : Long.valueOf(r.eventId());
            case RECORD_ID -> r.recordId() == Event.NO_RECORD_ID ? null : Long.valueOf(r.recordId());
            case DETAILS -> r.details();
            case EXTRA_FIELD_INFO -> r.extraFields();
            case ALL_FIELD_INFO -> allFields(r);
            case MATCHED_FIELDS -> r.matchedFields();
            case RULE_ID -> r.ruleId();
            case RULE_AUTHOR -> r.ruleAuthor();
            case RULE_LICENSE -> r.ruleLicense();
            case RULE_FILE -> r.ruleFile();
            case RULE_CREATION_DATE -> r.ruleCreated();
            case RULE_MODIFIED_DATE -> r.ruleModified();
            case STATUS -> r.status();
            case MITRE_TACTICS -> tactics(r, o);
            case MITRE_TAGS -> r.techniques();
            case OTHER_TAGS -> r.otherTags();
            case EVTX_FILE -> r.evtxFile();
            case RECOVERED -> r.recovered() ? "true" : "false";
        };
    }

    static String level(Level l, RenderOptions o) {
        return o.abbreviate() ? l.abbreviation() : l.sigmaName();
    }

    private static List<String> tactics(TimelineRecord r, RenderOptions o) {
        List<String> out = new ArrayList<>(r.tactics().size());
        for (String t : r.tactics()) {
            out.add(o.attack().tactic(t).map(x -> o.abbreviate() ? x.abbreviation() : x.name()).orElse(t));
        }
        return out;
    }

    private static List<DetailField> allFields(TimelineRecord r) {
        List<DetailField> all = new ArrayList<>(r.details().size() + r.extraFields().size());
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (DetailField d : r.details()) {
            // A template slot naming a field the event lacks shows n/a in Details, but is no field of the event.
            if (!"n/a".equals(d.value()) && seen.add(d.field())) {
                all.add(DetailField.of(d.field(), d.value()));
            }
        }
        for (DetailField d : r.extraFields()) {
            if (seen.add(d.field())) {
                all.add(d);
            }
        }
        return all;
    }
}
