package kagami.core.io;

import java.io.IOException;

/**
 * A hostile-input bound was reached (bytes, depth, members, expansion ratio, time ...). Callers report the
 * artefact as not fully analysed, naming {@link #limit()}; they never treat it as clean.
 */
public final class LimitExceededException extends IOException {
    private static final long serialVersionUID = 1L;
    private final String limit;
    private final long value;

    public LimitExceededException(String limit, long value) {
        super(limit + " limit of " + value + " exceeded");
        this.limit = limit;
        this.value = value;
    }

    /** Name of the bound, e.g. {@code bytes}, {@code depth}, {@code ratio}. */
    public String limit() {
        return limit;
    }

    /** The bound's configured value. */
    public long value() {
        return value;
    }
}
