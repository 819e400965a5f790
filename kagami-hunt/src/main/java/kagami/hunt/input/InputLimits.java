package kagami.hunt.input;

/**
 * Bounds on what archives may expand to (hostile input: decompression bombs, million-member ZIPs, endless
 * nesting). Reaching one reports the input as {@link SkippedInput.Reason#LIMIT_EXCEEDED}, never as clean.
 *
 * @param maxMembers        members read from one archive
 * @param maxMemberBytes    decompressed bytes of one member or gzip stream
 * @param maxTotalBytes     decompressed bytes of all archives of one run together
 * @param maxRatio          decompressed / compressed bytes of one member (after the first MiB)
 * @param maxNesting        archives within archives
 */
public record InputLimits(int maxMembers, long maxMemberBytes, long maxTotalBytes, int maxRatio, int maxNesting) {
    public InputLimits {
        if (maxMembers < 1 || maxMemberBytes < 1 || maxTotalBytes < 1 || maxRatio < 1 || maxNesting < 0) {
            throw new IllegalArgumentException("input limits must be positive");
        }
    }

    /** 100,000 members, 8 GiB per member, 64 GiB in all, ratio 1,000, three levels of nesting. */
    public static InputLimits defaults() {
        return new InputLimits(100_000, 8L << 30, 64L << 30, 1000, 3);
    }
}
