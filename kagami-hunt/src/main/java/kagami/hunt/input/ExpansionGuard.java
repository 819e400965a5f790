package kagami.hunt.input;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicLong;

import kagami.core.io.LimitExceededException;

/**
 * Wraps decompressed bytes and enforces {@link InputLimits}: bytes of this member, bytes of the whole run, and
 * the expansion ratio against the compressed bytes consumed so far (a bomb shows itself early: a 1 KiB deflate
 * stream that inflates to 1 GiB is caught after about a MiB, not after filling the disk).
 */
final class ExpansionGuard extends FilterInputStream {
    /** Bytes a member may produce before the ratio is checked (small files compress very well too). */
    private static final long RATIO_GRACE = 1L << 20;

    private final InputLimits limits;
    private final AtomicLong total;
    private final CompressedCount compressed;
    private long count;

    /** How many compressed bytes have been consumed so far. */
    interface CompressedCount {
        long get();
    }

    ExpansionGuard(InputStream decompressed, InputLimits limits, AtomicLong total, CompressedCount compressed) {
        super(decompressed);
        this.limits = limits;
        this.total = total;
        this.compressed = compressed;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            account(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        int n = super.read(buf, off, len);
        if (n > 0) {
            account(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long s = super.skip(n);
        if (s > 0) {
            account(s);
        }
        return s;
    }

    private void account(long n) throws LimitExceededException {
        count += n;
        if (count > limits.maxMemberBytes()) {
            throw new LimitExceededException("decompressed bytes per member", limits.maxMemberBytes());
        }
        if (total.addAndGet(n) > limits.maxTotalBytes()) {
            throw new LimitExceededException("decompressed bytes in all archives", limits.maxTotalBytes());
        }
        if (count > RATIO_GRACE && count > (long) limits.maxRatio() * Math.max(1, compressed.get())) {
            throw new LimitExceededException("expansion ratio", limits.maxRatio());
        }
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    /** Counts bytes read from the compressed stream underneath an inflater. */
    static final class Counting extends FilterInputStream implements CompressedCount {
        private long count;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long s = super.skip(n);
            count += Math.max(0, s);
            return s;
        }

        @Override
        public long get() {
            return count;
        }
    }
}
