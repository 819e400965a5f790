package kagami.sigma.compile;

import java.io.Serializable;
import java.util.List;

/**
 * A run of plain characters that every match of a regular expression contains, found from the expression's
 * text, so that a value without it is rejected by a substring search before the regex engine runs. RE2/J tries
 * a literal prefix only; most Sigma {@code re} values start with a class, a group or {@code (?i)}, yet contain a
 * literal such as {@code \$VerbosePreference\.ToString\(} or {@code \lib\site-packages\} that every match
 * needs (the same "required literal" prefilter the Rust {@code regex} crate and Hyperscan use).
 *
 * <p>The analysis is conservative and only ever answers "no literal" when unsure: it reads the top level of the
 * expression (RE2 syntax, Sigma specification appendix "Modifiers": re), gives up on any top-level alternation,
 * on inline flags after the start, on {@code \Q} anywhere, on escapes longer than two characters ({@code \x41},
 * {@code \pL}, {@code \123}), and on a {@code {} that is not a repetition; groups and
 * classes end a run without being looked into; a character made optional by {@code ?}, {@code *} or
 * {@code {0,…}} leaves its run. Case-insensitive expressions ({@code i} sub-modifier or a leading {@code (?i)})
 * keep ASCII runs only and compare characters folded by {@link Text#fold(char)}, which maps every character
 * RE2's simple case folding pairs with an ASCII one (including U+212A KELVIN SIGN and U+017F LONG S) to that
 * character, so the search never rejects what RE2 would match. Immutable.
 */
final class RequiredLiteral implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Shorter literals reject too little to pay for the extra search. */
    static final int MIN_LENGTH = 3;

    private final String literal;
    private final boolean folded;
    /** Case-insensitive search (Wu–Manber over folded characters); null when case-sensitive. */
    private final KeywordSearch search;

    private RequiredLiteral(String literal, boolean folded) {
        this.literal = literal;
        this.folded = folded;
        this.search = folded ? new KeywordSearch(List.of(literal), true) : null;
    }

    /** The literal every match of {@code regex} contains, or null when none of {@link #MIN_LENGTH}+ is certain. */
    static RequiredLiteral of(String regex, boolean caseInsensitive) {
        Scan s = new Scan(regex, caseInsensitive);
        String best = s.run();
        return best == null || best.length() < MIN_LENGTH ? null : new RequiredLiteral(best, s.folded);
    }

    String literal() {
        return literal;
    }

    boolean folded() {
        return folded;
    }

    /** False only if {@code text} cannot hold a match of the expression. */
    boolean mayMatch(String text, Scratch.KeywordHits hits) {
        return folded ? search.find(text, 0, hits) != 0 : text.contains(literal);
    }

    /** One pass over the expression's top level, keeping the longest certain run. */
    private static final class Scan {
        private final String re;
        private boolean folded;
        private int i;
        private final StringBuilder run = new StringBuilder();
        private String best;

        Scan(String re, boolean folded) {
            this.re = re;
            this.folded = folded;
        }

        /** The longest run, or null when the expression's shape is not understood. */
        String run() {
            if (!leadingFlags()) {
                return null;
            }
            while (i < re.length()) {
                char c = re.charAt(i);
                switch (c) {
                    case '|':
                        return null; // a top-level alternative: nothing is required of every match
                    case '(':
                        if (re.startsWith("(?", i) && !re.startsWith("(?:", i) && !re.startsWith("(?P<", i)) {
                            return null; // inline flags mid-expression, or a construct RE2 lacks
                        }
                        if (!skipGroup()) {
                            return null;
                        }
                        atom();
                        break;
                    case '[':
                        if (!skipClass()) {
                            return null;
                        }
                        atom();
                        break;
                    case '\\':
                        if (i + 1 >= re.length()) {
                            return null;
                        }
                        char e = re.charAt(i + 1);
                        i += 2;
                        if (e == 'Q') {
                            return null;
                        }
                        if (e < 128 && !Character.isLetterOrDigit(e)) {
                            literal(e); // an escaped punctuation character is itself
                        } else if ("dDsSwWbBAz".indexOf(e) >= 0) {
                            atom(); // a two-character class or assertion: not a plain character
                        } else {
                            return null; // \x41, \pL, \p{Greek}, \123, \n …: longer escapes, not analysed
                        }
                        break;
                    case ')':
                        return null; // unbalanced
                    case '*':
                    case '+':
                    case '?':
                    case '{':
                        return null; // a repetition with nothing before it: not understood
                    default:
                        i++;
                        if (c == '.' || c == '^' || c == '$') {
                            atom();
                        } else {
                            literal(c);
                        }
                }
                if (!quantifier()) {
                    return null;
                }
            }
            end();
            return best;
        }

        /** {@code (?i)}, {@code (?s)}, {@code (?im)} … at the very start. */
        private boolean leadingFlags() {
            if (!re.startsWith("(?") || re.startsWith("(?:") || re.startsWith("(?P<")) {
                return true;
            }
            int close = re.indexOf(')');
            if (close < 0) {
                return false;
            }
            String flags = re.substring(2, close);
            if (flags.isEmpty() || !flags.chars().allMatch(f -> f == 'i' || f == 'm' || f == 's' || f == 'U')) {
                return false;
            }
            folded |= flags.indexOf('i') >= 0;
            i = close + 1;
            return true;
        }

        /** Whether the last thing read was a character kept in the run (a repetition after it applies to it). */
        private boolean lastWasLiteral;

        private void literal(char c) {
            boolean usable = !Character.isSurrogate(c) && (!folded || c < 128);
            if (!usable) {
                atom();
                return;
            }
            run.append(folded ? Text.fold(c) : c);
            lastWasLiteral = true;
        }

        /** Anything that is not one plain character ends the run. */
        private void atom() {
            end();
            lastWasLiteral = false;
        }

        private void end() {
            if (run.length() > 0 && (best == null || run.length() > best.length())) {
                best = run.toString();
            }
            run.setLength(0);
        }

        /**
         * A repetition after the atom just read. The atom's last character is optional under {@code ?},
         * {@code *} and {@code {0,…}} (dropped from its run) and may repeat under {@code +} and {@code {n,…}}
         * (kept, but the run cannot go on past it).
         */
        private boolean quantifier() {
            if (i >= re.length()) {
                return true;
            }
            char q = re.charAt(i);
            boolean optional;
            if (q == '?' || q == '*') {
                optional = true;
                i++;
            } else if (q == '+') {
                optional = false;
                i++;
            } else if (q == '{') {
                int close = re.indexOf('}', i);
                if (close < 0 || !re.substring(i + 1, close).matches("[0-9]+(,[0-9]*)?")) {
                    return false; // RE2 would read a literal '{' here; not worth the subtlety
                }
                optional = re.charAt(i + 1) == '0' && re.substring(i + 1, close).matches("0+(,[0-9]*)?");
                i = close + 1;
            } else {
                return true;
            }
            if (i < re.length() && re.charAt(i) == '?') {
                i++; // lazy
            }
            if (lastWasLiteral && run.length() > 0) {
                if (optional) {
                    run.setLength(run.length() - 1);
                }
                end();
            }
            lastWasLiteral = false;
            return i >= re.length() || "*+?{".indexOf(re.charAt(i)) < 0; // a repetition of a repetition
        }

        /** Moves past a group, nested groups and classes included. */
        private boolean skipGroup() {
            int depth = 0;
            while (i < re.length()) {
                char c = re.charAt(i);
                if (c == '\\') {
                    if (re.startsWith("\\Q", i)) {
                        return false; // a quoted run could hide ')' or '|'
                    }
                    i += 2;
                    continue;
                }
                if (c == '[') {
                    if (!skipClass()) {
                        return false;
                    }
                    continue;
                }
                i++;
                if (c == '(') {
                    depth++;
                } else if (c == ')' && --depth == 0) {
                    return true;
                }
            }
            return false;
        }

        /** Moves past a class: {@code []a]} and {@code [^]a]} hold a literal {@code ]}; escapes are skipped. */
        private boolean skipClass() {
            int j = i + 1;
            if (j < re.length() && re.charAt(j) == '^') {
                j++;
            }
            if (j < re.length() && re.charAt(j) == ']') {
                j++;
            }
            while (j < re.length()) {
                char c = re.charAt(j);
                if (c == '\\') {
                    if (re.startsWith("\\Q", j)) {
                        return false;
                    }
                    j += 2;
                } else if (c == '[' && re.startsWith("[:", j)) {
                    int close = re.indexOf(":]", j + 2);
                    if (close < 0) {
                        return false;
                    }
                    j = close + 2;
                } else if (c == ']') {
                    i = j + 1;
                    return true;
                } else {
                    j++;
                }
            }
            return false;
        }
    }
}
