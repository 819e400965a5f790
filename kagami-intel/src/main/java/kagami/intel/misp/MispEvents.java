package kagami.intel.misp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import kagami.core.IndicatorType;
import kagami.core.Tlp;
import kagami.core.io.LimitedInputStream;
import kagami.intel.FlatIndicator;
import kagami.intel.ImportSink;
import kagami.intel.InputLocation;
import kagami.intel.IntelFormatException;
import kagami.intel.IntelIndicator;
import kagami.intel.IntelMessage;
import kagami.intel.IntelReader;
import kagami.intel.Observable;
import kagami.intel.normalize.InvalidValueException;
import kagami.intel.normalize.Normalizer;
import kagami.intel.stix.StixBundle;
import kagami.intel.stix.StixIds;

/**
 * MISP events (MISP core format, draft-dulaunoy-misp-core-format §2) and MISP feeds (a folder of
 * {@code <event-uuid>.json} with a {@code manifest.json} index).
 *
 * <p>Reading maps each indicator-like attribute (hashes, ip-src/ip-dst, domain, hostname, url, email, filename,
 * regkey, mutex, user-agent, AS, ja3, and the composite {@code a|b} types) to a STIX indicator whose id is the
 * attribute's uuid, so MISP-to-STIX-to-MISP keeps identities. {@code to_ids: false} marks an attribute as context
 * (not for detection); {@code tlp:*} tags give the marking (attribute over event); galaxy tags give related names.
 * Attributes of other types (text, comment, link, vulnerability ...) are not indicators and are skipped with a
 * warning.
 */
public final class MispEvents {
    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final long MAX_EVENT_BYTES = 512L << 20;
    private static final String TAG_RELATED = "kagami:related=";
    private static final String TAG_CONFIDENCE = "kagami:confidence=";
    private static final String TAG_VALID_UNTIL = "kagami:valid-until=";
    private static final String TAG_SOURCE = "kagami:source=";
    private static final String TAG_TYPES = "kagami:indicator-types=";

    private MispEvents() {
    }

    /** Reads one MISP event file ({@code {"Event": {...}}}, a bare event, or a list/response of events). */
    public static IntelReader reader(InputStream in, String source, Instant importTime) {
        return sink -> {
            JsonNode root = parse(in, source);
            List<JsonNode> events = new ArrayList<>();
            collect(root, events);
            if (events.isEmpty()) {
                throw new IntelFormatException(InputLocation.of(source), "Event", "misp.noEvent");
            }
            int n = 0;
            for (JsonNode e : events) {
                n++;
                IntelMessage where = events.size() == 1 ? InputLocation.of(source)
                        : InputLocation.element(source, "Event", n);
                event(e, where, sink, importTime);
            }
        };
    }

    /** Reads a MISP feed folder: {@code manifest.json} names the events, each in {@code <uuid>.json}. */
    public static IntelReader feedReader(Path folder, Instant importTime) {
        return sink -> {
            Path manifest = folder.resolve("manifest.json");
            JsonNode m;
            try (InputStream in = Files.newInputStream(manifest)) {
                m = parse(in, manifest.toString());
            }
            if (!m.isObject()) {
                throw new IntelFormatException(InputLocation.of(manifest.toString()), "", "misp.manifest");
            }
            Iterator<String> names = m.fieldNames();
            while (names.hasNext()) {
                String uuid = names.next();
                // The uuid becomes a file name: accept nothing but a UUID, so no path can be smuggled in.
                if (!UUID_TEXT.matcher(uuid).matches()) {
                    sink.error(new IntelFormatException(InputLocation.of(manifest.toString()), uuid,
                            "misp.manifestUuid"));
                    continue;
                }
                Path file = folder.resolve(uuid + ".json");
                if (!Files.exists(file)) {
                    sink.error(new IntelFormatException(InputLocation.of(manifest.toString()), uuid,
                            "misp.manifestMissing", file.getFileName()));
                    continue;
                }
                try (InputStream in = Files.newInputStream(file)) {
                    reader(in, file.getFileName().toString(), importTime).read(sink);
                }
            }
        };
    }

    private static JsonNode parse(InputStream in, String source) throws IOException {
        try {
            return StixBundle.MAPPER.readTree(new LimitedInputStream(in, MAX_EVENT_BYTES, "MISP event bytes"));
        } catch (kagami.core.io.LimitExceededException e) {
            throw new IntelFormatException(InputLocation.of(source), "", IntelMessage.of("input.tooLarge",
                    MAX_EVENT_BYTES), e);
        } catch (StreamConstraintsException e) {
            throw new IntelFormatException(InputLocation.of(source), "",
                    IntelMessage.of("json.limit", e.getOriginalMessage()), e);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            IntelMessage where = loc != null ? InputLocation.lineColumn(source, loc.getLineNr(), loc.getColumnNr())
                    : InputLocation.of(source);
            throw new IntelFormatException(where, "", IntelMessage.of("json.malformed", e.getOriginalMessage()), e);
        }
    }

    private static void collect(JsonNode n, List<JsonNode> out) {
        if (n.isArray()) {
            n.forEach(x -> collect(x, out));
        } else if (n.has("Event")) {
            out.add(n.get("Event"));
        } else if (n.has("response")) {
            collect(n.get("response"), out);
        } else if (n.has("Attribute") || n.has("info")) {
            out.add(n);
        }
    }

    private static void event(JsonNode e, IntelMessage source, ImportSink sink, Instant now) throws IOException {
        List<String> eventTags = tags(e);
        Optional<Tlp> eventTlp = tlp(eventTags);
        List<String> eventRelated = related(eventTags);
        String info = e.path("info").asText("");
        int n = 0;
        for (JsonNode a : e.path("Attribute")) {
            n++;
            attribute(a, InputLocation.element(source, "Attribute", n), eventTlp, eventRelated, info, sink, now);
        }
        int k = 0;
        for (JsonNode o : e.path("Object")) {
            k++;
            int j = 0;
            for (JsonNode a : o.path("Attribute")) {
                j++;
                attribute(a, InputLocation.element(InputLocation.element(source, "Object", k), "Attribute", j),
                        eventTlp, eventRelated, info, sink, now);
            }
        }
    }

    private static void attribute(JsonNode a, IntelMessage loc, Optional<Tlp> eventTlp, List<String> eventRelated,
                                  String info, ImportSink sink, Instant now) throws IOException {
        try {
            if (a.path("deleted").asBoolean(false)) {
                return;
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
                return;
            }
            List<String> tags = tags(a);
            Optional<Tlp> tlp = tlp(tags).or(() -> eventTlp);
            List<String> related = new ArrayList<>(related(tags));
            eventRelated.forEach(r -> {
                if (!related.contains(r)) {
                    related.add(r);
                }
            });
            OptionalInt confidence = OptionalInt.empty();
            String c = tagValue(tags, TAG_CONFIDENCE);
            if (c != null) {
                try {
                    confidence = OptionalInt.of(Math.max(0, Math.min(100, Integer.parseInt(c))));
                } catch (NumberFormatException ex) {
                    sink.warning(loc, "misp.confidenceTag", c);
                }
            }
            Optional<Instant> validUntil = Optional.ofNullable(tagValue(tags, TAG_VALID_UNTIL)).map(Instant::parse);
            String source = Optional.ofNullable(tagValue(tags, TAG_SOURCE)).orElse(info);
            String typesTag = tagValue(tags, TAG_TYPES);
            List<String> types = typesTag != null ? List.of(typesTag.split("\\|"))
                    : List.of(a.path("to_ids").asBoolean(true) ? "malicious-activity" : "anomalous-activity");
            Optional<Instant> firstSeen = time(a.get("first_seen"));
            Optional<Instant> lastSeen = time(a.get("last_seen"));
            Optional<Instant> validFrom = a.has("timestamp") && firstSeen.isEmpty()
                    ? epoch(a.get("timestamp")) : firstSeen;
            for (int i = 0; i < obs.size(); i++) {
                // A composite attribute (domain|ip) names two observables: the first keeps the attribute's uuid.
                Optional<String> id = uuid.isEmpty() ? Optional.empty()
                        : Optional.of(i == 0 ? uuid : StixIds.uuid5(StixIds.KAGAMI_NAMESPACE, uuid + "/" + i).toString());
                FlatIndicator f = new FlatIndicator(obs.get(i), "", a.path("comment").asText(""), confidence, tlp,
                        validFrom, validUntil, types, source, related, firstSeen, lastSeen, id);
                f.emit(sink, loc, now);
            }
        } catch (IntelFormatException e) {
            sink.error(e);
        } catch (RuntimeException e) {
            sink.error(new IntelFormatException(loc, "", "misp.unreadable", e.getMessage()));
        }
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

    private static IndicatorType typeOf(String misp, String value) {
        return switch (misp) {
            case "md5", "authentihash" -> misp.equals("md5") ? IndicatorType.MD5 : null;
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
            case "x509-fingerprint-sha1" -> null;
            default -> null;
        };
    }

    private static List<String> tags(JsonNode n) {
        List<String> out = new ArrayList<>();
        for (JsonNode t : n.path("Tag")) {
            String name = t.path("name").asText("");
            if (!name.isEmpty()) {
                out.add(name);
            }
        }
        return out;
    }

    private static Optional<Tlp> tlp(List<String> tags) {
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

    /** Names from {@code kagami:related="X"} and galaxy tags {@code misp-galaxy:<cluster>="X"}. */
    private static List<String> related(List<String> tags) {
        List<String> out = new ArrayList<>();
        for (String t : tags) {
            String v = null;
            if (t.startsWith(TAG_RELATED)) {
                v = unquote(t.substring(TAG_RELATED.length()));
            } else if (t.startsWith("misp-galaxy:") && t.indexOf('=') > 0
                    && !t.startsWith("misp-galaxy:mitre-attack-pattern")) {
                v = unquote(t.substring(t.indexOf('=') + 1));
                int dash = v.lastIndexOf(" - S");
                if (dash > 0) {
                    v = v.substring(0, dash);
                }
            }
            if (v != null && !v.isEmpty() && !out.contains(v)) {
                out.add(v);
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
            return Optional.of(java.time.OffsetDateTime.parse(n.asText()).toInstant());
        } catch (RuntimeException e) {
            return epoch(n);
        }
    }

    private static Optional<Instant> epoch(JsonNode n) {
        try {
            return Optional.of(Instant.ofEpochSecond(Long.parseLong(n.asText())));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    // ------------------------------------------------------------------------------------------------ writing

    /**
     * One MISP event holding {@code indicators} as attributes.
     *
     * @param eventUuid the event's uuid (stable across exports of the same set keeps MISP from duplicating)
     * @param info      the event title
     */
    public static ObjectNode event(List<IntelIndicator> indicators, String eventUuid, String info, Instant date) {
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
        ArrayNode attrs = e.putArray("Attribute");
        for (IntelIndicator i : indicators) {
            int k = 0;
            for (Observable o : i.observables()) {
                if (mispType(o) == null) {
                    // MISP has no attribute type for a certificate serial number.
                    continue;
                }
                ObjectNode a = attrs.addObject();
                String uuid = i.id().substring(i.id().indexOf("--") + 2);
                a.put("uuid", k == 0 ? uuid : StixIds.uuid5(StixIds.KAGAMI_NAMESPACE, uuid + "/" + k).toString());
                a.put("type", mispType(o));
                a.put("category", category(o));
                a.put("value", o.value());
                a.put("to_ids", !i.context());
                a.put("comment", i.description());
                a.put("timestamp", Long.toString(i.modified().getEpochSecond()));
                i.firstSeen().ifPresent(t -> a.put("first_seen", t.toString()));
                i.lastSeen().ifPresent(t -> a.put("last_seen", t.toString()));
                ArrayNode tags = a.putArray("Tag");
                tags.addObject().put("name", i.tlp().label().toLowerCase(Locale.ROOT));
                for (String r : i.related()) {
                    tags.addObject().put("name", TAG_RELATED + "\"" + r + "\"");
                }
                i.confidence().ifPresent(c -> tags.addObject().put("name", TAG_CONFIDENCE + "\"" + c + "\""));
                i.validUntil().ifPresent(u -> tags.addObject().put("name", TAG_VALID_UNTIL + "\""
                        + kagami.intel.stix.StixObjects.timestamp(u) + "\""));
                // Always written, even empty: without it a reader falls back to the event title as the source.
                tags.addObject().put("name", TAG_SOURCE + "\"" + i.source() + "\"");
                if (!i.indicatorTypes().isEmpty()) {
                    tags.addObject().put("name", TAG_TYPES + "\"" + String.join("|", i.indicatorTypes()) + "\"");
                }
                k++;
            }
        }
        return root;
    }

    public static void write(ObjectNode event, OutputStream out) throws IOException {
        StixBundle.MAPPER.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out, event);
    }

    /** Writes a MISP feed folder with one event and its manifest.json. */
    public static void writeFeed(ObjectNode event, Path folder) throws IOException {
        Files.createDirectories(folder);
        ObjectNode e = (ObjectNode) event.get("Event");
        String uuid = e.get("uuid").asText();
        try (OutputStream out = Files.newOutputStream(folder.resolve(uuid + ".json"))) {
            write(event, out);
        }
        ObjectNode manifest = StixBundle.MAPPER.createObjectNode();
        ObjectNode m = manifest.putObject(uuid);
        for (String f : new String[] {"info", "Orgc", "analysis", "timestamp", "date", "threat_level_id", "Tag"}) {
            m.set(f, e.get(f));
        }
        try (OutputStream out = Files.newOutputStream(folder.resolve("manifest.json"))) {
            write(manifest, out);
        }
    }

    private static String mispType(Observable o) {
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

    /** A stable event uuid for an export named {@code name}. */
    public static String eventUuid(String name) {
        return StixIds.uuid5(StixIds.KAGAMI_NAMESPACE, "misp-event:" + name).toString();
    }
}
