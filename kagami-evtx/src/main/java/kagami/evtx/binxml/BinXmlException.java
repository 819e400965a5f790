package kagami.evtx.binxml;

/**
 * Malformed Binary XML inside a chunk: a token, name, template or value that does not fit the format or the
 * bytes available. Carries the chunk-relative offset where the problem was found; the chunk reader turns it
 * into a warning (or an {@code EvtxFormatException}) with the file offset.
 */
public final class BinXmlException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int chunkOffset;

    public BinXmlException(int chunkOffset, String message) {
        super(message, null, false, false);
        this.chunkOffset = chunkOffset;
    }

    /** Offset of the problem, relative to the start of the chunk. */
    public int chunkOffset() {
        return chunkOffset;
    }
}
