package kagami.hunt.input;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongConsumer;

import kagami.core.Event;
import kagami.core.Origin;
import kagami.evtx.EvtxFormatException;
import kagami.evtx.EvtxOptions;
import kagami.evtx.EvtxReader;
import kagami.evtx.EvtxRecord;
import kagami.evtx.EvtxWarning;

/**
 * Reads EVTX inputs with kagami-evtx's native reader: chunks are parsed, converted to {@link Event}s and given
 * the caller's work on {@code threads} worker threads, and the results come back in file order, with at most
 * {@code 2 × threads} chunks in flight whatever the file size.
 *
 * <p>Damage the EVTX reader worked around (a bad chunk signature, a malformed record) makes the input "read in
 * part": {@link ReadResult#badRecords()} counts the warnings that mean records may be missing, and the first
 * warnings are kept, in the user's language, so the summary says which file was damaged and where.
 */
public final class EvtxEventReader implements EventReader {
    private static final int MAX_WARNINGS = 20;
    /** EVTX file header and chunk sizes (libyal EVTX format: file header 4096 bytes, chunks 65536). */
    private static final long HEADER = 4096;
    private static final long CHUNK = 65536;
    /**
     * Warnings after which records of the chunk may be missing. Checksum mismatches alone do not lose records,
     * and are only reported when validation is on, which this reader never asks for.
     */
    private static final Set<EvtxWarning.Kind> DATA_LOSS = EnumSet.complementOf(EnumSet.of(
            EvtxWarning.Kind.FILE_HEADER_CHECKSUM, EvtxWarning.Kind.CHUNK_HEADER_CHECKSUM,
            EvtxWarning.Kind.CHUNK_DATA_CHECKSUM));

    private final int threads;
    /**
     * Chunk workers shared by every file this reader reads at once: a hunt reads several inputs in parallel, and
     * a pool per file would put inputs × threads workers on the cores (measured: 30 % more CPU for the same work
     * with two 1 GiB files on 2 cores). Null with one thread (chunks parsed on the calling thread).
     */
    private final java.util.concurrent.ExecutorService workers;
    private final boolean carve;
    private final Locale locale;

    /**
     * @param threads chunk workers, shared by all inputs read at once; 1 reads each input on its calling thread
     * @param carve   also recover records from chunk slack space (they are marked recovered)
     * @param locale  language of the warnings kept in the {@link ReadResult}
     */
    public EvtxEventReader(int threads, boolean carve, Locale locale) {
        if (threads < 1 || threads > 1024) {
            throw new IllegalArgumentException("threads must be between 1 and 1024, was " + threads);
        }
        this.threads = threads;
        this.workers = threads > 1 ? EvtxReader.sharedWorkers(threads) : null;
        this.carve = carve;
        this.locale = Objects.requireNonNull(locale, "locale");
    }

    @Override
    public ReadResult read(InputSource source, Consumer<Event> sink) throws IOException {
        return read(source, e -> e, sink);
    }

    /** Runs {@code work} on the worker threads; {@code null} results are dropped, the others delivered in order. */
    @Override
    public <T> ReadResult read(InputSource source, Function<? super Event, ? extends T> work,
                               Consumer<? super T> results) throws IOException {
        return read(source, work, results, n -> { });
    }

    /** Progress: the file header, then one chunk (64 KiB) at a time as chunks are delivered. */
    @Override
    public <T> ReadResult read(InputSource source, Function<? super Event, ? extends T> work,
                               Consumer<? super T> results, LongConsumer bytesRead) throws IOException {
        Objects.requireNonNull(work, "work");
        Objects.requireNonNull(results, "results");
        Warnings warnings = new Warnings();
        Function<EvtxRecord, Event> convert = converter(source);
        long[] reported = new long[1];
        try (EvtxReader reader = EvtxReader.open(file(source), options(threads).withWarnings(warnings))) {
            reader.mapChunks(records -> {
                List<T> out = null;
                for (EvtxRecord r : records) {
                    T t = work.apply(convert.apply(r));
                    if (t != null) {
                        if (out == null) {
                            out = new ArrayList<>();
                        }
                        out.add(t);
                    }
                }
                return out == null ? List.<T>of() : out;
            }, chunk -> {
                chunk.forEach(results);
                long done = Math.min(reader.fileSize(), HEADER + CHUNK * (long) reader.chunksRead());
                bytesRead.accept(done - reported[0]);
                reported[0] = done;
            });
            return new ReadResult(reader.recordCount(), warnings.dataLoss, true, warnings.lines);
        } catch (EvtxFormatException e) {
            throw new IOException(e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** The first record, parsed alone on the calling thread (for the channel prefilter). */
    @Override
    public Optional<Event> firstEvent(InputSource source) throws IOException {
        try (EvtxReader reader = EvtxReader.open(file(source), options(1))) {
            Iterator<EvtxRecord> it = reader.iterator();
            return it.hasNext() ? Optional.of(converter(source).apply(it.next())) : Optional.empty();
        } catch (EvtxFormatException e) {
            throw new IOException(e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private EvtxOptions options(int n) {
        EvtxOptions o = EvtxOptions.defaults().withThreads(n).withCarve(carve);
        return n > 1 ? o.withWorkers(workers) : o;
    }

    private static Path file(InputSource source) throws IOException {
        return source.file().orElseThrow(() -> new IOException(source.name()
                + ": EVTX needs random access and this input is not a file"));
    }

    /**
     * Record to event. Archive members are read from a temporary copy; their events name the member as the user
     * sees it ({@code case.zip!Security.evtx}), so timelines and their order do not depend on temporary names.
     */
    private static Function<EvtxRecord, Event> converter(InputSource source) throws IOException {
        String path = file(source).toString();
        if (path.equals(source.name())) {
            return EvtxRecord::toEvent;
        }
        String name = source.name();
        return r -> renamed(r.toEvent(), name);
    }

    private static Event renamed(Event e, String name) {
        return e.withOrigin(new Origin(name, e.origin().offset(), e.origin().recovered()));
    }

    /** Warnings of one read, delivered on the reading thread in file order. */
    private final class Warnings implements Consumer<EvtxWarning> {
        final List<String> lines = new ArrayList<>();
        long dataLoss;

        @Override
        public void accept(EvtxWarning w) {
            if (DATA_LOSS.contains(w.kind())) {
                dataLoss++;
            }
            if (lines.size() < MAX_WARNINGS) {
                // the summary names the input already; keep the offset, what happened and the detail
                String m = w.message(locale);
                String prefix = w.source() + ": ";
                lines.add(m.startsWith(prefix) ? m.substring(prefix.length()) : m);
            }
        }
    }
}
