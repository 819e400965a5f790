package kagami.hunt.rules;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import kagami.core.io.LimitExceededException;
import kagami.core.io.LimitedInputStream;

/**
 * Installs a Sigma rule package (a SigmaHQ release zip such as {@code sigma_all_rules.zip}, a checkout folder, or
 * a URL to either zip) into the rule store ({@link RuleStore}), so {@code kagami hunt} runs it by default.
 *
 * <p>Rule packages come from the network and are treated as hostile: only {@code .yml}/{@code .yaml} rule files
 * and licence/readme files are taken; every member name is checked (no absolute paths, drive letters or
 * {@code ..} segments; the resolved target must stay inside the staging folder); member count, member size,
 * total size and expansion ratio are bounded; nothing is executed. The new package is assembled and validated in
 * a staging folder and only then swapped in, so a failed update leaves the installed rules as they were.
 */
public final class RulePackageInstaller {
    /** Bounds on a rule package. */
    public record Limits(int maxFiles, long maxFileBytes, long maxTotalBytes, int maxRatio, long maxDownloadBytes,
                         Duration downloadTimeout) {
        /** 50,000 files, 4 MiB each, 512 MiB in all, ratio 200, 256 MiB download in at most 10 minutes. */
        public static Limits defaults() {
            return new Limits(50_000, 4L << 20, 512L << 20, 200, 256L << 20, Duration.ofMinutes(10));
        }
    }

    /** What an install did. */
    public record Report(Path installedAt, int files, List<String> skipped, String source, String sha256) {
    }

    /** Rejected because the package is unsafe or not a rule package; the installed rules are unchanged. */
    public static final class PackageException extends IOException {
        private static final long serialVersionUID = 1L;

        public PackageException(String message) {
            super(message);
        }
    }

    /** Checks a staged package before it replaces the installed one (the Sigma engine loads it). */
    @FunctionalInterface
    public interface Validator {
        /** Throws when the staged rules are unusable. */
        void validate(Path staged) throws IOException;
    }

    private static final String METADATA = ".kagami-package";

    private final Path storeRoot;
    private final Limits limits;

    public RulePackageInstaller(Path storeRoot, Limits limits) {
        this.storeRoot = Objects.requireNonNull(storeRoot, "storeRoot");
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /**
     * Installs from {@code from}: an {@code http(s)://} URL of a zip, a zip file, or a folder. The package
     * lands in {@code <store>/<name>}.
     */
    public Report install(String from, String name, Validator validator) throws IOException {
        if (!name.matches("[A-Za-z0-9._-]{1,64}") || name.startsWith(".")) {
            throw new IllegalArgumentException("bad package name " + name);
        }
        Files.createDirectories(storeRoot);
        Path staging = Files.createTempDirectory(storeRoot, ".staging-");
        Path download = null;
        try {
            String sha;
            List<String> skipped = new ArrayList<>();
            int files;
            String lower = from.toLowerCase(Locale.ROOT);
            if (lower.startsWith("http://") || lower.startsWith("https://")) {
                download = Files.createTempFile(storeRoot, ".download-", ".zip");
                sha = download(URI.create(from), download);
                files = extractZip(download, staging, skipped);
            } else if (lower.contains("://")) {
                throw new PackageException("only http and https URLs are supported: " + from);
            } else {
                Path p = Path.of(from);
                if (Files.isDirectory(p)) {
                    sha = "";
                    files = copyFolder(p, staging, skipped);
                } else if (Files.isRegularFile(p)) {
                    sha = sha256(p);
                    files = extractZip(p, staging, skipped);
                } else {
                    throw new java.nio.file.NoSuchFileException(from);
                }
            }
            if (files == 0) {
                throw new PackageException("no Sigma rule files (.yml, .yaml) in " + from);
            }
            validator.validate(staging);
            Files.writeString(staging.resolve(METADATA), "source: " + from + "\nsha256: " + sha + "\ninstalled: "
                    + Instant.now() + "\nfiles: " + files + "\n", StandardCharsets.UTF_8);
            Path target = storeRoot.resolve(name);
            Path old = null;
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                old = storeRoot.resolve(".old-" + name + "-" + System.nanoTime());
                Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            if (old != null) {
                deleteTree(old);
            }
            return new Report(target, files, List.copyOf(skipped), from, sha);
        } finally {
            if (Files.exists(staging)) {
                deleteTree(staging);
            }
            if (download != null) {
                Files.deleteIfExists(download);
            }
        }
    }

    private String download(URI uri, Path to) throws IOException {
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(30)).build();
        HttpRequest req = HttpRequest.newBuilder(uri).timeout(limits.downloadTimeout())
                .header("User-Agent", "kagami-rules-update").GET().build();
        HttpResponse<InputStream> resp;
        try {
            resp = client.send(req, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("download interrupted", e);
        }
        try (InputStream body = resp.body()) {
            if (resp.statusCode() != 200) {
                throw new IOException("download of " + uri + " failed: HTTP " + resp.statusCode());
            }
            long declared = resp.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (declared > limits.maxDownloadBytes()) {
                throw new LimitExceededException("download bytes", limits.maxDownloadBytes());
            }
            MessageDigest md = sha256();
            try (InputStream in = new DigestInputStream(new LimitedInputStream(body, limits.maxDownloadBytes(),
                    "download bytes"), md); OutputStream out = Files.newOutputStream(to)) {
                in.transferTo(out);
            }
            return HexFormat.of().formatHex(md.digest());
        }
    }

    private int extractZip(Path zip, Path staging, List<String> skipped) throws IOException {
        int files = 0;
        long total = 0;
        int members = 0;
        try (ZipFile zf = new ZipFile(zip.toFile())) {
            Enumeration<? extends ZipEntry> en = zf.entries();
            while (en.hasMoreElements()) {
                ZipEntry e = en.nextElement();
                if (++members > limits.maxFiles() * 2) {
                    throw new LimitExceededException("archive members", limits.maxFiles() * 2L);
                }
                if (e.isDirectory()) {
                    continue;
                }
                String rel = safeName(e.getName());
                if (!wanted(rel)) {
                    skipped.add(e.getName());
                    continue;
                }
                if (++files > limits.maxFiles()) {
                    throw new LimitExceededException("rule files", limits.maxFiles());
                }
                Path target = staging.resolve(rel).normalize();
                if (!target.startsWith(staging)) {
                    throw new PackageException("member escapes the package folder: " + e.getName());
                }
                Files.createDirectories(target.getParent());
                long compressed = Math.max(1, e.getCompressedSize());
                try (InputStream in = new LimitedInputStream(zf.getInputStream(e), limits.maxFileBytes(),
                        "bytes per rule file"); OutputStream out = Files.newOutputStream(target)) {
                    long n = in.transferTo(out);
                    if (n > 4096 && n > compressed * limits.maxRatio()) {
                        throw new LimitExceededException("expansion ratio", limits.maxRatio());
                    }
                    total += n;
                }
                if (total > limits.maxTotalBytes()) {
                    throw new LimitExceededException("package bytes", limits.maxTotalBytes());
                }
            }
        } catch (java.util.zip.ZipException e) {
            throw new PackageException("not a valid zip: " + e.getMessage());
        }
        return files;
    }

    /**
     * A member name made safe, or a {@link PackageException}: forward slashes only, relative, no {@code ..},
     * no drive letter, no NUL (APPNOTE 4.4.17: names are relative with forward slashes; anything else is hostile).
     */
    static String safeName(String name) throws PackageException {
        String n = name.replace('\\', '/');
        if (n.isEmpty() || n.startsWith("/") || n.indexOf(':') >= 0 || n.indexOf('\0') >= 0) {
            throw new PackageException("unsafe member name: " + name);
        }
        for (String seg : n.split("/")) {
            if (seg.equals("..")) {
                throw new PackageException("unsafe member name: " + name);
            }
        }
        return n;
    }

    private static boolean wanted(String rel) {
        String file = rel.substring(rel.lastIndexOf('/') + 1);
        String f = file.toLowerCase(Locale.ROOT);
        if (f.startsWith(".")) {
            return false;
        }
        return f.endsWith(".yml") || f.endsWith(".yaml") || f.equals("license") || f.startsWith("license.")
                || f.equals("readme.md") || f.equals("version.txt");
    }

    private int copyFolder(Path from, Path staging, List<String> skipped) throws IOException {
        int[] files = {0};
        long[] total = {0};
        Path root = from.toRealPath();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                String n = dir.getFileName() == null ? "" : dir.getFileName().toString();
                return !dir.equals(root) && n.startsWith(".") ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                String rel = root.relativize(file).toString().replace('\\', '/');
                if (!attrs.isRegularFile() || !wanted(rel)) {
                    skipped.add(rel);
                    return FileVisitResult.CONTINUE;
                }
                if (++files[0] > limits.maxFiles()) {
                    throw new LimitExceededException("rule files", limits.maxFiles());
                }
                if (attrs.size() > limits.maxFileBytes()) {
                    throw new LimitExceededException("bytes per rule file", limits.maxFileBytes());
                }
                total[0] += attrs.size();
                if (total[0] > limits.maxTotalBytes()) {
                    throw new LimitExceededException("package bytes", limits.maxTotalBytes());
                }
                Path target = staging.resolve(rel).normalize();
                Files.createDirectories(target.getParent());
                Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                return FileVisitResult.CONTINUE;
            }
        });
        return files[0];
    }

    private static String sha256(Path p) throws IOException {
        MessageDigest md = sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(p), md)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
