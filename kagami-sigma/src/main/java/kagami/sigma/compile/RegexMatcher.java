package kagami.sigma.compile;

import java.io.Serializable;

/**
 * A rule's {@code re} value, compiled once. RE2/J matches in linear time whatever the pattern, so a hostile
 * regex cannot hang the engine. The few constructs RE2/J lacks (look-around, back-references — outside the
 * Sigma regex subset anyway, appendix "Modifiers": re) fall back to {@code java.util.regex} over an input that
 * stops the match after a fixed number of character reads: such a regex can be slow on one value, never stuck.
 */
final class RegexMatcher implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Character reads one fallback match may make before it is abandoned as "no match". */
    static final long FALLBACK_BUDGET = 1_000_000;

    private final String source;
    private final int flags;
    /** Index of this regex's reusable RE2/J matcher in a {@link Scratch} (distinct regexes of a rule set). */
    final int id;
    private transient com.google.re2j.Pattern re2;
    private transient java.util.regex.Pattern fallback;
    /** A literal every match contains (RE2/J patterns only), checked before the regex runs; or null. */
    private transient RequiredLiteral required;
    private final boolean usesFallback;

    private RegexMatcher(String source, int flags, boolean usesFallback, int id) {
        this.source = source;
        this.flags = flags;
        this.usesFallback = usesFallback;
        this.id = id;
        init();
    }

    private RegexMatcher(String source, int flags, com.google.re2j.Pattern re2, java.util.regex.Pattern fallback,
                         int id) {
        this.source = source;
        this.flags = flags;
        this.id = id;
        this.usesFallback = re2 == null;
        this.re2 = re2;
        this.fallback = fallback;
        this.required = usesFallback ? null : RequiredLiteral.of(source, (flags & 1) != 0);
    }

    /**
     * Compiles {@code regex}; flags are the {@code re} sub-modifiers; {@code id} numbers the distinct regexes of a
     * rule set. Throws IllegalArgumentException if invalid.
     */
    static RegexMatcher compile(String regex, boolean i, boolean m, boolean s, int id) {
        int f = (i ? 1 : 0) | (m ? 2 : 0) | (s ? 4 : 0);
        try {
            return new RegexMatcher(regex, f, com.google.re2j.Pattern.compile(regex, re2Flags(f)), null, id);
        } catch (com.google.re2j.PatternSyntaxException e) {
            try {
                return new RegexMatcher(regex, f, null, java.util.regex.Pattern.compile(regex, javaFlags(f)), id);
            } catch (java.util.regex.PatternSyntaxException j) {
                throw new IllegalArgumentException("invalid regular expression '" + regex + "': "
                        + j.getDescription(), j);
            }
        }
    }

    private static int re2Flags(int f) {
        return ((f & 1) != 0 ? com.google.re2j.Pattern.CASE_INSENSITIVE : 0)
                | ((f & 2) != 0 ? com.google.re2j.Pattern.MULTILINE : 0)
                | ((f & 4) != 0 ? com.google.re2j.Pattern.DOTALL : 0);
    }

    private static int javaFlags(int f) {
        return ((f & 1) != 0 ? java.util.regex.Pattern.CASE_INSENSITIVE | java.util.regex.Pattern.UNICODE_CASE : 0)
                | ((f & 2) != 0 ? java.util.regex.Pattern.MULTILINE : 0)
                | ((f & 4) != 0 ? java.util.regex.Pattern.DOTALL : 0);
    }

    private void init() {
        if (usesFallback) {
            fallback = java.util.regex.Pattern.compile(source, javaFlags(flags));
        } else {
            re2 = com.google.re2j.Pattern.compile(source, re2Flags(flags));
            required = RequiredLiteral.of(source, (flags & 1) != 0);
        }
    }

    private Object readResolve() {
        return new RegexMatcher(source, flags, usesFallback, id);
    }

    boolean usesFallback() {
        return usesFallback;
    }

    /** The literal checked before the regex runs, or null. */
    RequiredLiteral required() {
        return required;
    }

    boolean find(String text) {
        if (!usesFallback) {
            if (required != null && !required.mayMatch(text, new Scratch.KeywordHits())) {
                return false;
            }
            return re2.matcher(text).find();
        }
        return fallbackFind(text);
    }

    /** {@link #find(String)} with the thread's reusable RE2/J matcher from {@code s} (fewer objects per test). */
    boolean find(String text, Scratch s) {
        if (!usesFallback) {
            if (required != null && !required.mayMatch(text, s.keywordHits)) {
                return false;
            }
            return s.regexMatcher(id, re2).reset(text).find();
        }
        return fallbackFind(text);
    }

    private boolean fallbackFind(String text) {
        try {
            return fallback.matcher(new BudgetedText(text, new long[] {FALLBACK_BUDGET})).find();
        } catch (BudgetExceeded e) {
            return false;
        }
    }

    String source() {
        return source;
    }

    private static final class BudgetExceeded extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BudgetExceeded() {
            super(null, null, false, false);
        }
    }

    /** A CharSequence that counts reads and aborts the match when the budget is spent. */
    private static final class BudgetedText implements CharSequence {
        private final String text;
        private final long[] budget;

        BudgetedText(String text, long[] budget) {
            this.text = text;
            this.budget = budget;
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public char charAt(int index) {
            if (--budget[0] < 0) {
                throw new BudgetExceeded();
            }
            return text.charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new BudgetedText(text.substring(start, end), budget);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
