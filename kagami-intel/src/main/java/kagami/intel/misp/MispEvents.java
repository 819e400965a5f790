package kagami.intel.misp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import kagami.core.Tlp;
import kagami.core.io.LimitedInputStream;
import kagami.intel.InputLocation;
import kagami.intel.IntelFormatException;
import kagami.intel.IntelIndicator;
import kagami.intel.IntelMessage;
import kagami.intel.IntelReader;
import kagami.intel.stix.StixBundle;
import kagami.intel.stix.StixIds;
import kagami.intel.stix.StixSource;

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
        try {
            return MispEventWriter.write(indicators, null, Tlp.RED, eventUuid, info, date);
        } catch (IOException e) {
            // Without a store nothing is read, so nothing can fail.
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * One MISP event holding {@code indicators} as attributes, with what {@code store} holds around them (marked at
     * most {@code maxTlp}): their sightings, the MISP objects they came in with their references, and the
     * intrusion sets, malware, tools and techniques they indicate as galaxy tags.
     */
    public static ObjectNode event(List<IntelIndicator> indicators, StixSource store, Tlp maxTlp, String eventUuid,
                                   String info, Instant date) throws IOException {
        return MispEventWriter.write(indicators, store, maxTlp, eventUuid, info, date);
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

    /** A stable event uuid for an export named {@code name}. */
    public static String eventUuid(String name) {
        return StixIds.uuid5(StixIds.KAGAMI_NAMESPACE, "misp-event:" + name).toString();
    }
}
