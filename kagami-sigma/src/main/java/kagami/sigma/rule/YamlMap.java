package kagami.sigma.rule;

import java.util.LinkedHashMap;
import java.util.Map;

/** A YAML mapping as read from a rule file, remembering the line of each key for error messages. */
public final class YamlMap extends LinkedHashMap<String, Object> {
    private static final long serialVersionUID = 1L;
    private final Map<String, Integer> lines = new LinkedHashMap<>();
    private final int line;

    YamlMap(int line) {
        this.line = line;
    }

    void put(String key, Object value, int keyLine) {
        put(key, value);
        lines.put(key, keyLine);
    }

    /** 1-based line of {@code key}, or of the mapping itself when the key is unknown. */
    public int lineOf(String key) {
        return lines.getOrDefault(key, line);
    }

    /** 1-based line where the mapping starts. */
    public int line() {
        return line;
    }
}
