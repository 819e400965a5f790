package kagami.evtx.binxml;

import java.util.HashMap;
import java.util.Map;

/**
 * The names of one chunk, by chunk offset (libyal EVTX "Name"; the chunk header's 64 common-string hash
 * buckets index the same records, but we follow offsets instead: a damaged bucket table — the
 * {@code security_bad_string_cache} sample — then costs nothing). Decoded once per chunk.
 */
public final class NameTable {
    private final byte[] chunk;
    private final Map<Integer, Name> byOffset = new HashMap<>();

    public NameTable(byte[] chunk) {
        this.chunk = chunk;
    }

    public Name nameAt(int offset) {
        Name n = byOffset.get(offset);
        if (n == null) {
            n = read(offset);
            byOffset.put(offset, n);
        }
        return n;
    }

    private Name read(int offset) {
        // Name record: next-name offset (4), hash (2), character count (2), UTF-16LE text, NUL.
        BinXmlCursor c = new BinXmlCursor(chunk, Math.min(offset, chunk.length), chunk.length);
        if (offset >= chunk.length) {
            throw new BinXmlException(offset, "name offset " + offset + " lies outside the chunk");
        }
        c.skip(6, "name header");
        int chars = c.u16("name length");
        int start = c.position();
        if (chars == 0 || chars > MAX_REMEMBERED_LENGTH || start + 2 * chars > chunk.length) {
            return new Name(c.utf16(chars, "name text"));
        }
        int h = chars;
        for (int p = start, end = start + 2 * chars; p < end; p += 2) {
            h = h * 31 + ((chunk[p] & 0xff) | (chunk[p + 1] & 0xff) << 8);
        }
        Name[] recent = RECENT.get();
        int slot = (h ^ h >>> 16) & (recent.length - 1);
        Name n = recent[slot];
        if (n != null && n.spelledAs(chunk, start, chars)) {
            return n;
        }
        n = new Name(c.utf16(chars, "name text"));
        recent[slot] = n;
        return n;
    }

    /**
     * Names this thread decoded lately, by their UTF-16 text (one per slot, the last one wins): every chunk of a log
     * stores the same few hundred names again, and decoding and pre-escaping them for each chunk was a tenth of
     * parsing. A name is reused only when its text equals the chunk's, so what is read never depends on the cache.
     */
    private static final ThreadLocal<Name[]> RECENT = ThreadLocal.withInitial(() -> new Name[1024]);
    /** Longer names (only in odd or hostile files) are decoded every time. */
    private static final int MAX_REMEMBERED_LENGTH = 128;
}
