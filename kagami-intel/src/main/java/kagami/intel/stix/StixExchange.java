package kagami.intel.stix;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import kagami.core.Tlp;
import kagami.intel.InputLocation;
import kagami.intel.IntelReader;

/** STIX 2.1 bundles in and out of the store. */
public final class StixExchange {
    private StixExchange() {
    }

    /** Reads a bundle (or a bare object) from {@code in}; objects are located as {@code source: object N (id)}. */
    public static IntelReader reader(InputStream in, String source) {
        return sink -> StixBundle.read(in, source, (o, index) ->
                sink.accept(o, InputLocation.object(source, index, o.path("id").asText("")), false));
    }

    /**
     * Writes a bundle: the indicators in {@code indicatorIds}, every other object marked at most {@code maxTlp},
     * relationships and sightings only when both ends are exported, and the marking definitions referenced. Every
     * object carries its TLP marking (TLP 2.0), also where the store assigned a default at import.
     *
     * @return objects written
     */
    public static int write(StixSource source, Set<String> indicatorIds, Tlp maxTlp, OutputStream out,
                            String bundleId, boolean pretty) throws IOException {
        Map<String, String> ids = source.objectIds(maxTlp);
        Set<String> exported = new HashSet<>();
        for (Map.Entry<String, String> e : ids.entrySet()) {
            String type = e.getValue();
            if (type.equals("indicator") ? indicatorIds.contains(e.getKey())
                    : !type.equals("relationship") && !type.equals("sighting")
                    && !type.equals("marking-definition")) {
                exported.add(e.getKey());
            }
        }
        Set<String> markingsUsed = new TreeSet<>();
        Map<String, ObjectNode> customMarkings = new java.util.HashMap<>();
        try (StixBundle.Writer w = new StixBundle.Writer(out, bundleId, pretty)) {
            try {
                source.forEachObject(maxTlp, (o, tlp) -> {
                    String id = o.path("id").asText();
                    String type = o.path("type").asText();
                    boolean keep = switch (type) {
                        case "relationship" -> exported.contains(o.path("source_ref").asText())
                                && exported.contains(o.path("target_ref").asText());
                        case "sighting" -> exported.contains(o.path("sighting_of_ref").asText());
                        case "marking-definition" -> {
                            customMarkings.put(id, o);
                            yield false;
                        }
                        default -> exported.contains(id);
                    };
                    if (!keep) {
                        return;
                    }
                    ObjectNode copy = o;
                    if (!StixObjects.isSco(type) && !hasTlp(o)) {
                        copy = o.deepCopy();
                        JsonNode refs = copy.get("object_marking_refs");
                        ArrayNode a = refs instanceof ArrayNode arr ? arr : copy.putArray("object_marking_refs");
                        a.add(TlpMarkings.id(tlp));
                    }
                    copy.path("object_marking_refs").forEach(r -> markingsUsed.add(r.asText()));
                    try {
                        w.write(copy);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            for (String m : markingsUsed) {
                ObjectNode def = customMarkings.get(m);
                if (def != null) {
                    w.write(def);
                } else {
                    for (Tlp t : Tlp.values()) {
                        if (TlpMarkings.id(t).equals(m)) {
                            w.write(TlpMarkings.definition(t));
                        }
                    }
                }
            }
            return w.count();
        }
    }

    private static boolean hasTlp(ObjectNode o) {
        for (JsonNode r : o.path("object_marking_refs")) {
            if (TlpMarkings.known(r.asText()).isPresent()) {
                return true;
            }
        }
        return false;
    }
}
