package kagami.mail.standin;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes benign stand-in shell links (MS-SHLLINK 2) with the features of MirrorFace's LNK lures: a target in
 * the ID list only (My Computer → C:\ → ... → powershell.exe), IsUnicode strings, arguments padded with white
 * space, SW_SHOWMINNOACTIVE, an icon borrowed from elsewhere, an EnvironmentVariableDataBlock, and optional bytes
 * appended after the terminal block. The command they name only prints a harmless word.
 */
public final class ShellLinkBuilder {
    private final List<String> pathSegments = new ArrayList<>();
    private String volume = "C:\\";
    private String workingDir;
    private String arguments;
    private String iconLocation;
    private String environmentTarget;
    private int showCommand = 1;
    private byte[] overlay = new byte[0];

    public ShellLinkBuilder target(String volume, String... segments) {
        this.volume = volume;
        pathSegments.clear();
        pathSegments.addAll(List.of(segments));
        return this;
    }

    public ShellLinkBuilder workingDir(String s) {
        workingDir = s;
        return this;
    }

    public ShellLinkBuilder arguments(String s) {
        arguments = s;
        return this;
    }

    public ShellLinkBuilder icon(String s) {
        iconLocation = s;
        return this;
    }

    public ShellLinkBuilder environmentTarget(String s) {
        environmentTarget = s;
        return this;
    }

    public ShellLinkBuilder minimised() {
        showCommand = 7;
        return this;
    }

    public ShellLinkBuilder overlay(byte[] b) {
        overlay = b.clone();
        return this;
    }

    /** A stand-in for the ANEL-style LNK: PowerShell in the ID list, padded arguments, document icon. */
    public static ShellLinkBuilder powershellLure() {
        String padding = " ".repeat(300);
        return new ShellLinkBuilder()
                .target("C:\\", "Windows", "System32", "WindowsPowerShell", "v1.0", "powershell.exe")
                .workingDir("%TEMP%")
                .arguments(padding + "-w hidden -nop -c \"$p=$env:APPDATA+'\\Microsoft\\Templates\\';"
                        + " Write-Output kagami-benign-stand-in\"")
                .icon("C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE")
                .environmentTarget("%windir%\\System32\\WindowsPowerShell\\v1.0\\powershell.exe")
                .minimised();
    }

    public byte[] build() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long flags = 0x1 | 0x80; // HasLinkTargetIDList, IsUnicode
        if (workingDir != null) {
            flags |= 0x10;
        }
        if (arguments != null) {
            flags |= 0x20;
        }
        if (iconLocation != null) {
            flags |= 0x40;
        }
        if (environmentTarget != null) {
            flags |= 0x200;
        }
        // ShellLinkHeader (2.1)
        u32(out, 0x4c);
        out.writeBytes(new byte[] {0x01, 0x14, 0x02, 0, 0, 0, 0, 0, (byte) 0xc0, 0, 0, 0, 0, 0, 0, 0x46});
        u32(out, flags);
        u32(out, 0x20);
        for (int i = 0; i < 3; i++) {
            u64(out, 133_500_000_000_000_000L);
        }
        u32(out, 0);
        u32(out, 1);
        u32(out, showCommand);
        u16(out, 0);
        u16(out, 0);
        u32(out, 0);
        u32(out, 0);
        // LinkTargetIDList (2.2)
        ByteArrayOutputStream ids = new ByteArrayOutputStream();
        byte[] root = new byte[18];
        root[0] = 0x1f;
        root[1] = 0x50;
        byte[] myComputer = {(byte) 0xe0, 0x4f, (byte) 0xd0, 0x20, (byte) 0xea, 0x3a, 0x69, 0x10, (byte) 0xa2,
            (byte) 0xd8, 0x08, 0x00, 0x2b, 0x30, 0x30, (byte) 0x9d};
        System.arraycopy(myComputer, 0, root, 2, 16);
        item(ids, root);
        byte[] vol = new byte[23];
        vol[0] = 0x2f;
        byte[] v = volume.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(v, 0, vol, 1, v.length);
        item(ids, vol);
        for (int i = 0; i < pathSegments.size(); i++) {
            item(ids, fileEntry(pathSegments.get(i), i < pathSegments.size() - 1));
        }
        u16(ids, 0);
        u16(out, ids.size());
        out.writeBytes(ids.toByteArray());
        // StringData (2.4)
        for (String s : new String[] {workingDir, arguments, iconLocation}) {
            if (s != null) {
                u16(out, s.length());
                out.writeBytes(s.getBytes(StandardCharsets.UTF_16LE));
            }
        }
        // ExtraData (2.5): EnvironmentVariableDataBlock, then the TerminalBlock
        if (environmentTarget != null) {
            u32(out, 0x314);
            u32(out, 0xa0000001L);
            byte[] ansi = new byte[260];
            byte[] a = environmentTarget.getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(a, 0, ansi, 0, Math.min(259, a.length));
            out.writeBytes(ansi);
            byte[] uni = new byte[520];
            byte[] u = environmentTarget.getBytes(StandardCharsets.UTF_16LE);
            System.arraycopy(u, 0, uni, 0, Math.min(518, u.length));
            out.writeBytes(uni);
        }
        u32(out, 0);
        out.writeBytes(overlay);
        return out.toByteArray();
    }

    /** File entry shell item: class 0x31 (directory) or 0x32 (file), short name, then a 0xBEEF0004 extension. */
    private static byte[] fileEntry(String name, boolean directory) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(directory ? 0x31 : 0x32);
        b.write(0);
        u32(b, 0);
        u32(b, 0x5a3c_2b1d);
        u16(b, directory ? 0x10 : 0x20);
        byte[] shortName = name.toUpperCase().getBytes(StandardCharsets.US_ASCII);
        b.writeBytes(shortName);
        b.write(0);
        if ((shortName.length + 1) % 2 != 0) {
            b.write(0);
        }
        ByteArrayOutputStream ext = new ByteArrayOutputStream();
        u16(ext, 3); // version 3: creation, access, identifier, long string size, long name
        u32(ext, 0xbeef0004L);
        u32(ext, 0x5a3c_2b1d);
        u32(ext, 0x5a3c_2b1d);
        u16(ext, 0x14);
        u16(ext, 0);
        ext.writeBytes(name.getBytes(StandardCharsets.UTF_16LE));
        u16(ext, 0);
        u16(ext, 0x14);
        byte[] e = ext.toByteArray();
        u16(b, e.length + 2);
        b.writeBytes(e);
        return b.toByteArray();
    }

    private static void item(ByteArrayOutputStream ids, byte[] data) {
        u16(ids, data.length + 2);
        ids.writeBytes(data);
    }

    static void u16(ByteArrayOutputStream o, int v) {
        o.write(v & 0xff);
        o.write(v >>> 8 & 0xff);
    }

    static void u32(ByteArrayOutputStream o, long v) {
        u16(o, (int) (v & 0xffff));
        u16(o, (int) (v >>> 16 & 0xffff));
    }

    static void u64(ByteArrayOutputStream o, long v) {
        u32(o, v & 0xffffffffL);
        u32(o, v >>> 32);
    }
}
