package kagami.mail.standin;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.poi.poifs.filesystem.DirectoryEntry;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;

/**
 * Builds a real VBA project storage ({@code vbaProject.bin}, MS-OVBA 2.2) from module sources: the {@code VBA}
 * storage with the compressed {@code dir} stream (2.3.4.2 PROJECTINFORMATION, PROJECTMODULES with one MODULE
 * record per module), the {@code _VBA_PROJECT} stream header (2.3.4.1) and one module stream per module holding
 * its compressed source at MODULEOFFSET 0; plus the {@code PROJECT} text stream (2.3.1). Apache POI cannot write
 * VBA, so the bytes are assembled here; POI's reader and ours must read them back.
 */
public final class VbaProjectBuilder {
    private final Map<String, String> modules = new LinkedHashMap<>();
    private final Map<String, Boolean> documentModule = new LinkedHashMap<>();

    /** A standard (procedural) module. */
    public VbaProjectBuilder module(String name, String source) {
        modules.put(name, source);
        documentModule.put(name, false);
        return this;
    }

    /** A document module (ThisDocument / ThisWorkbook). */
    public VbaProjectBuilder documentModule(String name, String source) {
        modules.put(name, source);
        documentModule.put(name, true);
        return this;
    }

    public byte[] build() throws IOException {
        try (POIFSFileSystem fs = new POIFSFileSystem()) {
            DirectoryEntry vba = fs.getRoot().createDirectory("VBA");
            vba.createDocument("dir", new ByteArrayInputStream(compress(dirStream())));
            vba.createDocument("_VBA_PROJECT", new ByteArrayInputStream(new byte[] {(byte) 0xcc, 0x61, (byte) 0xff,
                (byte) 0xff, 0x00, 0x00, 0x00}));
            for (Map.Entry<String, String> m : modules.entrySet()) {
                vba.createDocument(m.getKey(), new ByteArrayInputStream(compress(
                        m.getValue().getBytes(StandardCharsets.ISO_8859_1))));
            }
            StringBuilder project = new StringBuilder("ID=\"{00000000-0000-0000-0000-000000000000}\"\r\n");
            for (Map.Entry<String, Boolean> m : documentModule.entrySet()) {
                project.append(m.getValue() ? "Document=" + m.getKey() + "/&H00000000" : "Module=" + m.getKey())
                        .append("\r\n");
            }
            project.append("Name=\"Project\"\r\nHelpContextID=\"0\"\r\nVersionCompatible32=\"393222000\"\r\n");
            fs.getRoot().createDocument("PROJECT", new ByteArrayInputStream(
                    project.toString().getBytes(StandardCharsets.ISO_8859_1)));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            fs.writeFilesystem(out);
            return out.toByteArray();
        }
    }

    private byte[] dirStream() {
        ByteArrayOutputStream d = new ByteArrayOutputStream();
        record(d, 0x0001, u32(1));              // PROJECTSYSKIND: 32-bit Windows
        record(d, 0x0002, u32(0x409));          // PROJECTLCID
        record(d, 0x0014, u32(0x409));          // PROJECTLCIDINVOKE
        record(d, 0x0003, u16(1252));           // PROJECTCODEPAGE
        record(d, 0x0004, ascii("Project"));    // PROJECTNAME
        record(d, 0x0005, new byte[0]);         // PROJECTDOCSTRING
        record(d, 0x0040, new byte[0]);
        record(d, 0x0006, new byte[0]);         // PROJECTHELPFILEPATH
        record(d, 0x003d, new byte[0]);
        record(d, 0x0007, u32(0));              // PROJECTHELPCONTEXT
        record(d, 0x0008, u32(0));              // PROJECTLIBFLAGS
        ShellLinkBuilder.u16(d, 0x0009);        // PROJECTVERSION: Reserved (4) = 4, major u32, minor u16
        ShellLinkBuilder.u32(d, 4);
        ShellLinkBuilder.u32(d, 1);
        ShellLinkBuilder.u16(d, 0);
        record(d, 0x000c, new byte[0]);         // PROJECTCONSTANTS
        record(d, 0x003c, new byte[0]);
        record(d, 0x000f, u16(modules.size())); // PROJECTMODULES
        record(d, 0x0013, u16(0xffff));         // PROJECTCOOKIE
        for (String name : modules.keySet()) {
            record(d, 0x0019, ascii(name));                                   // MODULENAME
            record(d, 0x0047, name.getBytes(StandardCharsets.UTF_16LE));     // MODULENAMEUNICODE
            record(d, 0x001a, ascii(name));                                   // MODULESTREAMNAME
            record(d, 0x0032, name.getBytes(StandardCharsets.UTF_16LE));
            record(d, 0x001c, new byte[0]);                                   // MODULEDOCSTRING
            record(d, 0x0048, new byte[0]);
            record(d, 0x0031, u32(0));                                        // MODULEOFFSET
            record(d, 0x001e, u32(0));                                        // MODULEHELPCONTEXT
            record(d, 0x002c, u16(0xffff));                                   // MODULECOOKIE
            record(d, documentModule.get(name) ? 0x0022 : 0x0021, new byte[0]); // MODULETYPE
            record(d, 0x002b, new byte[0]);                                   // Terminator
        }
        record(d, 0x0010, new byte[0]);         // dir stream Terminator
        return d.toByteArray();
    }

    /** id (u16), size (u32), data. */
    private static void record(ByteArrayOutputStream d, int id, byte[] data) {
        ShellLinkBuilder.u16(d, id);
        ShellLinkBuilder.u32(d, data.length);
        d.writeBytes(data);
    }

    /**
     * MS-OVBA 2.4.1 CompressedContainer: SignatureByte 0x01, then CompressedChunks. Each chunk here holds only
     * literal tokens (FlagByte 0x00 before every 8 literals) — a valid compressed chunk that any conforming
     * decompressor reads back; 3,640 bytes of input fill one chunk to its 4,098-byte maximum.
     */
    static byte[] compress(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x01);
        for (int start = 0; start < data.length || start == 0; start += 3640) {
            int n = Math.min(3640, data.length - start);
            ByteArrayOutputStream chunk = new ByteArrayOutputStream();
            for (int i = 0; i < n; i += 8) {
                chunk.write(0);
                chunk.write(data, start + i, Math.min(8, n - i));
            }
            int size = chunk.size() + 2;
            int header = (size - 3) & 0x0fff | 0x3000 | 0x8000;
            ShellLinkBuilder.u16(out, header);
            out.writeBytes(chunk.toByteArray());
            if (data.length == 0) {
                break;
            }
        }
        return out.toByteArray();
    }

    private static byte[] u32(long v) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ShellLinkBuilder.u32(o, v);
        return o.toByteArray();
    }

    private static byte[] u16(int v) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ShellLinkBuilder.u16(o, v);
        return o.toByteArray();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
