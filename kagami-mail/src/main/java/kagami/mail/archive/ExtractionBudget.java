package kagami.mail.archive;

import kagami.core.io.LimitExceededException;

/**
 * The bounds of one message's recursive unpacking, shared by every container in it: nesting depth, members,
 * total bytes produced, bytes per member, expansion ratio and wall-clock time. Reaching any of them raises
 * {@link LimitExceededException}, which the caller turns into "not fully analysed" for that path.
 */
public final class ExtractionBudget {
    /** The configured bounds. */
    public record Limits(int maxDepth, int maxMembers, long maxTotalBytes, long maxMemberBytes, long maxRatio,
            long maxMillis) {
        /** Defaults sized for a 512 MiB heap. */
        public static Limits defaults() {
            return new Limits(10, 2000, 256L << 20, 64L << 20, 200, 60_000);
        }
    }

    private final Limits limits;
    private final long deadline;
    private long totalBytes;
    private int members;

    public ExtractionBudget(Limits limits) {
        this.limits = limits;
        this.deadline = System.nanoTime() + limits.maxMillis() * 1_000_000L;
    }

    public Limits limits() {
        return limits;
    }

    public void checkDepth(int depth) throws LimitExceededException {
        if (depth > limits.maxDepth()) {
            throw new LimitExceededException("depth", limits.maxDepth());
        }
    }

    public void checkTime() throws LimitExceededException {
        if (System.nanoTime() > deadline) {
            throw new LimitExceededException("time_ms", limits.maxMillis());
        }
    }

    /** Counts one more member taken out of a container. */
    public void member() throws LimitExceededException {
        if (++members > limits.maxMembers()) {
            throw new LimitExceededException("members", limits.maxMembers());
        }
        checkTime();
    }

    /** Accounts {@code n} more bytes produced by decompression. */
    public void bytes(long n) throws LimitExceededException {
        totalBytes += n;
        if (totalBytes > limits.maxTotalBytes()) {
            throw new LimitExceededException("total_bytes", limits.maxTotalBytes());
        }
    }

    /** The most bytes a member of {@code compressed} bytes may expand to before it counts as a bomb. */
    public long memberCap(long compressed) {
        long byRatio = compressed > 0 ? Math.max(1L << 20, compressed * limits.maxRatio()) : Long.MAX_VALUE;
        return Math.min(limits.maxMemberBytes(), byRatio);
    }
}
