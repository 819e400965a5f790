package kagami.hunt;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The hunt's data files: those shipped under {@code content/} (packaged by kagami-content as classpath resources
 * under {@code kagami/content/}) or a user's replacement given as a path. Everything an analyst may tune
 * (profiles, Details templates, abbreviations, ATT&CK data) is read through here, never written in Java.
 */
public final class HuntContent {
    private static final String ROOT = "kagami/content/";

    private HuntContent() {
    }

    /** Opens a bundled data file, e.g. {@code hunt/profiles.yaml}; fails clearly when the build lost it. */
    public static BufferedReader bundled(String relativePath) {
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        InputStream in = cl == null ? null : cl.getResourceAsStream(ROOT + relativePath);
        if (in == null) {
            in = HuntContent.class.getClassLoader().getResourceAsStream(ROOT + relativePath);
        }
        if (in == null) {
            throw new UncheckedIOException(new IOException("bundled content " + ROOT + relativePath
                    + " is missing from the classpath (is kagami-content built?)"));
        }
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }

    /**
     * Reads a YAML data file with the bounds every hostile-input YAML read needs: no alias bombs, no duplicate
     * keys, at most 1 M characters; plain Java values only (SnakeYAML's safe constructor builds no objects).
     */
    public static Object yaml(java.io.Reader reader, String what) throws IOException {
        org.yaml.snakeyaml.LoaderOptions options = new org.yaml.snakeyaml.LoaderOptions();
        options.setMaxAliasesForCollections(10);
        options.setAllowDuplicateKeys(false);
        options.setCodePointLimit(1 << 20);
        try {
            return new org.yaml.snakeyaml.Yaml(new org.yaml.snakeyaml.constructor.SafeConstructor(options)).load(reader);
        } catch (org.yaml.snakeyaml.error.YAMLException e) {
            throw new IOException(what + " is not valid YAML: " + e.getMessage(), e);
        }
    }

    /** Opens a user-supplied data file (UTF-8). */
    public static BufferedReader file(Path path) throws IOException {
        return Files.newBufferedReader(path, StandardCharsets.UTF_8);
    }
}
