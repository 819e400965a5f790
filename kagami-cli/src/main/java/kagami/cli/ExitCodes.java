package kagami.cli;

/**
 * The exit codes of every {@code kagami} command, documented in README.md ("Exit codes"). Scripts depend on
 * them: change them only together with the README.
 */
public final class ExitCodes {
    /** Everything asked for was done (damaged-but-readable inputs still give 0 unless {@code --strict}). */
    public static final int OK = 0;
    /** The command ran and reports findings the user asked to fail on (detections, a malicious verdict). */
    public static final int FINDINGS = 1;
    /** At least one input could not be processed (not found, wrong format, unreadable); the others were. */
    public static final int INPUT_ERROR = 2;
    /** {@code --strict} was given and at least one warning was reported (damaged record, checksum mismatch). */
    public static final int STRICT_WARNINGS = 3;
    /** Bad command line: unknown option, missing argument (sysexits.h EX_USAGE). */
    public static final int USAGE = 64;
    /** An internal error, i.e. a bug in Kagami (sysexits.h EX_SOFTWARE); please report it. */
    public static final int INTERNAL = 70;

    private ExitCodes() {
    }
}
