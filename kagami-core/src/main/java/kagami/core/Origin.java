package kagami.core;

import java.io.Serializable;
import java.util.Objects;

/**
 * Where an event was read from: a file and the byte offset of its record, or a stream and its offset
 * ({@code topic-partition} and message offset). {@code recovered} marks records carved from slack space or
 * rebuilt from a damaged structure, so analysts can weigh them.
 */
public record Origin(String source, long offset, boolean recovered) implements Serializable {
    /** For events built without provenance (tests, generated data). */
    public static final Origin UNKNOWN = new Origin("", -1, false);

    public Origin {
        Objects.requireNonNull(source, "source");
    }

    public static Origin of(String source, long offset) {
        return new Origin(source, offset, false);
    }

    @Override
    public String toString() {
        return source + "@" + offset + (recovered ? " (recovered)" : "");
    }
}
