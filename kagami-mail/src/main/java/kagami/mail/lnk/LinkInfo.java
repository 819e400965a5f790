package kagami.mail.lnk;

import java.nio.charset.Charset;
import java.util.List;
import java.util.Optional;

/**
 * MS-SHLLINK 2.3 LinkInfo: where the target lives (local volume and path, or network share). Every offset in it
 * is relative to the start of the LinkInfo and is bound-checked against LinkInfoSize before use.
 *
 * @param size              LinkInfoSize
 * @param flags             LinkInfoFlags (1 VolumeIDAndLocalBasePath, 2 CommonNetworkRelativeLinkAndPathSuffix)
 * @param driveType         VolumeID DriveType (3 fixed, 4 remote ...), -1 if absent
 * @param driveSerialNumber VolumeID DriveSerialNumber
 * @param volumeLabel       VolumeID label
 * @param localBasePath     LocalBasePath (Unicode variant when present)
 * @param commonPathSuffix  CommonPathSuffix (Unicode variant when present)
 * @param netName           CommonNetworkRelativeLink NetName ({@code \\server\share})
 * @param deviceName        CommonNetworkRelativeLink DeviceName ({@code Z:})
 */
public record LinkInfo(long size, long flags, long driveType, long driveSerialNumber, String volumeLabel,
        String localBasePath, String commonPathSuffix, String netName, String deviceName) {

    static final long VOLUME_ID_AND_LOCAL_BASE_PATH = 0x1;
    static final long COMMON_NETWORK_RELATIVE_LINK = 0x2;

    /** The local path as Windows resolves it: LocalBasePath followed by CommonPathSuffix. */
    public Optional<String> localPath() {
        if ((flags & VOLUME_ID_AND_LOCAL_BASE_PATH) == 0 || localBasePath.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(join(localBasePath, commonPathSuffix));
    }

    /** The network path: NetName, a backslash, CommonPathSuffix. */
    public Optional<String> networkPath() {
        if ((flags & COMMON_NETWORK_RELATIVE_LINK) == 0 || netName.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(join(netName, commonPathSuffix));
    }

    private static String join(String base, String suffix) {
        if (suffix.isEmpty()) {
            return base;
        }
        return base.endsWith("\\") ? base + suffix : base + "\\" + suffix;
    }

    static LinkInfo read(LeBytes b, int o, List<String> warnings, Charset codePage) throws LnkFormatException {
        b.require(o, 0x1c, "LinkInfo header");
        long size = b.u32(o);
        long headerSize = b.u32(o + 4);
        long flags = b.u32(o + 8);
        int end = (int) Math.min(b.length(), o + size);
        if (o + size > b.length()) {
            warnings.add("LinkInfo of " + size + " bytes runs past the end of the file");
        }
        long volumeIdOffset = b.u32(o + 12);
        long localBaseOffset = b.u32(o + 16);
        long cnrlOffset = b.u32(o + 20);
        long suffixOffset = b.u32(o + 24);
        long localBaseOffsetUnicode = 0;
        long suffixOffsetUnicode = 0;
        if (headerSize >= 0x24 && b.has(o, 0x24)) {
            localBaseOffsetUnicode = b.u32(o + 28);
            suffixOffsetUnicode = b.u32(o + 32);
        }
        long driveType = -1;
        long serial = 0;
        String label = "";
        String localBase = "";
        if ((flags & VOLUME_ID_AND_LOCAL_BASE_PATH) != 0) {
            int v = within(o, volumeIdOffset, end, 16);
            if (v >= 0) {
                long vSize = b.u32(v);
                driveType = b.u32(v + 4);
                serial = b.u32(v + 8);
                long labelOffset = b.u32(v + 12);
                int vEnd = (int) Math.min(end, v + vSize);
                if (labelOffset == 0x14 && b.has(v, 20)) {
                    int u = within(v, b.u32(v + 16), vEnd, 2);
                    label = u >= 0 ? b.unicodez(u, vEnd) : "";
                } else {
                    int a = within(v, labelOffset, vEnd, 1);
                    label = a >= 0 ? b.ansiz(a, vEnd, codePage) : "";
                }
            } else {
                warnings.add("LinkInfo VolumeIDOffset " + volumeIdOffset + " is outside the LinkInfo");
            }
            int u = within(o, localBaseOffsetUnicode, end, 2);
            int a = within(o, localBaseOffset, end, 1);
            localBase = localBaseOffsetUnicode != 0 && u >= 0 ? b.unicodez(u, end)
                    : a >= 0 ? b.ansiz(a, end, codePage) : "";
        }
        String netName = "";
        String deviceName = "";
        if ((flags & COMMON_NETWORK_RELATIVE_LINK) != 0) {
            int c = within(o, cnrlOffset, end, 20);
            if (c >= 0) {
                long cSize = b.u32(c);
                int cEnd = (int) Math.min(end, c + cSize);
                long cFlags = b.u32(c + 4);
                long netNameOffset = b.u32(c + 8);
                long deviceNameOffset = b.u32(c + 12);
                if (netNameOffset > 0x14 && b.has(c, 28)) {
                    int nu = within(c, b.u32(c + 20), cEnd, 2);
                    int du = within(c, b.u32(c + 24), cEnd, 2);
                    netName = nu >= 0 ? b.unicodez(nu, cEnd) : "";
                    deviceName = (cFlags & 1) != 0 && du >= 0 ? b.unicodez(du, cEnd) : "";
                } else {
                    int n = within(c, netNameOffset, cEnd, 1);
                    int d = within(c, deviceNameOffset, cEnd, 1);
                    netName = n >= 0 ? b.ansiz(n, cEnd, codePage) : "";
                    deviceName = (cFlags & 1) != 0 && d >= 0 ? b.ansiz(d, cEnd, codePage) : "";
                }
            } else {
                warnings.add("LinkInfo CommonNetworkRelativeLinkOffset is outside the LinkInfo");
            }
        }
        int su = within(o, suffixOffsetUnicode, end, 2);
        int sa = within(o, suffixOffset, end, 1);
        String suffix = suffixOffsetUnicode != 0 && su >= 0 ? b.unicodez(su, end)
                : sa >= 0 ? b.ansiz(sa, end, codePage) : "";
        return new LinkInfo(size, flags, driveType, serial, label, localBase, suffix, netName, deviceName);
    }

    /** Absolute position of {@code base + offset} if at least {@code need} bytes of it lie before {@code end}. */
    private static int within(int base, long offset, int end, int need) {
        if (offset <= 0) {
            return -1;
        }
        long p = base + offset;
        return p + need <= end ? (int) p : -1;
    }
}
