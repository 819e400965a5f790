package kagami.sigma;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import kagami.core.i18n.Messages;

/**
 * A Sigma rule, filter, correlation or pipeline that cannot be used, with where and why. The reason is a message
 * key of the bundle {@code kagami.sigma.messages} with its arguments, so it can be shown in Japanese or English
 * ({@link #reason(Locale)}); {@link #getMessage()} is the English text.
 */
public class SigmaException extends Exception {
    private static final long serialVersionUID = 1L;
    static final String BUNDLE = "kagami.sigma.messages";

    private final int line;
    private final String key;
    private final List<String> args;

    /** A reason from the bundle: {@code key} with {@code args} (turned into text). */
    public SigmaException(int line, String key, Object... args) {
        super(render(Locale.ENGLISH, key, text(args)));
        this.line = line;
        this.key = key;
        this.args = text(args);
    }

    /** The same reason at another line (e.g. the rule's line when the YAML reader did not know one). */
    public SigmaException atLine(int newLine) {
        return new SigmaException(newLine, key, args.toArray());
    }

    /** 1-based line in the rule file, or 0 when unknown. */
    public int line() {
        return line;
    }

    public String key() {
        return key;
    }

    public List<String> args() {
        return args;
    }

    /** The reason in {@code locale}'s language (Japanese or English). */
    public String reason(Locale locale) {
        return render(locale, key, args);
    }

    static String render(Locale locale, String key, List<String> args) {
        return Messages.load(BUNDLE, locale).get(key, args.toArray());
    }

    private static List<String> text(Object[] args) {
        List<String> out = new ArrayList<>(args.length);
        for (Object a : args) {
            out.add(String.valueOf(a));
        }
        return List.copyOf(out);
    }

    private static List<String> text(List<String> args) {
        return args;
    }
}
