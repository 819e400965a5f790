package kagami.hunt.input;

import java.io.IOException;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongConsumer;

import kagami.core.Event;

/**
 * Reads the events of one input. Implementations: {@link JsonEventReader} and {@link EvtxEventReader}. A reader
 * hands events to the sink in source order, reports damage in its {@link ReadResult} rather than throwing when it
 * can go on, and throws only when the input cannot be read at all.
 */
@FunctionalInterface
public interface EventReader {
    ReadResult read(InputSource source, Consumer<Event> sink) throws IOException;

    /**
     * Reads the events and applies {@code work} to each, handing the non-null results to {@code results} in
     * source order. Readers that parse in parallel (EVTX chunks) run {@code work} on their worker threads, so it
     * must be thread-safe; {@code results} is always called on the calling thread. The default runs both there.
     */
    default <T> ReadResult read(InputSource source, Function<? super Event, ? extends T> work,
                                Consumer<? super T> results) throws IOException {
        return read(source, e -> {
            T t = work.apply(e);
            if (t != null) {
                results.accept(t);
            }
        });
    }

    /**
     * As {@link #read(InputSource, Function, Consumer)}, also reporting progress through the input: {@code bytesRead}
     * receives increments of input bytes done, on the calling thread, adding up to at most the input's size. Readers
     * that cannot tell (streams of unknown size) report nothing and the caller counts the input when it ends.
     */
    default <T> ReadResult read(InputSource source, Function<? super Event, ? extends T> work,
                                Consumer<? super T> results, LongConsumer bytesRead) throws IOException {
        return read(source, work, results);
    }

    /** The input's first event, if it has one; readers that can stop early override this. */
    default Optional<Event> firstEvent(InputSource source) throws IOException {
        Event[] first = new Event[1];
        try {
            read(source, e -> {
                first[0] = e;
                throw FirstEventSeen.INSTANCE;
            });
        } catch (FirstEventSeen seen) {
            // stopped after the first event, as intended
        }
        return Optional.ofNullable(first[0]);
    }
}
