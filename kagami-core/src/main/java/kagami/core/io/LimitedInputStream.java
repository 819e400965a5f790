package kagami.core.io;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * An input stream that refuses to deliver more than a set number of bytes: reading past the bound throws
 * {@link LimitExceededException} instead of truncating silently, so a decompression bomb or an oversized
 * member surfaces as "not fully analysed" and never as a shorter, clean-looking file.
 */
public final class LimitedInputStream extends FilterInputStream {
    private final long limit;
    private final String name;
    private long count;

    public LimitedInputStream(InputStream in, long limit, String name) {
        super(in);
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0");
        }
        this.limit = limit;
        this.name = name;
    }

    /** Bytes delivered so far. */
    public long count() {
        return count;
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
        if (count > limit) {
            throw new LimitExceededException(name, limit);
        }
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}
