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
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import kagami.core.Tlp;
import kagami.core.io.LimitedInputStream;
import kagami.intel.InputLocation;
import kagami.intel.IntelFormatException;
import kagami.intel.IntelIndicator;
import kagami.intel.IntelMessage;
import kagami.intel.IntelReader;
import kagami.intel.Observable;
import kagami.intel.stix.StixBundle;
import kagami.intel.stix.StixIds;

/**
 * MISP events (MISP core format, draft-dulaunoy-misp-core-format §2) and MISP feeds (a folder of
 * {@code <event-uuid>.json} with a {@code manifest.json} index).
 *
 * <p>Reading is {@link MispEventReader}'s: attributes (also inside objects) become STIX indicators whose ids are the
 * attributes' uuids, sightings STIX sightings, objects STIX groupings of their indicators with their references as
 * relationships, threat-actor / malware / tool / ATT&amp;CK galaxy clusters intrusion-set / malware / tool /
 * attack-pattern objects the indicators indicate, and the event a STIX report. Writing produces one event with an
 * attribute per observable and Kagami's own tags ({@code kagami:related}, {@code kagami:confidence} ...) for what
 * MISP attributes have no field for.
 */
public final class MispEvents {
    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final long MAX_EVENT_BYTES = 512L << 20;
    static final String TAG_RELATED = "kagami:related=";
    static final String TAG_CONFIDENCE = "kagami:confidence=";
    static final String TAG_VALID_UNTIL = "kagami:valid-until=";
    static final String TAG_SOURCE = "kagami:source=";
    static final String TAG_TYPES = "kagami:indicator-types=";

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
                new MispEventReader(e, where, sink, importTime).read();
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
