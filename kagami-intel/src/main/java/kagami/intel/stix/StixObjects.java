package kagami.intel.stix;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import kagami.intel.IntelFormatException;
import kagami.intel.IntelMessage;

/**
 * Checks of STIX 2.1 objects on import (the common properties of §3.2, the required properties of the objects
 * Kagami interprets, §4–§5, §7), and STIX timestamp text (§3.2: RFC 3339, UTC, {@code Z}).
 */
public final class StixObjects {
    private static final Pattern TYPE = Pattern.compile("[a-z0-9][a-z0-9-]{1,248}[a-z0-9]");
    private static final Pattern TIMESTAMP =
            Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,9})?Z");
    private static final DateTimeFormatter MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    /** SCO types (§6): they carry no created/modified. */
    private static final Set<String> SCO = Set.of("artifact", "autonomous-system", "directory", "domain-name",
            "email-addr", "email-message", "file", "ipv4-addr", "ipv6-addr", "mac-addr", "mutex", "network-traffic",
            "process", "software", "url", "user-account", "windows-registry-key", "x509-certificate");
    /** Reference properties that must hold an identifier of a given type, per object type. */
    private static final Map<String, String[]> REQUIRED = Map.of(
            "indicator", new String[] {"pattern", "valid_from"},
            "relationship", new String[] {"relationship_type", "source_ref", "target_ref"},
            "sighting", new String[] {"sighting_of_ref"},
            "report", new String[] {"name", "published"},
            "malware", new String[] {},
            "intrusion-set", new String[] {"name"},
            "attack-pattern", new String[] {"name"},
            "identity", new String[] {"name"});

    private StixObjects() {
    }

    /** The last instant formatted, and its text: bulk imports format the same import time millions of times. */
    private static volatile Object[] lastFormatted = {Instant.EPOCH, MILLIS.format(Instant.EPOCH)};

    /** STIX timestamp text with millisecond precision. */
    public static String timestamp(Instant t) {
        Object[] last = lastFormatted;
        if (last[0].equals(t)) {
            return (String) last[1];
        }
        String s = MILLIS.format(t);
        lastFormatted = new Object[] {t, s};
        return s;
    }

    /** {@code text} in {@link #timestamp} form: returned as is when it already is, else parsed and re-formatted. */
    public static String canonical(String text) {
        if (text.length() == 24 && text.charAt(10) == 'T' && text.charAt(19) == '.' && text.charAt(23) == 'Z'
                && TIMESTAMP.matcher(text).matches()) {
            return text;
        }
        return timestamp(Instant.parse(text));
    }

    /** A new STIX 2.1 object with the common properties (§3.2): type, spec_version, id, created = modified. */
    public static ObjectNode create(String type, String id, String timestamp) {
        ObjectNode o = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        o.put("type", type);
        o.put("spec_version", "2.1");
        o.put("id", id);
        o.put("created", timestamp);
        o.put("modified", timestamp);
        return o;
    }

    public static boolean isSco(String type) {
        return SCO.contains(type);
    }

    /** Parses a STIX timestamp, naming {@code field} and {@code location} when it is not one. */
    public static Instant parseTimestamp(JsonNode n, IntelMessage location, String field) throws IntelFormatException {
        if (n == null || !n.isTextual()) {
            throw new IntelFormatException(location, field, "stix.timestampType");
        }
        String s = n.asText();
        if (!TIMESTAMP.matcher(s).matches()) {
            throw new IntelFormatException(location, field, "stix.timestamp", abbreviate(s));
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw new IntelFormatException(location, field, IntelMessage.of("stix.date", abbreviate(s)), e);
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }

    /**
     * Checks what Kagami relies on: {@code type}, {@code id} of that type, {@code created}/{@code modified} on
     * SDOs and SROs (and {@code modified >= created}), the required properties of the types it interprets,
     * identifier-valued references, and {@code confidence} in 0-100. Unknown types and custom properties pass
     * (STIX 2.1 §11 allows them).
     */
    public static void check(ObjectNode o, IntelMessage location) throws IntelFormatException {
        JsonNode typeNode = o.get("type");
        if (typeNode == null || !typeNode.isTextual()) {
            throw new IntelFormatException(location, "type", "stix.typeMissing");
        }
        String type = typeNode.asText();
        if (!TYPE.matcher(type).matches()) {
            throw new IntelFormatException(location, "type", "stix.typeName", abbreviate(type));
        }
        JsonNode id = o.get("id");
        if (id == null || !StixIds.valid(id.asText(null), type)) {
            throw new IntelFormatException(location, "id", id == null ? IntelMessage.of("stix.missing")
                    : IntelMessage.of("stix.idType", abbreviate(id.asText()), type));
        }
        JsonNode spec = o.get("spec_version");
        if (spec != null && !(spec.isTextual() && (spec.asText().equals("2.1") || spec.asText().equals("2.0")))) {
            throw new IntelFormatException(location, "spec_version", "stix.specVersion");
        }
        if (type.equals("bundle")) {
            throw new IntelFormatException(location, "type", "stix.nestedBundle");
        }
        if (!isSco(type)) {
            Instant created = parseTimestamp(o.get("created"), location, "created");
            if (!type.equals("marking-definition") || o.has("modified")) {
                Instant modified = parseTimestamp(o.get("modified"), location, "modified");
                if (modified.isBefore(created)) {
                    throw new IntelFormatException(location, "modified", "stix.modifiedBeforeCreated");
                }
            }
        }
        for (String f : REQUIRED.getOrDefault(type, new String[0])) {
            JsonNode v = o.get(f);
            if (v == null || v.isNull() || (v.isTextual() && v.asText().isEmpty())) {
                throw new IntelFormatException(location, f, "stix.required");
            }
        }
        if (type.equals("indicator")) {
            parseTimestamp(o.get("valid_from"), location, "valid_from");
            if (o.has("valid_until")) {
                Instant from = Instant.parse(o.get("valid_from").asText());
                Instant until = parseTimestamp(o.get("valid_until"), location, "valid_until");
                if (!until.isAfter(from)) {
                    throw new IntelFormatException(location, "valid_until", "stix.validUntil");
                }
            }
            if (!o.path("pattern").isTextual()) {
                throw new IntelFormatException(location, "pattern", "stix.string");
            }
        }
        if (type.equals("malware") && o.path("is_family").asBoolean(false) && !o.has("name")) {
            throw new IntelFormatException(location, "name", "stix.malwareName");
        }
        if (o.has("confidence")) {
            JsonNode c = o.get("confidence");
            if (!c.isIntegralNumber() || c.asInt() < 0 || c.asInt() > 100) {
                throw new IntelFormatException(location, "confidence", "stix.confidence");
            }
        }
        Iterator<Map.Entry<String, JsonNode>> fields = o.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            String name = f.getKey();
            if (name.endsWith("_ref") && f.getValue().isTextual() && !StixIds.valid(f.getValue().asText(), null)) {
                throw new IntelFormatException(location, name, "stix.ref", abbreviate(f.getValue().asText()));
            }
            if (name.endsWith("_refs") && !name.equals("object_refs") && f.getValue().isArray()) {
                for (JsonNode r : f.getValue()) {
                    if (!StixIds.valid(r.asText(null), null)) {
                        throw new IntelFormatException(location, name, "stix.ref", abbreviate(r.asText()));
                    }
                }
            }
        }
    }
}
