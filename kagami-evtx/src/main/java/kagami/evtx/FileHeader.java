package kagami.evtx;

import java.util.zip.CRC32;

import kagami.evtx.binxml.LittleEndian;

/**
 * The EVTX file header (libyal EVTX "File header", 4096 bytes of which 128 are used): signature
 * {@code ElfFile\0}, first and last chunk number, next record identifier, header size (128), minor and major
 * version (3.1 since Vista, 3.2 since Windows 10 2004), header block size (4096), number of chunks, flags
 * (0x1 dirty, 0x2 full, 0x4 no CRC32) and the CRC32 of the first 120 bytes.
 *
 * <p>The chunk count is 16 bits and wrong in dirty files, so the reader derives the count from the file size
 * and only reports this one.
 */
record FileHeader(long firstChunk, long lastChunk, long nextRecordId, int headerSize, int minorVersion,
        int majorVersion, int headerBlockSize, int chunkCount, int flags, long checksum, boolean checksumValid) {
    static final int SIZE = 4096;
    static final byte[] SIGNATURE = {'E', 'l', 'f', 'F', 'i', 'l', 'e', 0};
    static final int FLAG_DIRTY = 0x1;
    static final int FLAG_NO_CRC32 = 0x4;

    static boolean hasSignature(byte[] b) {
        if (b.length < 8) {
            return false;
        }
        for (int i = 0; i < 8; i++) {
            if (b[i] != SIGNATURE[i]) {
                return false;
            }
        }
        return true;
    }

    /** Parses a header whose signature the caller has checked. */
    static FileHeader parse(byte[] b) {
        CRC32 crc = new CRC32();
        crc.update(b, 0, 120);
        long checksum = LittleEndian.u32(b, 124);
        return new FileHeader(LittleEndian.i64(b, 8), LittleEndian.i64(b, 16), LittleEndian.i64(b, 24),
                LittleEndian.i32(b, 32), LittleEndian.u16(b, 36), LittleEndian.u16(b, 38), LittleEndian.u16(b, 40),
                LittleEndian.u16(b, 42), LittleEndian.i32(b, 120), checksum, crc.getValue() == checksum);
    }

    boolean dirty() {
        return (flags & FLAG_DIRTY) != 0;
    }

    boolean noChecksum() {
        return (flags & FLAG_NO_CRC32) != 0;
    }
}
