package kagami.hunt.input;

/** Thrown from a sink to end a read after its first event ({@link EventReader#firstEvent}); no stack trace. */
final class FirstEventSeen extends RuntimeException {
    private static final long serialVersionUID = 1L;
    static final FirstEventSeen INSTANCE = new FirstEventSeen();

    private FirstEventSeen() {
        super(null, null, false, false);
    }
}
