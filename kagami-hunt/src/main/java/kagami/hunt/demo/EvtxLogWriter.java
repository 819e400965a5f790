package kagami.hunt.demo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * Writes the demo's events as a Windows XML Event Log (EVTX) file, so the demo can be hunted as the binary logs a
 * responder collects. Layout per the libyal EVTX format description: a 4,096-byte file header, then 64 KiB chunks
 * (512-byte header with the 64 common-string buckets and 32 template pointers, event records, free space); each
 * record holds its event as a Binary XML fragment.
 *
 * <p>Records are written as Windows writes them: a template instance whose definition (the element tree with
 * substitution tokens where the values go) is inline on the first record of that shape in the chunk and referenced
 * by offset afterwards, followed by the record's substitution values. Names are likewise defined inline on first
 * use and referenced afterwards; names and templates are listed in the chunk header's hash buckets. Values keep the
 * types Windows gives them where the JSON shape tells them: integers as UInt8/16/32/64 (Int64 when negative),
 * {@code TimeCreated/@SystemTime} as a FILETIME, booleans and reals as such; everything else is a UTF-16 string, as
 * in the JSON. Checksums (file header, chunk header, event records) are computed, so validating readers accept the
 * files; libevtx reads them as kagami-evtx does (tested).
 *
 * <p>Input is the data set's own JSON (evtx-crate shape); it is trusted, but sizes are still checked: a record
 * that does not fit in an empty chunk is an error, never a corrupt file.
 */
final class EvtxLogWriter {
    static final int FILE_HEADER_SIZE = 4096;
    static final int CHUNK_SIZE = 65536;
    static final int CHUNK_HEADER_SIZE = 512;
    private static final int RECORD_HEADER_SIZE = 24;

    // Binary XML tokens (libyal EVTX format, "Binary XML tokens")
    private static final int EOF = 0x00;
    private static final int OPEN_START_ELEMENT = 0x01;
    private static final int CLOSE_START_ELEMENT = 0x02;
    private static final int CLOSE_EMPTY_ELEMENT = 0x03;
    private static final int END_ELEMENT = 0x04;
    private static final int ATTRIBUTE = 0x06;
    private static final int TEMPLATE_INSTANCE = 0x0c;
    private static final int OPTIONAL_SUBSTITUTION = 0x0e;
    private static final int FRAGMENT_HEADER = 0x0f;
    private static final int MORE_DATA = 0x40;

    // Value types (libyal EVTX format, "Value types")
    private static final int NULL_TYPE = 0x00;
    private static final int STRING = 0x01;
    private static final int UINT8 = 0x04;
    private static final int UINT16 = 0x06;
    private static final int UINT32 = 0x08;
    private static final int INT64 = 0x09;
    private static final int UINT64 = 0x0a;
    private static final int REAL64 = 0x0c;
    private static final int BOOL = 0x0d;
    private static final int FILETIME = 0x11;

    /** System elements whose integer values Windows stores in a narrower type than UInt64. */
    private static final Map<String, Integer> SYSTEM_INTEGER_TYPES = Map.of(
            "EventID", UINT16, "Version", UINT8, "Level", UINT8, "Task", UINT16, "Opcode", UINT8,
            "ProcessID", UINT32, "ThreadID", UINT32, "EventRecordID", UINT64);

    private EvtxLogWriter() {
    }

    /** One event to write: its record id, time and evtx-crate JSON document ({@code {"Event": {...}}}). */
    record Entry(long recordId, Instant time, Map<String, Object> document) {
    }

    /** Writes {@code entries} (in record order) to {@code file}. */
    static void write(Path file, List<Entry> entries) throws IOException {
        List<byte[]> chunks = new ArrayList<>();
        ChunkBuilder chunk = null;
        for (Entry e : entries) {
            if (chunk == null) {
                chunk = new ChunkBuilder();
            }
            if (!chunk.add(e)) {
                chunks.add(chunk.finish());
                chunk = new ChunkBuilder();
                if (!chunk.add(e)) {
                    throw new IOException("event record " + e.recordId() + " does not fit in an EVTX chunk");
                }
            }
        }
        if (chunk != null) {
            chunks.add(chunk.finish());
        }
        if (chunks.size() > 0xffff) {
            throw new IOException("too many chunks for one EVTX file: " + chunks.size());
        }
        long next = entries.isEmpty() ? 1 : entries.get(entries.size() - 1).recordId() + 1;
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(fileHeader(chunks.size(), next));
            for (byte[] c : chunks) {
                out.write(c);
            }
        }
    }

    /** File header: signature, chunk numbers, next record id, sizes, version 3.1, chunk count, CRC32 of 120 bytes. */
    private static byte[] fileHeader(int chunkCount, long nextRecordId) {
        byte[] h = new byte[FILE_HEADER_SIZE];
        System.arraycopy("ElfFile\0".getBytes(StandardCharsets.US_ASCII), 0, h, 0, 8);
        putU64(h, 8, 0);
        putU64(h, 16, Math.max(0, chunkCount - 1));
        putU64(h, 24, nextRecordId);
        putU32(h, 32, 128);
        putU16(h, 36, 1);
        putU16(h, 38, 3);
        putU16(h, 40, FILE_HEADER_SIZE);
        putU16(h, 42, chunkCount);
        putU32(h, 120, 0);
        putU32(h, 124, crc(h, 0, 120));
        return h;
    }

    /** Lays out the records of one chunk. */
    private static final class ChunkBuilder {
        private final byte[] data = new byte[CHUNK_SIZE];
        private final Map<String, Integer> names = new HashMap<>();
        /** Offset of the last name in each of the 64 common-string buckets, to chain the next one. */
        private final int[] bucketTail = new int[64];
        private final Map<String, Integer> templates = new HashMap<>();
        /** Offset of the last template definition in each of the 32 template buckets. */
        private final int[] templateTail = new int[32];
        private int free = CHUNK_HEADER_SIZE;
        private long firstId = -1;
        private long lastId = -1;
        private int lastRecordOffset;

        /** Appends the record; false when it does not fit (the chunk is left as it was). */
        boolean add(Entry e) {
            Map<String, Integer> namesBefore = new HashMap<>(names);
            Map<String, Integer> templatesBefore = new HashMap<>(templates);
            int[] tailsBefore = bucketTail.clone();
            int[] templateTailsBefore = templateTail.clone();
            try {
                int start = free;
                Bytes xml = new Bytes(start + RECORD_HEADER_SIZE);
                List<Value> values = new ArrayList<>();
                Element root = model("Event", e.document().get("Event"), values);
                xml.u8(FRAGMENT_HEADER).u8(1).u8(1).u8(0);
                templateInstance(xml, root);
                // the template instance's values follow it: a count, (size, type) descriptors, then the data
                xml.u32(values.size());
                for (Value v : values) {
                    xml.u16(v.data().length).u8(v.type()).u8(0);
                }
                for (Value v : values) {
                    xml.raw(v.data());
                }
                xml.u8(EOF);
                int size = RECORD_HEADER_SIZE + xml.size() + 4;
                if (start + size > CHUNK_SIZE) {
                    throw new ChunkFull();
                }
                // the record fits: write it, then link its new names and template into the buckets
                putU32(data, start, 0x00002a2a);
                putU32(data, start + 4, size);
                putU64(data, start + 8, e.recordId());
                putU64(data, start + 16, filetime(e.time()));
                System.arraycopy(xml.array(), 0, data, start + RECORD_HEADER_SIZE, xml.size());
                putU32(data, start + size - 4, size);
                for (Map.Entry<Integer, Integer> link : xml.links.entrySet()) {
                    putU32(data, link.getKey(), link.getValue());
                }
                free = start + size;
                lastRecordOffset = start;
                if (firstId < 0) {
                    firstId = e.recordId();
                }
                lastId = e.recordId();
                return true;
            } catch (ChunkFull full) {
                names.clear();
                names.putAll(namesBefore);
                templates.clear();
                templates.putAll(templatesBefore);
                System.arraycopy(tailsBefore, 0, bucketTail, 0, bucketTail.length);
                System.arraycopy(templateTailsBefore, 0, templateTail, 0, templateTail.length);
                return false;
            }
        }

        byte[] finish() {
            System.arraycopy("ElfChnk\0".getBytes(StandardCharsets.US_ASCII), 0, data, 0, 8);
            putU64(data, 8, firstId);
            putU64(data, 16, lastId);
            putU64(data, 24, firstId);
            putU64(data, 32, lastId);
            putU32(data, 40, 128);
            putU32(data, 44, lastRecordOffset);
            putU32(data, 48, free);
            putU32(data, 52, crc(data, CHUNK_HEADER_SIZE, free - CHUNK_HEADER_SIZE));
            CRC32 header = new CRC32();
            header.update(data, 0, 120);
            header.update(data, 128, CHUNK_HEADER_SIZE - 128);
            putU32(data, 124, (int) header.getValue());
            return data;
        }

        /**
         * A template instance: the definition of the record's shape, inline on its first use in the chunk (then
         * listed in the chunk's template buckets) and referenced by offset afterwards, as Windows writes records.
         */
        private void templateInstance(Bytes o, Element root) {
            String shape = root.shape();
            Integer known = templates.get(shape);
            byte[] guid = guid(shape);
            o.u8(TEMPLATE_INSTANCE).u8(1);
            // the template identifier is the first 4 bytes of the definition's GUID, as readers check
            o.raw(java.util.Arrays.copyOf(guid, 4));
            if (known != null) {
                o.u32(known);
                return;
            }
            int at = o.offset() + 4;
            o.u32(at);
            o.u32(0);
            o.raw(guid);
            int sizeAt = o.size();
            o.u32(0);
            int bodyStart = o.size();
            o.u8(FRAGMENT_HEADER).u8(1).u8(1).u8(0);
            element(o, root);
            o.u8(EOF);
            o.patchU32(sizeAt, o.size() - bodyStart);
            templates.put(shape, at);
            int bucket = (guid[0] & 0xff) % 32;
            o.links.put(templateTail[bucket] == 0 ? 384 + 4 * bucket : templateTail[bucket], at);
            templateTail[bucket] = at;
        }

        /** An element of a template body: names, static structure, and optional substitutions for the values. */
        private void element(Bytes o, Element e) {
            o.u8(e.attributes().isEmpty() ? OPEN_START_ELEMENT : OPEN_START_ELEMENT | MORE_DATA);
            o.u16(0xffff);
            int sizeAt = o.size();
            o.u32(0);
            name(o, e.name());
            if (!e.attributes().isEmpty()) {
                int listAt = o.size();
                o.u32(0);
                int listStart = o.size();
                for (int i = 0; i < e.attributes().size(); i++) {
                    Attribute a = e.attributes().get(i);
                    o.u8(i + 1 < e.attributes().size() ? ATTRIBUTE | MORE_DATA : ATTRIBUTE);
                    name(o, a.name());
                    o.u8(OPTIONAL_SUBSTITUTION).u16(a.value()).u8(a.type());
                }
                o.patchU32(listAt, o.size() - listStart);
            }
            if (e.children().isEmpty() && e.text() < 0) {
                o.u8(CLOSE_EMPTY_ELEMENT);
            } else {
                o.u8(CLOSE_START_ELEMENT);
                if (e.text() >= 0) {
                    o.u8(OPTIONAL_SUBSTITUTION).u16(e.text()).u8(e.textType());
                }
                for (Element c : e.children()) {
                    element(o, c);
                }
                o.u8(END_ELEMENT);
            }
            o.patchU32(sizeAt, o.size() - sizeAt - 4);
        }

        /** A name: its offset if defined earlier in the chunk, else defined inline here and added to its bucket. */
        private void name(Bytes o, String name) {
            Integer known = names.get(name);
            if (known != null) {
                o.u32(known);
                return;
            }
            int at = o.offset() + 4;
            o.u32(at);
            int hash = hash(name);
            o.u32(0).u16(hash).u16(name.length()).utf16(name).u16(0);
            names.put(name, at);
            int bucket = hash % 64;
            o.links.put(bucketTail[bucket] == 0 ? 128 + 4 * bucket : bucketTail[bucket], at);
            bucketTail[bucket] = at;
        }
    }

    /** A record's element tree with its values replaced by substitution indices into the record's value list. */
    private record Element(String name, List<Attribute> attributes, int text, int textType, List<Element> children) {
        /** What makes two records share a template: names, structure and value types, not the values. */
        String shape() {
            StringBuilder b = new StringBuilder();
            shape(b);
            return b.toString();
        }

        private void shape(StringBuilder b) {
            b.append('<').append(name);
            for (Attribute a : attributes) {
                b.append(' ').append(a.name()).append('=').append(a.value()).append(':').append(a.type());
            }
            b.append('>');
            if (text >= 0) {
                b.append('$').append(text).append(':').append(textType);
            }
            for (Element c : children) {
                c.shape(b);
            }
            b.append("</>");
        }
    }

    private record Attribute(String name, int value, int type) {
    }

    /** One substitution value: its type and its bytes as the value type lays them out. */
    private record Value(int type, byte[] data) {
    }

    /** Builds the element tree of an evtx-crate JSON value, appending its values to {@code values}. */
    private static Element model(String name, Object value, List<Value> values) {
        List<Attribute> attributes = new ArrayList<>();
        List<Map.Entry<String, Object>> children = new ArrayList<>();
        Object text = null;
        if (value instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> c : m.entrySet()) {
                String key = String.valueOf(c.getKey());
                if (key.equals("#attributes") && c.getValue() instanceof Map<?, ?> a) {
                    for (Map.Entry<?, ?> at : a.entrySet()) {
                        String an = String.valueOf(at.getKey());
                        Value v = value(an, at.getValue());
                        values.add(v);
                        attributes.add(new Attribute(an, values.size() - 1, v.type()));
                    }
                } else if (key.equals("#text")) {
                    text = c.getValue();
                } else if (c.getValue() instanceof List<?> repeated) {
                    // evtx-crate JSON gathers repeated elements (unnamed Data ...) into an array
                    for (Object item : repeated) {
                        children.add(Map.entry(key, item == null ? NULL : item));
                    }
                } else {
                    children.add(Map.entry(key, c.getValue() == null ? NULL : c.getValue()));
                }
            }
        } else {
            text = value;
        }
        if (name.equals("EventData") && value instanceof Map<?, ?>) {
            // evtx-crate JSON flattens <Data Name="X">v</Data> to "X": v; Windows writes Data elements
            List<Map.Entry<String, Object>> data = new ArrayList<>();
            for (Map.Entry<String, Object> c : children) {
                Map<String, Object> d = new java.util.LinkedHashMap<>();
                d.put("#attributes", Map.of("Name", c.getKey()));
                d.put("#text", c.getValue() == NULL ? null : c.getValue());
                data.add(Map.entry("Data", d));
            }
            children = data;
        }
        int textIndex = -1;
        int textType = STRING;
        boolean hasText = value instanceof Map<?, ?> m ? m.containsKey("#text") : value != null;
        if (hasText) {
            // a present value, or an explicit null one (an empty Data element): NULL substitution
            Value v = text == null || text == NULL ? new Value(NULL_TYPE, new byte[0]) : value(name, text);
            values.add(v);
            textIndex = values.size() - 1;
            textType = v.type() == NULL_TYPE ? STRING : v.type();
        }
        List<Element> elements = new ArrayList<>();
        for (Map.Entry<String, Object> c : children) {
            elements.add(model(c.getKey(), c.getValue() == NULL ? null : c.getValue(), values));
        }
        return new Element(name, attributes, textIndex, textType, elements);
    }

    /** A value in the type Windows gives it where the JSON tells: integers, reals, booleans, FILETIME; else text. */
    private static Value value(String name, Object v) {
        if (v instanceof Long || v instanceof Integer) {
            long n = ((Number) v).longValue();
            Integer type = SYSTEM_INTEGER_TYPES.get(name);
            if (n < 0) {
                return new Value(INT64, le(n, 8));
            } else if (type != null && type == UINT8 && n <= 0xff) {
                return new Value(UINT8, le(n, 1));
            } else if (type != null && type == UINT16 && n <= 0xffff) {
                return new Value(UINT16, le(n, 2));
            } else if (n <= 0xffffffffL && (type == null || type == UINT32)) {
                return new Value(UINT32, le(n, 4));
            }
            return new Value(UINT64, le(n, 8));
        } else if (v instanceof Double d) {
            return new Value(REAL64, le(Double.doubleToLongBits(d), 8));
        } else if (v instanceof Boolean b) {
            return new Value(BOOL, le(b ? 1 : 0, 4));
        } else if (name.equals("SystemTime") && v instanceof String s && isInstant(s)) {
            return new Value(FILETIME, le(filetime(Instant.parse(s)), 8));
        }
        String s = String.valueOf(v);
        if (s.length() > 0x7fff) {
            throw new ChunkFull();
        }
        return new Value(STRING, s.getBytes(StandardCharsets.UTF_16LE));
    }

    private static byte[] le(long v, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (v >>> (8 * i));
        }
        return b;
    }

    private static boolean isInstant(String s) {
        try {
            Instant.parse(s);
            return true;
        } catch (java.time.DateTimeException e) {
            return false;
        }
    }

    /** A stable GUID for a template shape (Windows derives template GUIDs from the manifest; any stable value works). */
    private static byte[] guid(String shape) {
        try {
            return java.util.Arrays.copyOf(java.security.MessageDigest.getInstance("MD5")
                    .digest(shape.getBytes(StandardCharsets.UTF_8)), 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stands for a JSON null child: an element present without a value. */
    private static final Object NULL = new Object();

    /** Thrown when a record would overflow its chunk. */
    private static final class ChunkFull extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ChunkFull() {
            super(null, null, false, false);
        }
    }

    /**
     * A record's Binary XML, with its chunk offset (names are referenced by chunk offset) and the bucket links its
     * new names need written into the chunk. Growing past the chunk throws {@link ChunkFull}.
     */
    private static final class Bytes {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        private final int base;
        final Map<Integer, Integer> links = new HashMap<>();

        Bytes(int base) {
            this.base = base;
        }

        int size() {
            return out.size();
        }

        int offset() {
            return base + out.size();
        }

        Bytes u8(int v) {
            if (base + out.size() + 1 > CHUNK_SIZE) {
                throw new ChunkFull();
            }
            out.write(v);
            return this;
        }

        Bytes u16(int v) {
            return u8(v & 0xff).u8((v >>> 8) & 0xff);
        }

        Bytes u32(int v) {
            return u16(v & 0xffff).u16((v >>> 16) & 0xffff);
        }

        Bytes u64(long v) {
            return u32((int) v).u32((int) (v >>> 32));
        }

        Bytes raw(byte[] b) {
            for (byte x : b) {
                u8(x & 0xff);
            }
            return this;
        }

        Bytes utf16(String s) {
            for (int i = 0; i < s.length(); i++) {
                u16(s.charAt(i));
            }
            return this;
        }

        private final Map<Integer, Integer> patches = new HashMap<>();

        void patchU32(int at, int v) {
            patches.put(at, v);
        }

        byte[] array() {
            byte[] b = out.toByteArray();
            for (Map.Entry<Integer, Integer> p : patches.entrySet()) {
                putU32(b, p.getKey(), p.getValue());
            }
            return b;
        }
    }

    /** Hash of a name for the common-string buckets (libyal EVTX: hash = hash × 65599 + character, low 16 bits). */
    static int hash(String name) {
        int h = 0;
        for (int i = 0; i < name.length(); i++) {
            h = h * 65599 + name.charAt(i);
        }
        return h & 0xffff;
    }

    static long filetime(Instant t) {
        return (t.getEpochSecond() + 11_644_473_600L) * 10_000_000L + t.getNano() / 100;
    }

    private static int crc(byte[] b, int off, int len) {
        CRC32 c = new CRC32();
        c.update(b, off, len);
        return (int) c.getValue();
    }

    private static void putU16(byte[] b, int at, int v) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >>> 8);
    }

    private static void putU32(byte[] b, int at, int v) {
        putU16(b, at, v);
        putU16(b, at + 2, v >>> 16);
    }

    private static void putU64(byte[] b, int at, long v) {
        putU32(b, at, (int) v);
        putU32(b, at + 4, (int) (v >>> 32));
    }
}
