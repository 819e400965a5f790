package kagami.mail.archive;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import kagami.core.io.LimitExceededException;

/**
 * RAR archives, listed from their block headers: RAR 5.0 (signature {@code Rar!\x1a\x07\x01\x00}, vint-sized
 * blocks, RARLAB's "RAR 5.0 archive format") and RAR 1.5–4.x ({@code Rar!\x1a\x07\x00}, fixed 7-byte block heads,
 * RARLAB's "RAR version 4.x technical information", including its compressed Unicode file names). MirrorFace's
 * LiberalFace mails carried RAR archives whose members are executables with Japanese document names, and the
 * names alone carry that signal, so every member is listed. Members stored without compression (method "store")
 * are taken out and analysed like any attachment; members compressed with RAR's own algorithm are not unpacked
 * (there is no maintained Java implementation of it, and running {@code unrar} on an input is not an option), which
 * makes the archive "not fully analysed". Encrypted members, and archives whose headers are encrypted ({@code -hp},
 * names hidden), are reported as encrypted.
 *
 * <p>Every size and offset is checked against the data; a block that does not advance ends the listing as a
 * parse problem, so no input can loop.
 */
final class Rar {
    static final byte[] SIGNATURE_4 = {'R', 'a', 'r', '!', 0x1a, 0x07, 0x00};
    static final byte[] SIGNATURE_5 = {'R', 'a', 'r', '!', 0x1a, 0x07, 0x01, 0x00};

    private Rar() {
    }

    static ArchiveContents read(byte[] d, ExtractionBudget budget) throws LimitExceededException {
        Listing l = new Listing();
        try {
            if (starts(d, SIGNATURE_5)) {
                rar5(d, l, budget);
            } else if (starts(d, SIGNATURE_4)) {
                rar4(d, l, budget);
            } else {
                l.problem = new ArchiveContents.Problem("parse.rar", "no RAR signature");
            }
        } catch (Malformed e) {
            l.problem = new ArchiveContents.Problem("parse.rar", e.getMessage());
        }
        if (l.problem == null && l.headersEncrypted) {
            l.problem = new ArchiveContents.Problem("encrypted.unknown_password",
                    "RAR archive with encrypted headers: member names hidden");
        } else if (l.problem == null && l.encryptedMembers > 0) {
            l.problem = new ArchiveContents.Problem("encrypted.unknown_password",
                    l.encryptedMembers + " encrypted RAR member(s) listed, not unpacked");
        } else if (l.problem == null && l.compressedMembers > 0) {
            l.problem = new ArchiveContents.Problem("unsupported.rar", l.compressedMembers
                    + " member(s) compressed with RAR's own method listed, not unpacked");
        }
        return new ArchiveContents("rar", l.members, l.names, l.headersEncrypted || l.encryptedMembers > 0,
                Optional.empty(), Optional.ofNullable(l.problem));
    }

    /** What a listing found so far. */
    private static final class Listing {
        final List<ArchiveMember> members = new ArrayList<>();
        final List<String> names = new ArrayList<>();
        int compressedMembers;
        int encryptedMembers;
        boolean headersEncrypted;
        ArchiveContents.Problem problem;
    }

    // ---- RAR 5.0 -----------------------------------------------------------------------------------------------

    private static final int HEAD_FILE = 2;
    private static final int HEAD_CRYPT = 4;
    private static final int HEAD_END = 5;
    private static final int HFL_EXTRA = 0x0001;
    private static final int HFL_DATA = 0x0002;
    private static final int HFL_SPLIT_BEFORE = 0x0008;
    private static final int FHFL_DIRECTORY = 0x0001;
    private static final int FHFL_UTIME = 0x0002;
    private static final int FHFL_CRC32 = 0x0004;
    private static final int FILE_ENCRYPTION_RECORD = 0x01;

    private static void rar5(byte[] d, Listing l, ExtractionBudget budget) throws LimitExceededException {
        int p = SIGNATURE_5.length;
        while (p < d.length) {
            budget.checkTime();
            Cursor c = new Cursor(d, p + 4); // after the header CRC32
            long headerSize = c.vint();
            int headerStart = c.p;
            if (headerSize < 2 || headerSize > d.length - headerStart) {
                throw new Malformed("RAR5 block at " + p + ": header size " + headerSize + " past the end");
            }
            long headerEnd = headerStart + headerSize;
            c.limit = (int) headerEnd;
            long type = c.vint();
            long flags = c.vint();
            long extraSize = (flags & HFL_EXTRA) != 0 ? c.vint() : 0;
            long dataSize = (flags & HFL_DATA) != 0 ? c.vint() : 0;
            if (extraSize > headerEnd - c.p || dataSize > d.length - headerEnd) {
                throw new Malformed("RAR5 block at " + p + ": data of " + dataSize + " bytes past the end");
            }
            if (type == HEAD_CRYPT) {
                l.headersEncrypted = true; // everything after this header is encrypted
                return;
            }
            if (type == HEAD_FILE) {
                file5(d, c, (int) (headerEnd - extraSize), (int) headerEnd, dataSize,
                        (flags & HFL_SPLIT_BEFORE) != 0, l, budget);
            }
            if (type == HEAD_END) {
                return;
            }
            p = (int) (headerEnd + dataSize); // > p: the header holds at least its CRC and size
        }
    }

    /** One file header: its fields, then its extra area up to {@code headerEnd}, where its data area starts. */
    private static void file5(byte[] d, Cursor c, int extraStart, int headerEnd, long dataSize,
            boolean splitBefore, Listing l, ExtractionBudget budget) throws LimitExceededException {
        c.limit = extraStart; // the file's fields end where its extra area begins
        long fileFlags = c.vint();
        long unpackedSize = c.vint();
        c.vint(); // attributes
        if ((fileFlags & FHFL_UTIME) != 0) {
            c.skip(4);
        }
        if ((fileFlags & FHFL_CRC32) != 0) {
            c.skip(4);
        }
        long compression = c.vint();
        c.vint(); // host OS
        long nameLength = c.vint();
        if (nameLength > extraStart - c.p || nameLength < 0) {
            throw new Malformed("RAR5 file name of " + nameLength + " bytes past its header");
        }
        String name = new String(d, c.p, (int) nameLength, StandardCharsets.UTF_8);
        budget.member();
        l.names.add(name);
        if ((fileFlags & FHFL_DIRECTORY) != 0) {
            return;
        }
        if (encrypted5(d, extraStart, headerEnd)) {
            l.encryptedMembers++;
            return;
        }
        int method = (int) (compression >>> 7 & 0x7);
        if (method != 0 || splitBefore || unpackedSize != dataSize) {
            l.compressedMembers++;
            return;
        }
        l.members.add(new ArchiveMember(name, stored(d, headerEnd, dataSize, budget), false));
    }

    /** Whether the extra area holds a file encryption record. */
    private static boolean encrypted5(byte[] d, int start, int end) {
        Cursor c = new Cursor(d, start);
        c.limit = end;
        while (c.p < end) {
            long size = c.vint();
            int recordStart = c.p;
            if (size < 1 || size > end - recordStart) {
                throw new Malformed("RAR5 extra record of " + size + " bytes past its header");
            }
            if (c.vint() == FILE_ENCRYPTION_RECORD) {
                return true;
            }
            c.p = (int) (recordStart + size);
        }
        return false;
    }

    // ---- RAR 1.5-4.x -------------------------------------------------------------------------------------------

    private static final int MAIN_HEAD = 0x73;
    private static final int FILE_HEAD = 0x74;
    private static final int ENDARC_HEAD = 0x7b;
    private static final int MHD_PASSWORD = 0x0080;
    private static final int LHD_SPLIT_BEFORE = 0x0001;
    private static final int LHD_PASSWORD = 0x0004;
    private static final int LHD_DIRECTORY_MASK = 0x00e0;
    private static final int LHD_LARGE = 0x0100;
    private static final int LHD_UNICODE = 0x0200;
    private static final int LONG_BLOCK = 0x8000;
    private static final int METHOD_STORE = 0x30;

    private static void rar4(byte[] d, Listing l, ExtractionBudget budget) throws LimitExceededException {
        int p = SIGNATURE_4.length;
        while (p + 7 <= d.length) {
            budget.checkTime();
            int type = d[p + 2] & 0xff;
            int flags = u16(d, p + 3);
            int headSize = u16(d, p + 5);
            if (headSize < 7 || p + headSize > d.length) {
                throw new Malformed("RAR4 block at " + p + ": header size " + headSize + " past the end");
            }
            long addSize = 0;
            if ((flags & LONG_BLOCK) != 0) {
                if (headSize < 11) {
                    throw new Malformed("RAR4 block at " + p + ": long block with a short header");
                }
                addSize = u32(d, p + 7);
            }
            if (type == MAIN_HEAD && (flags & MHD_PASSWORD) != 0) {
                l.headersEncrypted = true;
                return;
            }
            if (type == FILE_HEAD) {
                addSize = file4(d, p, flags, headSize, l, budget);
            }
            if (type == ENDARC_HEAD) {
                return;
            }
            long next = p + (long) headSize + addSize;
            if (next > d.length) {
                throw new Malformed("RAR4 block at " + p + ": data past the end");
            }
            p = (int) next;
        }
    }

    /** Lists one file header; returns the size of its data area. */
    private static long file4(byte[] d, int p, int flags, int headSize, Listing l, ExtractionBudget budget)
            throws LimitExceededException {
        int fixed = 32 + ((flags & LHD_LARGE) != 0 ? 8 : 0);
        if (headSize < fixed) {
            throw new Malformed("RAR4 file header at " + p + " shorter than its fields");
        }
        long packSize = u32(d, p + 7);
        long unpackedSize = u32(d, p + 11);
        int method = d[p + 25] & 0xff;
        int nameSize = u16(d, p + 26);
        if ((flags & LHD_LARGE) != 0) {
            packSize |= u32(d, p + 32) << 32;
            unpackedSize |= u32(d, p + 36) << 32;
        }
        int nameStart = p + fixed;
        if (nameSize > p + headSize - nameStart) {
            throw new Malformed("RAR4 file name of " + nameSize + " bytes past its header");
        }
        String name = (flags & LHD_UNICODE) != 0 ? unicodeName(d, nameStart, nameSize)
                : new String(d, nameStart, nameSize, StandardCharsets.ISO_8859_1);
        budget.member();
        l.names.add(name);
        long dataStart = (long) p + headSize;
        if (packSize < 0 || dataStart + packSize > d.length) {
            throw new Malformed("RAR4 member " + name + ": data past the end");
        }
        if ((flags & LHD_DIRECTORY_MASK) == LHD_DIRECTORY_MASK) {
            return packSize;
        }
        if ((flags & LHD_PASSWORD) != 0) {
            l.encryptedMembers++;
        } else if (method != METHOD_STORE || (flags & LHD_SPLIT_BEFORE) != 0 || packSize != unpackedSize) {
            l.compressedMembers++;
        } else {
            l.members.add(new ArchiveMember(name, stored(d, (int) dataStart, packSize, budget), false));
        }
        return packSize;
    }

    /**
     * A RAR 4 Unicode name: the OEM name, a NUL, then the UTF-16 name compressed against it — a high byte, then
     * two-bit opcodes (low byte only; low byte + the high byte; a whole UTF-16 unit; a run copied from the OEM
     * name, optionally shifted by a correction and given the high byte). Without the NUL the field is UTF-8.
     */
    static String unicodeName(byte[] d, int start, int size) {
        int nul = -1;
        for (int i = start; i < start + size; i++) {
            if (d[i] == 0) {
                nul = i;
                break;
            }
        }
        if (nul < 0) {
            return new String(d, start, size, StandardCharsets.UTF_8);
        }
        int oemLength = nul - start;
        int enc = nul + 1;
        int end = start + size;
        StringBuilder out = new StringBuilder(oemLength);
        if (enc >= end) {
            return new String(d, start, oemLength, StandardCharsets.ISO_8859_1);
        }
        int high = d[enc++] & 0xff;
        int flags = 0;
        int flagBits = 0;
        int max = Math.max(oemLength, 1024);
        while (enc < end && out.length() < max) {
            if (flagBits == 0) {
                flags = d[enc++] & 0xff;
                flagBits = 8;
                if (enc >= end) {
                    break;
                }
            }
            switch (flags >>> 6) {
                case 0 -> out.append((char) (d[enc++] & 0xff));
                case 1 -> out.append((char) ((d[enc++] & 0xff) | high << 8));
                case 2 -> {
                    if (enc + 1 >= end) {
                        enc = end;
                        break;
                    }
                    out.append((char) ((d[enc] & 0xff) | (d[enc + 1] & 0xff) << 8));
                    enc += 2;
                }
                default -> {
                    int length = d[enc++] & 0xff;
                    if ((length & 0x80) != 0) {
                        if (enc >= end) {
                            break;
                        }
                        int correction = d[enc++] & 0xff;
                        for (length = (length & 0x7f) + 2; length > 0 && out.length() < oemLength; length--) {
                            out.append((char) ((((d[start + out.length()] & 0xff) + correction) & 0xff) | high << 8));
                        }
                    } else {
                        for (length += 2; length > 0 && out.length() < oemLength; length--) {
                            out.append((char) (d[start + out.length()] & 0xff));
                        }
                    }
                }
            }
            flags = flags << 2 & 0xff;
            flagBits -= 2;
        }
        return out.toString();
    }

    // ---- self-extracting archives ------------------------------------------------------------------------------

    /**
     * Where a RAR archive appended to a program starts (a self-extracting archive: LiberalFace's SFX dropped
     * {@code K7SysMon.exe} + {@code K7SysMn1.dll} + a decoy), or -1. A signature counts only when the main archive
     * header after it carries a correct CRC (CRC32 for RAR 5, its low 16 bits for RAR 4), so the signature bytes
     * the SFX module's own code holds are not taken for an archive.
     */
    static int selfExtractingStart(byte[] d) {
        for (int i = 1; i + SIGNATURE_4.length <= d.length; i++) {
            if (d[i] != 'R' || d[i + 1] != 'a' || d[i + 2] != 'r' || d[i + 3] != '!' || d[i + 4] != 0x1a
                    || d[i + 5] != 0x07) {
                continue;
            }
            if (d[i + 6] == 0x01 && i + 8 <= d.length && d[i + 7] == 0 && mainHeader5(d, i + 8)) {
                return i;
            }
            if (d[i + 6] == 0x00 && mainHeader4(d, i + 7)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean mainHeader5(byte[] d, int p) {
        try {
            Cursor c = new Cursor(d, p + 4);
            long size = c.vint();
            if (size < 2 || size > d.length - c.p) {
                return false;
            }
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(d, p + 4, c.p - (p + 4) + (int) size);
            c.limit = c.p + (int) size;
            return c.vint() == 1 && crc.getValue() == u32(d, p);
        } catch (Malformed e) {
            return false;
        }
    }

    private static boolean mainHeader4(byte[] d, int p) {
        if (p + 7 > d.length || (d[p + 2] & 0xff) != MAIN_HEAD) {
            return false;
        }
        int headSize = u16(d, p + 5);
        if (headSize < 7 || p + headSize > d.length) {
            return false;
        }
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(d, p + 2, headSize - 2);
        return (crc.getValue() & 0xffff) == u16(d, p);
    }

    // ---- shared ------------------------------------------------------------------------------------------------

    private static byte[] stored(byte[] d, int start, long size, ExtractionBudget budget)
            throws LimitExceededException {
        if (size > budget.limits().maxMemberBytes()) {
            throw new LimitExceededException("member_bytes", budget.limits().maxMemberBytes());
        }
        budget.bytes(size);
        return java.util.Arrays.copyOfRange(d, start, start + (int) size);
    }

    private static boolean starts(byte[] d, byte[] prefix) {
        if (d.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (d[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static int u16(byte[] d, int p) {
        return (d[p] & 0xff) | (d[p + 1] & 0xff) << 8;
    }

    private static long u32(byte[] d, int p) {
        return (d[p] & 0xffL) | (d[p + 1] & 0xffL) << 8 | (d[p + 2] & 0xffL) << 16 | (d[p + 3] & 0xffL) << 24;
    }

    /** A read position with an end, for vints and fields inside one header. */
    private static final class Cursor {
        final byte[] d;
        int p;
        int limit;

        Cursor(byte[] d, int p) {
            this.d = d;
            this.p = p;
            this.limit = d.length;
        }

        /** RAR 5 vint: 7 bits per byte, low first, high bit set on all but the last; at most 10 bytes. */
        long vint() {
            long v = 0;
            for (int shift = 0; shift < 70; shift += 7) {
                if (p >= limit) {
                    throw new Malformed("RAR5 header field past its header");
                }
                int b = d[p++] & 0xff;
                v |= (long) (b & 0x7f) << shift;
                if ((b & 0x80) == 0) {
                    if (v < 0) {
                        throw new Malformed("RAR5 number out of range");
                    }
                    return v;
                }
            }
            throw new Malformed("RAR5 number longer than 10 bytes");
        }

        void skip(int n) {
            if (n > limit - p) {
                throw new Malformed("RAR5 header field past its header");
            }
            p += n;
        }
    }

    private static final class Malformed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message, null, false, false);
        }
    }
}
