package kagami.hunt.input;

import java.util.Map;

import kagami.core.Event;
import kagami.core.Origin;

/**
 * Turns a JSON record in the evtx crate's shape ({@code {"Event": {"System": ..., "EventData": ...}}}, as written
 * by {@code kagami dump}, evtx_dump, Hayabusa and Chainsaw) into an {@link Event}. The Sigma engine's
 * {@code WindowsEventJson} is the implementation; the hunt command passes it in, so this module does not keep a
 * second converter of the same shape.
 */
@FunctionalInterface
public interface DocumentConverter {
    Event convert(Map<String, Object> document, Origin origin);
}
