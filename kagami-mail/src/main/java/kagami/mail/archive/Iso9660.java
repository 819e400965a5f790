package kagami.mail.archive;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import kagami.core.io.LimitExceededException;

/**
 * A read-only walker for ISO 9660 (ECMA-119) images with Joliet names: ISO and IMG attachments have delivered
 * malware past Mark-of-the-Web. Volume descriptors start at logical sector 16 (ECMA-119 8.1); a Supplementary
 * Volume Descriptor (type 2) whose escape sequence is {@code %/@}, {@code %/C} or {@code %/E} is Joliet (UCS-2
 * big-endian names) and is preferred. Directory records (ECMA-119 9.1) are followed with a visited-set, so a
 * directory pointing at itself cannot loop.
 */
final class Iso9660 {
    static final int SECTOR = 2048;

    private Iso9660() {
    }

    static ArchiveContents read(byte[] d, ExtractionBudget budget) throws LimitExceededException {
        List<ArchiveMember> members = new ArrayList<>();
        List<String> names = new ArrayList<>();
        int rootDescriptor = -1;
        boolean joliet = false;
        for (int s = 16; s < 64 && (s + 1L) * SECTOR <= d.length; s++) {
            int o = s * SECTOR;
            int type = d[o] & 0xff;
            if (!(d[o + 1] == 'C' && d[o + 2] == 'D' && d[o + 3] == '0' && d[o + 4] == '0' && d[o + 5] == '1')) {
                break;
            }
            if (type == 255) {
                break;
            }
            if (type == 1 && rootDescriptor < 0) {
                rootDescriptor = o;
            }
            if (type == 2 && d[o + 88] == '%' && d[o + 89] == '/'
                    && (d[o + 90] == '@' || d[o + 90] == 'C' || d[o + 90] == 'E')) {
                rootDescriptor = o;
                joliet = true;
            }
        }
        if (rootDescriptor < 0) {
            return new ArchiveContents("iso9660", members, names, false, Optional.empty(),
                    Optional.of(new ArchiveContents.Problem("parse.iso9660", "no primary volume descriptor")));
        }
        Set<Long> visited = new HashSet<>();
        String problem = walk(d, rootDescriptor + 156, "", joliet, 0, visited, members, names, budget);
        return new ArchiveContents("iso9660", members, names, false, Optional.empty(),
                problem == null ? Optional.empty() : Optional.of(new ArchiveContents.Problem("parse.iso9660", problem)));
    }

    private static String walk(byte[] d, int recordAt, String prefix, boolean joliet, int depth, Set<Long> visited,
            List<ArchiveMember> members, List<String> names, ExtractionBudget budget) throws LimitExceededException {
        if (depth > 16) {
            return "directory nesting deeper than 16";
        }
        if (recordAt + 34 > d.length) {
            return "directory record past the end of the image";
        }
        long extent = u32(d, recordAt + 2);
        long length = u32(d, recordAt + 10);
        if (!visited.add(extent)) {
            return null;
        }
        long start = extent * SECTOR;
        long end = Math.min(d.length, start + length);
        if (start >= d.length) {
            return "directory extent " + extent + " outside the image";
        }
        int p = (int) start;
        while (p < end) {
            int len = d[p] & 0xff;
            if (len == 0) {
                // Records do not span sectors (ECMA-119 6.8.1.1): skip to the next sector.
                p = (int) ((p / SECTOR + 1L) * SECTOR);
                continue;
            }
            if (p + len > end || len < 34) {
                return "bad directory record at " + p;
            }
            int nameLen = d[p + 32] & 0xff;
            int flags = d[p + 25] & 0xff;
            if (33 + nameLen > len) {
                return "bad name length at " + p;
            }
            boolean self = nameLen == 1 && (d[p + 33] == 0 || d[p + 33] == 1);
            if (!self) {
                String name = joliet ? new String(d, p + 33, nameLen & ~1, StandardCharsets.UTF_16BE)
                        : new String(d, p + 33, nameLen, StandardCharsets.ISO_8859_1);
                int semi = name.indexOf(';');
                if (semi >= 0) {
                    name = name.substring(0, semi);
                }
                if (name.endsWith(".")) {
                    name = name.substring(0, name.length() - 1);
                }
                String path = prefix.isEmpty() ? name : prefix + "/" + name;
                budget.member();
                names.add(path);
                if ((flags & 0x02) != 0) {
                    String problem = walk(d, p, path, joliet, depth + 1, visited, members, names, budget);
                    if (problem != null) {
                        return problem;
                    }
                } else {
                    long fExtent = u32(d, p + 2);
                    long fLen = u32(d, p + 10);
                    long fStart = fExtent * SECTOR;
                    if (fStart + fLen > d.length) {
                        return "file " + path + " extends past the end of the image";
                    }
                    if (fLen > budget.limits().maxMemberBytes()) {
                        throw new LimitExceededException("member_bytes", budget.limits().maxMemberBytes());
                    }
                    budget.bytes(fLen);
                    byte[] content = new byte[(int) fLen];
                    System.arraycopy(d, (int) fStart, content, 0, (int) fLen);
                    members.add(new ArchiveMember(path, content, false));
                }
            }
            p += len;
        }
        return null;
    }

    /** ECMA-119 7.3.3: both-byte-order u32; we read the little-endian half. */
    private static long u32(byte[] d, int o) {
        return (d[o] & 0xffL) | (d[o + 1] & 0xffL) << 8 | (d[o + 2] & 0xffL) << 16 | (d[o + 3] & 0xffL) << 24;
    }
}
