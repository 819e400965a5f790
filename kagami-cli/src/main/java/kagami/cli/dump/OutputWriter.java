package kagami.cli.dump;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;

import kagami.evtx.render.Utf8Output;

/**
 * Writes rendered chunks to the output on a thread of its own, in the order given, so that writing overlaps
 * parsing instead of following it: handing 1.5 GB of JSON to the kernel costs over a second of system time
 * (docs/BENCHMARKS.md, EVTX section), which with {@code --threads 1} used to be spent by the one thread that
 * also parses. At most {@value #QUEUED} chunks wait, so memory stays bounded; a write error is reported to the
 * caller at its next call.
 */
final class OutputWriter implements AutoCloseable {
    private static final int QUEUED = 4;
    private static final Piece END = new Piece(null, null);

    /** Bytes written before {@code body} (a separator), then the body, either may be absent. */
    private record Piece(byte[] before, Utf8Output body) {
    }

    private final OutputStream out;
    private final Consumer<Utf8Output> written;
    private final BlockingQueue<Piece> queue = new ArrayBlockingQueue<>(QUEUED);
    private final Thread thread;
    private volatile IOException failure;
    private boolean ended;

    /** {@code written} receives each body once it has been written (or dropped after a failure), for reuse. */
    OutputWriter(OutputStream out, Consumer<Utf8Output> written) {
        this.out = out;
        this.written = written;
        this.thread = new Thread(this::run, "kagami-dump-writer");
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues {@code before} (may be null) and then {@code body} (may be null); waits while the queue is full. */
    void write(byte[] before, Utf8Output body) throws IOException {
        check();
        try {
            queue.put(new Piece(before, body));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while writing the output");
        }
    }

    /** Writes everything queued, flushes, and reports a failure of any write. */
    void finish() throws IOException {
        end();
        check();
    }

    /** Stops the writer after what is queued; does not close the stream. */
    @Override
    public void close() throws IOException {
        end();
    }

    private void end() throws IOException {
        if (ended) {
            return;
        }
        ended = true;
        // Delivered and waited for even if this thread is interrupted: the caller closes the stream next, and the
        // writer must not be writing to it then.
        boolean interrupted = false;
        while (true) {
            try {
                queue.put(END);
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while writing the output");
        }
    }

    private void check() throws IOException {
        IOException f = failure;
        if (f != null) {
            throw f;
        }
    }

    private void run() {
        while (true) {
            Piece p;
            try {
                p = queue.take();
            } catch (InterruptedException e) {
                // Nobody but the JVM interrupts this thread; keep serving the queue so that the caller never waits.
                continue;
            }
            if (p == END) {
                if (failure == null) {
                    try {
                        out.flush();
                    } catch (IOException | RuntimeException | Error e) {
                        fail(e);
                    }
                }
                return;
            }
            if (failure == null) {
                try {
                    if (p.before() != null) {
                        out.write(p.before());
                    }
                    if (p.body() != null) {
                        p.body().writeTo(out);
                    }
                } catch (IOException | RuntimeException | Error e) {
                    // Reported at the caller's next call; the queue keeps draining so that the caller never
                    // waits on a writer that has given up.
                    fail(e);
                }
            }
            if (p.body() != null) {
                try {
                    written.accept(p.body());
                } catch (RuntimeException e) {
                    fail(e);
                }
            }
        }
    }

    private void fail(Throwable e) {
        if (failure == null) {
            failure = e instanceof IOException io ? io : new IOException(String.valueOf(e), e);
        }
    }
}
