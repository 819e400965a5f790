package kagami.mail.lnk;

import java.time.Instant;
import java.util.Optional;

/**
 * MS-SHLLINK 2.1 ShellLinkHeader: the fixed 76-byte start of every shell link.
 *
 * @param linkFlags      2.1.1 LinkFlags bit field
 * @param fileAttributes 2.1.2 FileAttributesFlags of the target
 * @param creationTime   target creation time (FILETIME), empty when zero
 * @param accessTime     target access time, empty when zero
 * @param writeTime      target write time, empty when zero
 * @param fileSize       low 32 bits of the target's size
 * @param iconIndex      index of the icon within the icon location
 * @param showCommand    window state: 1 SW_SHOWNORMAL, 3 SW_SHOWMAXIMIZED, 7 SW_SHOWMINNOACTIVE
 * @param hotKey         HotKeyFlags (low byte key, high byte modifiers)
 */
public record ShellLinkHeader(long linkFlags, long fileAttributes, Optional<Instant> creationTime,
        Optional<Instant> accessTime, Optional<Instant> writeTime, long fileSize, int iconIndex, long showCommand,
        int hotKey) {

    /** 2.1 HeaderSize MUST be 0x0000004C. */
    public static final int SIZE = 0x4c;
    /** 2.1 LinkCLSID MUST be 00021401-0000-0000-C000-000000000046. */
    public static final String LINK_CLSID = "00021401-0000-0000-c000-000000000046";

    public static final long HAS_LINK_TARGET_ID_LIST = 0x1;
    public static final long HAS_LINK_INFO = 0x2;
    public static final long HAS_NAME = 0x4;
    public static final long HAS_RELATIVE_PATH = 0x8;
    public static final long HAS_WORKING_DIR = 0x10;
    public static final long HAS_ARGUMENTS = 0x20;
    public static final long HAS_ICON_LOCATION = 0x40;
    public static final long IS_UNICODE = 0x80;
    public static final long FORCE_NO_LINK_INFO = 0x100;
    public static final long HAS_EXP_STRING = 0x200;
    public static final long RUN_AS_USER = 0x2000;

    public static final int SW_SHOWNORMAL = 1;
    public static final int SW_SHOWMAXIMIZED = 3;
    public static final int SW_SHOWMINNOACTIVE = 7;

    public boolean has(long flag) {
        return (linkFlags & flag) != 0;
    }

    /** 2.1: every value other than 3 and 7 MUST be treated as SW_SHOWNORMAL. */
    public int effectiveShowCommand() {
        return showCommand == SW_SHOWMAXIMIZED || showCommand == SW_SHOWMINNOACTIVE
                ? (int) showCommand : SW_SHOWNORMAL;
    }

    static ShellLinkHeader read(LeBytes b) throws LnkFormatException {
        b.require(0, SIZE, "ShellLinkHeader");
        if (b.u32(0) != SIZE) {
            throw new LnkFormatException("HeaderSize is 0x" + Long.toHexString(b.u32(0)) + ", not 0x4c", 0);
        }
        if (!LINK_CLSID.equals(b.guid(4))) {
            throw new LnkFormatException("LinkCLSID is " + b.guid(4) + ", not the shell link class", 4);
        }
        return new ShellLinkHeader(b.u32(20), b.u32(24), filetime(b.u64(28)), filetime(b.u64(36)),
                filetime(b.u64(44)), b.u32(52), (int) b.u32(56), b.u32(60), b.u16(64));
    }

    /** MS-DTYP 2.3.3 FILETIME: 100 ns intervals since 1601-01-01 UTC. */
    static Optional<Instant> filetime(long ticks) {
        if (ticks == 0 || ticks < 0) {
            return Optional.empty();
        }
        long seconds = ticks / 10_000_000L - 11_644_473_600L;
        long nanos = (ticks % 10_000_000L) * 100;
        return Optional.of(Instant.ofEpochSecond(seconds, nanos));
    }
}
