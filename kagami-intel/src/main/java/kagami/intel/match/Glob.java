package kagami.intel.match;

/**
 * A case-insensitive glob ({@code *} any run, {@code ?} one character; Windows {@code %VAR%} placeholders count as
 * {@code *}) matched in O(pattern × text) time with the classic single-backtrack algorithm: no regular expression,
 * so no catastrophic backtracking whatever the indicator feed contains.
 */
final class Glob {
    private final String pattern;
    private final String original;

    Glob(String glob) {
        this.original = glob;
        this.pattern = glob.toLowerCase(java.util.Locale.ROOT).replaceAll("%[a-z0-9_()]+%", "*");
    }

    String original() {
        return original;
    }

    /** Whether {@code text} (already lower-case) matches. */
    boolean matches(String text) {
        int p = 0;
        int t = 0;
        int star = -1;
        int mark = 0;
        int pn = pattern.length();
        int tn = text.length();
        while (t < tn) {
            if (p < pn && (pattern.charAt(p) == '?' || pattern.charAt(p) == text.charAt(t))) {
                p++;
                t++;
            } else if (p < pn && pattern.charAt(p) == '*') {
                star = p++;
                mark = t;
            } else if (star >= 0) {
                p = star + 1;
                t = ++mark;
            } else {
                return false;
            }
        }
        while (p < pn && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pn;
    }
}
