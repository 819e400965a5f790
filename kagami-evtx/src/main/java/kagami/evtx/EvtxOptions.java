package kagami.evtx;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * How an {@link EvtxReader} reads a file.
 *
 * @param threads           chunks parsed in parallel (1 = on the calling thread)
 * @param carve             also recover records from chunk slack space, dropping copies of live records
 * @param validateChecksums verify the file header, chunk header and record data CRC32s and report mismatches
 *                          (never fatal: damaged files with bad checksums still hold good records)
 * @param warnings          receives every {@link EvtxWarning}, on the reading thread, in file order
 */
public record EvtxOptions(int threads, boolean carve, boolean validateChecksums, Consumer<EvtxWarning> warnings) {
    private static final Consumer<EvtxWarning> IGNORE = w -> { };

    public EvtxOptions {
        if (threads < 1 || threads > 1024) {
            throw new IllegalArgumentException("threads must be between 1 and 1024, was " + threads);
        }
        Objects.requireNonNull(warnings, "warnings");
    }

    /** One thread per core, no carving, no checksum validation, warnings ignored. */
    public static EvtxOptions defaults() {
        return new EvtxOptions(Runtime.getRuntime().availableProcessors(), false, false, IGNORE);
    }

    public EvtxOptions withThreads(int n) {
        return new EvtxOptions(n, carve, validateChecksums, warnings);
    }

    public EvtxOptions withCarve(boolean on) {
        return new EvtxOptions(threads, on, validateChecksums, warnings);
    }

    public EvtxOptions withValidateChecksums(boolean on) {
        return new EvtxOptions(threads, carve, on, warnings);
    }

    public EvtxOptions withWarnings(Consumer<EvtxWarning> listener) {
        return new EvtxOptions(threads, carve, validateChecksums, listener);
    }
}
