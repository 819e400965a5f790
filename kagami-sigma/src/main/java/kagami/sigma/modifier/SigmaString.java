package kagami.sigma.modifier;

import java.io.Serializable;
import java.util.Arrays;

/**
 * A Sigma string value: literal characters and the wildcards {@code *} (any run) and {@code ?} (one character),
 * plus the "any dash" class the {@code windash} modifier introduces. Kept as code units where negative numbers
 * are the special elements, so matching needs no parsing.
 *
 * <p>Escapes follow the Sigma specification ("Escaping"): a backslash before {@code *}, {@code ?} or another
 * backslash makes that character literal; any other backslash is itself literal ({@code C:\Windows} needs no
 * doubling).
 */
public final class SigmaString implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final int ANY_RUN = -1;
    public static final int ANY_ONE = -2;
    public static final int ANY_DASH = -3;

    /** The characters {@code windash} treats as interchangeable (appendix "Modifiers": windash). */
    public static final String DASHES = "-/\u2013\u2014\u2015";

    private final int[] codes;

    private SigmaString(int[] codes) {
        this.codes = codes;
    }

    /** Parses a rule value with wildcards and escapes. */
    public static SigmaString parse(String s) {
        int[] out = new int[s.length()];
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length() && "*?\\".indexOf(s.charAt(i + 1)) >= 0) {
                out[n++] = s.charAt(++i);
            } else if (c == '*') {
                out[n++] = ANY_RUN;
            } else if (c == '?') {
                out[n++] = ANY_ONE;
            } else {
                out[n++] = c;
            }
        }
        return new SigmaString(Arrays.copyOf(out, n));
    }

    /** A value taken literally (numbers, booleans, and the results of encodings). */
    public static SigmaString literal(String s) {
        int[] out = new int[s.length()];
        for (int i = 0; i < s.length(); i++) {
            out[i] = s.charAt(i);
        }
        return new SigmaString(out);
    }

    public static SigmaString of(int[] codes) {
        return new SigmaString(codes.clone());
    }

    public int[] codes() {
        return codes.clone();
    }

    public int length() {
        return codes.length;
    }

    public int at(int i) {
        return codes[i];
    }

    public boolean hasSpecials() {
        for (int c : codes) {
            if (c < 0) {
                return true;
            }
        }
        return false;
    }

    /** Whether only the ends carry {@code *} (so it is an equals/startswith/endswith/contains literal). */
    public boolean isLiteralWithOuterRuns() {
        int start = 0;
        int end = codes.length;
        if (start < end && codes[start] == ANY_RUN) {
            start++;
        }
        if (end > start && codes[end - 1] == ANY_RUN) {
            end--;
        }
        for (int i = start; i < end; i++) {
            if (codes[i] < 0) {
                return false;
            }
        }
        return true;
    }

    public boolean startsWithRun() {
        return codes.length > 0 && codes[0] == ANY_RUN;
    }

    public boolean endsWithRun() {
        return codes.length > 0 && codes[codes.length - 1] == ANY_RUN;
    }

    /** The characters between optional outer {@code *}s; only meaningful if {@link #isLiteralWithOuterRuns()}. */
    public String innerLiteral() {
        int start = startsWithRun() ? 1 : 0;
        int end = codes.length;
        if (end > start && codes[end - 1] == ANY_RUN) {
            end--;
        }
        StringBuilder b = new StringBuilder(Math.max(0, end - start));
        for (int i = start; i < end; i++) {
            b.append((char) codes[i]);
        }
        return b.toString();
    }

    /** The plain text of a value without specials; throws if it has any. */
    public String plain() {
        StringBuilder b = new StringBuilder(codes.length);
        for (int c : codes) {
            if (c < 0) {
                throw new IllegalStateException("value has wildcards");
            }
            b.append((char) c);
        }
        return b.toString();
    }

    public SigmaString prependRun() {
        if (startsWithRun()) {
            return this;
        }
        int[] out = new int[codes.length + 1];
        out[0] = ANY_RUN;
        System.arraycopy(codes, 0, out, 1, codes.length);
        return new SigmaString(out);
    }

    public SigmaString appendRun() {
        if (endsWithRun()) {
            return this;
        }
        int[] out = Arrays.copyOf(codes, codes.length + 1);
        out[codes.length] = ANY_RUN;
        return new SigmaString(out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SigmaString s && Arrays.equals(codes, s.codes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(codes);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (int c : codes) {
            switch (c) {
                case ANY_RUN -> b.append('*');
                case ANY_ONE -> b.append('?');
                case ANY_DASH -> b.append("[-/\u2013\u2014\u2015]");
                default -> {
                    if (c == '*' || c == '?' || c == '\\') {
                        b.append('\\');
                    }
                    b.append((char) c);
                }
            }
        }
        return b.toString();
    }
}
