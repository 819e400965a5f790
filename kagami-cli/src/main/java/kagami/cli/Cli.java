package kagami.cli;

import java.io.Console;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.Locale;

import kagami.core.i18n.Messages;

/** What every command shares: the output language, the CLI's messages, and terminal facts. */
public final class Cli {
    private static volatile Locale locale = Locale.ENGLISH;
    private static volatile Messages messages;

    private Cli() {
    }

    static void setLocale(Locale l) {
        locale = l;
        messages = Messages.load("kagami.cli.messages", l);
    }

    /** The language chosen by {@code --lang} or the environment. */
    public static Locale locale() {
        return locale;
    }

    /** The CLI's own texts (bundle {@code kagami.cli.messages}). */
    public static Messages messages() {
        Messages m = messages;
        if (m == null) {
            m = Messages.load("kagami.cli.messages", locale);
            messages = m;
        }
        return m;
    }

    private static volatile PrintWriter processOut;
    private static volatile OutputStream processOutBytes;

    /** Called by {@link Kagami#main}: the writer it gives commands writes to the process's standard output. */
    static void processStdout(PrintWriter writer, OutputStream bytes) {
        processOut = writer;
        processOutBytes = bytes;
    }

    /**
     * A byte stream to {@code out}, for commands writing large UTF-8 output: the process's standard output
     * itself when {@code out} is the writer over it (no decoding and re-encoding; a closed pipe raises an
     * {@link IOException}), else a UTF-8 decoder feeding {@code out} (tests, embedding).
     */
    public static OutputStream stdoutBytes(PrintWriter out) {
        if (out == processOut && processOutBytes != null) {
            out.flush();
            System.out.flush();
            return processOutBytes;
        }
        return new Utf8ToWriter(out);
    }

    /** Decodes UTF-8 bytes into a writer; sequences split across writes are carried over. */
    private static final class Utf8ToWriter extends OutputStream {
        private final PrintWriter out;
        private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
        private final CharBuffer chars = CharBuffer.allocate(8192);
        private ByteBuffer pending = ByteBuffer.allocate(0);

        Utf8ToWriter(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            ByteBuffer in;
            if (pending.hasRemaining()) {
                in = ByteBuffer.allocate(pending.remaining() + len);
                in.put(pending).put(b, off, len).flip();
            } else {
                in = ByteBuffer.wrap(b, off, len);
            }
            while (true) {
                chars.clear();
                var result = decoder.decode(in, chars, false);
                chars.flip();
                out.append(chars);
                if (result.isUnderflow()) {
                    break;
                }
            }
            pending = ByteBuffer.allocate(in.remaining()).put(in).flip();
        }

        @Override
        public void flush() {
            out.flush();
        }
    }

    /** Whether stderr is an interactive terminal (progress bars, colours). */
    public static boolean stderrIsTerminal() {
        Console c = System.console();
        return c != null && System.getenv("TERM") != null && !"dumb".equals(System.getenv("TERM"));
    }

    /** Whether colours may be used: a terminal, and no {@code NO_COLOR} (https://no-color.org). */
    public static boolean colours() {
        return stderrIsTerminal() && System.getenv("NO_COLOR") == null;
    }

    /** One line for the user describing an exception, without a stack trace. */
    public static String describe(Throwable t) {
        if (t instanceof NoSuchFileException e) {
            return messages().get("error.noSuchFile", e.getFile());
        }
        if (t instanceof AccessDeniedException e) {
            return messages().get("error.accessDenied", e.getFile());
        }
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
    }
}
