package kagami.hunt.timeline;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Puts detections in timeline order and hands them to the sinks (CSV, JSONL, summary, report ...).
 *
 * <p>Sorted mode (the default) orders rows by time, then source file and record offset, then rule id, and
 * finally by the whole record's bytes, so the output is byte-identical whatever order parallel readers produced
 * detections in. Memory stays bounded: past a budget, sorted runs are spilled to temporary files and merged at
 * the end (an external merge sort), so sorting does not need the 16 GiB Hayabusa's sorted mode asks for on
 * large cases. Streaming mode writes each row as it arrives, for the largest inputs and live use.
 *
 * <p>De-duplication drops a row whose rule, time, computer, channel, event id, record id and field values equal
 * an earlier row's, whichever file it came from: the same record read from a live log and a VSS copy, or carved
 * twice. Sorted mode compares within each run of equal timestamps (duplicates share a timestamp), so it is exact
 * and bounded; streaming mode remembers the last {@value #STREAM_DEDUP_MEMORY} rows' keys.
 */
public final class Timeline implements Closeable {
    static final int STREAM_DEDUP_MEMORY = 100_000;

    /**
     * @param sorted          sort (default) or stream
     * @param dedup           drop duplicate detections
     * @param window          keep only detections in this window
     * @param spillDirectory  where sorted runs go when the budget is exceeded
     * @param memoryBudget    bytes of encoded rows held in memory before spilling
     */
    public record Options(boolean sorted, boolean dedup, TimeWindow window, Path spillDirectory, long memoryBudget) {
        public Options {
            Objects.requireNonNull(window, "window");
            Objects.requireNonNull(spillDirectory, "spillDirectory");
            if (memoryBudget < 1024) {
                throw new IllegalArgumentException("memory budget too small: " + memoryBudget);
            }
        }

        public static Options sortedDefaults(Path spillDirectory) {
            return new Options(true, false, TimeWindow.ALL, spillDirectory, 64L << 20);
        }
    }

    /** What happened to the rows given to {@link #add}. */
    public record Counts(long received, long outsideWindow, long duplicates, long written, int spilledRuns) {
    }

    private static final Comparator<Entry> ORDER = Comparator
            .comparingLong((Entry e) -> e.seconds)
            .thenComparingInt(e -> e.nanos)
            .thenComparing(e -> e.file)
            .thenComparingLong(e -> e.offset)
            .thenComparing(e -> e.ruleId)
            .thenComparing((a, b) -> Arrays.compareUnsigned(a.bytes, b.bytes));

    private final Options options;
    private final List<TimelineSink> sinks;
    private final List<Entry> buffer = new ArrayList<>();
    private final List<Path> runs = new ArrayList<>();
    private long buffered;
    private long received;
    private long outside;
    private long duplicates;
    private long written;
    private boolean closed;

    // Sorted-mode dedup: keys seen within the current run of equal timestamps.
    private final Set<ByteBuffer> groupKeys = new HashSet<>();
    private long groupSeconds = Long.MIN_VALUE;
    private int groupNanos = -1;
    // Streaming-mode dedup: the most recent keys.
    private final Map<ByteBuffer, Boolean> recentKeys = new LinkedHashMap<>(1024, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<ByteBuffer, Boolean> eldest) {
            return size() > STREAM_DEDUP_MEMORY;
        }
    };

    public Timeline(Options options, List<TimelineSink> sinks) {
        this.options = Objects.requireNonNull(options, "options");
        this.sinks = List.copyOf(sinks);
    }

    /** Adds one row; thread-safe. */
    public synchronized void add(TimelineRecord r) throws IOException {
        if (closed) {
            throw new IllegalStateException("timeline already closed");
        }
        received++;
        if (!options.window().contains(r.timestamp())) {
            outside++;
            return;
        }
        if (!options.sorted()) {
            if (options.dedup() && recentKeys.put(ByteBuffer.wrap(RecordCodec.dedupKey(r)), Boolean.TRUE) != null) {
                duplicates++;
                return;
            }
            emit(r);
            return;
        }
        Entry e = new Entry(r, RecordCodec.encode(r));
        buffer.add(e);
        buffered += e.bytes.length * 3L + 256L; // the decoded record is held too
        if (buffered >= options.memoryBudget()) {
            spill();
        }
    }

    /** Sorts what is left, merges spilled runs, writes everything to the sinks and closes them. */
    public synchronized Counts finish() throws IOException {
        if (closed) {
            return counts();
        }
        closed = true;
        try {
            if (options.sorted()) {
                if (runs.isEmpty()) {
                    buffer.sort(ORDER);
                    for (Entry e : buffer) {
                        emitSorted(e);
                    }
                    buffer.clear();
                } else {
                    if (!buffer.isEmpty()) {
                        spill();
                    }
                    merge();
                }
            }
        } finally {
            IOException first = null;
            for (TimelineSink s : sinks) {
                try {
                    s.close();
                } catch (IOException ex) {
                    if (first == null) {
                        first = ex;
                    }
                }
            }
            for (Path run : runs) {
                Files.deleteIfExists(run);
            }
            if (first != null) {
                throw first;
            }
        }
        return counts();
    }

    @Override
    public void close() throws IOException {
        finish();
    }

    private Counts counts() {
        return new Counts(received, outside, duplicates, written, runs.size());
    }

    private void spill() throws IOException {
        buffer.sort(ORDER);
        Files.createDirectories(options.spillDirectory());
        Path run = Files.createTempFile(options.spillDirectory(), "kagami-timeline-", ".run");
        runs.add(run);
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(run),
                1 << 16))) {
            for (Entry e : buffer) {
                out.writeInt(e.bytes.length);
                out.write(e.bytes);
            }
        }
        buffer.clear();
        buffered = 0;
    }

    private void merge() throws IOException {
        record Head(Entry entry, DataInputStream in) {
        }
        PriorityQueue<Head> heads = new PriorityQueue<>(Comparator.comparing(Head::entry, ORDER));
        List<DataInputStream> streams = new ArrayList<>();
        try {
            for (Path run : runs) {
                DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(run), 1 << 16));
                streams.add(in);
                Entry e = next(in);
                if (e != null) {
                    heads.add(new Head(e, in));
                }
            }
            while (!heads.isEmpty()) {
                Head h = heads.poll();
                emitSorted(h.entry());
                Entry e = next(h.in());
                if (e != null) {
                    heads.add(new Head(e, h.in()));
                }
            }
        } finally {
            for (DataInputStream in : streams) {
                in.close();
            }
        }
    }

    private static Entry next(DataInputStream in) throws IOException {
        int n;
        try {
            n = in.readInt();
        } catch (EOFException end) {
            return null;
        }
        byte[] b = new byte[n];
        in.readFully(b);
        return new Entry(RecordCodec.decode(b), b);
    }

    private void emitSorted(Entry e) throws IOException {
        if (options.dedup()) {
            if (e.seconds != groupSeconds || e.nanos != groupNanos) {
                groupKeys.clear();
                groupSeconds = e.seconds;
                groupNanos = e.nanos;
            }
            if (!groupKeys.add(ByteBuffer.wrap(RecordCodec.dedupKey(e.record)))) {
                duplicates++;
                return;
            }
        }
        emit(e.record);
    }

    private void emit(TimelineRecord r) throws IOException {
        written++;
        for (TimelineSink s : sinks) {
            s.accept(r);
        }
    }

    private static final class Entry {
        final long seconds;
        final int nanos;
        final String file;
        final long offset;
        final String ruleId;
        final byte[] bytes;
        final TimelineRecord record;

        Entry(TimelineRecord r, byte[] bytes) {
            this.seconds = r.timestamp().getEpochSecond();
            this.nanos = r.timestamp().getNano();
            this.file = r.evtxFile();
            this.offset = r.sourceOffset();
            this.ruleId = r.ruleId();
            this.bytes = bytes;
            this.record = r;
        }
    }
}
