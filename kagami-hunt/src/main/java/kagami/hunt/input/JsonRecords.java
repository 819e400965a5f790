package kagami.hunt.input;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;

/**
 * Builds one JSON record as plain Java values (Map, List, String, Long, Double, Boolean, null) with bounds: depth,
 * number of values, string length. Integers that do not fit a long are kept as their decimal text.
 */
final class JsonRecords {
    static final int MAX_DEPTH = 64;
    static final int MAX_VALUES = 20_000;
    static final int MAX_STRING = 16 << 20;

    static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH)
                    .maxStringLength(MAX_STRING)
                    .maxNumberLength(1000)
                    .build())
            .build();

    /** A record broke a bound; the reader counts it as a bad record and goes on. */
    static final class TooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        TooLargeException(String message) {
            super(message);
        }
    }

    private int values;

    private JsonRecords() {
    }

    /** Reads the value at the parser's current token (already advanced onto it). */
    static Object read(JsonParser p) throws IOException {
        return new JsonRecords().value(p, 0);
    }

    private Object value(JsonParser p, int depth) throws IOException {
        if (++values > MAX_VALUES) {
            throw new TooLargeException("record has more than " + MAX_VALUES + " values");
        }
        JsonToken t = p.currentToken();
        if (t == null) {
            throw new IOException("unexpected end of JSON");
        }
        switch (t) {
            case START_OBJECT: {
                if (depth >= MAX_DEPTH) {
                    throw new TooLargeException("record nests deeper than " + MAX_DEPTH);
                }
                Map<String, Object> m = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    Object v = value(p, depth + 1);
                    m.putIfAbsent(name, v);
                }
                return m;
            }
            case START_ARRAY: {
                if (depth >= MAX_DEPTH) {
                    throw new TooLargeException("record nests deeper than " + MAX_DEPTH);
                }
                List<Object> l = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    if (p.currentToken() == null) {
                        throw new IOException("unexpected end of JSON array");
                    }
                    l.add(value(p, depth + 1));
                }
                return l;
            }
            case VALUE_STRING:
                return p.getText();
            case VALUE_NUMBER_INT:
                return switch (p.getNumberType()) {
                    case INT, LONG -> p.getLongValue();
                    default -> p.getText();
                };
            case VALUE_NUMBER_FLOAT:
                return p.getDoubleValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new IOException("unexpected JSON token " + t);
        }
    }
}
