package kagami.evtx;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Reads the records of one EVTX file in file order, parsing chunks in parallel.
 *
 * <pre>{@code
 * try (EvtxReader r = EvtxReader.open(path, EvtxOptions.defaults().withWarnings(w -> log(w)))) {
 *     for (EvtxRecord rec : r) { ... }                        // records in file order
 *     r.map(EvtxRecord::toEvent, event -> engine.accept(event)); // conversion on the worker threads
 * }
 * }</pre>
 *
 * Damaged chunks and records become {@link EvtxWarning}s and reading goes on; only a file that is not EVTX at
 * all fails, with an {@link EvtxFormatException} from {@link #open}. Memory stays bounded by the chunks in
 * flight ({@code 2 × threads} × 64 KiB plus their records and results), whatever the file size.
 *
 * <p>A reader may be read several times, one pass at a time; it is not thread-safe. Warnings and results are
 * delivered on the calling thread.
 */
public final class EvtxReader implements Iterable<EvtxRecord>, Closeable {
    private final String source;
    private final FileChannel channel;
    private final long fileSize;
    private final FileHeader header;
    private final EvtxOptions options;
    private final List<ChunkPipeline> open = new ArrayList<>();
    private long records;
    private long recovered;
    private long warnings;
    private int chunks;

    private EvtxReader(String source, FileChannel channel, long fileSize, FileHeader header, EvtxOptions options) {
        this.source = source;
        this.channel = channel;
        this.fileSize = fileSize;
        this.header = header;
        this.options = options;
    }

    /**
     * A pool of {@code threads} chunk workers for {@link EvtxOptions#withWorkers}, to share between readers of
     * files read at the same time (so N files read at once use {@code threads} workers, not N × threads). Its
     * threads are daemons with the deep stack rendering needs, and end after a few idle seconds, so a pool that
     * is no longer used needs no shutdown.
     */
    public static java.util.concurrent.ExecutorService sharedWorkers(int threads) {
        if (threads < 1 || threads > 1024) {
            throw new IllegalArgumentException("threads must be between 1 and 1024, was " + threads);
        }
        java.util.concurrent.ThreadPoolExecutor pool = new java.util.concurrent.ThreadPoolExecutor(threads, threads,
                2, java.util.concurrent.TimeUnit.SECONDS, new java.util.concurrent.LinkedBlockingQueue<>(),
                ChunkPipeline.daemons());
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /**
     * Opens a file and checks its header.
     *
     * @throws EvtxFormatException if the file is not EVTX (no {@code ElfFile} signature) or shorter than a header
     */
    public static EvtxReader open(Path file, EvtxOptions options) throws IOException {
        Objects.requireNonNull(options, "options");
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
        try {
            long size = ch.size();
            byte[] head = new byte[FileHeader.SIZE];
            ByteBuffer b = ByteBuffer.wrap(head);
            while (b.hasRemaining() && ch.read(b, b.position()) > 0) {
                // positional reads until the header is in or the file ends
            }
            if (b.position() < 8 || !FileHeader.hasSignature(head)) {
                throw new EvtxFormatException(EvtxFormatException.Reason.NOT_EVTX, 0,
                        file + ": not an EVTX file (no ElfFile signature)");
            }
            if (b.position() < FileHeader.SIZE) {
                throw new EvtxFormatException(EvtxFormatException.Reason.TRUNCATED_HEADER, b.position(),
                        file + ": EVTX file header truncated at " + b.position() + " of 4096 bytes");
            }
            return new EvtxReader(file.toString(), ch, size, FileHeader.parse(head), options);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** Whether the file starts with the EVTX signature {@code ElfFile\0} (the test for "is this EVTX"). */
    public static boolean hasSignature(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return FileHeader.hasSignature(in.readNBytes(8));
        }
    }

    public String source() {
        return source;
    }

    public long fileSize() {
        return fileSize;
    }

    /** Chunks in the file, from its size (the header's 16-bit count is wrong in dirty and large files). */
    public int chunkCount() {
        return ChunkPipeline.chunkCount(fileSize);
    }

    /** Records delivered so far, over all passes. */
    public long recordCount() {
        return records;
    }

    /** Of {@link #recordCount()}, the recovered ones. */
    public long recoveredCount() {
        return recovered;
    }

    /** Warnings delivered so far. */
    public long warningCount() {
        return warnings;
    }

    /** Chunks delivered so far (progress). */
    public int chunksRead() {
        return chunks;
    }

    /** Records in file order; warnings go to the options' listener as the chunks are reached. */
    @Override
    public Iterator<EvtxRecord> iterator() {
        Pass pass = new Pass(null);
        return new Iterator<>() {
            private List<EvtxRecord> current = List.of();
            private int i;
            private boolean done;

            @Override
            public boolean hasNext() {
                while (!done && i >= current.size()) {
                    try {
                        ParsedChunk c = pass.next();
                        if (c == null) {
                            done = true;
                            pass.close();
                        } else {
                            current = c.records();
                            i = 0;
                        }
                    } catch (IOException e) {
                        done = true;
                        pass.close();
                        throw new UncheckedIOException(e);
                    }
                }
                return !done;
            }

            @Override
            public EvtxRecord next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.get(i++);
            }
        };
    }

    @Override
    public void forEach(Consumer<? super EvtxRecord> action) {
        try (Pass pass = new Pass(null)) {
            for (ParsedChunk c = pass.next(); c != null; c = pass.next()) {
                c.records().forEach(action);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Applies {@code work} to every record on the worker threads and gives the results to {@code sink} on the
     * calling thread, in file order. For conversions worth parallelising ({@link EvtxRecord#toEvent}).
     */
    public <T> void map(Function<? super EvtxRecord, ? extends T> work, Consumer<? super T> sink) throws IOException {
        Objects.requireNonNull(work, "work");
        mapChunks(records -> {
            List<T> out = new ArrayList<>(records.size());
            for (EvtxRecord r : records) {
                out.add(work.apply(r));
            }
            return out;
        }, results -> results.forEach(sink));
    }

    /**
     * Applies {@code work} to the records of each chunk on the worker threads — one result per chunk, such as
     * the chunk rendered to bytes — and gives the results to {@code sink} on the calling thread, in file order.
     */
    public <T> void mapChunks(Function<? super List<EvtxRecord>, ? extends T> work, Consumer<? super T> sink)
            throws IOException {
        Objects.requireNonNull(work, "work");
        try (Pass pass = new Pass(chunk -> work.apply(chunk.records()))) {
            for (ParsedChunk c = pass.next(); c != null; c = pass.next()) {
                @SuppressWarnings("unchecked")
                T result = (T) c.result();
                sink.accept(result);
            }
        }
    }

    @Override
    public void close() throws IOException {
        for (ChunkPipeline p : open) {
            p.close();
        }
        open.clear();
        channel.close();
    }

    /** One pass over the file: pipeline, file-header warnings first, then chunks with their warnings. */
    private final class Pass implements AutoCloseable {
        private final ChunkPipeline pipeline;
        private boolean started;

        Pass(Function<ParsedChunk, Object> work) {
            this.pipeline = new ChunkPipeline(channel, fileSize, header.chunkCount(), source, options, work);
            open.add(pipeline);
        }

        ParsedChunk next() throws IOException {
            if (!started) {
                started = true;
                if (options.validateChecksums() && !header.noChecksum() && !header.checksumValid()) {
                    warn(new EvtxWarning(source, 124, EvtxWarning.Kind.FILE_HEADER_CHECKSUM,
                            String.format("file header: stored 0x%08x", header.checksum())));
                }
            }
            ParsedChunk c = pipeline.next();
            if (c == null) {
                return null;
            }
            chunks++;
            for (EvtxWarning w : c.warnings()) {
                warn(w);
            }
            for (EvtxRecord r : c.records()) {
                records++;
                if (r.recovered()) {
                    recovered++;
                }
            }
            return c;
        }

        private void warn(EvtxWarning w) {
            warnings++;
            options.warnings().accept(w);
        }

        @Override
        public void close() {
            pipeline.close();
            open.remove(pipeline);
        }
    }
}
