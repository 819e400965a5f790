package kagami.intel;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import kagami.core.Tlp;
import kagami.intel.stix.StixIds;
import kagami.intel.stix.StixObjects;
import kagami.intel.stix.TlpMarkings;
import kagami.intel.stix.pattern.PatternObservables;

/**
 * One indicator as flat formats carry it (a CSV row, a list line, a MISP attribute, a Loki entry), and its mapping
 * to STIX 2.1: an {@code indicator} with the observable's pattern, plus a {@code malware} object and an
 * {@code indicates} relationship for each related name. Ids are deterministic (UUIDv5 over the normalised
 * observable, or the MISP attribute's uuid), so the same value imported twice is one object.
 *
 * @param observable     the normalised observable
 * @param name           short name; empty for the default ("domain example.com")
 * @param description    free text
 * @param confidence     0-100 if stated
 * @param tlp            marking if stated (else the import's default applies)
 * @param validFrom      start of validity if stated (else first seen, else now)
 * @param validUntil     end of validity if stated
 * @param indicatorTypes STIX indicator_types; empty means malicious-activity
 * @param source         report URL or feed name
 * @param related        malware / intrusion-set names
 * @param firstSeen      first seen if stated
 * @param lastSeen       last seen if stated
 * @param uuid           a producer's UUID for the record (MISP attribute uuid), else empty
 */
public record FlatIndicator(Observable observable, String name, String description, OptionalInt confidence,
                            Optional<Tlp> tlp, Optional<Instant> validFrom, Optional<Instant> validUntil,
                            List<String> indicatorTypes, String source, List<String> related,
                            Optional<Instant> firstSeen, Optional<Instant> lastSeen, Optional<String> uuid) {
    public FlatIndicator {
        Objects.requireNonNull(observable);
        name = Objects.requireNonNullElse(name, "");
        description = Objects.requireNonNullElse(description, "");
        indicatorTypes = List.copyOf(indicatorTypes);
        source = Objects.requireNonNullElse(source, "");
        related = List.copyOf(related);
    }

    /** Just the value, everything else unknown. */
    public static FlatIndicator of(Observable o) {
        return new FlatIndicator(o, "", "", OptionalInt.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                List.of(), "", List.of(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** The indicator's STIX id. */
    public String stixId() {
        return uuid.map(u -> "indicator--" + u.toLowerCase(java.util.Locale.ROOT))
                .orElseGet(() -> StixIds.kagami("indicator", observable.toString()));
    }

    /** Hands the STIX objects for this record to {@code sink}. */
    public void emit(ImportSink sink, IntelMessage location, Instant importTime) throws IOException {
        JsonNodeFactory f = JsonNodeFactory.instance;
        Instant from = validFrom.orElse(firstSeen.orElse(importTime));
        if (validUntil.isPresent() && !validUntil.get().isAfter(from)) {
            throw new IntelFormatException(location, "valid_until", "stix.validUntil");
        }
        String ts = StixObjects.timestamp(importTime);
        ObjectNode o = f.objectNode();
        o.put("type", "indicator");
        o.put("spec_version", "2.1");
        String id = stixId();
        o.put("id", id);
        o.put("created", ts);
        o.put("modified", ts);
        o.put("name", name.isEmpty() ? observable.typeName() + " " + observable.value() : name);
        if (!description.isEmpty()) {
            o.put("description", description);
        }
        ArrayNode types = o.putArray("indicator_types");
        if (indicatorTypes.isEmpty()) {
            types.add("malicious-activity");
        } else {
            indicatorTypes.forEach(types::add);
        }
        o.put("pattern", PatternObservables.patternFor(observable));
        o.put("pattern_type", "stix");
        o.put("pattern_version", "2.1");
        o.put("valid_from", StixObjects.timestamp(from));
        validUntil.ifPresent(u -> o.put("valid_until", StixObjects.timestamp(u)));
        confidence.ifPresent(c -> o.put("confidence", c));
        if (!source.isEmpty()) {
            ObjectNode ref = o.putArray("external_references").addObject();
            boolean url = source.matches("(?i)https?://\\S+");
            ref.put("source_name", url ? hostOf(source) : source);
            if (url) {
                ref.put("url", source);
            } else {
                // STIX 2.1 §2.5: an external reference needs a description, url or external_id besides its name.
                ref.put("description", source);
            }
        }
        tlp.ifPresent(t -> o.putArray("object_marking_refs").add(TlpMarkings.id(t)));
        firstSeen.ifPresent(t -> o.put("x_kagami_first_seen", StixObjects.timestamp(t)));
        lastSeen.ifPresent(t -> o.put("x_kagami_last_seen", StixObjects.timestamp(t)));
        sink.accept(o, location, true);
        for (String r : related) {
            String mid = StixIds.kagami("malware", r.toLowerCase(java.util.Locale.ROOT));
            ObjectNode m = f.objectNode();
            m.put("type", "malware");
            m.put("spec_version", "2.1");
            m.put("id", mid);
            m.put("created", ts);
            m.put("modified", ts);
            m.put("name", r);
            m.put("is_family", true);
            sink.acceptIfAbsent(m, location);
            ObjectNode rel = f.objectNode();
            rel.put("type", "relationship");
            rel.put("spec_version", "2.1");
            rel.put("id", StixIds.kagami("relationship", id + " indicates " + mid));
            rel.put("created", ts);
            rel.put("modified", ts);
            rel.put("relationship_type", "indicates");
            rel.put("source_ref", id);
            rel.put("target_ref", mid);
            sink.accept(rel, location, true);
        }
    }

    private static String hostOf(String url) {
        String s = url.substring(url.indexOf("://") + 3);
        int end = 0;
        while (end < s.length() && "/?#:".indexOf(s.charAt(end)) < 0) {
            end++;
        }
        return end == 0 ? url : s.substring(0, end);
    }
}
