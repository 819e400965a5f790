package kagami.evtx;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Arrays;

import kagami.evtx.binxml.LittleEndian;

/**
 * Decides whether a record carved from slack is a stale copy of a live record (libyal "Recovery": "Ignore any
 * record with an identifier that already exists. Often the free space contains former versions of existing
 * event records"). Live identifiers are known from every chunk header's first/last record identifier, read in
 * a quick pre-pass (40 bytes per chunk), so a copy is recognised even when its live record comes later in the
 * file. Immutable, so every worker can consult it; within a chunk, copies are also dropped by identifier.
 */
final class CarvedDuplicates {
    private final long[] starts;
    private final long[] ends;

    private CarvedDuplicates(long[] starts, long[] ends) {
        this.starts = starts;
        this.ends = ends;
    }

    static CarvedDuplicates scan(FileChannel channel, long fileSize) {
        int n = ChunkPipeline.chunkCount(fileSize);
        long[][] ranges = new long[n][];
        int count = 0;
        ByteBuffer b = ByteBuffer.allocate(40);
        for (int i = 0; i < n; i++) {
            b.clear();
            long off = FileHeader.SIZE + (long) i * ChunkHeader.CHUNK_SIZE;
            try {
                while (b.hasRemaining() && channel.read(b, off + b.position()) > 0) {
                    // fill
                }
            } catch (IOException e) {
                break;
            }
            byte[] h = b.array();
            if (b.position() == 40 && h[0] == 'E' && h[1] == 'l' && h[2] == 'f' && h[3] == 'C' && h[4] == 'h'
                    && h[5] == 'n' && h[6] == 'k' && h[7] == 0) {
                long first = LittleEndian.i64(h, 24);
                long last = LittleEndian.i64(h, 32);
                if (first <= last && first >= 0) {
                    ranges[count++] = new long[] {first, last};
                }
            }
        }
        long[][] sorted = Arrays.copyOf(ranges, count);
        Arrays.sort(sorted, (x, y) -> Long.compare(x[0], y[0]));
        long[] s = new long[count];
        long[] e = new long[count];
        int m = 0;
        for (long[] r : sorted) {
            if (m > 0 && r[0] <= e[m - 1] + 1) {
                e[m - 1] = Math.max(e[m - 1], r[1]);
            } else {
                s[m] = r[0];
                e[m] = r[1];
                m++;
            }
        }
        return new CarvedDuplicates(Arrays.copyOf(s, m), Arrays.copyOf(e, m));
    }

    /**
     * Whether a record carved from a chunk whose header claims {@code [ownFirst, ownLast]} is a copy of a live
     * record elsewhere. An identifier in the chunk's own range is kept (the caller has already dropped it if the
     * chunk yielded it live: then the carved copy replaces a lost record).
     */
    boolean isLiveElsewhere(long recordId, long ownFirst, long ownLast) {
        if (recordId >= ownFirst && recordId <= ownLast) {
            return false;
        }
        int i = Arrays.binarySearch(starts, recordId);
        if (i < 0) {
            i = -i - 2;
        }
        return i >= 0 && recordId <= ends[i];
    }
}
