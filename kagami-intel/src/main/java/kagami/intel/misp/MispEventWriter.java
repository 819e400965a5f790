package kagami.intel.misp;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import kagami.core.Tlp;
import kagami.intel.IntelIndicator;
import kagami.intel.Observable;
import kagami.intel.stix.StixBundle;
import kagami.intel.stix.StixIds;
import kagami.intel.stix.StixObjects;
import kagami.intel.stix.StixSource;

/**
 * One MISP event (MISP core format §2) from indicators and, when the store is given, what surrounds them there:
 * the inverse of {@link MispEventReader}. Each observable is an attribute whose uuid is the indicator's; STIX
 * sightings of an indicator are the attribute's sightings (§2.9); groupings that came from MISP objects
 * ({@code x_misp_object}) are objects again (§2.5) with their relationships as object references (§2.6); the
 * intrusion sets, malware, tools and techniques an indicator indicates are galaxy tags (§2.8) that MISP resolves
 * to its clusters. Kagami's own tags carry what MISP attributes have no field for (confidence, validity, source,
 * indicator types, related names of other kinds).
 */
final class MispEventWriter {
    private static final Map<String, String> SIGHTING_CODES = Map.of(
            "seen", "0", "false-positive", "1", "expiration", "2", "true-positive", "3");

    /** What the store holds around the exported indicators. */
    private static final class Context {
        final Map<String, List<ObjectNode>> sightings = new HashMap<>();
        final Map<String, ObjectNode> groupings = new TreeMap<>();
        final List<ObjectNode> relationships = new ArrayList<>();
        final Map<String, String> identityNames = new HashMap<>();
        final Map<String, ObjectNode> clusters = new HashMap<>();
        /** Indicator id → galaxy tags, from its indicates / related-to relationships to clusters. */
        final Map<String, List<String>> galaxyTags = new HashMap<>();
        /** Indicator id → names that have a galaxy tag (no kagami:related tag needed for them). */
        final Map<String, Set<String>> taggedNames = new HashMap<>();
    }

    private MispEventWriter() {
    }

    static ObjectNode write(List<IntelIndicator> indicators, StixSource store, Tlp maxTlp, String eventUuid,
                            String info, Instant date) throws IOException {
        Context ctx = new Context();
        if (store != null) {
            collect(store, maxTlp, indicators, ctx);
        }
        ObjectNode root = StixBundle.MAPPER.createObjectNode();
        ObjectNode e = root.putObject("Event");
        e.put("uuid", eventUuid);
        e.put("info", info);
        e.put("date", date.atOffset(ZoneOffset.UTC).toLocalDate().toString());
        e.put("timestamp", Long.toString(date.getEpochSecond()));
        e.put("published", false);
        e.put("analysis", "2");
        e.put("threat_level_id", "4");
        e.put("distribution", "0");
        ObjectNode orgc = e.putObject("Orgc");
        orgc.put("name", "Kagami");
        orgc.put("uuid", StixIds.uuid5(StixIds.KAGAMI_NAMESPACE, "org:kagami").toString());
        Tlp max = indicators.stream().map(IntelIndicator::tlp).max(Tlp::compareTo).orElse(Tlp.CLEAR);
        e.putArray("Tag").addObject().put("name", max.label().toLowerCase(Locale.ROOT));
        // Attribute uuid → attribute, in indicator order; attributes that go into an object are taken out below.
        Map<String, ObjectNode> attributes = new LinkedHashMap<>();
        for (IntelIndicator i : indicators) {
            int k = 0;
            for (Observable o : i.observables()) {
                String type = mispType(o);
                if (type == null) {
                    // MISP has no attribute type for a certificate serial number.
                    continue;
                }
                String uuid = uuidOf(i.id());
                ObjectNode a = StixBundle.MAPPER.createObjectNode();
                a.put("uuid", k == 0 ? uuid : StixIds.uuid5(StixIds.KAGAMI_NAMESPACE, uuid + "/" + k).toString());
                a.put("type", type);
                a.put("category", category(o));
                a.put("value", o.value());
                a.put("to_ids", !i.context());
                a.put("comment", i.description());
                a.put("timestamp", Long.toString(i.modified().getEpochSecond()));
                i.firstSeen().ifPresent(t -> a.put("first_seen", t.toString()));
                i.lastSeen().ifPresent(t -> a.put("last_seen", t.toString()));
                tags(a.putArray("Tag"), i, ctx);
                if (k == 0) {
                    sightings(a, ctx.sightings.getOrDefault(i.id(), List.of()), ctx);
                }
                attributes.put(a.get("uuid").asText(), a);
                k++;
            }
        }
        ArrayNode objects = e.putArray("Object");
        for (ObjectNode g : ctx.groupings.values()) {
            object(g, attributes, ctx).ifPresent(objects::add);
        }
        ArrayNode attrs = e.putArray("Attribute");
        attributes.values().forEach(attrs::add);
        if (objects.isEmpty()) {
            e.remove("Object");
        }
        return root;
    }

    /** One pass over the store for the objects around the exported indicators. */
    private static void collect(StixSource store, Tlp maxTlp, List<IntelIndicator> indicators, Context ctx)
            throws IOException {
        Set<String> exported = new HashSet<>();
        indicators.forEach(i -> exported.add(i.id()));
        store.forEachObject(maxTlp, (o, tlp) -> {
            String type = o.path("type").asText();
            String id = o.path("id").asText();
            switch (type) {
                case "sighting" -> {
                    String of = o.path("sighting_of_ref").asText();
                    if (exported.contains(of)) {
                        ctx.sightings.computeIfAbsent(of, x -> new ArrayList<>()).add(o);
                    }
                }
                case "grouping" -> {
                    if (o.path("x_misp_object").isObject()) {
                        ctx.groupings.put(id, o);
                    }
                }
                case "relationship" -> {
                    String from = o.path("source_ref").asText();
                    if (exported.contains(from) || from.startsWith("grouping--")) {
                        ctx.relationships.add(o);
                    }
                }
                case "identity" -> ctx.identityNames.put(id, o.path("name").asText(""));
                case "intrusion-set", "malware", "tool", "attack-pattern" -> ctx.clusters.put(id, o);
                default -> { }
            }
        });
        for (ObjectNode r : ctx.relationships) {
            String from = r.path("source_ref").asText();
            String rt = r.path("relationship_type").asText();
            ObjectNode target = ctx.clusters.get(r.path("target_ref").asText());
            if (!exported.contains(from) || target == null || !(rt.equals("indicates") || rt.equals("related-to"))) {
                continue;
            }
            String tag = galaxyTag(target);
            if (tag != null) {
                List<String> tags = ctx.galaxyTags.computeIfAbsent(from, x -> new ArrayList<>());
                if (!tags.contains(tag)) {
                    tags.add(tag);
                }
                ctx.taggedNames.computeIfAbsent(from, x -> new HashSet<>()).add(target.path("name").asText());
            }
        }
        ctx.galaxyTags.values().forEach(l -> l.sort(String::compareTo));
    }

    /**
     * The galaxy tag MISP resolves to the cluster for a STIX object: threat-actor for intrusion sets, the MITRE
     * galaxies ("Name - T1566.001") where the ATT&CK id is known, malpedia and tool otherwise.
     */
    private static String galaxyTag(ObjectNode o) {
        String name = o.path("name").asText("");
        if (name.isBlank()) {
            return null;
        }
        String mitre = null;
        for (JsonNode r : o.path("external_references")) {
            if (r.path("source_name").asText().equals("mitre-attack") && r.hasNonNull("external_id")) {
                mitre = r.get("external_id").asText();
                break;
            }
        }
        String value = switch (o.path("type").asText()) {
            case "intrusion-set" -> "threat-actor=\"" + name;
            case "malware" -> mitre != null ? "mitre-malware=\"" + name + " - " + mitre : "malpedia=\"" + name;
            case "tool" -> mitre != null ? "mitre-tool=\"" + name + " - " + mitre : "tool=\"" + name;
            case "attack-pattern" -> mitre != null ? "mitre-attack-pattern=\"" + name + " - " + mitre : null;
            default -> null;
        };
        return value == null ? null : "misp-galaxy:" + value + "\"";
    }

    private static void tags(ArrayNode tags, IntelIndicator i, Context ctx) {
        tags.addObject().put("name", i.tlp().label().toLowerCase(Locale.ROOT));
        for (String g : ctx.galaxyTags.getOrDefault(i.id(), List.of())) {
            tags.addObject().put("name", g);
        }
        Set<String> tagged = ctx.taggedNames.getOrDefault(i.id(), Set.of());
        for (String r : i.related()) {
            if (!tagged.contains(r)) {
                tags.addObject().put("name", MispEvents.TAG_RELATED + "\"" + r + "\"");
            }
        }
        i.confidence().ifPresent(c -> tags.addObject().put("name", MispEvents.TAG_CONFIDENCE + "\"" + c + "\""));
        i.validUntil().ifPresent(u -> tags.addObject().put("name", MispEvents.TAG_VALID_UNTIL + "\""
                + StixObjects.timestamp(u) + "\""));
        // Always written, even empty: without it a reader falls back to the event title as the source.
        tags.addObject().put("name", MispEvents.TAG_SOURCE + "\"" + i.source() + "\"");
        if (!i.indicatorTypes().isEmpty()) {
            tags.addObject().put("name", MispEvents.TAG_TYPES + "\"" + String.join("|", i.indicatorTypes()) + "\"");
        }
    }

    /** The STIX sightings of an indicator as the attribute's MISP sightings (§2.9). */
    private static void sightings(ObjectNode attribute, List<ObjectNode> sightings, Context ctx) {
        if (sightings.isEmpty()) {
            return;
        }
        List<ObjectNode> sorted = new ArrayList<>(sightings);
        sorted.sort((a, b) -> a.path("id").asText().compareTo(b.path("id").asText()));
        ArrayNode out = attribute.putArray("Sighting");
        for (ObjectNode s : sorted) {
            ObjectNode m = out.addObject();
            m.put("uuid", uuidOf(s.path("id").asText()));
            m.put("type", SIGHTING_CODES.getOrDefault(s.path("x_misp_sighting_type").asText("seen"), "0"));
            String when = s.hasNonNull("last_seen") ? s.get("last_seen").asText()
                    : s.hasNonNull("first_seen") ? s.get("first_seen").asText() : s.path("created").asText();
            m.put("date_sighting", Long.toString(Instant.parse(when).getEpochSecond()));
            String source = s.path("x_misp_source").asText("");
            if (!source.isEmpty()) {
                m.put("source", source);
            }
            String org = s.path("where_sighted_refs").path(0).asText("");
            if (ctx.identityNames.containsKey(org)) {
                ObjectNode o = m.putObject("Organisation");
                o.put("uuid", uuidOf(org));
                o.put("name", ctx.identityNames.get(org));
            }
        }
    }

    /**
     * A grouping that came from a MISP object, as that object again: its indicators' attributes (taken out of the
     * event's attribute list), its other attributes from {@code x_misp_object}, and its references.
     */
    private static java.util.Optional<ObjectNode> object(ObjectNode g, Map<String, ObjectNode> attributes,
                                                         Context ctx) {
        JsonNode x = g.get("x_misp_object");
        Map<String, JsonNode> kept = new HashMap<>();
        for (JsonNode a : x.path("attributes")) {
            if (a.hasNonNull("uuid")) {
                kept.put(a.get("uuid").asText().toLowerCase(Locale.ROOT), a);
            }
        }
        ObjectNode o = StixBundle.MAPPER.createObjectNode();
        o.put("uuid", uuidOf(g.path("id").asText()));
        o.put("name", x.path("name").asText(g.path("name").asText("")));
        o.put("meta-category", x.path("meta_category").asText(""));
        o.put("template_uuid", x.path("template_uuid").asText(""));
        o.put("template_version", x.path("template_version").asText(""));
        o.put("timestamp", Long.toString(Instant.parse(g.path("modified").asText()).getEpochSecond()));
        o.put("comment", g.path("description").asText(""));
        o.put("deleted", false);
        ArrayNode attrs = o.putArray("Attribute");
        Set<String> placed = new HashSet<>();
        for (JsonNode ref : g.path("object_refs")) {
            String uuid = uuidOf(ref.asText());
            ObjectNode a = attributes.remove(uuid);
            if (a != null) {
                JsonNode k = kept.get(uuid);
                a.put("object_relation", k != null ? k.path("object_relation").asText(a.get("type").asText())
                        : a.get("type").asText());
                attrs.add(a);
                placed.add(uuid);
            }
        }
        if (attrs.isEmpty()) {
            // None of its indicators is exported (filtered out): the object would be empty.
            return java.util.Optional.empty();
        }
        for (JsonNode a : x.path("attributes")) {
            String uuid = a.path("uuid").asText("").toLowerCase(Locale.ROOT);
            if (!placed.contains(uuid) && !MispEventReader.indicatorType(a.path("type").asText(""))) {
                // The object's attributes that were no indicator (a size, a text): as MISP had them.
                ObjectNode copy = attrs.addObject();
                if (!uuid.isEmpty()) {
                    copy.put("uuid", uuid);
                }
                copy.put("object_relation", a.path("object_relation").asText(""));
                copy.put("type", a.path("type").asText(""));
                copy.put("value", a.path("value").asText(""));
                copy.put("to_ids", false);
            }
        }
        ArrayNode refs = o.putArray("ObjectReference");
        String self = g.path("id").asText();
        for (ObjectNode r : ctx.relationships) {
            if (r.path("source_ref").asText().equals(self)) {
                ObjectNode m = refs.addObject();
                m.put("uuid", uuidOf(r.path("id").asText()));
                m.put("object_uuid", uuidOf(self));
                m.put("referenced_uuid", uuidOf(r.path("target_ref").asText()));
                m.put("relationship_type", r.path("x_misp_relationship_type").asText(
                        r.path("relationship_type").asText()));
                m.put("deleted", false);
            }
        }
        return java.util.Optional.of(o);
    }

    /** The UUID part of a STIX id (§2.9: {@code type--UUID}). */
    private static String uuidOf(String stixId) {
        return stixId.substring(stixId.indexOf("--") + 2).toLowerCase(Locale.ROOT);
    }

    static String mispType(Observable o) {
        return switch (o.type()) {
            case MD5 -> "md5";
            case SHA1 -> "sha1";
            case SHA256 -> "sha256";
            case SHA512 -> "sha512";
            case DOMAIN, HOSTNAME -> "domain";
            case IPV4, IPV6, CIDR -> "ip-dst";
            case URL -> "url";
            case EMAIL_ADDRESS -> "email-src";
            case FILE_NAME, FILE_PATH -> "filename";
            case REGISTRY_KEY -> "regkey";
            case MUTEX -> "mutex";
            case USER_AGENT -> "user-agent";
            case ASN -> "AS";
            case JA3 -> "ja3-fingerprint-md5";
            case CERTIFICATE_SERIAL -> null;
        };
    }

    private static String category(Observable o) {
        return switch (o.type()) {
            case MD5, SHA1, SHA256, SHA512, FILE_NAME, FILE_PATH -> "Payload delivery";
            case REGISTRY_KEY, MUTEX -> "Artifacts dropped";
            case EMAIL_ADDRESS -> "Payload delivery";
            default -> "Network activity";
        };
    }
}
