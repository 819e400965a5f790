package kagami.mail.mime;

/**
 * Bounds on what one message may make us read and keep.
 *
 * @param maxLineLength   longest physical line (RFC 5322 2.1.1 allows 998; generous for broken HTML mailers)
 * @param maxHeaderCount  header fields per entity
 * @param maxHeaderLength one unfolded header field
 * @param maxParts        leaf parts per message
 * @param maxNesting      multipart / message nesting depth
 * @param maxPartInMemory decoded bytes of one part kept for analysis; a larger part is hashed and reported
 */
public record MimeLimits(int maxLineLength, int maxHeaderCount, int maxHeaderLength, int maxParts, int maxNesting,
        long maxPartInMemory) {

    public static MimeLimits defaults() {
        return new MimeLimits(1 << 20, 1000, 1 << 16, 500, 20, 64L << 20);
    }
}
