package kagami.cli;

import java.io.Console;
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
