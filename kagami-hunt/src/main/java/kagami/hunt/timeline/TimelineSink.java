package kagami.hunt.timeline;

import java.io.Closeable;
import java.io.IOException;

/** Receives timeline records in output order: a CSV or JSONL writer, the summary, the HTML report, a layer. */
public interface TimelineSink extends Closeable {
    void accept(TimelineRecord record) throws IOException;

    /** Flushes; a sink that writes nothing may keep the default. */
    @Override
    default void close() throws IOException {
    }
}
