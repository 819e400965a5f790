package kagami.cli.dump;

import java.io.OutputStream;
import java.util.Arrays;

/** The rendered records of one chunk, built on a worker thread and written out on the main thread. */
final class ChunkOutput extends OutputStream {
    private byte[] buf = new byte[256 * 1024];
    private int len;

    @Override
    public void write(int b) {
        if (len == buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        buf[len++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int n) {
        if (len + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
        }
        System.arraycopy(b, off, buf, len, n);
        len += n;
    }

    void ascii(String s) {
        for (int i = 0; i < s.length(); i++) {
            write(s.charAt(i));
        }
    }

    int size() {
        return len;
    }

    /** Drops the last byte (the closing brace of a JSON record, to add a member). */
    void dropLast() {
        len--;
    }

    void reset() {
        len = 0;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, len);
    }
}
