package kagami.sigma;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import kagami.sigma.rule.RuleYaml;

/**
 * How rules are loaded.
 *
 * @param placeholders   values for {@code %name%} placeholders of the {@code expand} modifier (name without the
 *                       percent signs → values); a rule whose placeholder has no values fails to load
 * @param defaultLicense licence of rules that name none and sit in no folder with a LICENSE file
 */
public record LoadOptions(Map<String, List<String>> placeholders, String defaultLicense) {
    public LoadOptions {
        placeholders = Map.copyOf(placeholders);
    }

    public static LoadOptions defaults() {
        return new LoadOptions(Map.of(), "");
    }

    public LoadOptions withPlaceholders(Map<String, List<String>> p) {
        return new LoadOptions(p, defaultLicense);
    }

    /**
     * Reads a placeholder file: a YAML mapping of placeholder name to a value or list of values
     * ({@code known_cdcs: [dc01, 10.0.0.5]}), the format Hayabusa and pySigma's value placeholders use.
     */
    public static Map<String, List<String>> readPlaceholders(Path file) throws IOException, SigmaException {
        List<RuleYaml.Document> docs = RuleYaml.read(Files.readString(file, StandardCharsets.UTF_8));
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (RuleYaml.Document d : docs) {
            if (d.error() != null) {
                throw d.error();
            }
            if (!(d.value() instanceof Map<?, ?> m)) {
                throw new SigmaException(file + ": placeholder file must be a mapping of name to values", d.line());
            }
            for (Map.Entry<?, ?> e : m.entrySet()) {
                List<String> values = new ArrayList<>();
                if (e.getValue() instanceof List<?> l) {
                    for (Object o : l) {
                        values.add(String.valueOf(o));
                    }
                } else if (e.getValue() != null) {
                    values.add(String.valueOf(e.getValue()));
                }
                String name = String.valueOf(e.getKey());
                if (name.length() > 2 && name.startsWith("%") && name.endsWith("%")) {
                    name = name.substring(1, name.length() - 1);
                }
                out.put(name, values);
            }
        }
        return out;
    }
}
