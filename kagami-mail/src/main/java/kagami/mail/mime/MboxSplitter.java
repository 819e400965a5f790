package kagami.mail.mime;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Splits an mbox stream (RFC 4155: each message starts with a line {@code From } after an empty line or at the
 * start) into messages, streaming: {@link #next()} returns a stream over one message's bytes without the
 * separator line, reading the underlying stream only as it is consumed. A single .eml that starts with an mbox
 * {@code From } line is an mbox of one message.
 */
public final class MboxSplitter {
    private final BufferedInputStream in;
    private byte[] pendingLine;
    private boolean started;
    private boolean eof;

    public MboxSplitter(InputStream in) {
        this.in = new BufferedInputStream(in, 1 << 16);
    }

    /** Whether {@code head} starts with an mbox separator line. */
    public static boolean isMbox(byte[] head, int n) {
        return n >= 5 && head[0] == 'F' && head[1] == 'r' && head[2] == 'o' && head[3] == 'm' && head[4] == ' ';
    }

    /** The next message, or null at the end. The previous message's stream must have been read to its end. */
    public InputStream next() throws IOException {
        if (!started) {
            started = true;
            byte[] first = readLine();
            if (first == null) {
                return null;
            }
            if (!isSeparator(first)) {
                pendingLine = first;
            }
        }
        if (eof && pendingLine == null) {
            return null;
        }
        return new MessageStream();
    }

    private static boolean isSeparator(byte[] line) {
        return isMbox(line, line.length);
    }

    /** Reads one line including its terminator; null at end of input. Very long lines are cut in pieces. */
    private byte[] readLine() throws IOException {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream(128);
        int c;
        while ((c = in.read()) >= 0) {
            b.write(c);
            if (c == '\n' || b.size() >= 1 << 16) {
                break;
            }
        }
        if (b.size() == 0) {
            eof = true;
            return null;
        }
        return b.toByteArray();
    }

    private final class MessageStream extends InputStream {
        private byte[] line;
        private int pos;
        private boolean done;
        private boolean previousBlank = true;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n <= 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (done) {
                return -1;
            }
            if (line == null || pos >= line.length) {
                if (!advance()) {
                    return -1;
                }
            }
            int n = Math.min(len, line.length - pos);
            System.arraycopy(line, pos, b, off, n);
            pos += n;
            return n;
        }

        private boolean advance() throws IOException {
            byte[] l = pendingLine != null ? pendingLine : readLine();
            pendingLine = null;
            if (l == null) {
                done = true;
                return false;
            }
            if (previousBlank && isSeparator(l) && line != null) {
                done = true;
                return false;
            }
            boolean blank = l.length <= 2 && (l[0] == '\n' || (l[0] == '\r' && l.length == 2));
            // The blank line before a separator belongs to the mbox format, not the message; keeping it is
            // harmless for MIME (it ends up in the epilogue or body).
            previousBlank = blank;
            line = l;
            pos = 0;
            return true;
        }
    }
}
