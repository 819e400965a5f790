package kagami.intel.stix.pattern;

import java.util.Optional;

/**
 * Globs ({@code *} any run, {@code ?} one character) in STIX comparisons. {@code LIKE} (STIX 2.1 §9.7, SQL
 * semantics: {@code %} and {@code _}) is used when the glob has no literal {@code %} or {@code _}, since LIKE has no
 * escape character; otherwise an anchored {@code MATCHES} regular expression. Only these two shapes are read back,
 * so extraction never has to understand arbitrary regular expressions.
 */
public final class Wildcards {
    private static final String REGEX_META = "\\.^$|?*+()[]{}";

    private Wildcards() {
    }

    static String comparison(String glob) {
        if (glob.indexOf('%') < 0 && glob.indexOf('_') < 0) {
            return "LIKE " + Literal.quote(glob.replace('*', '%').replace('?', '_'));
        }
        return "MATCHES " + Literal.quote("^" + regex(glob) + "$");
    }

    /** A glob as an unanchored regular expression: literals escaped, {@code *} → {@code .*}, {@code ?} → {@code .}. */
    public static String regex(String glob) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*') {
                re.append(".*");
            } else if (c == '?') {
                re.append('.');
            } else {
                if (REGEX_META.indexOf(c) >= 0) {
                    re.append('\\');
                }
                re.append(c);
            }
        }
        return re.toString();
    }

    static Optional<String> fromLike(String like) {
        if (like.indexOf('*') >= 0 || like.indexOf('?') >= 0) {
            return Optional.empty();
        }
        return Optional.of(like.replace('%', '*').replace('_', '?'));
    }

    /** Whether the final {@code $} is escaped (an odd number of backslashes before it), i.e. a literal dollar. */
    public static boolean escapedEnd(String re) {
        int n = 0;
        for (int i = re.length() - 2; i >= 0 && re.charAt(i) == '\\'; i--) {
            n++;
        }
        return n % 2 == 1;
    }

    /** The glob for {@code ^...$} built from escaped literals, {@code .*} and {@code .}; empty for anything else. */
    public static Optional<String> fromRegex(String re) {
        if (!re.startsWith("^") || !re.endsWith("$") || re.length() < 2 || escapedEnd(re)) {
            return Optional.empty();
        }
        String body = re.substring(1, re.length() - 1);
        StringBuilder glob = new StringBuilder();
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\\') {
                if (i + 1 >= body.length() || REGEX_META.indexOf(body.charAt(i + 1)) < 0) {
                    return Optional.empty();
                }
                char lit = body.charAt(++i);
                if (lit == '*' || lit == '?') {
                    return Optional.empty();
                }
                glob.append(lit);
            } else if (c == '.') {
                if (i + 1 < body.length() && body.charAt(i + 1) == '*') {
                    glob.append('*');
                    i++;
                } else {
                    glob.append('?');
                }
            } else if (REGEX_META.indexOf(c) >= 0) {
                return Optional.empty();
            } else {
                glob.append(c);
            }
        }
        return Optional.of(glob.toString());
    }
}
