package kagami.intel.store;

import java.io.IOException;

/** The indicator store file cannot be opened, read or written (locked, damaged, newer schema, disk full). */
public final class IntelStoreException extends IOException {
    private static final long serialVersionUID = 1L;

    public IntelStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
