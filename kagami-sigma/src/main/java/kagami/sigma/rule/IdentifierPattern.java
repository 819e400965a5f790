package kagami.sigma.rule;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import kagami.sigma.condition.Condition;

/** Expands {@code 1 of selection_*} / {@code all of them} to the search identifiers they cover. */
public final class IdentifierPattern {
    private IdentifierPattern() {
    }

    /**
     * The identifiers of {@code names} (in order) that {@code q}'s pattern covers. {@code them} covers every
     * identifier not starting with {@code _} (Sigma specification: identifiers prefixed with an underscore are
     * excluded from {@code them}).
     */
    public static List<String> expand(Condition.Quantified q, Collection<String> names) {
        List<String> out = new ArrayList<>();
        for (String n : names) {
            if (q.isThem() ? !n.startsWith("_") : matches(q.pattern(), n)) {
                out.add(n);
            }
        }
        return out;
    }

    /** Glob match with {@code *} only, case-sensitive, iterative (no backtracking blow-up). */
    static boolean matches(String pattern, String s) {
        int p = 0;
        int i = 0;
        int star = -1;
        int mark = 0;
        while (i < s.length()) {
            if (p < pattern.length() && pattern.charAt(p) != '*' && pattern.charAt(p) == s.charAt(i)) {
                p++;
                i++;
            } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                mark = i;
            } else if (star >= 0) {
                p = star + 1;
                i = ++mark;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }
}
