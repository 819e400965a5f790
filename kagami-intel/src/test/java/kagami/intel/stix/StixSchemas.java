package kagami.intel.stix;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

/**
 * The OASIS STIX 2.1 JSON schemas (draft 2020-12) from {@code ../shared/testdata/stix/schemas}, loaded offline by
 * mapping their {@code $id} prefix to the local folder — the Java equivalent of {@code tools/stix_validate.py}.
 */
public final class StixSchemas {
    private static final String PREFIX = "http://raw.githubusercontent.com/oasis-open/cti-stix2-json-schemas/stix2.1/";

    private final Path root;
    private final SchemaRegistry registry;
    private final Map<String, Schema> byType = new HashMap<>();

    public StixSchemas() {
        root = Path.of(System.getProperty("kagami.shared"), "testdata", "stix").toAbsolutePath().normalize();
        if (!Files.isDirectory(root.resolve("schemas"))) {
            throw new IllegalStateException("STIX schemas not found at " + root + "/schemas (kagami.shared)");
        }
        // Offline: every $id/$ref under the OASIS prefix is read from the local copy, nothing from the network.
        registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                b -> b.schemas((String iri) -> {
                    if (!iri.startsWith(PREFIX)) {
                        return null;
                    }
                    Path p = root.resolve(iri.substring(PREFIX.length())).normalize();
                    if (!p.startsWith(root)) {
                        return null;
                    }
                    try {
                        return Files.readString(p);
                    } catch (java.io.IOException e) {
                        return null;
                    }
                }));
    }

    /** The schema file for a STIX type, or null when the OASIS set has none. */
    private Schema schema(String type) {
        return byType.computeIfAbsent(type, t -> {
            for (String dir : new String[] {"sdos", "sros", "observables", "common"}) {
                Path p = root.resolve("schemas").resolve(dir).resolve(t + ".json");
                if (Files.exists(p)) {
                    return registry.getSchema(SchemaLocation.of(PREFIX + "schemas/" + dir + "/" + t + ".json"));
                }
            }
            return null;
        });
    }

    /** Problems of one object, as {@code id: message} lines; empty when valid. */
    public List<String> validate(JsonNode object) {
        String type = object.path("type").asText();
        Schema s = schema(type);
        if (s == null) {
            return List.of(object.path("id").asText() + ": no schema for type " + type);
        }
        List<String> out = new ArrayList<>();
        for (Error e : s.validate(object.toString(), InputFormat.JSON)) {
            out.add(object.path("id").asText() + ": " + e.getInstanceLocation() + " " + e.getMessage());
        }
        return out;
    }

    /** Problems of every object of a bundle. */
    public List<String> validateBundle(JsonNode bundle) {
        List<String> out = new ArrayList<>();
        Schema b = schema("bundle");
        for (Error e : b.validate(bundle.toString(), InputFormat.JSON)) {
            out.add("bundle: " + e.getInstanceLocation() + " " + e.getMessage());
        }
        for (JsonNode o : bundle.path("objects")) {
            out.addAll(validate(o));
        }
        return out;
    }
}
