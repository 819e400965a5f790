package kagami.hunt.input;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import kagami.core.io.LimitExceededException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the paths a user gave into readable {@link InputSource}s: folders are walked recursively (in name order,
 * symbolic links not followed, so a link loop cannot hang the walk), every file is recognised by content, gzip
 * and ZIP archives are opened within {@link InputLimits}, and whatever cannot be read is listed as a
 * {@link SkippedInput} with the reason.
 *
 * <p>JSON inside an archive is streamed straight out of it. EVTX inside an archive is copied to a private
 * temporary folder first, because EVTX readers need random access; nested archives likewise. Closing the
 * {@link Expansion} deletes those copies.
 */
public final class Inputs {
    private static final Logger LOG = LoggerFactory.getLogger(Inputs.class);

    private Inputs() {
    }

    /** The result of expanding the user's paths; close it to delete temporary copies. */
    public static final class Expansion implements Closeable {
        private final List<InputSource> sources = new ArrayList<>();
        private final List<SkippedInput> skipped = new ArrayList<>();
        private final List<Path> temporary = new ArrayList<>();
        private final Path tempRoot;

        private Expansion(Path tempRoot) {
            this.tempRoot = tempRoot;
        }

        public List<InputSource> sources() {
            return List.copyOf(sources);
        }

        public List<SkippedInput> skipped() {
            return List.copyOf(skipped);
        }

        @Override
        public void close() throws IOException {
            for (Path p : temporary) {
                Files.deleteIfExists(p);
            }
            if (tempRoot != null) {
                try (DirectoryStream<Path> left = Files.newDirectoryStream(tempRoot)) {
                    if (!left.iterator().hasNext()) {
                        Files.deleteIfExists(tempRoot);
                    }
                } catch (NoSuchFileException gone) {
                    // already removed
                }
            }
        }
    }

    /**
     * Expands {@code paths}. {@code tempDir} receives copies of archive members that must be files; the
     * decompressed-bytes budget of {@code limits} is shared by everything expanded here and later streamed.
     */
    public static Expansion expand(List<Path> paths, InputLimits limits, Path tempDir) throws IOException {
        Objects.requireNonNull(limits, "limits");
        Files.createDirectories(tempDir);
        Path root = Files.createTempDirectory(tempDir, "kagami-inputs-");
        Expansion x = new Expansion(root);
        Walker w = new Walker(x, limits, root, new AtomicLong());
        for (Path p : paths) {
            w.path(p);
        }
        return x;
    }

    private static final class Walker {
        private final Expansion x;
        private final InputLimits limits;
        private final Path tempRoot;
        private final AtomicLong total;
        private int tempCounter;

        Walker(Expansion x, InputLimits limits, Path tempRoot, AtomicLong total) {
            this.x = x;
            this.limits = limits;
            this.tempRoot = tempRoot;
            this.total = total;
        }

        void path(Path p) {
            if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                List<Path> children = new ArrayList<>();
                try (DirectoryStream<Path> ds = Files.newDirectoryStream(p)) {
                    for (Path c : ds) {
                        children.add(c);
                    }
                } catch (IOException e) {
                    x.skipped.add(new SkippedInput(p.toString(), SkippedInput.Reason.UNREADABLE, message(e)));
                    return;
                }
                children.sort(null);
                for (Path c : children) {
                    if (Files.isSymbolicLink(c)) {
                        LOG.debug("not following symbolic link {}", c);
                        continue;
                    }
                    path(c);
                }
                return;
            }
            if (!Files.exists(p)) {
                x.skipped.add(new SkippedInput(p.toString(), SkippedInput.Reason.UNREADABLE, "no such file"));
                return;
            }
            file(p, p.toString(), 0);
        }

        /** A file on disk (original or a temporary copy) shown to the user as {@code name}. */
        void file(Path p, String name, int depth) {
            InputKind kind;
            long size;
            try (InputStream in = Files.newInputStream(p)) {
                size = Files.size(p);
                kind = InputSniffer.sniff(in);
            } catch (IOException e) {
                x.skipped.add(new SkippedInput(name, SkippedInput.Reason.UNREADABLE, message(e)));
                return;
            }
            switch (kind) {
                case EVTX, JSON -> x.sources.add(new InputSource(name, kind, size, Optional.of(p),
                        () -> Files.newInputStream(p)));
                case GZIP -> gzip(p, name, depth);
                case ZIP -> zip(p, name, depth);
                case EMPTY -> x.skipped.add(new SkippedInput(name, SkippedInput.Reason.EMPTY, ""));
                case UNKNOWN -> x.skipped.add(new SkippedInput(name, SkippedInput.Reason.UNKNOWN_FORMAT, ""));
            }
        }

        private void gzip(Path p, String name, int depth) {
            if (depth >= limits.maxNesting()) {
                x.skipped.add(new SkippedInput(name, SkippedInput.Reason.LIMIT_EXCEEDED, "archive nesting"));
                return;
            }
            String inner = name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name + "!gunzip";
            InputSource.Opener opener = () -> {
                InputStream raw = Files.newInputStream(p);
                try {
                    ExpansionGuard.Counting counting = new ExpansionGuard.Counting(new BufferedInputStream(raw));
                    return new ExpansionGuard(new GZIPInputStream(counting, 1 << 16), limits, total, counting);
                } catch (IOException | RuntimeException e) {
                    raw.close();
                    throw e;
                }
            };
            member(inner, -1, opener, depth);
        }

        private void zip(Path p, String name, int depth) {
            if (depth >= limits.maxNesting()) {
                x.skipped.add(new SkippedInput(name, SkippedInput.Reason.LIMIT_EXCEEDED, "archive nesting"));
                return;
            }
            List<ZipEntry> entries = new ArrayList<>();
            try (ZipFile zf = new ZipFile(p.toFile())) {
                Enumeration<? extends ZipEntry> en = zf.entries();
                while (en.hasMoreElements()) {
                    ZipEntry e = en.nextElement();
                    if (e.isDirectory()) {
                        continue;
                    }
                    if (entries.size() >= limits.maxMembers()) {
                        x.skipped.add(new SkippedInput(name, SkippedInput.Reason.LIMIT_EXCEEDED,
                                "more than " + limits.maxMembers() + " members; the rest were not read"));
                        break;
                    }
                    entries.add(e);
                }
            } catch (IOException | RuntimeException e) {
                x.skipped.add(new SkippedInput(name, SkippedInput.Reason.UNREADABLE, message(e)));
                return;
            }
            for (ZipEntry e : entries) {
                String entryName = e.getName();
                long compressed = e.getCompressedSize();
                InputSource.Opener opener = () -> {
                    ZipFile zf = new ZipFile(p.toFile());
                    try {
                        ZipEntry again = zf.getEntry(entryName);
                        if (again == null) {
                            throw new IOException("member vanished: " + entryName);
                        }
                        InputStream in = zf.getInputStream(again);
                        long budget = compressed > 0 ? compressed : Long.MAX_VALUE / limits.maxRatio();
                        ExpansionGuard g = new ExpansionGuard(in, limits, total, () -> budget);
                        return new java.io.FilterInputStream(g) {
                            @Override
                            public void close() throws IOException {
                                try {
                                    super.close();
                                } finally {
                                    zf.close();
                                }
                            }
                        };
                    } catch (IOException | RuntimeException ex) {
                        zf.close();
                        throw ex;
                    }
                };
                member(name + "!" + entryName, e.getSize(), opener, depth);
            }
        }

        /** A decompressed stream inside an archive: stream JSON, copy EVTX and archives out. */
        private void member(String name, long size, InputSource.Opener opener, int depth) {
            InputKind kind;
            try (InputStream in = opener.open()) {
                kind = InputSniffer.sniff(in);
            } catch (LimitExceededException e) {
                x.skipped.add(new SkippedInput(name, SkippedInput.Reason.LIMIT_EXCEEDED, e.getMessage()));
                return;
            } catch (IOException | RuntimeException e) {
                x.skipped.add(new SkippedInput(name, SkippedInput.Reason.UNREADABLE, message(e)));
                return;
            }
            switch (kind) {
                case JSON -> x.sources.add(new InputSource(name, kind, size, Optional.empty(), opener));
                case EVTX, GZIP, ZIP -> {
                    Path copy = tempRoot.resolve("member-" + (++tempCounter) + ".bin");
                    try (InputStream in = opener.open()) {
                        Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
                        x.temporary.add(copy);
                    } catch (LimitExceededException e) {
                        deleteQuietly(copy);
                        x.skipped.add(new SkippedInput(name, SkippedInput.Reason.LIMIT_EXCEEDED, e.getMessage()));
                        return;
                    } catch (IOException | RuntimeException e) {
                        deleteQuietly(copy);
                        x.skipped.add(new SkippedInput(name, SkippedInput.Reason.UNREADABLE, message(e)));
                        return;
                    }
                    file(copy, name, depth + 1);
                }
                case EMPTY -> x.skipped.add(new SkippedInput(name, SkippedInput.Reason.EMPTY, ""));
                case UNKNOWN -> x.skipped.add(new SkippedInput(name, SkippedInput.Reason.UNKNOWN_FORMAT, ""));
            }
        }

        private static void deleteQuietly(Path p) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    static String message(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
