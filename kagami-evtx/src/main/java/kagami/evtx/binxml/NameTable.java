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
        return new Name(c.utf16(chars, "name text"));
    }
}
