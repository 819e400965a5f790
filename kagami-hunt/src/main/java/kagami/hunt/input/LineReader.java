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
    private byte[] line = new byte[8192];
    // Our own read buffer: one bulk read per 64 KiB instead of a synchronized read() per byte.
    private final byte[] chunk = new byte[1 << 16];
    private int chunkPos;
    private int chunkLen;
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
        boolean any = false;
        while (true) {
            if (chunkPos == chunkLen) {
                chunkLen = in.read(chunk, 0, chunk.length);
                chunkPos = 0;
                if (chunkLen <= 0) {
                    chunkLen = 0;
                    break;
                }
            }
            any = true;
            int i = chunkPos;
            while (i < chunkLen && chunk[i] != '\n') {
                i++;
            }
            int n = i - chunkPos;
            if (!tooLong) {
                if ((long) len + n > max) {
                    tooLong = true;
                } else {
                    if (len + n > line.length) {
                        line = Arrays.copyOf(line, (int) Math.min((long) max, Math.max(line.length * 2L, len + n)));
                    }
                    System.arraycopy(chunk, chunkPos, line, len, n);
                    len += n;
                }
            }
            position += n;
            if (i < chunkLen) {
                chunkPos = i + 1;
                position++;
                break;
            }
            chunkPos = chunkLen;
        }
        if (!any) {
            return null;
        }
        if (len > 0 && line[len - 1] == '\r') {
            len--;
        }
        return new Line(line, len, start, tooLong);
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
