package kagami.intel.stix;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import kagami.intel.InputLocation;
import kagami.intel.IntelFormatException;
import kagami.intel.IntelMessage;

/**
 * A STIX 2.1 bundle (§8): read object by object so a bundle of a million indicators never sits in memory, and
 * written the same way. Reading also accepts a single bare STIX object (several OASIS examples are one) and a
 * bundle with the STIX 2.0 {@code spec_version} that older producers (e.g. ATT&amp;CK) still write.
 */
public final class StixBundle {
    /** Deepest JSON nesting accepted; real STIX objects stay under 10. */
    public static final int MAX_DEPTH = 64;
    /** Longest string accepted (descriptions, patterns). */
    public static final int MAX_STRING = 8 << 20;

    /** JSON mapper with the hostile-input bounds used for every STIX, MISP and TAXII document. */
    public static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH).maxStringLength(MAX_STRING).maxNumberLength(400).build())
            .build());

    private StixBundle() {
    }

    /** Receives each object of a bundle with its 1-based position. */
    @FunctionalInterface
    public interface ObjectHandler {
        void accept(ObjectNode object, int index) throws IOException;
    }

    /**
     * Reads {@code in} and hands every object to {@code handler}; returns the number of objects.
     *
     * @param source name of the input, for error locations
     */
    public static int read(InputStream in, String source, ObjectHandler handler) throws IOException {
        int count = 0;
        IntelMessage whole = InputLocation.of(source);
        try (JsonParser p = MAPPER.createParser(in)) {
            JsonToken t = p.nextToken();
            if (t != JsonToken.START_OBJECT) {
                throw new IntelFormatException(whole, "", "stix.bundleStart");
            }
            ObjectNode header = MAPPER.createObjectNode();
            boolean sawObjects = false;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                t = p.nextToken();
                if (name.equals("objects") && t == JsonToken.START_ARRAY) {
                    sawObjects = true;
                    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                        count++;
                        if (t != JsonToken.START_OBJECT) {
                            throw new IntelFormatException(InputLocation.object(source, count, null), "",
                                    "stix.notObject");
                        }
                        ObjectNode o = MAPPER.readTree(p);
                        handler.accept(o, count);
                    }
                } else {
                    header.set(name, MAPPER.readTree(p));
                }
            }
            if (p.nextToken() != null) {
                throw new IntelFormatException(whole, "", "json.trailing");
            }
            if (sawObjects) {
                String type = header.path("type").asText("bundle");
                if (!type.equals("bundle")) {
                    throw new IntelFormatException(whole, "type", "stix.bundleType", type);
                }
                if (header.has("id") && !StixIds.valid(header.get("id").asText(), "bundle")) {
                    throw new IntelFormatException(whole, "id", "stix.bundleId");
                }
            } else if (header.has("type") && !header.path("type").asText().equals("bundle")) {
                count = 1;
                handler.accept(header, 1);
            } else if (!header.path("type").asText().equals("bundle")) {
                throw new IntelFormatException(whole, "type", "stix.neither");
            }
        } catch (StreamConstraintsException e) {
            throw new IntelFormatException(count > 0 ? InputLocation.object(source, count, null) : whole, "",
                    IntelMessage.of("json.limit", e.getOriginalMessage()), e);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            var loc = e.getLocation();
            throw new IntelFormatException(loc != null ? InputLocation.lineColumn(source, loc.getLineNr(),
                    loc.getColumnNr()) : whole, "", IntelMessage.of("json.malformed", e.getOriginalMessage()), e);
        }
        return count;
    }

    /** Writes a bundle object by object. */
    public static final class Writer implements AutoCloseable {
        private final JsonGenerator g;
        private int count;

        /**
         * @param bundleId the bundle's id, or null for a random one (§8: bundles are transient wrappers)
         * @param pretty   indent for humans and diffs (the committed content pack), else compact
         */
        public Writer(OutputStream out, String bundleId, boolean pretty) throws IOException {
            g = MAPPER.getFactory().createGenerator(out, JsonEncoding.UTF8);
            if (pretty) {
                DefaultPrettyPrinter pp = new DefaultPrettyPrinter()
                        .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                        .withArrayIndenter(new DefaultIndenter("  ", "\n"));
                g.setPrettyPrinter(pp);
            }
            g.writeStartObject();
            g.writeStringField("type", "bundle");
            g.writeStringField("id", bundleId != null ? bundleId : "bundle--" + UUID.randomUUID());
            g.writeArrayFieldStart("objects");
        }

        public void write(JsonNode object) throws IOException {
            MAPPER.writeTree(g, object);
            count++;
        }

        public int count() {
            return count;
        }

        @Override
        public void close() throws IOException {
            g.writeEndArray();
            g.writeEndObject();
            g.writeRaw('\n');
            g.close();
        }
    }
}
