package kagami.intel;

import java.io.IOException;
import java.util.Optional;

/**
 * Input that cannot be imported: says where ({@code line 12}, {@code object 5 (indicator--...)}, {@code
 * objects.json: Attribute 3}) and which field, so the user can fix the file. An import that meets one is rolled
 * back whole unless the user asked to continue past errors.
 */
public final class IntelFormatException extends IOException {
    private static final long serialVersionUID = 1L;
    private final String location;
    private final String field;
    private final String problem;

    public IntelFormatException(String location, String field, String problem) {
        super(location + (field == null || field.isEmpty() ? "" : ", field '" + field + "'") + ": " + problem);
        this.location = location;
        this.field = field == null ? "" : field;
        this.problem = problem;
    }

    public IntelFormatException(String location, String field, String problem, Throwable cause) {
        this(location, field, problem);
        initCause(cause);
    }

    /** Where in the input: a line, an object index and id, a file name. */
    public String location() {
        return location;
    }

    /** The field or property at fault, if one is. */
    public Optional<String> field() {
        return field.isEmpty() ? Optional.empty() : Optional.of(field);
    }

    /** What is wrong, without the location. */
    public String problem() {
        return problem;
    }
}
