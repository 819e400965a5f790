package kagami.hunt.input;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream into lines ({@code \n}, with an optional {@code \r} before it) without decoding, bounded:
 * a line longer than the limit is skipped to its end and reported as too long, never buffered whole.
 */
final class LineReader {
    record Line(byte[] bytes, int length, long offset, boolean tooLong) {
        boolean isBlank() {
            for (int i = 0; i < length; i++) {
                byte b = bytes[i];
                if (b != ' ' && b != '\t' && b != '\r') {
                    return false;
                }
            }
            return true;
        }
    }

    private final InputStream in;
    private final int max;
    private byte[] buf = new byte[8192];
    private long position;

    LineReader(InputStream in, int max) {
        this.in = in;
        this.max = max;
    }

    /** The next line, or {@code null} at the end of the stream. */
    Line next() throws IOException {
        int len = 0;
        long start = position;
        boolean tooLong = false;
        int b;
        boolean any = false;
        while ((b = in.read()) >= 0) {
            any = true;
            position++;
            if (b == '\n') {
                break;
            }
            if (tooLong) {
                continue;
            }
            if (len == max) {
                tooLong = true;
                continue;
            }
            if (len == buf.length) {
                buf = Arrays.copyOf(buf, (int) Math.min((long) max, buf.length * 2L));
            }
            buf[len++] = (byte) b;
        }
        if (!any) {
            return null;
        }
        if (len > 0 && buf[len - 1] == '\r') {
            len--;
        }
        return new Line(buf, len, start, tooLong);
    }

    /** The first line of a buffered stream, left unread (null if longer than {@code max} or the mark fails). */
    static byte[] peekLine(BufferedInputStream in, int max) throws IOException {
        int limit = Math.min(max, 1 << 20);
        in.mark(limit + 1);
        byte[] b = new byte[256];
        int n = 0;
        int c;
        boolean ended = false;
        while (n < limit && (c = in.read()) >= 0) {
            if (c == '\n') {
                ended = true;
                break;
            }
            if (n == b.length) {
                b = Arrays.copyOf(b, b.length * 2);
            }
            b[n++] = (byte) c;
        }
        boolean eof = !ended && n < limit;
        in.reset();
        if (!ended && !eof) {
            return null;
        }
        return Arrays.copyOf(b, n);
    }
}
