package kagami.core;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;

/**
 * Windows event records in the JSON shape of the Rust {@code evtx} crate, turned into {@link Event}s with the flat
 * fields of the shared event conventions (see the project brief, "Event conventions").
 *
 * <p>Both attribute layouts the crate writes are understood: the default one, where an element's attributes sit
 * under {@code "#attributes"} and its text under {@code "#text"} ({@code "EventID": {"#attributes":
 * {"Qualifiers": 16384}, "#text": 4625}}), and the {@code separate_json_attributes} one, where attributes move
 * to a sibling {@code "<Element>_attributes"} key. Either way {@code System/Provider/@Name} becomes the flat
 * field {@code Provider_Name} (Sigma specification, "Windows field naming": element + {@code _} + attribute).
 *
 * <p>This is the reference for JSON inputs (SigmaHQ regression data, {@code evtx_dump -o json} exports); the
 * EVTX reader builds the same flat fields straight from Binary XML.
 */
public final class WindowsEventJson {
    /** Deepest nesting accepted in an input document; real event records nest fewer than 10 levels. */
    public static final int MAX_DEPTH = 64;
    /** Largest single string value accepted (bytes of JSON text), to bound memory on hostile input. */
    public static final int MAX_STRING_LENGTH = 16 * 1024 * 1024;

    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH)
                    .maxStringLength(MAX_STRING_LENGTH)
                    .maxNumberLength(1000)
                    .build())
            .build();

    private WindowsEventJson() {
    }

    /**
     * Reads every record of {@code in}: one JSON object, several concatenated objects (pretty-printed or not),
     * JSON lines, or a top-level array of objects. Each record is handed to {@code sink} as it is read.
     *
     * @param source name of the input, recorded in each event's {@link Origin}
     * @return the number of records read
     * @throws IOException on unreadable input or malformed JSON (records before the error were delivered)
     */
    public static long read(InputStream in, String source, Consumer<Event> sink) throws IOException {
        long n = 0;
        try (JsonParser p = JSON.createParser(in)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.START_ARRAY) {
                    continue;
                }
                if (t == JsonToken.END_ARRAY) {
                    continue;
                }
                if (t != JsonToken.START_OBJECT) {
                    throw new IOException(source + ": expected a JSON object at offset "
                            + p.currentTokenLocation().getByteOffset() + ", found " + t);
                }
                long offset = p.currentTokenLocation().getByteOffset();
                @SuppressWarnings("unchecked")
                Map<String, Object> doc = (Map<String, Object>) readValue(p, t);
                sink.accept(toEvent(doc, Origin.of(source, offset)));
                n++;
            }
        }
        return n;
    }

    /** Parses all records of {@code in} into a list; see {@link #read}. */
    public static List<Event> readAll(InputStream in, String source) throws IOException {
        List<Event> out = new ArrayList<>();
        read(in, source, out::add);
        return out;
    }

    private static Object readValue(JsonParser p, JsonToken t) throws IOException {
        switch (t) {
            case START_OBJECT: {
                Map<String, Object> m = new LinkedHashMap<>();
                JsonToken k;
                while ((k = p.nextToken()) == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    Object v = readValue(p, p.nextToken());
                    m.putIfAbsent(name, v);
                }
                if (k != JsonToken.END_OBJECT) {
                    throw new IOException("malformed JSON object at offset " + p.currentTokenLocation().getByteOffset());
                }
                return m;
            }
            case START_ARRAY: {
                List<Object> l = new ArrayList<>();
                JsonToken e;
                while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
                    if (e == null) {
                        throw new IOException("unterminated JSON array");
                    }
                    l.add(readValue(p, e));
                }
                return l;
            }
            case VALUE_STRING:
                return p.getText();
            case VALUE_NUMBER_INT:
                if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                    BigInteger b = p.getBigIntegerValue();
                    return b.toString();
                }
                return p.getLongValue();
            case VALUE_NUMBER_FLOAT:
                return p.getDoubleValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new IOException("unexpected JSON token " + t + " at offset " + p.currentTokenLocation().getByteOffset());
        }
    }

    /**
     * Builds an event from one record document ({@code {"Event": {"System": ..., "EventData": ...}}}); the
     * document is kept as the event's nested view. Values of other types than those JSON yields are rejected.
     */
    public static Event toEvent(Map<String, Object> document, Origin origin) {
        Event.Builder b = Event.builder().origin(origin).document(Collections.unmodifiableMap(document));
        Map<String, Object> event = map(document.get("Event"));
        if (event == null) {
            return b.build();
        }
        Map<String, Object> system = map(event.get("System"));
        if (system != null) {
            flattenSystem(system, b);
        }
        Object eventData = event.get("EventData");
        if (eventData instanceof Map<?, ?>) {
            flattenEventData(map(eventData), b);
        }
        Map<String, Object> userData = map(event.get("UserData"));
        if (userData != null) {
            for (Map.Entry<String, Object> root : userData.entrySet()) {
                if (isAttributeKey(root.getKey())) {
                    continue;
                }
                // UserData holds one vendor root element; its leaves become flat fields (first occurrence wins).
                flattenLeaves(root.getValue(), root.getKey(), b, 0);
            }
        }
        header(b, system);
        return b.build();
    }

    private static void flattenSystem(Map<String, Object> system, Event.Builder b) {
        for (Map.Entry<String, Object> e : system.entrySet()) {
            String name = e.getKey();
            Object v = e.getValue();
            if (name.equals("#attributes")) {
                continue;
            }
            if (name.endsWith("_attributes")) {
                // separate_json_attributes mode: Provider_attributes: {Name: ...} -> Provider_Name
                addAttributes(name.substring(0, name.length() - "_attributes".length()), map(v), b);
                continue;
            }
            if (v instanceof Map<?, ?>) {
                Map<String, Object> m = map(v);
                addAttributes(name, map(m.get("#attributes")), b);
                if (m.containsKey("#text")) {
                    b.field(name, scalar(m.get("#text")));
                }
            } else {
                b.field(name, scalar(v));
            }
        }
    }

    private static void addAttributes(String element, Map<String, Object> attributes, Event.Builder b) {
        if (attributes == null) {
            return;
        }
        for (Map.Entry<String, Object> a : attributes.entrySet()) {
            b.field(element + "_" + a.getKey(), scalar(a.getValue()));
        }
    }

    private static void flattenEventData(Map<String, Object> data, Event.Builder b) {
        for (Map.Entry<String, Object> e : data.entrySet()) {
            String name = e.getKey();
            if (isAttributeKey(name)) {
                continue;
            }
            Object v = e.getValue();
            if (v instanceof Map<?, ?>) {
                Map<String, Object> m = map(v);
                if (m.containsKey("#text")) {
                    Object text = m.get("#text");
                    b.fieldIfAbsent(name, text instanceof List<?> l ? scalarList(l) : scalar(text));
                } else {
                    // e.g. ProcessingErrorData: its children by their element names
                    flattenLeaves(m, name, b, 0);
                }
            } else if (v instanceof List<?> l) {
                b.fieldIfAbsent(name, scalarList(l));
            } else {
                b.fieldIfAbsent(name, scalar(v));
            }
        }
    }

    private static void flattenLeaves(Object node, String name, Event.Builder b, int depth) {
        if (depth > MAX_DEPTH) {
            return;
        }
        if (node instanceof Map<?, ?>) {
            Map<String, Object> m = map(node);
            if (m.containsKey("#text")) {
                Object text = m.get("#text");
                b.fieldIfAbsent(name, text instanceof List<?> l ? scalarList(l) : scalar(text));
                return;
            }
            for (Map.Entry<String, Object> c : m.entrySet()) {
                if (!isAttributeKey(c.getKey())) {
                    flattenLeaves(c.getValue(), c.getKey(), b, depth + 1);
                }
            }
        } else if (node instanceof List<?> l) {
            b.fieldIfAbsent(name, scalarList(l));
        } else {
            b.fieldIfAbsent(name, scalar(node));
        }
    }

    private static void header(Event.Builder b, Map<String, Object> system) {
        if (system == null) {
            return;
        }
        Object time = attribute(system, "TimeCreated", "SystemTime");
        if (time instanceof String s) {
            try {
                b.timestamp(Instant.parse(s));
            } catch (DateTimeParseException ignored) {
                // an unparsable time keeps EPOCH; the raw text stays in TimeCreated_SystemTime
            }
        }
        Object computer = text(system.get("Computer"));
        if (computer != null) {
            b.host(computer.toString());
        }
        Object channel = text(system.get("Channel"));
        if (channel != null) {
            b.channel(channel.toString());
        }
        Object provider = attribute(system, "Provider", "Name");
        if (provider != null) {
            b.provider(provider.toString());
        }
        Object id = text(system.get("EventID"));
        if (id instanceof Long l && l >= 0 && l <= Integer.MAX_VALUE) {
            b.eventId(l.intValue());
        } else if (id instanceof String s) {
            try {
                b.eventId(Integer.parseInt(s.trim()));
            } catch (NumberFormatException ignored) {
                // not numeric: no event id
            }
        }
        Object record = text(system.get("EventRecordID"));
        if (record instanceof Long l) {
            b.recordId(l);
        }
    }

    private static Object attribute(Map<String, Object> system, String element, String attribute) {
        Map<String, Object> el = map(system.get(element));
        if (el != null) {
            Map<String, Object> attrs = map(el.get("#attributes"));
            if (attrs != null && attrs.containsKey(attribute)) {
                return attrs.get(attribute);
            }
        }
        Map<String, Object> sep = map(system.get(element + "_attributes"));
        return sep == null ? null : sep.get(attribute);
    }

    private static Object text(Object v) {
        if (v instanceof Map<?, ?> m) {
            return m.get("#text");
        }
        return v;
    }

    private static boolean isAttributeKey(String key) {
        return key.equals("#attributes") || key.endsWith("_attributes");
    }

    private static Object scalar(Object v) {
        if (v == null || v instanceof String || v instanceof Long || v instanceof Double || v instanceof Boolean) {
            return v;
        }
        if (v instanceof Integer i) {
            return i.longValue();
        }
        if (v instanceof Number n) {
            return n instanceof Float ? Double.valueOf(n.doubleValue()) : (Object) n.toString();
        }
        if (v instanceof List<?> l) {
            return scalarList(l);
        }
        if (v instanceof Map<?, ?> m && m.containsKey("#text")) {
            return scalar(m.get("#text"));
        }
        return v.toString();
    }

    /** Unnamed {@code <Data>} values: a list, or the one value itself when there is a single one. */
    private static Object scalarList(List<?> l) {
        if (l.size() == 1) {
            return scalar(l.get(0));
        }
        List<Object> out = new ArrayList<>(l.size());
        for (Object o : l) {
            out.add(scalar(o));
        }
        return Collections.unmodifiableList(out);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> ? (Map<String, Object>) o : null;
    }
}
