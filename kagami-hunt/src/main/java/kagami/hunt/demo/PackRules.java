package kagami.hunt.demo;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The bundled MirrorFace rule pack's identities (name → id, title, level), read from the classpath resources that
 * kagami-content packages, so the demo manifest names rules by the ids in the rule files rather than by copies.
 */
final class PackRules {
    static final String PACK = "kagami/content/sigma/mirrorface";

    private final Map<String, DemoManifest.ExpectedRule> byName;

    private PackRules(Map<String, DemoManifest.ExpectedRule> byName) {
        this.byName = byName;
    }

    static PackRules load() {
        URL url = PackRules.class.getClassLoader().getResource(PACK + "/README.md");
        if (url == null) {
            throw new IllegalStateException("the MirrorFace rule pack is not on the classpath (" + PACK + ")");
        }
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                FileSystem open = openFileSystem(uri);
                if (open != null) {
                    // someone else (the hunt's BundledRules) keeps the jar open: read through it, leave it open
                    return read(open.getPath("/" + PACK));
                }
                try (FileSystem fs = FileSystems.newFileSystem(uri, Map.of())) {
                    return read(fs.getPath("/" + PACK));
                }
            }
            return read(Path.of(uri).getParent());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("unreadable rule pack location " + url, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The jar's file system if it is already open, else {@code null}. */
    private static FileSystem openFileSystem(URI uri) {
        try {
            return FileSystems.getFileSystem(uri);
        } catch (FileSystemNotFoundException e) {
            return null;
        }
    }

    private static PackRules read(Path dir) throws IOException {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(10);
        options.setCodePointLimit(1 << 20);
        Map<String, DemoManifest.ExpectedRule> rules = new TreeMap<>();
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".yml")).sorted().toList();
        }
        for (Path p : files) {
            try (Reader r = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
                Object doc = new Yaml(new SafeConstructor(options)).load(r);
                if (doc instanceof Map<?, ?> m && m.get("name") instanceof String name) {
                    rules.put(name, new DemoManifest.ExpectedRule(String.valueOf(m.get("id")), name,
                            String.valueOf(m.get("title")), String.valueOf(m.get("level"))));
                }
            }
        }
        return new PackRules(rules);
    }

    /** The rule called {@code name}; fails loudly when the pack and the scenario disagree. */
    DemoManifest.ExpectedRule get(String name) {
        DemoManifest.ExpectedRule r = byName.get(name);
        if (r == null) {
            throw new IllegalStateException("the demo scenario expects rule '" + name + "', which the bundled pack lacks");
        }
        return r;
    }
}
