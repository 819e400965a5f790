package kagami.intel.taxii;

import java.io.IOException;

/** A TAXII server refused or answered something the client cannot use; {@link #status()} is the HTTP status. */
public final class TaxiiException extends IOException {
    private static final long serialVersionUID = 1L;
    private final int status;

    public TaxiiException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** HTTP status, 0 when the problem is not an HTTP error. */
    public int status() {
        return status;
    }
}
