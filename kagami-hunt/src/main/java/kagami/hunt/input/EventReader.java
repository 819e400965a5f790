package kagami.hunt.input;

import java.io.IOException;
import java.util.function.Consumer;

import kagami.core.Event;

/**
 * Reads the events of one input. Implementations: {@link JsonEventReader} here; the EVTX reader of kagami-evtx
 * plugs in through the same interface. A reader hands events to the sink in source order, reports damage in its
 * {@link ReadResult} rather than throwing when it can go on, and throws only when the input cannot be read at all.
 */
@FunctionalInterface
public interface EventReader {
    ReadResult read(InputSource source, Consumer<Event> sink) throws IOException;
}
