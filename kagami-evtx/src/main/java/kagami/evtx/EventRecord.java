package kagami.evtx;

import kagami.evtx.binxml.LittleEndian;

/**
 * The event record header (libyal EVTX "Event record"): signature {@code **\0\0}, size (including the
 * signature and the trailing copy of the size), event record identifier, written time (FILETIME), then the
 * Binary XML event and a copy of the size.
 */
record EventRecord(int offset, int size, long recordId, long writtenTime) {
    static final int HEADER_SIZE = 24;
    /** Header plus the trailing size copy: the smallest possible record. */
    static final int MIN_SIZE = HEADER_SIZE + 4;
    static final int SIGNATURE = 0x00002a2a;

    static boolean signatureAt(byte[] c, int off) {
        return c[off] == 0x2a && c[off + 1] == 0x2a && c[off + 2] == 0 && c[off + 3] == 0;
    }

    /** The header at {@code off}; the caller has checked that 24 bytes are there. */
    static EventRecord at(byte[] c, int off) {
        return new EventRecord(off, LittleEndian.i32(c, off + 4), LittleEndian.i64(c, off + 8), LittleEndian.i64(c, off + 16));
    }

    /** Whether the size is plausible and the record lies within {@code limit}. */
    boolean sizeFits(int limit) {
        return size >= MIN_SIZE && size <= limit - offset;
    }

    /** The trailing copy of the size; only valid when {@link #sizeFits}. */
    int sizeCopy(byte[] c) {
        return LittleEndian.i32(c, offset + size - 4);
    }

    int binXmlStart() {
        return offset + HEADER_SIZE;
    }

    int binXmlEnd() {
        return offset + size - 4;
    }
}
