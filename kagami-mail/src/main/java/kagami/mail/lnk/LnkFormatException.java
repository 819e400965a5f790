package kagami.mail.lnk;

/** The bytes are not a shell link, or a structure runs past the end of the file; names the offset. */
public final class LnkFormatException extends Exception {
    private static final long serialVersionUID = 1L;
    private final long offset;

    public LnkFormatException(String message, long offset) {
        super(message);
        this.offset = offset;
    }

    /** File offset of the structure that could not be read. */
    public long offset() {
        return offset;
    }
}
