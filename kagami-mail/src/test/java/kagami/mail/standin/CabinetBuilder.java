package kagami.mail.standin;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.Deflater;

/**
 * Writes a one-folder cabinet (MS-CAB 2): CFHEADER, CFFOLDER, CFFILEs, then one CFDATA block, stored or
 * MSZIP-compressed ("CK" + raw deflate). Enough for stand-ins of the CAB appended to MirrorFace's ANEL LNKs.
 */
public final class CabinetBuilder {
    private final Map<String, byte[]> files = new LinkedHashMap<>();
    private boolean mszip = true;

    public CabinetBuilder add(String name, byte[] content) {
        files.put(name, content);
        return this;
    }

    public CabinetBuilder stored() {
        mszip = false;
        return this;
    }

    public byte[] build() {
        ByteArrayOutputStream folder = new ByteArrayOutputStream();
        ByteArrayOutputStream entries = new ByteArrayOutputStream();
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            ShellLinkBuilder.u32(entries, f.getValue().length);
            ShellLinkBuilder.u32(entries, folder.size());
            ShellLinkBuilder.u16(entries, 0);
            ShellLinkBuilder.u16(entries, 0x5921);
            ShellLinkBuilder.u16(entries, 0);
            ShellLinkBuilder.u16(entries, 0x20);
            entries.writeBytes(f.getKey().getBytes(StandardCharsets.ISO_8859_1));
            entries.write(0);
            folder.writeBytes(f.getValue());
        }
        byte[] raw = folder.toByteArray();
        byte[] data;
        if (mszip) {
            Deflater def = new Deflater(Deflater.BEST_COMPRESSION, true);
            def.setInput(raw);
            def.finish();
            byte[] buf = new byte[raw.length + 1024];
            int n = def.deflate(buf);
            def.end();
            data = new byte[n + 2];
            data[0] = 'C';
            data[1] = 'K';
            System.arraycopy(buf, 0, data, 2, n);
        } else {
            data = raw;
        }
        int coffFiles = 36 + 8;
        int dataStart = coffFiles + entries.size();
        int total = dataStart + 8 + data.length;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {'M', 'S', 'C', 'F'});
        ShellLinkBuilder.u32(out, 0);
        ShellLinkBuilder.u32(out, total);
        ShellLinkBuilder.u32(out, 0);
        ShellLinkBuilder.u32(out, coffFiles);
        ShellLinkBuilder.u32(out, 0);
        out.write(3);
        out.write(1);
        ShellLinkBuilder.u16(out, 1);
        ShellLinkBuilder.u16(out, files.size());
        ShellLinkBuilder.u16(out, 0);
        ShellLinkBuilder.u16(out, 0x4b47);
        ShellLinkBuilder.u16(out, 0);
        ShellLinkBuilder.u32(out, dataStart);
        ShellLinkBuilder.u16(out, 1);
        ShellLinkBuilder.u16(out, mszip ? 1 : 0);
        out.writeBytes(entries.toByteArray());
        ShellLinkBuilder.u32(out, 0);
        ShellLinkBuilder.u16(out, data.length);
        ShellLinkBuilder.u16(out, raw.length);
        out.writeBytes(data);
        return out.toByteArray();
    }
}
