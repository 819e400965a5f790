package kagami.sigma;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;

/**
 * A rule (or rule file) that could not be used: where, and why in words a rule author can act on.
 *
 * @param path the rule file
 * @param line 1-based line, 0 when unknown
 * @param key  message key of the reason in {@code kagami.sigma.messages}
 * @param args the message's arguments
 */
public record LoadError(String path, int line, String key, List<String> args) implements Serializable {
    public LoadError {
        args = List.copyOf(args);
    }

    static LoadError of(String path, SigmaException e) {
        return new LoadError(path, e.line(), e.key(), e.args());
    }

    static LoadError of(String path, int line, SigmaException e) {
        return new LoadError(path, line, e.key(), e.args());
    }

    /** The reason in English. */
    public String reason() {
        return reason(Locale.ENGLISH);
    }

    /** The reason in {@code locale}'s language (Japanese or English). */
    public String reason(Locale locale) {
        return SigmaException.render(locale, key, args);
    }

    @Override
    public String toString() {
        return path + (line > 0 ? ":" + line : "") + ": " + reason();
    }
}
