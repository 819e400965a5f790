package kagami.sigma;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import kagami.sigma.compile.CompiledRuleSet;
import kagami.sigma.logsource.Pipeline;

/**
 * Compiled rules kept between runs, so a hunt over thousands of rules does not parse and compile them again each
 * time. An entry is keyed by a SHA-256 digest of everything the compiled rules depend on: every rule file's path,
 * licence and bytes, the load options ({@code expand} placeholder values), the logsource pipeline's texts, and the
 * code that reads and compiles them (the kagami-sigma and kagami-core classes themselves, the YAML and RE2/J
 * libraries, the Java version). Any change gives another key; an entry is never used across Kagami builds.
 *
 * <p>A cache file is still an input: it is read only if its header carries the expected key, through Java
 * deserialisation restricted by an {@link ObjectInputFilter} to Kagami's engine classes and plain
 * {@code java.lang}/{@code java.util}/{@code java.time} types, with bounded depth, references, array sizes and
 * bytes. Whatever goes wrong (missing, corrupt, foreign, unreadable, unwritable) the rules are loaded and compiled
 * from the files as if there were no cache; the cache never changes a result.
 *
 * <p>Location: {@code $XDG_CACHE_HOME/kagami/rules}, else {@code ~/.cache/kagami/rules} (XDG Base Directory
 * specification). The system property {@code kagami.rules.cache} or the environment variable
 * {@code KAGAMI_RULE_CACHE} set to a folder moves it, set to {@code off} disables it. At most
 * {@value #MAX_ENTRIES} entries are kept, least recently used dropped.
 */
public final class RuleCache {
    private static final Logger LOG = LoggerFactory.getLogger(RuleCache.class);
    static final String PROPERTY = "kagami.rules.cache";
    static final String ENVIRONMENT = "KAGAMI_RULE_CACHE";
    static final int MAX_ENTRIES = 4;
    /** Largest cache file read (an entry for the 2,858 SigmaHQ rules is about 25 MB). */
    static final long MAX_FILE_BYTES = 512L << 20;
    static final byte[] MAGIC = "KAGAMI compiled Sigma rules 1\n".getBytes(StandardCharsets.US_ASCII);
    private static final int KEY_BYTES = 32;
    /** Deserialisation bounds: far above what compiled rules need, far below what would exhaust the JVM. */
    private static final long MAX_DEPTH = 1_000;
    private static final long MAX_REFERENCES = 20_000_000;
    private static final long MAX_ARRAY = 16_000_000;

    private final Path directory;
    private final String code;

    RuleCache(Path directory, String code) {
        this.directory = directory;
        this.code = code;
    }

    /** The user's rule cache (see the class comment for where), or a disabled cache when so configured. */
    public static RuleCache standard() {
        String setting = System.getProperty(PROPERTY, System.getenv(ENVIRONMENT));
        if (setting != null && !setting.isBlank()) {
            return setting.trim().equalsIgnoreCase("off") ? disabled() : in(Path.of(setting.trim()));
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        // XDG Base Directory specification: a relative path in the variable is invalid and ignored
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".cache");
        return in(base.resolve("kagami").resolve("rules"));
    }

    /** A rule cache in {@code directory} (created when first written). */
    public static RuleCache in(Path directory) {
        return new RuleCache(directory.toAbsolutePath(), CodeFingerprint.VALUE);
    }

    /** No cache: every load parses and compiles. */
    public static RuleCache disabled() {
        return new RuleCache(null, "");
    }

    /** Where entries are kept; empty when disabled. */
    public Optional<Path> directory() {
        return Optional.ofNullable(directory);
    }

    /**
     * Loads and compiles every rule under {@code paths} (as {@link SigmaRules#load} then {@link RuleSet#compile}),
     * or takes the result from the cache when nothing it depends on has changed.
     */
    public LoadedRules load(List<Path> paths, LoadOptions options, Pipeline pipeline) throws IOException {
        List<SigmaRules.RuleFile> files = SigmaRules.read(paths, options);
        if (directory == null || code.isEmpty() || files.isEmpty()) {
            return compile(files, options, pipeline);
        }
        byte[] key = key(files, options, pipeline);
        Path entry = entry(key);
        Optional<LoadedRules> hit = read(entry, key);
        if (hit.isPresent()) {
            try {
                Files.setLastModifiedTime(entry, FileTime.fromMillis(System.currentTimeMillis()));
            } catch (IOException | RuntimeException e) {
                LOG.debug("rule cache: cannot touch {}: {}", entry, e.toString());
            }
            return hit.get();
        }
        LoadedRules fresh = compile(files, options, pipeline);
        write(entry, key, fresh);
        return fresh;
    }

    /** The file of the entry with this key (the name carries part of the key, the header all of it). */
    Path entry(byte[] key) {
        return directory.resolve("rules-" + HexFormat.of().formatHex(key, 0, 20) + ".bin");
    }

    private static LoadedRules compile(List<SigmaRules.RuleFile> files, LoadOptions options, Pipeline pipeline) {
        RuleSet set = SigmaRules.parse(files, options);
        CompiledRuleSet compiled = set.compile(pipeline);
        return new LoadedRules(set.documents().size(), set.errors(), compiled, false);
    }

    /** SHA-256 over everything the compiled rules depend on, each part length-prefixed. */
    byte[] key(List<SigmaRules.RuleFile> files, LoadOptions options, Pipeline pipeline) {
        MessageDigest md = sha256();
        part(md, "key 1");
        part(md, code);
        part(md, pipeline.fingerprint());
        part(md, options.defaultLicense());
        Map<String, List<String>> placeholders = new TreeMap<>(options.placeholders());
        md.update(ByteBuffer.allocate(4).putInt(placeholders.size()).array());
        placeholders.forEach((name, values) -> {
            part(md, name);
            md.update(ByteBuffer.allocate(4).putInt(values.size()).array());
            values.forEach(v -> part(md, v));
        });
        md.update(ByteBuffer.allocate(4).putInt(files.size()).array());
        for (SigmaRules.RuleFile f : files) {
            part(md, f.path());
            part(md, f.license());
            if (f.error() != null) {
                part(md, "error " + f.error().key() + " " + f.error().args());
            } else {
                md.update(ByteBuffer.allocate(4).putInt(f.bytes().length).array());
                md.update(f.bytes());
            }
        }
        return md.digest();
    }

    private static void part(MessageDigest md, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        md.update(ByteBuffer.allocate(4).putInt(b.length).array());
        md.update(b);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The entry if it is a well-formed cache file for exactly this key, else empty. */
    Optional<LoadedRules> read(Path entry, byte[] key) {
        try {
            if (!Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            long size = Files.size(entry);
            if (size > MAX_FILE_BYTES) {
                LOG.debug("rule cache: {} is too large ({} bytes), ignored", entry, size);
                return Optional.empty();
            }
            try (InputStream in = new BufferedInputStream(Files.newInputStream(entry, LinkOption.NOFOLLOW_LINKS),
                    1 << 16)) {
                if (!Arrays.equals(in.readNBytes(MAGIC.length), MAGIC) || !Arrays.equals(in.readNBytes(KEY_BYTES), key)) {
                    LOG.debug("rule cache: {} is not an entry for these rules, ignored", entry);
                    return Optional.empty();
                }
                ObjectInputStream objects = new ObjectInputStream(in);
                objects.setObjectInputFilter(filter(size));
                Object o = objects.readObject();
                if (o instanceof LoadedRules r && r.documents() >= 0) {
                    return Optional.of(r.cached());
                }
                LOG.debug("rule cache: {} holds a {}, ignored", entry, o == null ? "null" : o.getClass().getName());
                return Optional.empty();
            }
        } catch (IOException | ClassNotFoundException | RuntimeException | StackOverflowError e) {
            LOG.debug("rule cache: cannot use {}: {}", entry, e.toString());
            return Optional.empty();
        }
    }

    /**
     * Engine classes and plain Java value and collection types only, within size bounds: a cache file someone
     * else wrote cannot make deserialisation build anything else.
     */
    static ObjectInputFilter filter(long streamBytes) {
        return info -> {
            if (info.depth() > MAX_DEPTH || info.references() > MAX_REFERENCES || info.arrayLength() > MAX_ARRAY
                    || info.streamBytes() > streamBytes) {
                return ObjectInputFilter.Status.REJECTED;
            }
            Class<?> c = info.serialClass();
            if (c == null) {
                return ObjectInputFilter.Status.ALLOWED;
            }
            while (c.isArray()) {
                c = c.getComponentType();
            }
            if (c.isPrimitive()) {
                return ObjectInputFilter.Status.ALLOWED;
            }
            String pkg = c.getPackageName();
            boolean ours = pkg.equals("kagami.sigma") || pkg.startsWith("kagami.sigma.") || pkg.equals("kagami.core")
                    || pkg.startsWith("kagami.core.");
            boolean plainJava = pkg.equals("java.lang") || pkg.equals("java.util") || pkg.equals("java.time");
            return ours || plainJava ? ObjectInputFilter.Status.ALLOWED : ObjectInputFilter.Status.REJECTED;
        };
    }

    /** Writes the entry atomically (temporary file, then rename) and drops the least recently used ones. */
    private void write(Path entry, byte[] key, LoadedRules rules) {
        Path tmp = null;
        try {
            createPrivateDirectory(directory);
            tmp = Files.createTempFile(directory, "rules-", ".tmp");
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                out.write(MAGIC);
                out.write(key);
                ObjectOutputStream objects = new ObjectOutputStream(out);
                objects.writeObject(rules);
                objects.flush();
            }
            Files.move(tmp, entry, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            tmp = null;
            evict();
        } catch (IOException | RuntimeException e) {
            LOG.debug("rule cache: cannot write {}: {}", entry, e.toString());
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    LOG.debug("rule cache: cannot delete {}: {}", tmp, e.toString());
                }
            }
        }
    }

    /** Created readable by the user only: what is in it will be deserialised. */
    private static void createPrivateDirectory(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectories(dir);
        }
    }

    private void evict() throws IOException {
        List<Path> entries = new ArrayList<>();
        long stale = System.currentTimeMillis() - 3_600_000L;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(directory, "rules-*.{bin,tmp}")) {
            for (Path p : ds) {
                if (p.toString().endsWith(".tmp")) {
                    if (Files.getLastModifiedTime(p).toMillis() < stale) {
                        Files.deleteIfExists(p); // left by a run that was killed while writing
                    }
                } else {
                    entries.add(p);
                }
            }
        }
        if (entries.size() <= MAX_ENTRIES) {
            return;
        }
        Map<Path, Long> modified = new java.util.HashMap<>();
        for (Path p : entries) {
            modified.put(p, Files.getLastModifiedTime(p).toMillis());
        }
        entries.sort(Comparator.comparing(modified::get, Comparator.reverseOrder()));
        for (Path p : entries.subList(MAX_ENTRIES, entries.size())) {
            Files.deleteIfExists(p);
        }
    }

    /**
     * A digest of the code that reads and compiles rules: the bytes of the kagami-sigma and kagami-core classes
     * (their jars, or class folders in a development build), where the YAML and RE2/J libraries come from (their
     * file names carry their versions), and the Java version. Empty (cache off) if a code location cannot be read.
     */
    static final class CodeFingerprint {
        static final String VALUE = compute();

        private CodeFingerprint() {
        }

        private static String compute() {
            try {
                MessageDigest md = sha256();
                for (Class<?> c : List.of(RuleCache.class, kagami.core.Event.class)) {
                    Path where = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
                    hashClasses(md, where);
                }
                for (Class<?> c : List.of(org.yaml.snakeyaml.Yaml.class, com.google.re2j.Pattern.class)) {
                    part(md, String.valueOf(c.getProtectionDomain().getCodeSource().getLocation()));
                }
                part(md, System.getProperty("java.vm.vendor", "") + " " + System.getProperty("java.version", ""));
                return HexFormat.of().formatHex(md.digest());
            } catch (IOException | URISyntaxException | RuntimeException e) {
                LOG.debug("rule cache: off, cannot fingerprint the code: {}", e.toString());
                return "";
            }
        }

        private static void hashClasses(MessageDigest md, Path where) throws IOException {
            if (Files.isRegularFile(where)) {
                part(md, where.getFileName().toString());
                md.update(Files.readAllBytes(where));
                return;
            }
            try (Stream<Path> s = Files.walk(where)) {
                for (Path p : s.filter(x -> x.toString().endsWith(".class")).sorted().toList()) {
                    part(md, where.relativize(p).toString());
                    md.update(Files.readAllBytes(p));
                }
            }
        }
    }
}
