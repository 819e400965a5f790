package kagami.evtx;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The comparison of {@code shared/tools/evtx_json_compare.py}, in Java: objects compared with keys unordered,
 * numbers by value, and ISO-8601 timestamps at microsecond precision (the evtx crate's fraction length varies
 * by version). A file may hold several concatenated objects; each is compared by its {@code Event} member.
 */
final class CanonicalJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern TIMESTAMP = Pattern.compile("^(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d)(\\.\\d+)?Z$");

    private CanonicalJson() {
    }

    /** Every top-level object of a text of concatenated JSON values, normalised. */
    static List<Object> events(String text) {
        List<Object> out = new ArrayList<>();
        try (MappingIterator<JsonNode> it = MAPPER.readerFor(JsonNode.class).readValues(text)) {
            while (it.hasNext()) {
                JsonNode n = it.next();
                out.add(normalise(n.has("Event") ? n.get("Event") : n));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static Object normalise(JsonNode n) {
        if (n.isObject()) {
            Map<String, Object> m = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                m.put(e.getKey(), normalise(e.getValue()));
            }
            return m;
        }
        if (n.isArray()) {
            List<Object> l = new ArrayList<>();
            n.forEach(x -> l.add(normalise(x)));
            return l;
        }
        if (n.isNumber()) {
            BigDecimal d = n.decimalValue().stripTrailingZeros();
            return d.signum() == 0 ? BigDecimal.ZERO : d;
        }
        if (n.isTextual()) {
            String s = n.textValue();
            Matcher m = TIMESTAMP.matcher(s);
            if (m.matches()) {
                String fraction = m.group(2) == null ? "." : m.group(2);
                fraction = fraction.length() > 7 ? fraction.substring(0, 7) : fraction;
                return m.group(1) + fraction + "0".repeat(7 - fraction.length()) + "Z";
            }
            return s;
        }
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        return null;
    }
}
