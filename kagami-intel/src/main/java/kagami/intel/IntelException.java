package kagami.intel;

import java.io.IOException;
import java.util.Locale;
import java.util.Objects;

/**
 * What kagami-intel throws when an input, a store or a server cannot be used: the reason as an {@link IntelMessage},
 * so a front end shows it in the user's language ({@link #describe(Locale)}); {@link #getMessage()} is the English
 * text, for logs.
 */
public abstract class IntelException extends IOException {
    private static final long serialVersionUID = 1L;
    private final IntelMessage text;

    protected IntelException(IntelMessage text, Throwable cause) {
        super(null, cause);
        this.text = Objects.requireNonNull(text, "text");
    }

    /** The whole message, location included. */
    public IntelMessage text() {
        return text;
    }

    /** The whole message in {@code locale}'s language. */
    public String describe(Locale locale) {
        return text.text(locale);
    }

    @Override
    public String getMessage() {
        return text.text(Locale.ENGLISH);
    }
}
