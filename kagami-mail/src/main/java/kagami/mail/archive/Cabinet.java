package kagami.mail.archive;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import kagami.core.io.LimitExceededException;

/**
 * Microsoft Cabinet files (MS-CAB): MirrorFace's ANEL shortcuts carry one appended after the link, which
 * PowerShell then {@code expand}s. Folders stored uncompressed or with MSZIP (each CFDATA block a "CK" signature
 * and a raw deflate stream whose 32 KiB history continues from the previous block) are unpacked; Quantum and LZX
 * folders are listed and reported as not unpacked. Every offset and count is checked against the file.
 */
final class Cabinet {
    private static final int MSZIP_WINDOW = 32 * 1024;

    private Cabinet() {
    }

    static ArchiveContents read(byte[] d, ExtractionBudget budget) throws LimitExceededException {
        List<ArchiveMember> members = new ArrayList<>();
        List<String> names = new ArrayList<>();
        if (d.length < 36 || d[0] != 'M' || d[1] != 'S' || d[2] != 'C' || d[3] != 'F') {
            return problem(members, names, "parse.cab", "no CFHEADER");
        }
        long coffFiles = u32(d, 16);
        int cFolders = u16(d, 26);
        int cFiles = u16(d, 28);
        int flags = u16(d, 30);
        int p = 36;
        int perFolderReserve = 0;
        int perDataReserve = 0;
        if ((flags & 0x0004) != 0) {
            if (d.length < 40) {
                return problem(members, names, "parse.cab", "truncated CFHEADER");
            }
            int headerReserve = u16(d, 36);
            perFolderReserve = d[38] & 0xff;
            perDataReserve = d[39] & 0xff;
            p = 40 + headerReserve;
        }
        if ((flags & 0x0001) != 0) {
            p = skipZ(d, skipZ(d, p));
        }
        if ((flags & 0x0002) != 0) {
            p = skipZ(d, skipZ(d, p));
        }
        List<byte[]> folders = new ArrayList<>();
        List<String> unsupported = new ArrayList<>();
        for (int f = 0; f < cFolders; f++) {
            if (p + 8 > d.length) {
                return problem(members, names, "parse.cab", "CFFOLDER past the end");
            }
            long coffCabStart = u32(d, p);
            int cCFData = u16(d, p + 4);
            int typeCompress = u16(d, p + 6) & 0x000f;
            p += 8 + perFolderReserve;
            if (typeCompress == 0 || typeCompress == 1) {
                folders.add(folderData(d, coffCabStart, cCFData, typeCompress == 1, perDataReserve, budget));
            } else {
                folders.add(null);
                unsupported.add(typeCompress == 2 ? "Quantum" : "LZX");
            }
        }
        int q = (int) Math.min(coffFiles, d.length);
        Charset names8 = StandardCharsets.ISO_8859_1;
        for (int i = 0; i < cFiles; i++) {
            if (q + 16 > d.length) {
                return problem(members, names, "parse.cab", "CFFILE past the end");
            }
            long cbFile = u32(d, q);
            long offset = u32(d, q + 4);
            int iFolder = u16(d, q + 8);
            int attribs = u16(d, q + 14);
            int end = q + 16;
            while (end < d.length && d[end] != 0) {
                end++;
            }
            String name = new String(d, q + 16, end - q - 16, (attribs & 0x80) != 0 ? StandardCharsets.UTF_8 : names8);
            q = end + 1;
            budget.member();
            names.add(name);
            byte[] folder = iFolder < folders.size() ? folders.get(iFolder) : null;
            if (folder == null) {
                continue;
            }
            if (offset + cbFile > folder.length) {
                return problem(members, names, "parse.cab", name + " lies outside its folder");
            }
            byte[] content = new byte[(int) cbFile];
            System.arraycopy(folder, (int) offset, content, 0, content.length);
            members.add(new ArchiveMember(name, content, false));
        }
        if (!unsupported.isEmpty()) {
            return problem(members, names, "unsupported.cab", "folders compressed with " + String.join(", ", unsupported)
                    + " are listed but not unpacked");
        }
        return new ArchiveContents("cab", members, names, false, Optional.empty(), Optional.empty());
    }

    private static byte[] folderData(byte[] d, long start, int blocks, boolean mszip, int reserve,
            ExtractionBudget budget) throws LimitExceededException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long p = start;
        byte[] buf = new byte[32 * 1024 + 6144];
        for (int b = 0; b < blocks; b++) {
            if (p + 8 > d.length) {
                break;
            }
            int cbData = u16(d, (int) p + 4);
            int cbUncomp = u16(d, (int) p + 6);
            int data = (int) p + 8 + reserve;
            if (data + cbData > d.length) {
                break;
            }
            if (!mszip) {
                out.write(d, data, cbData);
                budget.bytes(cbData);
            } else if (cbData >= 2 && d[data] == 'C' && d[data + 1] == 'K') {
                Inflater inf = new Inflater(true);
                try {
                    byte[] history = out.toByteArray();
                    int h = Math.min(MSZIP_WINDOW, history.length);
                    if (h > 0) {
                        inf.setDictionary(history, history.length - h, h);
                    }
                    inf.setInput(d, data + 2, cbData - 2);
                    int n = inf.inflate(buf, 0, Math.min(buf.length, Math.max(cbUncomp, 1)));
                    out.write(buf, 0, n);
                    budget.bytes(n);
                } catch (DataFormatException e) {
                    break;
                } finally {
                    inf.end();
                }
            } else {
                break;
            }
            if (out.size() > budget.limits().maxMemberBytes()) {
                throw new LimitExceededException("member_bytes", budget.limits().maxMemberBytes());
            }
            p = data + cbData;
        }
        return out.toByteArray();
    }

    private static ArchiveContents problem(List<ArchiveMember> members, List<String> names, String cause, String detail) {
        return new ArchiveContents("cab", members, names, false, Optional.empty(),
                Optional.of(new ArchiveContents.Problem(cause, detail)));
    }

    private static int skipZ(byte[] d, int p) {
        while (p < d.length && d[p] != 0) {
            p++;
        }
        return p + 1;
    }

    private static int u16(byte[] d, int o) {
        return o + 1 < d.length ? (d[o] & 0xff) | (d[o + 1] & 0xff) << 8 : 0;
    }

    private static long u32(byte[] d, int o) {
        return o + 3 < d.length ? (u16(d, o) | (long) u16(d, o + 2) << 16) & 0xffffffffL : 0;
    }
}
