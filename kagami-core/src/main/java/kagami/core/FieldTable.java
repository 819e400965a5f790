package kagami.core;

import java.io.Serializable;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * An event's flat fields: names and values in two arrays in insertion order, with an open-addressing index of
 * the names. Every event of a hunt builds one and a detection engine reads every field of it, so it is built
 * without an entry object per field (a {@code LinkedHashMap} allocates one, 40 bytes, for each of an event's
 * 20-40 fields: the largest share of a hunt's allocations when measured) and read by index. Null values are
 * allowed (a field present without a value). Filled by {@link Event.Builder}, read-only once the event is built.
 */
final class FieldTable extends AbstractMap<String, Object> implements Serializable {
    private static final long serialVersionUID = 1L;

    /**
     * Past this many fields the names are indexed by a {@link HashMap} instead: field names of JSON input are the
     * sender's choice, and names that share a {@code String.hashCode} (trivial to make) would turn linear probing
     * quadratic, where HashMap's tree bins stay logarithmic. Real events have 20-40 fields.
     */
    static final int SMALL = 64;

    private String[] names;
    private Object[] values;
    private int size;
    /**
     * Open addressing over {@link #names}: slot holds index + 1, 0 is empty; length a power of two, ≥ 2 × capacity.
     * Rebuilt, not trusted, when deserialised.
     */
    private transient int[] index;
    /** Name → position once there are more than {@link #SMALL} fields (then {@link #index} is unused). */
    private transient HashMap<String, Integer> large;

    FieldTable(int capacity) {
        int c = Math.max(4, Math.min(capacity, SMALL));
        names = new String[c];
        values = new Object[c];
        index = new int[Integer.highestOneBit(c * 2 - 1) << 1];
    }

    /** Position of {@code name}, or -1. */
    int indexOf(Object name) {
        if (!(name instanceof String)) {
            return -1;
        }
        if (large != null) {
            Integer i = large.get(name);
            return i == null ? -1 : i;
        }
        int mask = index.length - 1;
        for (int slot = spread(name.hashCode()) & mask; ; slot = (slot + 1) & mask) {
            int i = index[slot] - 1;
            if (i < 0) {
                return -1;
            }
            String n = names[i];
            if (n == name || n.equals(name)) {
                return i;
            }
        }
    }

    /** Adds or replaces (builder only; the map itself is read-only). */
    void set(String name, Object value) {
        Objects.requireNonNull(name, "name");
        int i = indexOf(name);
        if (i >= 0) {
            values[i] = value;
            return;
        }
        if (size == names.length) {
            grow();
        }
        names[size] = name;
        values[size] = value;
        size++;
        if (large != null) {
            large.put(name, size - 1);
        } else {
            insert(name, size);
        }
    }

    private void insert(String name, int position) {
        int mask = index.length - 1;
        int slot = spread(name.hashCode()) & mask;
        while (index[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        index[slot] = position;
    }

    private void grow() {
        int c = names.length < SMALL ? Math.min(names.length * 2, SMALL) : names.length * 2;
        names = Arrays.copyOf(names, c);
        values = Arrays.copyOf(values, c);
        reindex();
    }

    /** {@link #index} or {@link #large} for the current names. */
    private void reindex() {
        if (names.length > SMALL) {
            index = null;
            large = new HashMap<>(names.length * 2);
            for (int i = 0; i < size; i++) {
                large.put(names[i], i);
            }
            return;
        }
        large = null;
        index = new int[Integer.highestOneBit(names.length * 2 - 1) << 1];
        for (int i = 0; i < size; i++) {
            insert(names[i], i + 1);
        }
    }

    private void readObject(java.io.ObjectInputStream in) throws java.io.IOException, ClassNotFoundException {
        in.defaultReadObject();
        if (names == null || values == null || names.length != values.length || size < 0 || size > names.length
                || names.length < 4) {
            throw new java.io.InvalidObjectException("inconsistent field table");
        }
        java.util.HashSet<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < size; i++) {
            if (names[i] == null || !seen.add(names[i])) {
                throw new java.io.InvalidObjectException("missing or repeated field name");
            }
        }
        reindex();
    }

    private static int spread(int h) {
        return h ^ (h >>> 16);
    }

    String nameAt(int i) {
        return names[i];
    }

    Object valueAt(int i) {
        return values[i];
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(key) >= 0;
    }

    @Override
    public Object get(Object key) {
        int i = indexOf(key);
        return i < 0 ? null : values[i];
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super Object> action) {
        Objects.requireNonNull(action, "action");
        for (int i = 0; i < size; i++) {
            action.accept(names[i], values[i]);
        }
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, Object>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < size;
                    }

                    @Override
                    public Entry<String, Object> next() {
                        if (next >= size) {
                            throw new NoSuchElementException();
                        }
                        int i = next++;
                        return new SimpleImmutableEntry<>(names[i], values[i]);
                    }
                };
            }

            @Override
            public int size() {
                return size;
            }
        };
    }
}
