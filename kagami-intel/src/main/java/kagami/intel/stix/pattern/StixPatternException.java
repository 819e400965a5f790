package kagami.intel.stix.pattern;

import kagami.intel.IntelMessage;

/**
 * A STIX pattern that does not follow the patterning grammar (STIX 2.1 §9): why, as an {@link IntelMessage} of
 * kagami-intel's bundle, and where ({@link #position()}, 0-based).
 */
public final class StixPatternException extends Exception {
    private static final long serialVersionUID = 1L;
    private final IntelMessage reason;
    private final int position;

    /** The reason is the message {@code key} with {@code args}; {@code position} is 0-based. */
    public StixPatternException(int position, String key, Object... args) {
        super(null, null, false, false);
        this.reason = IntelMessage.of(key, args);
        this.position = position;
    }

    public int position() {
        return position;
    }

    /** What is wrong, without the position. */
    public IntelMessage reason() {
        return reason;
    }

    /** What is wrong and at which character (1-based, as an editor counts). */
    public IntelMessage text() {
        return IntelMessage.of("pattern.at", reason, position + 1);
    }

    @Override
    public String getMessage() {
        return text().toString();
    }
}
