package kagami.intel.store;

import kagami.intel.IntelException;
import kagami.intel.IntelMessage;

/** The indicator store file cannot be opened, read or written (locked, damaged, newer schema, disk full). */
public final class IntelStoreException extends IntelException {
    private static final long serialVersionUID = 1L;

    /** The reason is the message {@code key} with {@code args}; {@code cause} may be null. */
    public IntelStoreException(Throwable cause, String key, Object... args) {
        super(IntelMessage.of(key, args), cause);
    }
}
