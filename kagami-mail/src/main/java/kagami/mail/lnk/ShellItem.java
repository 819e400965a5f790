package kagami.mail.lnk;

import java.nio.charset.Charset;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One ItemID of a LinkTargetIDList (MS-SHLLINK 2.2.2). Its content is a Windows shell item, which Microsoft
 * does not document; the layouts read here are the ones libfwsi and the forensic community describe (root
 * folder, volume, file entry with its 0xBEEF0004 extension, network location). Unknown types keep their class
 * byte and size only: a shell item we do not understand never stops the parse.
 *
 * @param classType the class type indicator (byte 2)
 * @param kind      what the class type says the item is
 * @param name      the item's name as a path segment ({@code C:\}, {@code Windows}, {@code My Computer}), may be empty
 * @param size      ItemIDSize including the size field
 */
public record ShellItem(int classType, Kind kind, String name, int size) {

    /** Item kinds by class type indicator. */
    public enum Kind { ROOT_FOLDER, VOLUME, FILE_ENTRY, NETWORK_LOCATION, URI, CONTROL_PANEL, UNKNOWN }

    private static final Map<String, String> ROOT_FOLDERS = Map.of(
            "20d04fe0-3aea-1069-a2d8-08002b30309d", "My Computer",
            "450d8fba-ad25-11d0-98a8-0800361b1103", "My Documents",
            "208d2c60-3aea-1069-a2d7-08002b30309d", "My Network Places",
            "645ff040-5081-101b-9f08-00aa002f954e", "Recycle Bin",
            "59031a47-3f72-44a7-89c5-5595fe6b30ee", "Users Files",
            "21ec2020-3aea-1069-a2dd-08002b30309d", "Control Panel",
            "26ee0668-a00a-44d7-9371-beb064c98683", "Control Panel",
            "871c5380-42a0-1069-a2ea-08002b30309d", "Internet Explorer");

    /** Signature of the file entry extension block that carries the long (Unicode) name. */
    private static final long FILE_ENTRY_EXTENSION = 0xbeef0004L;

    static ShellItem read(LeBytes b, int o, int size, Charset codePage) {
        if (size < 3) {
            return new ShellItem(0, Kind.UNKNOWN, "", size);
        }
        int end = o + size;
        int cls = b.u8(o + 2);
        if (cls == 0x1f && size >= 20) {
            String guid = b.guid(o + 4);
            return new ShellItem(cls, Kind.ROOT_FOLDER, ROOT_FOLDERS.getOrDefault(guid, "{" + guid + "}"), size);
        }
        switch (cls & 0x70) {
            case 0x20:
                return new ShellItem(cls, Kind.VOLUME, (cls & 0x01) != 0 ? b.ansiz(o + 3, end, codePage) : "", size);
            case 0x30:
                return new ShellItem(cls, Kind.FILE_ENTRY, fileEntryName(b, o, end, cls, codePage), size);
            case 0x40:
                return new ShellItem(cls, Kind.NETWORK_LOCATION, size > 5 ? b.ansiz(o + 5, end, codePage) : "",
                        size);
            case 0x60:
                return new ShellItem(cls, cls == 0x61 ? Kind.URI : Kind.UNKNOWN, "", size);
            case 0x70:
                return new ShellItem(cls, cls == 0x71 ? Kind.CONTROL_PANEL : Kind.UNKNOWN, "", size);
            default:
                return new ShellItem(cls, Kind.UNKNOWN, "", size);
        }
    }

    /**
     * File entry: size, class, unknown byte, file size (u32), FAT modification time (u32), attributes (u16), then
     * the primary (8.3 or short) name, Unicode if class bit 0x04 is set, NUL-terminated and 2-aligned, then
     * extension blocks. The long name of a 0xBEEF0004 block wins when present.
     */
    private static String fileEntryName(LeBytes b, int o, int end, int cls, Charset codePage) {
        if (end - o < 15) {
            return "";
        }
        int nameAt = o + 14;
        String primary;
        int after;
        if ((cls & 0x04) != 0) {
            primary = b.unicodez(nameAt, end);
            after = nameAt + primary.length() * 2 + 2;
        } else {
            primary = b.ansiz(nameAt, end, codePage);
            int n = nameAt;
            while (n < end && b.u8(n) != 0) {
                n++;
            }
            after = n + 1;
        }
        return longName(b, after, end).orElse(primary);
    }

    private static Optional<String> longName(LeBytes b, int o, int end) {
        // The extension block follows the primary name, 2-aligned relative to the item; some writers do not
        // align, so every offset is tried.
        for (int e = o; e + 8 <= end; e++) {
            if (b.u32(e + 4) != FILE_ENTRY_EXTENSION) {
                continue;
            }
            int blockSize = b.u16(e);
            int version = b.u16(e + 2);
            int blockEnd = Math.min(end, e + blockSize);
            int at = e + 18;
            if (version >= 7) {
                at += 18;
            }
            if (version >= 3) {
                at += 2;
            }
            if (version >= 9) {
                at += 4;
            }
            if (version >= 8) {
                at += 4;
            }
            if (at < blockEnd) {
                String name = b.unicodez(at, blockEnd);
                if (!name.isEmpty()) {
                    return Optional.of(name);
                }
            }
            return Optional.empty();
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(Locale.ROOT) + ":" + name;
    }
}
