package kagami.evtx.render;

import java.io.ObjectStreamException;
import java.io.Serializable;
import java.util.AbstractMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import kagami.evtx.binxml.Fragment;

/**
 * An event's nested document, built on first use. Most detection rules read flat fields, so most events never
 * build it; the event keeps only the record's own bytes (not its 64 KiB chunk) until then. Safe to share
 * between threads (building is idempotent); serialises as a plain map.
 */
final class LazyDocument extends AbstractMap<String, Object> implements Serializable {
    private static final long serialVersionUID = 1L;

    private final transient Fragment record;
    private transient volatile Map<String, Object> built;

    LazyDocument(Fragment record) {
        this.record = record;
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
