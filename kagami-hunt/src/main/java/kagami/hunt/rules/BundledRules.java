package kagami.hunt.rules;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The rule pack shipped with Kagami ({@code content/sigma/mirrorface/}, packaged by kagami-content under
 * {@code kagami/content/}), as a {@link Path} the Sigma loader can walk, whether the content sits in a folder
 * (running from the repository) or inside the kagami-content jar.
 */
public final class BundledRules {
    /** Where the pack sits on the classpath. */
    public static final String RESOURCE = "/kagami/content/sigma/mirrorface";

    private BundledRules() {
    }

    /** The pack's folder, or empty when this build has none. */
    public static Optional<Path> path() throws IOException {
        URL url = BundledRules.class.getResource(RESOURCE);
        if (url == null) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = url.toURI();
        } catch (URISyntaxException e) {
            throw new IOException("bad resource URI " + url, e);
        }
        if ("jar".equals(uri.getScheme())) {
            FileSystem fs;
            try {
                fs = FileSystems.newFileSystem(uri, Map.of());
            } catch (FileSystemAlreadyExistsException e) {
                fs = FileSystems.getFileSystem(uri);
            }
            Path p = fs.getPath(RESOURCE);
            return Files.isDirectory(p) ? Optional.of(p) : Optional.empty();
        }
        Path p = Path.of(uri);
        return Files.isDirectory(p) ? Optional.of(p) : Optional.empty();
    }
}
