package kagami.intel;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import kagami.core.i18n.Messages;

/**
 * A user-facing text of kagami-intel (an error, a warning, a location in an input): a key of the bundle
 * {@value #BUNDLE} with its arguments, rendered in Japanese or English when it is shown ({@link #text(Locale)}).
 * Arguments that are themselves messages (a location inside an error, the reason a value is invalid) are rendered
 * in the same language.
 *
 * <p>Text arguments come from hostile inputs (values, file names, ids), so they are made safe for a terminal here,
 * once for every message: control characters and bidirectional overrides are shown as Java-style {@code \\u} escapes (four hex digits) and
 * overlong texts are cut, so an input cannot move the cursor, recolour the screen or reorder what the user reads.
 *
 * @param key  message key
 * @param args arguments: {@link String}s and nested {@link IntelMessage}s (anything else is turned into text)
 */
public record IntelMessage(String key, List<Object> args) implements Serializable {
    /** The bundle of kagami-intel's texts ({@code messages.properties}, {@code messages_ja.properties}). */
    public static final String BUNDLE = "kagami.intel.messages";
    /** Longest text argument shown; longer ones are cut (values are rarely this long, hostile ones are). */
    public static final int MAX_ARGUMENT = 200;

    public IntelMessage {
        Objects.requireNonNull(key, "key");
        List<Object> safe = new ArrayList<>(args.size());
        for (Object a : args) {
            safe.add(a instanceof IntelMessage m ? m : shown(String.valueOf(a)));
        }
        args = List.copyOf(safe);
    }

    /** The message {@code key} with {@code args}. */
    public static IntelMessage of(String key, Object... args) {
        return new IntelMessage(key, List.of(args.length == 0 ? new Object[0] : nullsAsText(args)));
    }

    private static Object[] nullsAsText(Object[] args) {
        Object[] out = args.clone();
        for (int i = 0; i < out.length; i++) {
            if (out[i] == null) {
                out[i] = "";
            }
        }
        return out;
    }

    /** The text in {@code locale}'s language (Japanese, else English). */
    public String text(Locale locale) {
        return render(Messages.load(BUNDLE, locale));
    }

    private String render(Messages m) {
        Object[] a = new Object[args.size()];
        for (int i = 0; i < a.length; i++) {
            Object x = args.get(i);
            a[i] = x instanceof IntelMessage nested ? nested.render(m) : x;
        }
        return m.get(key, a);
    }

    /** The English text. */
    @Override
    public String toString() {
        return text(Locale.ENGLISH);
    }

    /** {@code s} as it may be shown: control and bidi-override characters escaped, at most {@link #MAX_ARGUMENT}. */
    static String shown(String s) {
        StringBuilder sb = null;
        int n = Math.min(s.length(), MAX_ARGUMENT);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            boolean unsafe = c < 0x20 || (c >= 0x7f && c <= 0x9f) || (c >= 0x202a && c <= 0x202e)
                    || (c >= 0x2066 && c <= 0x2069) || c == 0x200e || c == 0x200f || c == 0x061c;
            if (unsafe && sb == null) {
                sb = new StringBuilder(n + 16).append(s, 0, i);
            }
            if (sb != null) {
                if (unsafe) {
                    sb.append(String.format("\\u%04x", (int) c));
                } else {
                    sb.append(c);
                }
            }
        }
        String out = sb != null ? sb.toString() : n < s.length() ? s.substring(0, n) : s;
        return n < s.length() ? out + "..." : out;
    }
}
