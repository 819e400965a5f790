package kagami.evtx.render;

import java.io.ObjectStreamException;
import java.io.Serializable;
import java.util.AbstractMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import kagami.core.Event;
import kagami.evtx.binxml.Fragment;

/**
 * An event's nested document, built on first use. Most detection rules read flat fields, so most events never
 * build it. It first reads the record where it lies, in its chunk's buffer (shared by the chunk's records, never
 * modified), so the common event that is matched and dropped costs no copy; {@link #detach()} gives a document
 * over a copy of the record's own bytes for an event that is kept (see {@link kagami.core.Event#detached()}).
 * Safe to share between threads (building is idempotent); serialises as a plain map.
 */
final class LazyDocument extends AbstractMap<String, Object> implements Serializable, Event.SharedDocument {
    private static final long serialVersionUID = 1L;

    private final transient Fragment record;
    /** Chunk offsets of the record's first byte and of the byte after it; -1 once the bytes are the record's own. */
    private final transient int start;
    private final transient int end;
    private transient volatile Map<String, Object> built;

    /** A document over {@code record} where it lies, in its chunk's buffer ({@code start}, {@code end}: see above). */
    LazyDocument(Fragment record, int start, int end) {
        this.record = record;
        this.start = start;
        this.end = end;
    }

    @Override
    public Map<String, Object> detach() {
        if (start < 0) {
            return this; // over its own bytes already
        }
        Map<String, Object> m = built;
        if (m != null) {
            return m; // built: plain values, nothing shared
        }
        return new LazyDocument(relocate(record, start, end), -1, -1);
    }

    /** The record's fragment over a copy of its own bytes, or the fragment itself when it has no values there. */
    private static Fragment relocate(Fragment record, int start, int end) {
        byte[] chunk = record.values().data();
        if (record.values().count() == 0 || start < 0 || end > chunk.length || start >= end) {
            return record;
        }
        byte[] copy = java.util.Arrays.copyOfRange(chunk, start, end);
        Fragment moved = record.relocated(copy, start);
        return moved != null ? moved : record;
    }

    private Map<String, Object> map() {
        Map<String, Object> m = built;
        if (m == null) {
            m = new DocumentBuilder().build(record);
            built = m;
        }
        return m;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return map().entrySet();
    }

    @Override
    public Object get(Object key) {
        return map().get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return map().containsKey(key);
    }

    @Override
    public int size() {
        return map().size();
    }

    private Object writeReplace() throws ObjectStreamException {
        return new LinkedHashMap<>(map());
    }
}
