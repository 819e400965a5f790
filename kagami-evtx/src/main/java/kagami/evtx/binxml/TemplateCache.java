package kagami.evtx.binxml;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Compiled templates shared across the chunks of a file, by template GUID. Only an optimisation: the format
 * scopes templates to a chunk, so a cached template is used only when this chunk's definition is provably the
 * same one — same GUID and size, byte for byte equal except for the chunk-relative name links, with every name
 * defined inline in the same places and every name referenced elsewhere in the chunk spelled the same. The
 * compiled tree then cannot differ, so output never depends on which chunk (or thread) compiled it first.
 *
 * <p>Thread-safe. Bounded: past {@link #MAX_TEMPLATES} definitions (a file built to exhaust memory) new ones are
 * compiled per chunk as usual but no longer kept.
 */
public final class TemplateCache {
    static final int MAX_TEMPLATES = 4096;

    private final Map<Key, Entry[]> entries = new ConcurrentHashMap<>();
    private final AtomicInteger size = new AtomicInteger();

    public TemplateCache() {
    }

    private record Key(long guidHigh, long guidLow, int dataSize) {
        static Key of(byte[] guid, int dataSize) {
            return new Key(LittleEndian.i64(guid, 0), LittleEndian.i64(guid, 8), dataSize);
        }
    }

    /** A definition's data with its chunk-relative bytes zeroed, and its name references. */
    private record Entry(TemplateDefinition definition, byte[] masked, int[] fields, boolean[] inline, String[] names) {
    }

    /** The cached compiled form of the definition at {@code offset}, or {@code null}. */
    TemplateDefinition lookup(byte[] chunk, byte[] guid, int dataStart, int dataEnd, NameTable nameTable) {
        Entry[] candidates = entries.get(Key.of(guid, dataEnd - dataStart));
        if (candidates == null) {
            return null;
        }
        for (Entry e : candidates) {
            if (matches(e, chunk, dataStart, dataEnd, nameTable)) {
                return e.definition();
            }
        }
        return null;
    }

    void store(byte[] chunk, TemplateDefinition t, int dataStart, int dataEnd, NameReferences refs) {
        if (size.get() >= MAX_TEMPLATES) {
            return;
        }
        byte[] masked = Arrays.copyOfRange(chunk, dataStart, dataEnd);
        String[] names = new String[refs.count];
        for (int i = 0; i < refs.count; i++) {
            int field = refs.fields[i] - dataStart;
            if (field < 0 || field + 4 > masked.length) {
                return;
            }
            Arrays.fill(masked, field, field + 4, (byte) 0);
            if (refs.inline[i]) {
                if (field + 8 > masked.length) {
                    return;
                }
                Arrays.fill(masked, field + 4, field + 8, (byte) 0);
            } else {
                names[i] = refs.names[i].value();
            }
        }
        int[] fields = new int[refs.count];
        for (int i = 0; i < refs.count; i++) {
            fields[i] = refs.fields[i] - dataStart;
        }
        Entry entry = new Entry(t, masked, fields, Arrays.copyOf(refs.inline, refs.count), names);
        entries.compute(Key.of(t.guid(), dataEnd - dataStart), (k, old) -> {
            if (old == null) {
                size.incrementAndGet();
                return new Entry[] {entry};
            }
            if (old.length >= 8) {
                return old;
            }
            size.incrementAndGet();
            Entry[] grown = Arrays.copyOf(old, old.length + 1);
            grown[old.length] = entry;
            return grown;
        });
    }

    private static boolean matches(Entry e, byte[] chunk, int dataStart, int dataEnd, NameTable nameTable) {
        byte[] masked = e.masked();
        int from = 0;
        for (int i = 0; i < e.fields().length; i++) {
            int field = e.fields()[i];
            if (!Arrays.equals(chunk, dataStart + from, dataStart + field, masked, from, field)) {
                return false;
            }
            long target = LittleEndian.u32(chunk, dataStart + field);
            boolean inline = target == dataStart + field + 4L;
            if (inline != e.inline()[i]) {
                return false;
            }
            if (inline) {
                from = field + 8;
            } else {
                try {
                    if (!nameTable.nameAt((int) Math.min(target, Integer.MAX_VALUE)).value().equals(e.names()[i])) {
                        return false;
                    }
                } catch (BinXmlException bad) {
                    return false;
                }
                from = field + 4;
            }
        }
        return Arrays.equals(chunk, dataStart + from, dataEnd, masked, from, masked.length);
    }
}
