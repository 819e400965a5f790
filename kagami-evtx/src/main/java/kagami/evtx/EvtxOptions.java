package kagami.evtx;

import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;

/**
 * How an {@link EvtxReader} reads a file.
 *
 * @param threads           chunks parsed in parallel (1 = on the calling thread)
 * @param carve             also recover records from chunk slack space, dropping copies of live records
 * @param validateChecksums verify the file header, chunk header and record data CRC32s and report mismatches
 *                          (never fatal: damaged files with bad checksums still hold good records)
 * @param warnings          receives every {@link EvtxWarning}, on the reading thread, in file order
 * @param workers           a pool shared by several readers (not shut down by them), or null for a pool of
 *                          {@code threads} of the reader's own; either way at most {@code 2 × threads} chunks
 *                          of a reader are in flight
 */
public record EvtxOptions(int threads, boolean carve, boolean validateChecksums, Consumer<EvtxWarning> warnings,
                          ExecutorService workers) {
    private static final Consumer<EvtxWarning> IGNORE = w -> { };

    public EvtxOptions {
        if (threads < 1 || threads > 1024) {
            throw new IllegalArgumentException("threads must be between 1 and 1024, was " + threads);
        }
        Objects.requireNonNull(warnings, "warnings");
    }

    /** One thread per core, no carving, no checksum validation, warnings ignored. */
    public static EvtxOptions defaults() {
        return new EvtxOptions(Runtime.getRuntime().availableProcessors(), false, false, IGNORE, null);
    }

    public EvtxOptions withThreads(int n) {
        return new EvtxOptions(n, carve, validateChecksums, warnings, workers);
    }

    public EvtxOptions withCarve(boolean on) {
        return new EvtxOptions(threads, on, validateChecksums, warnings, workers);
    }

    public EvtxOptions withValidateChecksums(boolean on) {
        return new EvtxOptions(threads, carve, on, warnings, workers);
    }

    public EvtxOptions withWarnings(Consumer<EvtxWarning> listener) {
        return new EvtxOptions(threads, carve, validateChecksums, listener, workers);
    }

    /**
     * Chunks parsed on {@code pool}, shared with other readers, instead of a pool of the reader's own: files read
     * at the same time then share one set of worker threads rather than bringing {@code threads} each.
     */
    public EvtxOptions withWorkers(ExecutorService pool) {
        return new EvtxOptions(threads, carve, validateChecksums, warnings, Objects.requireNonNull(pool, "pool"));
    }
}
