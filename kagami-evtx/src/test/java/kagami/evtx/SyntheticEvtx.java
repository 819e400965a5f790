package kagami.evtx;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * Builds small EVTX files byte by byte, following the libyal format description, for tests that need a
 * construct no sample holds (every substitution type, arrays, optional values) or precise damage.
 */
final class SyntheticEvtx {
    private SyntheticEvtx() {
    }

    /** A file: header (with the given declared chunk count and a valid CRC) followed by the chunks. */
    static byte[] file(byte[]... chunks) {
        ByteBuffer h = ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN);
        h.put("ElfFile\0".getBytes(StandardCharsets.US_ASCII));
        h.putLong(8, 0).putLong(16, Math.max(0, chunks.length - 1)).putLong(24, 1);
        h.putInt(32, 128).putShort(36, (short) 1).putShort(38, (short) 3).putShort(40, (short) 4096);
        h.putShort(42, (short) chunks.length).putInt(120, 0);
        CRC32 crc = new CRC32();
        crc.update(h.array(), 0, 120);
        h.putInt(124, (int) crc.getValue());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(h.array());
        for (byte[] c : chunks) {
            out.writeBytes(c);
        }
        return out.toByteArray();
    }

    /** A substitution value: type and raw bytes. */
    record Value(int type, byte[] data) {
    }

    /** One element of a template: {@code <Data Name="name">%i</Data>}, optional or not. */
    record Slot(String name, int declaredType, boolean optional) {
    }

    /** A 64 KiB chunk being filled with records. */
    static final class Chunk {
        final byte[] data = new byte[65536];
        int pos = 512;
        long firstId = -1;
        long lastId = -1;
        int lastRecordOffset = 512;
        private final Map<String, Integer> names = new HashMap<>();
        private final Map<String, Integer> templates = new HashMap<>();

        /** Appends a record whose event is {@code <Event><System>...</System><EventData>slots</EventData></Event>}. */
        Chunk record(long id, long filetime, String templateGuidSeed, List<Slot> slots, List<Value> values) {
            int start = pos;
            BinXml b = new BinXml(start + 24);
            b.bytes(0x0f, 1, 1, 0);
            byte[] guid = guid(templateGuidSeed);
            b.u8(0x0c).u8(1).raw(guid, 0, 4);
            Integer defined = templates.get(templateGuidSeed);
            if (defined == null) {
                int defOffset = b.position() + 4;
                b.u32(defOffset);
                templates.put(templateGuidSeed, defOffset);
                BinXml def = new BinXml(defOffset + 24);
                def.bytes(0x0f, 1, 1, 0);
                def.open("Event", false).closeStart();
                def.open("System", false).closeStart();
                def.open("EventRecordID", false).closeStart().substitution(0, 0x0a, false).end();
                def.open("Channel", false).closeStart().text("Synthetic").end();
                def.end();
                def.open("EventData", false).closeStart();
                for (int i = 0; i < slots.size(); i++) {
                    Slot s = slots.get(i);
                    def.open("Data", true).attribute("Name").text(s.name()).closeStart()
                            .substitution(i + 1, s.declaredType(), s.optional()).end();
                }
                def.end();
                def.end();
                def.u8(0);
                names.putAll(def.definedNames);
                byte[] defData = def.toByteArray();
                b.u32(0).raw(guid, 0, 16).u32(defData.length).raw(defData, 0, defData.length);
            } else {
                b.u32(defined);
            }
            List<Value> all = new ArrayList<>();
            all.add(new Value(0x0a, le(8, id)));
            all.addAll(values);
            b.u32(all.size());
            for (Value v : all) {
                b.u16(v.data().length).u8(v.type()).u8(0);
            }
            for (Value v : all) {
                b.raw(v.data(), 0, v.data().length);
            }
            b.u8(0);
            byte[] binxml = b.toByteArray();
            int size = 24 + binxml.length + 4;
            ByteBuffer r = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
            r.putInt(start, 0x2a2a).putInt(start + 4, size).putLong(start + 8, id).putLong(start + 16, filetime);
            System.arraycopy(binxml, 0, data, start + 24, binxml.length);
            r.putInt(start + size - 4, size);
            // Names are defined inline on first use; later uses refer back to them.
            names.putAll(b.definedNames);
            if (firstId < 0) {
                firstId = id;
            }
            lastId = id;
            lastRecordOffset = start;
            pos = start + size;
            return this;
        }

        /** The chunk with its header and checksums. */
        byte[] finish() {
            ByteBuffer h = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
            h.put(0, "ElfChnk\0".getBytes(StandardCharsets.US_ASCII));
            long records = firstId < 0 ? 0 : lastId - firstId + 1;
            h.putLong(8, 1).putLong(16, records).putLong(24, firstId < 0 ? 0 : firstId).putLong(32, lastId < 0 ? 0 : lastId);
            h.putInt(40, 128).putInt(44, lastRecordOffset).putInt(48, pos);
            CRC32 crc = new CRC32();
            crc.update(data, 512, pos - 512);
            h.putInt(52, (int) crc.getValue());
            h.putInt(120, 0);
            CRC32 hc = new CRC32();
            hc.update(data, 0, 120);
            hc.update(data, 128, 384);
            h.putInt(124, (int) hc.getValue());
            return data.clone();
        }

        /** A BinXml stream that knows its chunk offset, to define names inline where they are. */
        private final class BinXml {
            private final ByteArrayOutputStream out = new ByteArrayOutputStream();
            private final int base;
            final Map<String, Integer> definedNames = new HashMap<>();

            BinXml(int base) {
                this.base = base;
            }

            int position() {
                return base + out.size();
            }

            BinXml u8(int v) {
                out.write(v);
                return this;
            }

            BinXml bytes(int... v) {
                for (int x : v) {
                    out.write(x);
                }
                return this;
            }

            BinXml u16(int v) {
                return u8(v & 0xff).u8(v >>> 8 & 0xff);
            }

            BinXml u32(long v) {
                return u16((int) (v & 0xffff)).u16((int) (v >>> 16 & 0xffff));
            }

            BinXml raw(byte[] b, int off, int n) {
                out.write(b, off, n);
                return this;
            }

            BinXml name(String n) {
                Integer known = names.get(n);
                if (known == null) {
                    known = definedNames.get(n);
                }
                if (known != null) {
                    return u32(known);
                }
                int at = position() + 4;
                definedNames.put(n, at);
                u32(at).u32(0).u16(n.hashCode() & 0xffff).u16(n.length());
                byte[] text = n.getBytes(StandardCharsets.UTF_16LE);
                return raw(text, 0, text.length).u16(0);
            }

            /**
             * An open start element tag: token, dependency identifier, data size, name, and (with attributes) the
             * attribute list size. The two sizes are filled in when the element and its start tag end (libyal EVTX
             * "Open start element tag": the data size counts the bytes after it up to and including the end tag), so
             * that libevtx, which checks them, reads the file too.
             */
            BinXml open(String n, boolean attributes) {
                u8(attributes ? 0x41 : 0x01).u16(0xffff);
                int dataSize = out.size();
                u32(0).name(n);
                int attributeSize = -1;
                if (attributes) {
                    attributeSize = out.size();
                    u32(0);
                }
                openElements.push(new int[] {dataSize, attributeSize});
                return this;
            }

            private final java.util.ArrayDeque<int[]> openElements = new java.util.ArrayDeque<>();
            /** Positions of 32-bit sizes to fill, and their values. */
            private final List<int[]> patches = new ArrayList<>();

            BinXml attribute(String n) {
                return u8(0x06).name(n);
            }

            BinXml text(String t) {
                byte[] b = t.getBytes(StandardCharsets.UTF_16LE);
                return u8(0x05).u8(0x01).u16(t.length()).raw(b, 0, b.length);
            }

            BinXml closeStart() {
                int[] e = openElements.peek();
                if (e != null && e[1] >= 0) {
                    patches.add(new int[] {e[1], out.size() - (e[1] + 4)});
                }
                return u8(0x02);
            }

            BinXml end() {
                u8(0x04);
                int[] e = openElements.pop();
                patches.add(new int[] {e[0], out.size() - (e[0] + 4)});
                return this;
            }

            BinXml substitution(int index, int type, boolean optional) {
                return u8(optional ? 0x0e : 0x0d).u16(index).u8(type);
            }

            byte[] toByteArray() {
                byte[] b = out.toByteArray();
                for (int[] p : patches) {
                    ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(p[0], p[1]);
                }
                return b;
            }
        }
    }

    static byte[] guid(String seed) {
        byte[] g = new byte[16];
        byte[] s = seed.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 16; i++) {
            g[i] = (byte) (s[i % s.length] * 31 + i);
        }
        return g;
    }

    static byte[] le(int size, long v) {
        ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v);
        return java.util.Arrays.copyOf(b.array(), size);
    }

    static byte[] utf16z(String s) {
        return (s + "\0").getBytes(StandardCharsets.UTF_16LE);
    }
}
