package kagami.sigma.compile;

import java.io.Serializable;

import kagami.sigma.modifier.SigmaString;

/**
 * One string condition on a value after all modifiers: a literal with a position (equals, startswith, endswith,
 * contains) or a glob with {@code *}, {@code ?} and the windash class. Matching is linear for literals and at
 * worst O(n·m) for globs (iterative, no backtracking explosion).
 */
final class TextPattern implements Serializable {
    private static final long serialVersionUID = 1L;

    enum Kind { EQUALS, STARTSWITH, ENDSWITH, CONTAINS, GLOB }

    final Kind kind;
    final String literal;   // for literal kinds; folded unless cased
    final int[] glob;       // for GLOB; literal codes folded unless cased
    final boolean cased;

    private TextPattern(Kind kind, String literal, int[] glob, boolean cased) {
        this.kind = kind;
        this.literal = literal;
        this.glob = glob;
        this.cased = cased;
    }

    static TextPattern of(SigmaString s, boolean cased) {
        if (s.isLiteralWithOuterRuns()) {
            String inner = s.innerLiteral();
            if (!cased) {
                inner = Text.fold(inner);
            }
            boolean lead = s.startsWithRun();
            boolean trail = s.endsWithRun() && s.length() > (lead ? 1 : 0);
            Kind k = lead && trail ? Kind.CONTAINS : lead ? Kind.ENDSWITH : trail ? Kind.STARTSWITH : Kind.EQUALS;
            if (s.length() == 1 && lead) {
                k = Kind.CONTAINS; // a lone '*': any value
            }
            return new TextPattern(k, inner, null, cased);
        }
        int[] codes = s.codes();
        if (!cased) {
            for (int i = 0; i < codes.length; i++) {
                if (codes[i] >= 0) {
                    codes[i] = Text.fold((char) codes[i]);
                }
            }
        }
        return new TextPattern(Kind.GLOB, null, codes, cased);
    }

    boolean isLiteral() {
        return kind != Kind.GLOB;
    }

    boolean matches(String s) {
        switch (kind) {
            case EQUALS:
                return s.length() == literal.length() && s.regionMatches(!cased, 0, literal, 0, literal.length());
            case STARTSWITH:
                return s.regionMatches(!cased, 0, literal, 0, literal.length());
            case ENDSWITH:
                return s.length() >= literal.length()
                        && s.regionMatches(!cased, s.length() - literal.length(), literal, 0, literal.length());
            case CONTAINS:
                return contains(s);
            default:
                return globMatches(s);
        }
    }

    /** Substring search that only tries positions whose first character matches (no per-position folding calls). */
    private boolean contains(String s) {
        int m = literal.length();
        if (m == 0) {
            return true;
        }
        char first = literal.charAt(0);
        char upper = cased ? first : Character.toUpperCase(first);
        int last = s.length() - m;
        for (int i = 0; i <= last; i++) {
            char c = s.charAt(i);
            if ((c == first || c == upper || (!cased && c >= 128 && Text.fold(c) == first))
                    && s.regionMatches(!cased, i + 1, literal, 1, m - 1)) {
                return true;
            }
        }
        return false;
    }

    private boolean charMatches(int p, char c) {
        if (p == SigmaString.ANY_ONE) {
            return true;
        }
        if (p == SigmaString.ANY_DASH) {
            return SigmaString.DASHES.indexOf(c) >= 0;
        }
        return p == (cased ? c : Text.fold(c));
    }

    private boolean globMatches(String s) {
        int[] p = glob;
        int pi = 0;
        int si = 0;
        int star = -1;
        int mark = 0;
        int n = s.length();
        while (si < n) {
            if (pi < p.length && p[pi] != SigmaString.ANY_RUN && charMatches(p[pi], s.charAt(si))) {
                pi++;
                si++;
            } else if (pi < p.length && p[pi] == SigmaString.ANY_RUN) {
                star = pi++;
                mark = si;
            } else if (star >= 0) {
                pi = star + 1;
                si = ++mark;
            } else {
                return false;
            }
        }
        while (pi < p.length && p[pi] == SigmaString.ANY_RUN) {
            pi++;
        }
        return pi == p.length;
    }

    @Override
    public String toString() {
        return kind + (literal != null ? "'" + literal + "'" : "") + (cased ? " cased" : "");
    }
}
