package kagami.hunt.input;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * One readable input: a file, a gzip stream or a member of a ZIP archive.
 *
 * @param name   what the user sees: the path, with {@code !member} for archive members
 * @param kind   {@link InputKind#EVTX} or {@link InputKind#JSON} (archives are expanded before this)
 * @param size   bytes when known, else -1 (for progress and ETA)
 * @param file   the bytes as a file on disk, when they are one (readers that need random access, like EVTX,
 *               always get one: archive members are copied out, bounded, first)
 * @param opener opens the (decompressed) bytes from the start; each call gives a fresh stream
 */
public record InputSource(String name, InputKind kind, long size, Optional<Path> file, Opener opener) {
    /** Opens an input's bytes. */
    @FunctionalInterface
    public interface Opener {
        InputStream open() throws IOException;
    }

    public InputSource {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(opener, "opener");
    }

    public InputStream open() throws IOException {
        return opener.open();
    }
}
