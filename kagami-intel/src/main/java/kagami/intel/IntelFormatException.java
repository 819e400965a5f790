package kagami.intel;

import java.util.Locale;
import java.util.Optional;

/**
 * Input that cannot be imported: says where ({@link InputLocation}: a line, an object with its id, a MISP
 * attribute), which field, and what is wrong, so the user can fix the file; all three render in Japanese or English.
 * An import that meets one is rolled back whole unless the user asked to continue past errors.
 */
public final class IntelFormatException extends IntelException {
    private static final long serialVersionUID = 1L;
    private final IntelMessage location;
    private final String field;
    private final IntelMessage problem;

    public IntelFormatException(IntelMessage location, String field, IntelMessage problem, Throwable cause) {
        super(field == null || field.isEmpty() ? IntelMessage.of("error.at", location, problem)
                : IntelMessage.of("error.atField", location, field, problem), cause);
        this.location = location;
        this.field = field == null ? "" : field;
        this.problem = problem;
    }

    public IntelFormatException(IntelMessage location, String field, IntelMessage problem) {
        this(location, field, problem, null);
    }

    /** The problem {@code key} of {@value IntelMessage#BUNDLE} with {@code args}. */
    public IntelFormatException(IntelMessage location, String field, String key, Object... args) {
        this(location, field, IntelMessage.of(key, args), null);
    }

    /** Where in the input: a line, an object index and id, a file name. */
    public IntelMessage location() {
        return location;
    }

    /** The field or property at fault, if one is. */
    public Optional<String> field() {
        return field.isEmpty() ? Optional.empty() : Optional.of(field);
    }

    /** What is wrong, without the location. */
    public IntelMessage problem() {
        return problem;
    }

    /** What is wrong in {@code locale}'s language, without the location. */
    public String reason(Locale locale) {
        return problem.text(locale);
    }
}
