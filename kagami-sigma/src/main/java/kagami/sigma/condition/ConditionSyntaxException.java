package kagami.sigma.condition;

import java.util.ArrayList;
import java.util.List;

/**
 * A condition expression that does not follow the Sigma condition grammar. The reason is a message key of
 * {@code kagami.sigma.messages} with arguments, rendered by the caller in the user's language.
 */
public final class ConditionSyntaxException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String key;
    private final List<String> args;

    public ConditionSyntaxException(String key, Object... args) {
        super(key + " " + List.of(args));
        this.key = key;
        List<String> a = new ArrayList<>();
        for (Object o : args) {
            a.add(String.valueOf(o));
        }
        this.args = List.copyOf(a);
    }

    public String key() {
        return key;
    }

    public List<String> args() {
        return args;
    }
}
