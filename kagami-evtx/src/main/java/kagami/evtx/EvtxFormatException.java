package kagami.evtx;

import java.io.IOException;

/**
 * The file is not an EVTX file, or too damaged to read at all (a damaged chunk or record is not an exception:
 * it becomes an {@link EvtxWarning} and the rest of the file is still read). Carries the file offset.
 */
public final class EvtxFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    /** Why the file could not be read. */
    public enum Reason {
        /** The first eight bytes are not {@code ElfFile\0}. */
        NOT_EVTX,
        /** The file is shorter than the 4096-byte file header. */
        TRUNCATED_HEADER
    }

    private final Reason reason;
    private final long offset;

    public EvtxFormatException(Reason reason, long offset, String message) {
        super(message);
        this.reason = reason;
        this.offset = offset;
    }

    public Reason reason() {
        return reason;
    }

    /** File offset of the problem. */
    public long offset() {
        return offset;
    }
}
