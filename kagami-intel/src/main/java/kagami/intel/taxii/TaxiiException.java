package kagami.intel.taxii;

import kagami.intel.IntelException;
import kagami.intel.IntelMessage;

/** A TAXII server refused or answered something the client cannot use; {@link #status()} is the HTTP status. */
public final class TaxiiException extends IntelException {
    private static final long serialVersionUID = 1L;
    private final int status;

    public TaxiiException(int status, IntelMessage text, Throwable cause) {
        super(text, cause);
        this.status = status;
    }

    /** The reason is the message {@code key} with {@code args}. */
    public TaxiiException(int status, String key, Object... args) {
        this(status, IntelMessage.of(key, args), null);
    }

    /** HTTP status, 0 when the problem is not an HTTP error. */
    public int status() {
        return status;
    }
}
