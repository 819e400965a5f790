package kagami.intel.stix.pattern;

/** A STIX pattern that does not follow the patterning grammar (STIX 2.1 §9); {@link #position()} is 0-based. */
public final class StixPatternException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int position;

    public StixPatternException(String message, int position) {
        super(message + " (at character " + (position + 1) + ")");
        this.position = position;
    }

    public int position() {
        return position;
    }
}
