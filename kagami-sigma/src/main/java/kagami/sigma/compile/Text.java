package kagami.sigma.compile;

import java.util.List;

/** How field values are compared: as text, case-folded the way Sigma's default case-insensitive matching needs. */
final class Text {
    private Text() {
    }

    /**
     * {@link #fold(char)} of every non-ASCII UTF-16 unit, computed once (128 KiB): event text holds enough
     * non-ASCII characters that two case-mapping look-ups per character showed in profiles.
     */
    private static final char[] FOLDED = new char[Character.MAX_VALUE + 1];

    static {
        for (int c = 128; c <= Character.MAX_VALUE; c++) {
            FOLDED[c] = Character.toLowerCase(Character.toUpperCase((char) c));
        }
    }

    /** Case folding per character, allocation-free; ASCII fast path. Same rule as {@link String#equalsIgnoreCase}. */
    static char fold(char c) {
        if (c < 128) {
            return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
        }
        return FOLDED[c];
    }

    static String fold(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            b.append(fold(s.charAt(i)));
        }
        return b.toString();
    }

    /**
     * The text form of a field value, as every Kagami consumer writes it (brief, "Event conventions"): Long as
     * decimal, Boolean as true/false; null for absent values and for lists (callers iterate those).
     */
    static String of(Object v) {
        if (v instanceof String s) {
            return s;
        }
        if (v == null || v instanceof List<?>) {
            return null;
        }
        if (v instanceof Long l) {
            return Long.toString(l);
        }
        if (v instanceof Boolean b) {
            return b ? "true" : "false";
        }
        return v.toString();
    }

    /** Case-insensitive (unless {@code cased}) substring search; naive but allocation-free. */
    static int indexOf(String s, String needle, boolean cased) {
        int n = s.length();
        int m = needle.length();
        for (int i = 0; i + m <= n; i++) {
            if (s.regionMatches(!cased, i, needle, 0, m)) {
                return i;
            }
        }
        return -1;
    }
}
