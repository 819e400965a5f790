package kagami.core;

import java.util.List;
import java.util.Map;

/**
 * Dotted-path navigation in an event document shaped like the evtx crate's JSON.
 *
 * <p>Analysts and tools address the same attribute three ways, and all three resolve here:
 * {@code Event.System.Provider.#attributes.Name} (evtx default JSON), {@code Event.System.Provider_attributes.Name}
 * (the separate-attributes JSON Hayabusa and Chainsaw use) and {@code Event.System.Provider.Name} (shorthand).
 * An element that carries attributes keeps its text under {@code #text}, so {@code Event.System.EventID} resolves
 * to that text. A numeric segment indexes a list.
 */
final class DocumentPath {
    private static final Object MISSING = new Object();

    private DocumentPath() {
    }

    static Object resolve(Map<String, Object> document, String path) {
        Object v = walk(document, path);
        return v == MISSING ? null : v;
    }

    static boolean exists(Map<String, Object> document, String path) {
        return walk(document, path) != MISSING;
    }

    private static Object walk(Map<String, Object> document, String path) {
        Object node = document;
        int start = 0;
        int len = path.length();
        while (start <= len) {
            int dot = path.indexOf('.', start);
            int end = dot < 0 ? len : dot;
            String key = path.substring(start, end);
            node = step(node, key);
            if (node == MISSING) {
                return MISSING;
            }
            if (dot < 0) {
                break;
            }
            start = dot + 1;
        }
        return unwrapText(node);
    }

    @SuppressWarnings("unchecked")
    private static Object step(Object node, String key) {
        if (node instanceof Map<?, ?> raw) {
            Map<String, Object> map = (Map<String, Object>) raw;
            if (map.containsKey(key)) {
                return map.get(key);
            }
            Object attrs = map.get("#attributes");
            if (attrs instanceof Map<?, ?> a && a.containsKey(key)) {
                return a.get(key);
            }
            if (key.endsWith("_attributes")) {
                Object base = map.get(key.substring(0, key.length() - "_attributes".length()));
                if (base instanceof Map<?, ?> b && b.get("#attributes") instanceof Map<?, ?> ba) {
                    return ba;
                }
            }
            return MISSING;
        }
        if (node instanceof List<?> list && !key.isEmpty() && key.chars().allMatch(Character::isDigit)) {
            try {
                int i = Integer.parseInt(key);
                return i < list.size() ? list.get(i) : MISSING;
            } catch (NumberFormatException tooLong) {
                return MISSING;
            }
        }
        return MISSING;
    }

    private static Object unwrapText(Object node) {
        if (node instanceof Map<?, ?> map && map.containsKey("#text")) {
            return map.get("#text");
        }
        return node;
    }
}
