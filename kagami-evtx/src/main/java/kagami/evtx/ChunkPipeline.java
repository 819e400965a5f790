package kagami.evtx;

import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import kagami.evtx.binxml.TemplateCache;

/**
 * Parses the chunks of a file on a fixed pool and hands them back in file order. Chunks are independent in
 * the format (templates and names are chunk-scoped), so each is read with one positional read and parsed on
 * its own. At most {@code 2 × threads} chunks are in flight, so memory does not depend on the file size. With
 * one thread, chunks are parsed on the calling thread.
 */
final class ChunkPipeline implements AutoCloseable {
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final FileChannel channel;
    private final long fileSize;
    private final int chunkCount;
    private final String source;
    private final EvtxOptions options;
    private final Function<ParsedChunk, Object> work;
    private final TemplateCache templates = new TemplateCache();
    private final CarvedDuplicates duplicates;
    private final ExecutorService pool;
    /** Whether {@link #pool} is this pipeline's own (shut down on close) or shared (left running). */
    private final boolean ownPool;
    private final ArrayDeque<Future<ParsedChunk>> inflight = new ArrayDeque<>();
    private final int window;
    private final int declaredChunks;
    private int next;

    ChunkPipeline(FileChannel channel, long fileSize, int declaredChunks, String source, EvtxOptions options,
            Function<ParsedChunk, Object> work) {
        this.declaredChunks = declaredChunks;
        this.channel = channel;
        this.fileSize = fileSize;
        this.chunkCount = chunkCount(fileSize);
        this.source = source;
        this.options = options;
        this.work = work;
        this.window = options.threads() * 2;
        this.duplicates = options.carve() ? CarvedDuplicates.scan(channel, fileSize) : null;
        this.ownPool = options.threads() > 1 && options.workers() == null;
        this.pool = options.threads() == 1 ? null : ownPool ? Executors.newFixedThreadPool(options.threads(), daemons())
                : options.workers();
    }

    /** Chunks in a file of this size, counting a partial last chunk (libyal: not the 16-bit header field). */
    static int chunkCount(long fileSize) {
        long body = Math.max(0, fileSize - FileHeader.SIZE);
        long n = (body + ChunkHeader.CHUNK_SIZE - 1) / ChunkHeader.CHUNK_SIZE;
        return (int) Math.min(n, Integer.MAX_VALUE);
    }

    /**
     * Worker threads for chunk pools: daemons with a deep stack for rendering nested fragments (depth is capped by
     * the parser, but nests per fragment).
     */
    static ThreadFactory daemons() {
        int pool = POOLS.incrementAndGet();
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(null, r, "kagami-evtx-" + pool + "-" + n.incrementAndGet(), 16L << 20);
            t.setDaemon(true);
            return t;
        };
    }

    /** The next chunk in file order, or {@code null} after the last. */
    ParsedChunk next() throws IOException {
        if (pool == null) {
            return next < chunkCount ? process(next++) : null;
        }
        while (inflight.size() < window && next < chunkCount) {
            int index = next++;
            inflight.add(pool.submit(() -> process(index)));
        }
        Future<ParsedChunk> head = inflight.poll();
        if (head == null) {
            return null;
        }
        try {
            ParsedChunk c = head.get();
            if (next < chunkCount) {
                int index = next++;
                inflight.add(pool.submit(() -> process(index)));
            }
            return c;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading " + source);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof UncheckedIOException u) {
                throw u.getCause();
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        }
    }

    private ParsedChunk process(int index) throws IOException {
        long offset = FileHeader.SIZE + (long) index * ChunkHeader.CHUNK_SIZE;
        byte[] data = new byte[ChunkHeader.CHUNK_SIZE];
        int length = read(data, offset);
        ParsedChunk chunk;
        try {
            chunk = Chunk.read(data, length, index, offset, source, options, templates, duplicates, index >= declaredChunks);
        } catch (RuntimeException | StackOverflowError e) {
            chunk = new ParsedChunk(index, offset, List.of(), List.of(new EvtxWarning(source, offset,
                    EvtxWarning.Kind.CHUNK_DAMAGED, "chunk " + index + ": " + e)), null);
        }
        return work == null ? chunk : chunk.withResult(work.apply(chunk));
    }

    private int read(byte[] data, long offset) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(data);
        long want = Math.min(data.length, fileSize - offset);
        while (b.position() < want) {
            int n = channel.read(b, offset + b.position());
            if (n < 0) {
                break;
            }
        }
        if (b.position() == 0 && want > 0) {
            throw new EOFException(source + ": file shrank while reading (offset " + offset + ")");
        }
        return b.position();
    }

    @Override
    public void close() {
        if (pool != null) {
            for (Future<ParsedChunk> f : inflight) {
                f.cancel(true);
            }
            inflight.clear();
            if (ownPool) {
                pool.shutdownNow();
            }
        }
    }
}
