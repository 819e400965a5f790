package kagami.sigma;

/**
 * A Sigma rule, filter, correlation or pipeline that cannot be used, with where and why. The message is meant for
 * the rule author: it names the construct and what to change.
 */
public class SigmaException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int line;

    public SigmaException(String message, int line) {
        super(message);
        this.line = line;
    }

    public SigmaException(String message, int line, Throwable cause) {
        super(message, cause);
        this.line = line;
    }

    /** 1-based line in the rule file, or 0 when unknown. */
    public int line() {
        return line;
    }
}
