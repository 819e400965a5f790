package kagami.evtx;

import java.util.zip.CRC32;

import kagami.evtx.binxml.LittleEndian;

/**
 * The chunk header (libyal EVTX "Chunk header", 512 bytes): signature {@code ElfChnk\0}, first and last event
 * record number, first and last event record identifier, header size (128), offset of the last event record,
 * free-space offset, CRC32 of the event records data, flags at 120 (0x4: no CRC32), CRC32 of bytes 0-120 and
 * 128-512. Bytes 128-384 hold 64 offsets of common strings (names), bucketed by name hash, and 384-512 32
 * template pointers: hash tables for the writer; a reader can follow name and template offsets directly, which
 * is what we do, so a corrupt table (the {@code security_bad_string_cache} sample) does no harm.
 */
record ChunkHeader(boolean signatureValid, long firstRecordNumber, long lastRecordNumber, long firstRecordId,
        long lastRecordId, int headerSize, int lastRecordOffset, long freeSpaceOffset, long recordsChecksum,
        int flags, long headerChecksum) {
    static final int SIZE = 512;
    static final int CHUNK_SIZE = 65536;
    static final int FLAG_NO_CRC32 = 0x4;
    private static final byte[] SIGNATURE = {'E', 'l', 'f', 'C', 'h', 'n', 'k', 0};

    static ChunkHeader parse(byte[] c) {
        boolean signature = true;
        for (int i = 0; i < 8; i++) {
            if (c[i] != SIGNATURE[i]) {
                signature = false;
                break;
            }
        }
        return new ChunkHeader(signature, LittleEndian.i64(c, 8), LittleEndian.i64(c, 16), LittleEndian.i64(c, 24),
                LittleEndian.i64(c, 32), LittleEndian.i32(c, 40), LittleEndian.i32(c, 44), LittleEndian.u32(c, 48),
                LittleEndian.u32(c, 52), LittleEndian.i32(c, 120), LittleEndian.u32(c, 124));
    }

    boolean noChecksum() {
        return (flags & FLAG_NO_CRC32) != 0;
    }

    /** CRC32 of bytes 0-120 and 128-512 of the chunk. */
    static long computeHeaderChecksum(byte[] c) {
        CRC32 crc = new CRC32();
        crc.update(c, 0, 120);
        crc.update(c, 128, SIZE - 128);
        return crc.getValue();
    }

    /** CRC32 of the event records, bytes 512 up to the free-space offset. */
    static long computeRecordsChecksum(byte[] c, int freeSpaceOffset) {
        CRC32 crc = new CRC32();
        crc.update(c, SIZE, freeSpaceOffset - SIZE);
        return crc.getValue();
    }
}
