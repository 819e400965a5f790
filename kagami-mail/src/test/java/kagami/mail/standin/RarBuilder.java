package kagami.mail.standin;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Writes RAR archive headers as RARLAB's format documents describe them (RAR 5.0: vint-sized blocks with a CRC32 of
 * each header; RAR 4.x: 7-byte block heads, file headers of 32 bytes, optional Unicode names), with members stored
 * (their bytes as they are) or marked compressed (method "normal", the data area filled with stand-in bytes: no RAR
 * compressor exists here, and none is needed to exercise the listing). Stand-ins only: benign content.
 */
public final class RarBuilder {
    private record Member(String name, byte[] content, boolean compressed, boolean encrypted) {
    }

    private final List<Member> members = new ArrayList<>();
    private boolean rar4;
    private boolean encryptedHeaders;

    public RarBuilder stored(String name, byte[] content) {
        members.add(new Member(name, content, false, false));
        return this;
    }

    public RarBuilder compressed(String name, int packedSize) {
        members.add(new Member(name, new byte[packedSize], true, false));
        return this;
    }

    public RarBuilder encrypted(String name, int packedSize) {
        members.add(new Member(name, new byte[packedSize], true, true));
        return this;
    }

    /** RAR 1.5-4.x format instead of RAR 5.0. */
    public RarBuilder rar4() {
        rar4 = true;
        return this;
    }

    /** Archive headers encrypted ({@code rar -hp}): names hidden. */
    public RarBuilder encryptedHeaders() {
        encryptedHeaders = true;
        return this;
    }

    public byte[] build() {
        return rar4 ? build4() : build5();
    }

    // ---- RAR 5.0 ---------------------------------------------------------------------------------------------

    private byte[] build5() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {'R', 'a', 'r', '!', 0x1a, 0x07, 0x01, 0x00});
        block5(out, 1, 0, new byte[0], vint(0), 0); // main archive header, archive flags 0
        if (encryptedHeaders) {
            ByteArrayOutputStream crypt = new ByteArrayOutputStream();
            crypt.writeBytes(vint(0)); // encryption version: AES-256
            crypt.writeBytes(vint(0)); // flags
            crypt.write(15); // KDF count
            crypt.writeBytes(new byte[16]); // salt
            block5(out, 4, 0, new byte[0], crypt.toByteArray(), 0);
            out.writeBytes(new byte[48]); // what follows is ciphertext
            return out.toByteArray();
        }
        for (Member m : members) {
            ByteArrayOutputStream f = new ByteArrayOutputStream();
            f.writeBytes(vint(0x0004)); // file flags: CRC32 present
            f.writeBytes(vint(m.compressed ? m.content.length * 3L : m.content.length)); // unpacked size
            f.writeBytes(vint(0x20)); // attributes: archive
            CRC32 crc = new CRC32();
            crc.update(m.content);
            u32(f, crc.getValue());
            f.writeBytes(vint((m.compressed ? 3L : 0L) << 7)); // compression: version 0, method 3 or 0 (store)
            f.writeBytes(vint(0)); // host OS: Windows
            byte[] name = m.name.getBytes(StandardCharsets.UTF_8);
            f.writeBytes(vint(name.length));
            f.writeBytes(name);
            byte[] extra = new byte[0];
            if (m.encrypted) {
                ByteArrayOutputStream record = new ByteArrayOutputStream();
                record.writeBytes(vint(0x01)); // type: file encryption
                record.writeBytes(vint(0)); // version
                record.writeBytes(vint(0)); // flags
                record.write(15);
                record.writeBytes(new byte[16 + 16]); // salt, IV
                ByteArrayOutputStream e = new ByteArrayOutputStream();
                e.writeBytes(vint(record.size()));
                e.writeBytes(record.toByteArray());
                extra = e.toByteArray();
            }
            block5(out, 2, 0x0002 | (extra.length > 0 ? 0x0001 : 0), extra, f.toByteArray(), m.content.length);
            out.writeBytes(m.content);
        }
        block5(out, 5, 0, new byte[0], vint(0), 0); // end of archive
        return out.toByteArray();
    }

    /** One block head: CRC32, header size, type, flags, [extra size], [data size], fields, extra area. */
    private static void block5(ByteArrayOutputStream out, int type, int flags, byte[] extra, byte[] fields,
            long dataSize) {
        ByteArrayOutputStream h = new ByteArrayOutputStream();
        h.writeBytes(vint(type));
        h.writeBytes(vint(flags));
        if ((flags & 0x0001) != 0) {
            h.writeBytes(vint(extra.length));
        }
        if ((flags & 0x0002) != 0) {
            h.writeBytes(vint(dataSize));
        }
        h.writeBytes(fields);
        h.writeBytes(extra);
        byte[] size = vint(h.size());
        CRC32 crc = new CRC32();
        crc.update(size);
        crc.update(h.toByteArray());
        u32(out, crc.getValue());
        out.writeBytes(size);
        out.writeBytes(h.toByteArray());
    }

    static byte[] vint(long v) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        do {
            int low = (int) (v & 0x7f);
            v >>>= 7;
            b.write(v != 0 ? low | 0x80 : low);
        } while (v != 0);
        return b.toByteArray();
    }

    // ---- RAR 4.x ---------------------------------------------------------------------------------------------

    private byte[] build4() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {'R', 'a', 'r', '!', 0x1a, 0x07, 0x00});
        ByteArrayOutputStream main = new ByteArrayOutputStream();
        u16(main, 0); // HighPosAV
        u32(main, 0); // PosAV
        block4(out, 0x73, encryptedHeaders ? 0x0080 : 0, main.toByteArray());
        if (encryptedHeaders) {
            out.writeBytes(new byte[64]);
            return out.toByteArray();
        }
        for (Member m : members) {
            boolean ascii = m.name.chars().allMatch(c -> c < 128);
            byte[] name = ascii ? m.name.getBytes(StandardCharsets.ISO_8859_1) : unicodeName(m.name);
            ByteArrayOutputStream f = new ByteArrayOutputStream();
            u32(f, m.content.length); // PACK_SIZE (the block's ADD_SIZE)
            u32(f, m.compressed ? m.content.length * 3L : m.content.length); // UNP_SIZE
            f.write(2); // HOST_OS: Windows
            CRC32 crc = new CRC32();
            crc.update(m.content);
            u32(f, crc.getValue());
            u32(f, 0x5a2b6c00); // FTIME
            f.write(29); // UNP_VER
            f.write(m.compressed ? 0x33 : 0x30); // METHOD
            u16(f, name.length);
            u32(f, 0x20); // ATTR
            f.writeBytes(name);
            int flags = 0x8000 | (ascii ? 0 : 0x0200) | (m.encrypted ? 0x0004 : 0);
            block4(out, 0x74, flags, f.toByteArray());
            out.writeBytes(m.content);
        }
        block4(out, 0x7b, 0x4000, new byte[0]);
        return out.toByteArray();
    }

    private static void block4(ByteArrayOutputStream out, int type, int flags, byte[] body) {
        ByteArrayOutputStream h = new ByteArrayOutputStream();
        h.write(type);
        u16(h, flags);
        u16(h, 7 + body.length);
        h.writeBytes(body);
        CRC32 crc = new CRC32();
        crc.update(h.toByteArray());
        u16(out, (int) (crc.getValue() & 0xffff));
        out.writeBytes(h.toByteArray());
    }

    /**
     * A RAR 4 Unicode name in its simplest valid encoding: an OEM stand-in ('_' per character), NUL, high byte 0,
     * then every character as a whole UTF-16 unit (opcode 2), four opcodes per flag byte.
     */
    static byte[] unicodeName(String name) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int i = 0; i < name.length(); i++) {
            b.write('_');
        }
        b.write(0);
        b.write(0); // high byte
        for (int i = 0; i < name.length(); i += 4) {
            b.write(0xaa); // four "whole unit" opcodes
            for (int k = i; k < Math.min(i + 4, name.length()); k++) {
                char c = name.charAt(k);
                b.write(c & 0xff);
                b.write(c >>> 8);
            }
        }
        return b.toByteArray();
    }

    static void u16(ByteArrayOutputStream out, int v) {
        out.write(v & 0xff);
        out.write(v >>> 8 & 0xff);
    }

    static void u32(ByteArrayOutputStream out, long v) {
        for (int i = 0; i < 4; i++) {
            out.write((int) (v >>> (8 * i)) & 0xff);
        }
    }
}
