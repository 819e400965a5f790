package kagami.content.sigma;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * One rule file of a content pack as the validator sees it: its path, its file stem (which names its test folder) and
 * its single YAML document (Sigma specification: detection rules and correlation rules are separate documents; this
 * pack keeps one per file).
 */
record RuleFile(Path path, String stem, Map<String, Object> doc) {

    static final Path PACK = Path.of(System.getProperty("kagami.root", "."), "content", "sigma", "mirrorface");

    /** Every {@code *.yml} directly in {@code dir}, sorted by name, each parsed with a safe, bounded loader. */
    static List<RuleFile> loadAll(Path dir) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".yml")).sorted().toList();
        }
        List<RuleFile> rules = new ArrayList<>();
        for (Path p : files) {
            rules.add(load(p));
        }
        return rules;
    }

    static RuleFile load(Path p) throws IOException {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(10);
        options.setCodePointLimit(1 << 20);
        Yaml yaml = new Yaml(new SafeConstructor(options));
        List<Object> docs = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
            yaml.loadAll(r).forEach(docs::add);
        }
        if (docs.size() != 1 || !(docs.get(0) instanceof Map<?, ?>)) {
            throw new IllegalStateException(p + ": expected exactly one YAML mapping document, found " + docs.size());
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> doc = (Map<String, Object>) docs.get(0);
        String name = p.getFileName().toString();
        return new RuleFile(p, name.substring(0, name.length() - ".yml".length()), doc);
    }

    boolean isCorrelation() {
        return doc.containsKey("correlation");
    }

    String string(String key) {
        Object v = doc.get(key);
        return v instanceof String s ? s : null;
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> map(String key) {
        Object v = doc.get(key);
        return v instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    List<?> list(String key) {
        Object v = doc.get(key);
        return v instanceof List<?> l ? l : List.of();
    }

    Path testDir() {
        return path.getParent().resolve("tests").resolve(stem);
    }

    @Override
    public String toString() {
        return stem;
    }
}
