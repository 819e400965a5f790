package kagami.intel.misp;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import kagami.core.IndicatorType;
import kagami.core.Tlp;
import kagami.intel.FlatIndicator;
import kagami.intel.ImportSink;
import kagami.intel.InputLocation;
import kagami.intel.IntelFormatException;
import kagami.intel.IntelMessage;
import kagami.intel.Observable;
import kagami.intel.normalize.InvalidValueException;
import kagami.intel.normalize.Normalizer;
import kagami.intel.stix.StixIds;
import kagami.intel.stix.StixObjects;
import kagami.intel.stix.TlpMarkings;

/**
 * One MISP event (MISP core format, draft-dulaunoy-misp-core-format §2) mapped to STIX 2.1 for the store:
 * <ul>
 * <li>each indicator-like attribute, also inside objects, is an {@code indicator} whose id is the attribute's uuid
 * (§2.3), so MISP-to-STIX-to-MISP keeps identities;</li>
 * <li>each attribute's sightings (§2.9) are STIX {@code sighting}s of that indicator, with the sighting organisation
 * as an {@code identity} in {@code where_sighted_refs} (none when anonymised) and the MISP type in
 * {@code x_misp_sighting_type}; a false-positive sighting is kept but does not count as seen, an expiration sighting
 * ends the indicator's validity at its time;</li>
 * <li>each object (§2.5) is a STIX {@code grouping} (§4.6: objects that share a context) of the indicators of its
 * attributes, so a file object's name and hash stay together; the whole object, non-indicator attributes
 * included, is kept in {@code x_misp_object};</li>
 * <li>object references (§2.6) are STIX {@code relationship}s between those groupings and indicators;</li>
 * <li>galaxy clusters (§2.10) and galaxy tags of threat actors, malware, tools and ATT&amp;CK techniques are
 * {@code intrusion-set}, {@code malware}, {@code tool} and {@code attack-pattern} objects that the indicators
 * {@code indicates} (event clusters for all of the event's indicators, attribute clusters for that attribute's);</li>
 * <li>the event itself is a {@code report} (§4.13) referring to all of that.</li>
 * </ul>
 * {@code to_ids: false} marks an attribute as context (not for detection); {@code tlp:*} tags give the marking
 * (attribute over event). Attributes of other types (text, comment, link ...) are not indicators and are skipped
 * with a warning; inside an object they are still kept in the grouping.
 */
final class MispEventReader {
    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern RELATIONSHIP_TYPE = Pattern.compile("[a-z0-9][a-z0-9-]{0,249}");
    /** Latest date a sighting may carry (9999-12-31T23:59:59Z): anything later is a broken number. */
    private static final long MAX_EPOCH = 253_402_300_799L;
    private static final Map<String, String> SIGHTING_TYPES = Map.of(
            "0", "seen", "1", "false-positive", "2", "expiration", "3", "true-positive");

    private final JsonNode event;
    private final IntelMessage where;
    private final ImportSink sink;
    private final Instant now;
    private final String eventTime;
    /** Attribute uuid (lower case) → the indicator ids made from it. */
    private final Map<String, List<String>> attributes = new HashMap<>();
    /** Object uuid (lower case) → its grouping id, for objects that became one. */
    private final Map<String, String> groupings = new HashMap<>();
    /** Ids of everything the event's report refers to, in the order they were made. */
    private final Set<String> reportRefs = new LinkedHashSet<>();
    /** Galaxy types seen that Kagami does not map (one warning each). */
    private final Set<String> unmappedGalaxies = new LinkedHashSet<>();
    /** Identities stored for this event. */
    private final Set<String> identities = new LinkedHashSet<>();
    private Tlp maxTlp;

    MispEventReader(JsonNode event, IntelMessage where, ImportSink sink, Instant now) {
        this.event = event;
        this.where = where;
        this.sink = sink;
        this.now = now;
        this.eventTime = StixObjects.timestamp(epoch(event.get("timestamp")).orElseGet(() ->
                date(event.path("date").asText("")).orElse(now)));
    }

    /** Hands the event's STIX objects to the sink. */
    void read() throws IOException {
        List<String> eventTags = tags(event);
        Optional<Tlp> eventTlp = tlp(eventTags);
        eventTlp.ifPresent(this::mark);
        List<String> eventRelated = related(eventTags);
        String info = event.path("info").asText("");
        List<String> eventClusters = clusters(event, eventTags, where);
        int n = 0;
        for (JsonNode a : event.path("Attribute")) {
            n++;
            attribute(a, InputLocation.element(where, "Attribute", n), eventTlp, eventRelated, eventClusters, info,
                    Instant.parse(eventTime));
        }
        int k = 0;
        for (JsonNode o : event.path("Object")) {
            k++;
            object(o, InputLocation.element(where, "Object", k), eventTlp, eventRelated, eventClusters, info);
        }
        // References last: they may point at objects and attributes that come later in the event.
        k = 0;
        for (JsonNode o : event.path("Object")) {
            k++;
            references(o, InputLocation.element(where, "Object", k));
        }
        report(info);
        for (String g : unmappedGalaxies) {
            sink.warning(where, "misp.galaxyNotImported", g);
        }
    }

    // ------------------------------------------------------------------------------------------------ attributes

    /**
     * Imports one attribute; returns the ids of the indicators made from it (empty when it is not one).
     * {@code defaultTime} (the object's or the event's timestamp) is its valid_from when it has no time of its own,
     * so re-importing the same event gives the same indicator.
     */
    private List<String> attribute(JsonNode a, IntelMessage loc, Optional<Tlp> eventTlp, List<String> eventRelated,
                                   List<String> eventClusters, String info, Instant defaultTime)
            throws IOException {
        try {
            if (a.path("deleted").asBoolean(false)) {
                return List.of();
            }
            String type = a.path("type").asText("");
            String value = a.path("value").asText("");
            if (type.isEmpty()) {
                throw new IntelFormatException(loc, "type", "stix.missing");
            }
            if (value.isEmpty()) {
                throw new IntelFormatException(loc, "value", "stix.missing");
            }
            String uuid = a.path("uuid").asText("");
            if (!uuid.isEmpty() && !UUID_TEXT.matcher(uuid).matches()) {
                throw new IntelFormatException(loc, "uuid", "misp.uuid", uuid);
            }
            List<Observable> obs = observables(type, value, loc);
            if (obs.isEmpty()) {
                sink.warning(loc, "misp.notIndicator", type);
                return List.of();
            }
            List<String> tags = tags(a);
            Optional<Tlp> tlp = tlp(tags).or(() -> eventTlp);
            tlp.ifPresent(this::mark);
            List<String> related = new ArrayList<>(related(tags));
            eventRelated.forEach(r -> {
                if (!related.contains(r)) {
                    related.add(r);
                }
            });
            OptionalInt confidence = OptionalInt.empty();
            String c = tagValue(tags, MispEvents.TAG_CONFIDENCE);
            if (c != null) {
                try {
                    confidence = OptionalInt.of(Math.max(0, Math.min(100, Integer.parseInt(c))));
                } catch (NumberFormatException ex) {
                    sink.warning(loc, "misp.confidenceTag", c);
                }
            }
            Optional<Instant> validUntil = Optional.ofNullable(tagValue(tags, MispEvents.TAG_VALID_UNTIL))
                    .map(Instant::parse);
            String source = Optional.ofNullable(tagValue(tags, MispEvents.TAG_SOURCE)).orElse(info);
            String typesTag = tagValue(tags, MispEvents.TAG_TYPES);
            List<String> types = typesTag != null ? List.of(typesTag.split("\\|"))
                    : List.of(a.path("to_ids").asBoolean(true) ? "malicious-activity" : "anomalous-activity");
            Optional<Instant> firstSeen = time(a.get("first_seen"));
            Optional<Instant> lastSeen = time(a.get("last_seen"));
            Optional<Instant> validFrom = (firstSeen.isEmpty() ? epoch(a.get("timestamp")) : firstSeen)
                    .or(() -> Optional.of(defaultTime));
            List<Sighting> sightings = sightings(a, loc);
            if (validUntil.isEmpty()) {
                // §2.9 type 2: "an attribute which will be expired at the time of the sighting".
                Instant from = validFrom.orElse(firstSeen.orElse(now));
                validUntil = sightings.stream().filter(s -> s.type().equals("expiration")).map(Sighting::time)
                        .filter(t -> t.isAfter(from)).min(Instant::compareTo);
            }
            List<String> clusters = new ArrayList<>(eventClusters);
            for (String x : clusters(a, tags, loc)) {
                if (!clusters.contains(x)) {
                    clusters.add(x);
                }
            }
            List<String> ids = new ArrayList<>(obs.size());
            for (int i = 0; i < obs.size(); i++) {
                // A composite attribute (domain|ip) names two observables: the first keeps the attribute's uuid.
                Optional<String> id = uuid.isEmpty() ? Optional.empty()
                        : Optional.of(i == 0 ? uuid : StixIds.uuid5(StixIds.KAGAMI_NAMESPACE, uuid + "/" + i)
                        .toString());
                FlatIndicator f = new FlatIndicator(obs.get(i), "", a.path("comment").asText(""), confidence, tlp,
                        validFrom, validUntil, types, source, related, firstSeen, lastSeen, id);
                f.emit(sink, loc, now);
                ids.add(f.stixId());
                reportRefs.add(f.stixId());
                for (String cluster : clusters) {
                    relationship(f.stixId(), "indicates", cluster, null, null, loc);
                }
            }
            for (Sighting s : sightings) {
                sighting(s, ids.get(0));
            }
            if (!uuid.isEmpty()) {
                attributes.put(uuid.toLowerCase(Locale.ROOT), ids);
            }
            return ids;
        } catch (IntelFormatException e) {
            sink.error(e);
        } catch (RuntimeException e) {
            sink.error(new IntelFormatException(loc, "", "misp.unreadable", e.getMessage()));
        }
        return List.of();
    }

    /** The observables a MISP attribute type names (MISP core format §2.3, types and categories). */
    static List<Observable> observables(String type, String value, IntelMessage loc) throws IntelFormatException {
        String[] parts = type.split("\\|");
        // Only composite types (domain|ip, filename|sha256 ...) hold several '|'-separated values.
        String[] values = parts.length > 1 ? value.split("\\|", -1) : new String[] {value};
        if (parts.length != values.length) {
            throw new IntelFormatException(loc, "value", "misp.composite", type, parts.length);
        }
        List<Observable> out = new ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            IndicatorType t = typeOf(parts[i], values[i]);
            if (t == null) {
                continue;
            }
            String v = values[i];
            if (parts[i].equals("regkey|value") || (parts[i].equals("regkey") && v.contains("|"))) {
                v = v.substring(0, v.indexOf('|'));
            }
            try {
                out.add(Normalizer.normalize(t, v));
            } catch (InvalidValueException e) {
                throw new IntelFormatException(loc, "value", e.text());
            }
        }
        // filename|sha256: the hash is the indicator; the name alone is not.
        if (parts.length == 2 && parts[0].equals("filename") && out.size() == 2) {
            return List.of(out.get(1));
        }
        return out;
    }

    /**
     * Whether a MISP attribute type names an indicator (some part of a composite type does): such attributes are
     * imported as indicators, the others only kept in their object's grouping.
     */
    static boolean indicatorType(String type) {
        for (String part : type.split("\\|")) {
            if (typeOf(part, "") != null) {
                return true;
            }
        }
        return false;
    }

    private static IndicatorType typeOf(String misp, String value) {
        return switch (misp) {
            case "md5" -> IndicatorType.MD5;
            case "sha1" -> IndicatorType.SHA1;
            case "sha256" -> IndicatorType.SHA256;
            case "sha512" -> IndicatorType.SHA512;
            case "ip-src", "ip-dst" -> value.contains("/") ? IndicatorType.CIDR
                    : value.contains(":") ? IndicatorType.IPV6 : IndicatorType.IPV4;
            case "domain", "hostname" -> IndicatorType.DOMAIN;
            case "url" -> IndicatorType.URL;
            case "email", "email-src", "email-dst" -> IndicatorType.EMAIL_ADDRESS;
            case "filename" -> value.contains("\\") || value.contains("/") ? IndicatorType.FILE_PATH
                    : IndicatorType.FILE_NAME;
            case "regkey" -> IndicatorType.REGISTRY_KEY;
            case "mutex" -> IndicatorType.MUTEX;
            case "user-agent" -> IndicatorType.USER_AGENT;
            case "AS" -> IndicatorType.ASN;
            case "ja3-fingerprint-md5" -> IndicatorType.JA3;
            default -> null;
        };
    }

    // ------------------------------------------------------------------------------------------------ sightings

    /** One MISP sighting: its STIX id, MISP type name, time, source and organisation. */
    private record Sighting(String id, String type, Instant time, String source, Optional<ObjectNode> identity,
                            IntelMessage location) {
    }

    /** The sightings of an attribute (§2.9), checked; unknown types are skipped with a warning. */
    private List<Sighting> sightings(JsonNode a, IntelMessage attributeLocation) throws IntelFormatException {
        List<Sighting> out = new ArrayList<>();
        String attributeUuid = a.path("uuid").asText("").toLowerCase(Locale.ROOT);
        int n = 0;
        for (JsonNode s : a.path("Sighting")) {
            n++;
            IntelMessage loc = InputLocation.element(attributeLocation, "Sighting", n);
            String typeCode = s.path("type").asText("0");
            String type = SIGHTING_TYPES.get(typeCode);
            if (type == null) {
                sink.warning(loc, "misp.sightingType", typeCode);
                continue;
            }
            JsonNode d = s.get("date_sighting");
            Optional<Instant> time = epoch(d);
            if (time.isEmpty()) {
                sink.error(new IntelFormatException(loc, "date_sighting", "misp.sightingDate",
                        d == null ? "" : d.asText()));
                continue;
            }
            String source = s.path("source").asText("").strip();
            Optional<ObjectNode> identity = organisation(s.path("Organisation"));
            String uuid = s.path("uuid").asText("").toLowerCase(Locale.ROOT);
            // The draft says uuid names the sighted attribute; MISP itself writes the sighting's own uuid there.
            String id = UUID_TEXT.matcher(uuid).matches() && !uuid.equals(attributeUuid) ? "sighting--" + uuid
                    : StixIds.kagami("sighting", attributeUuid + "|" + time.get().getEpochSecond() + "|" + typeCode
                    + "|" + source + "|" + identity.map(i -> i.get("id").asText()).orElse(""));
            out.add(new Sighting(id, type, time.get(), source, identity, loc));
        }
        return out;
    }

    private void sighting(Sighting s, String indicatorId) throws IOException {
        if (s.identity().isPresent()) {
            identity(s.identity().get());
        }
        String ts = StixObjects.timestamp(s.time());
        ObjectNode o = StixObjects.create("sighting", s.id(), ts);
        o.put("sighting_of_ref", indicatorId);
        o.put("count", 1);
        o.put("first_seen", ts);
        o.put("last_seen", ts);
        s.identity().ifPresent(i -> o.putArray("where_sighted_refs").add(i.get("id").asText()));
        o.put("x_misp_sighting_type", s.type());
        if (!s.source().isEmpty()) {
            o.put("x_misp_source", s.source());
        }
        sink.accept(o, s.location(), true);
    }

    /** The STIX identity of a MISP organisation ({@code uuid}, {@code name}); empty when there is neither. */
    private static Optional<ObjectNode> organisation(JsonNode org) {
        String uuid = org.path("uuid").asText("").toLowerCase(Locale.ROOT);
        String name = org.path("name").asText("").strip();
        if (!UUID_TEXT.matcher(uuid).matches() && name.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("type", "identity");
        o.put("spec_version", "2.1");
        o.put("id", UUID_TEXT.matcher(uuid).matches() ? "identity--" + uuid
                : StixIds.kagami("identity", "misp-org:" + name.toLowerCase(Locale.ROOT)));
        o.put("name", name.isEmpty() ? uuid : name);
        o.put("identity_class", "organization");
        return Optional.of(o);
    }

    /** Stores an organisation's identity once per event (and only if the store does not hold it yet). */
    private void identity(ObjectNode o) throws IOException {
        String id = o.get("id").asText();
        if (identities.add(id)) {
            ObjectNode copy = o.deepCopy();
            copy.put("created", eventTime);
            copy.put("modified", eventTime);
            sink.acceptIfAbsent(copy, where);
        }
    }

    // ------------------------------------------------------------------------------------------------ objects

    /** A MISP object (§2.5): its attributes, then a grouping of the indicators they made. */
    private void object(JsonNode o, IntelMessage loc, Optional<Tlp> eventTlp, List<String> eventRelated,
                        List<String> eventClusters, String info) throws IOException {
        if (o.path("deleted").asBoolean(false)) {
            return;
        }
        String uuid = o.path("uuid").asText("").toLowerCase(Locale.ROOT);
        if (!uuid.isEmpty() && !UUID_TEXT.matcher(uuid).matches()) {
            sink.error(new IntelFormatException(loc, "uuid", "misp.uuid", uuid));
            return;
        }
        String name = o.path("name").asText("").strip();
        Instant objectTime = epoch(o.get("timestamp")).orElse(Instant.parse(eventTime));
        List<String> refs = new ArrayList<>();
        ArrayNode kept = JsonNodeFactory.instance.arrayNode();
        Tlp groupTlp = eventTlp.orElse(null);
        int j = 0;
        for (JsonNode a : o.path("Attribute")) {
            j++;
            if (a.path("deleted").asBoolean(false)) {
                continue;
            }
            refs.addAll(attribute(a, InputLocation.element(loc, "Attribute", j), eventTlp, eventRelated,
                    eventClusters, info, objectTime));
            Optional<Tlp> t = tlp(tags(a));
            if (t.isPresent() && (groupTlp == null || t.get().compareTo(groupTlp) > 0)) {
                groupTlp = t.get();
            }
            ObjectNode k = kept.addObject();
            k.put("object_relation", a.path("object_relation").asText(""));
            k.put("type", a.path("type").asText(""));
            k.put("value", a.path("value").asText(""));
            k.put("to_ids", a.path("to_ids").asBoolean(true));
            if (a.hasNonNull("uuid")) {
                k.put("uuid", a.path("uuid").asText());
            }
        }
        if (refs.isEmpty()) {
            sink.warning(loc, "misp.objectNoIndicator", name);
            return;
        }
        // STIX 2.1 §4.6: a grouping asserts that the referenced objects share a context: here, one MISP object.
        String id = uuid.isEmpty() ? StixIds.kagami("grouping", "misp-object:" + String.join(",", refs))
                : "grouping--" + uuid;
        String ts = StixObjects.timestamp(objectTime);
        ObjectNode g = StixObjects.create("grouping", id, ts);
        g.put("name", name.isEmpty() ? "misp-object" : name);
        String comment = o.path("comment").asText("");
        if (!comment.isBlank()) {
            g.put("description", comment);
        }
        g.put("context", "unspecified");
        ArrayNode r = g.putArray("object_refs");
        refs.forEach(r::add);
        if (groupTlp != null) {
            g.putArray("object_marking_refs").add(TlpMarkings.id(groupTlp));
        }
        ObjectNode x = g.putObject("x_misp_object");
        x.put("name", name);
        x.put("meta_category", o.path("meta-category").asText(""));
        x.put("template_uuid", o.path("template_uuid").asText(""));
        x.put("template_version", o.path("template_version").asText(""));
        x.set("attributes", kept);
        sink.accept(g, loc, true);
        reportRefs.add(id);
        if (!uuid.isEmpty()) {
            groupings.put(uuid, id);
        }
    }

    /** The object references (§2.6) of a MISP object, as relationships from its grouping. */
    private void references(JsonNode o, IntelMessage loc) throws IOException {
        String from = groupings.get(o.path("uuid").asText("").toLowerCase(Locale.ROOT));
        if (from == null || o.path("deleted").asBoolean(false)) {
            return;
        }
        int n = 0;
        for (JsonNode ref : o.path("ObjectReference")) {
            n++;
            if (ref.path("deleted").asBoolean(false)) {
                continue;
            }
            IntelMessage rl = InputLocation.element(loc, "ObjectReference", n);
            String target = ref.path("referenced_uuid").asText("").toLowerCase(Locale.ROOT);
            String to = groupings.get(target);
            if (to == null && attributes.containsKey(target)) {
                to = attributes.get(target).get(0);
            }
            if (to == null) {
                sink.warning(rl, "misp.referenceUnknown", target);
                continue;
            }
            String type = ref.path("relationship_type").asText("").strip().toLowerCase(Locale.ROOT);
            String uuid = ref.path("uuid").asText("").toLowerCase(Locale.ROOT);
            relationship(from, RELATIONSHIP_TYPE.matcher(type).matches() ? type : "related-to", to,
                    UUID_TEXT.matcher(uuid).matches() ? "relationship--" + uuid : null,
                    RELATIONSHIP_TYPE.matcher(type).matches() ? null : type, rl);
        }
    }

    /**
     * A relationship (§5.1); {@code id} null for Kagami's deterministic one, {@code mispType} the MISP relationship
     * type when it is not a valid STIX one (kept in {@code x_misp_relationship_type}).
     */
    private void relationship(String from, String type, String to, String id, String mispType, IntelMessage loc)
            throws IOException {
        ObjectNode rel = StixObjects.create("relationship",
                id != null ? id : StixIds.kagami("relationship", from + " " + type + " " + to), eventTime);
        rel.put("relationship_type", type);
        rel.put("source_ref", from);
        rel.put("target_ref", to);
        if (mispType != null && !mispType.isEmpty()) {
            rel.put("x_misp_relationship_type", mispType);
        }
        sink.accept(rel, loc, true);
    }

    // ------------------------------------------------------------------------------------------------ galaxies

    /**
     * The galaxy clusters attached to an event or attribute, from its {@code Galaxy} list and its galaxy tags:
     * each mapped cluster is stored (if new) and its id returned.
     */
    private List<String> clusters(JsonNode n, List<String> tags, IntelMessage loc) throws IOException {
        Map<String, GalaxyClusters.Cluster> found = new LinkedHashMap<>();
        int g = 0;
        for (JsonNode galaxy : n.path("Galaxy")) {
            g++;
            String type = galaxy.path("type").asText("");
            IntelMessage gl = InputLocation.element(loc, "Galaxy", g);
            if (!GalaxyClusters.imported(type)) {
                if (!type.isEmpty()) {
                    unmappedGalaxies.add(type);
                }
                continue;
            }
            int c = 0;
            for (JsonNode cluster : galaxy.path("GalaxyCluster")) {
                c++;
                String value = cluster.path("value").asText("");
                if (value.isBlank()) {
                    sink.error(new IntelFormatException(InputLocation.element(gl, "GalaxyCluster", c), "value",
                            "stix.missing"));
                    continue;
                }
                String clusterType = cluster.path("type").asText("");
                GalaxyClusters.of(GalaxyClusters.imported(clusterType) ? clusterType : type, value, cluster,
                        eventTime).ifPresent(x -> found.putIfAbsent(x.id(), x));
            }
        }
        for (String t : tags) {
            Optional<String[]> tag = GalaxyClusters.tag(t);
            if (tag.isEmpty()) {
                continue;
            }
            if (!GalaxyClusters.imported(tag.get()[0])) {
                unmappedGalaxies.add(tag.get()[0]);
                continue;
            }
            GalaxyClusters.of(tag.get()[0], tag.get()[1], JsonNodeFactory.instance.objectNode(), eventTime)
                    .ifPresent(x -> found.putIfAbsent(x.id(), x));
        }
        for (GalaxyClusters.Cluster x : found.values()) {
            sink.acceptIfAbsent(x.object(), loc);
            reportRefs.add(x.id());
        }
        return new ArrayList<>(found.keySet());
    }

    // ------------------------------------------------------------------------------------------------ the event

    /** The event as a STIX report (§4.13) of everything it held. */
    private void report(String info) throws IOException {
        if (reportRefs.isEmpty()) {
            return;
        }
        String uuid = event.path("uuid").asText("").toLowerCase(Locale.ROOT);
        ObjectNode r = StixObjects.create("report", UUID_TEXT.matcher(uuid).matches() ? "report--" + uuid
                : StixIds.kagami("report", "misp-event:" + info + ":" + String.join(",", reportRefs)), eventTime);
        r.put("name", info.isBlank() ? "MISP event " + uuid : info);
        r.put("published", StixObjects.timestamp(date(event.path("date").asText(""))
                .orElse(Instant.parse(eventTime))));
        r.putArray("report_types").add("threat-report");
        ArrayNode refs = r.putArray("object_refs");
        reportRefs.forEach(refs::add);
        if (maxTlp != null) {
            r.putArray("object_marking_refs").add(TlpMarkings.id(maxTlp));
        }
        sink.accept(r, where, true);
    }

    private void mark(Tlp t) {
        if (maxTlp == null || t.compareTo(maxTlp) > 0) {
            maxTlp = t;
        }
    }

    // ------------------------------------------------------------------------------------------------ values

    static List<String> tags(JsonNode n) {
        List<String> out = new ArrayList<>();
        for (JsonNode t : n.path("Tag")) {
            String name = t.path("name").asText("");
            if (!name.isEmpty()) {
                out.add(name);
            }
        }
        return out;
    }

    static Optional<Tlp> tlp(List<String> tags) {
        Tlp result = null;
        for (String t : tags) {
            if (t.toLowerCase(Locale.ROOT).startsWith("tlp:")) {
                Optional<Tlp> p = Tlp.parse(t);
                if (p.isPresent() && (result == null || p.get().compareTo(result) > 0)) {
                    result = p.get();
                }
            }
        }
        return Optional.ofNullable(result);
    }

    /** Names from {@code kagami:related="X"} (Kagami's own MISP export); galaxy tags are clusters instead. */
    private static List<String> related(List<String> tags) {
        List<String> out = new ArrayList<>();
        for (String t : tags) {
            if (t.startsWith(MispEvents.TAG_RELATED)) {
                String v = unquote(t.substring(MispEvents.TAG_RELATED.length()));
                if (!v.isEmpty() && !out.contains(v)) {
                    out.add(v);
                }
            }
        }
        return out;
    }

    private static String tagValue(List<String> tags, String prefix) {
        for (String t : tags) {
            if (t.startsWith(prefix)) {
                return unquote(t.substring(prefix.length()));
            }
        }
        return null;
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }

    private static Optional<Instant> time(JsonNode n) {
        if (n == null || n.isNull() || n.asText().isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(n.asText()).toInstant());
        } catch (RuntimeException e) {
            return epoch(n);
        }
    }

    /** Seconds since 1970 (MISP timestamps, §2.2.x: a decimal string), within years 1970-9999. */
    private static Optional<Instant> epoch(JsonNode n) {
        if (n == null || n.isNull()) {
            return Optional.empty();
        }
        try {
            long s = Long.parseLong(n.asText().strip());
            return s < 0 || s > MAX_EPOCH ? Optional.empty() : Optional.of(Instant.ofEpochSecond(s));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<Instant> date(String d) {
        try {
            return Optional.of(LocalDate.parse(d).atStartOfDay(ZoneOffset.UTC).toInstant());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
