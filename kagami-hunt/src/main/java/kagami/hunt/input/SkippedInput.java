package kagami.hunt.input;

import java.util.Objects;

/**
 * An input that was not (fully) analysed, and why. The summary lists every one: a file Kagami could not read is
 * never counted as clean.
 *
 * @param name   the path (with {@code !member} for archive members)
 * @param reason the kind of reason
 * @param detail the specifics (the exception's message, the limit reached ...), may be empty
 */
public record SkippedInput(String name, Reason reason, String detail) {
    public enum Reason {
        /** Not EVTX, JSON, gzip or ZIP. */
        UNKNOWN_FORMAT,
        /** No bytes. */
        EMPTY,
        /** Could not be opened or read (permissions, I/O error, damaged archive). */
        UNREADABLE,
        /** A hostile-input bound was reached (expanded size, ratio, member count, nesting): analysed only in part. */
        LIMIT_EXCEEDED,
        /** JSON whose records match no known field mapping. */
        UNKNOWN_JSON_SHAPE,
        /** No loaded rule can match any channel the file holds (channel prefilter). */
        NO_APPLICABLE_RULES,
        /** Read in part: the reader stopped at damage it could not get past. */
        DAMAGED
    }

    public SkippedInput {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
    }

    /** Whether the file was left unread or read only in part (as opposed to deliberately skipped as irrelevant). */
    public boolean incomplete() {
        return reason != Reason.NO_APPLICABLE_RULES && reason != Reason.EMPTY;
    }
}
