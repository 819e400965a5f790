package kagami.sigma.condition;

/** A condition expression that does not follow the Sigma condition grammar. */
public final class ConditionSyntaxException extends Exception {
    private static final long serialVersionUID = 1L;

    public ConditionSyntaxException(String message) {
        super(message);
    }
}
