package kagami.sigma.compile;

import java.io.Serializable;
import java.util.List;

/**
 * Which keywords of a keyword list occur in a text. Keyword lists (Sigma specification, "Lists": a search
 * identifier that is a plain list of values) are looked for in every field of every candidate event, and a rule
 * such as SigmaHQ's "Mimikatz Use" ({@code logsource: product: windows} only) is a candidate for every event of
 * every log, so this is the engine's hottest loop on logs where nothing matches.
 *
 * <p>Keywords at least {@link #MIN_SHIFT_LENGTH} characters long are found with Wu and Manber's shift table
 * (S. Wu, U. Manber, "A fast algorithm for multi-pattern searching", TR-94-17, 1994): a window as long as the
 * shortest keyword slides over the text, and the last two characters of the window say how far it may move
 * without passing an occurrence; only windows whose last two characters end some keyword's prefix are verified.
 * On text without keywords it reads about one character in {@code shortest - 1}, where an automaton reads all of
 * them. Shorter keyword sets use the Aho–Corasick automaton behind a rare-character prefilter ({@link Sentinels}).
 *
 * <p>Case-insensitive search compares characters folded by {@link Text#fold(char)}, the rule every other
 * case-insensitive test of the engine uses ({@link String#regionMatches(boolean, int, String, int, int)} with
 * {@code ignoreCase}), so a keyword is found here exactly when {@link TextPattern#matches} finds it. Immutable.
 */
final class KeywordSearch implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Keywords shorter than this leave too little room to shift; they use the automaton. */
    static final int MIN_SHIFT_LENGTH = 4;
    /** Most keywords per search: found keywords are reported as bits of a {@code long}. */
    static final int MAX_KEYWORDS = 64;
    /** Window length cap: longer windows rarely shift further in event text and would need a wider table. */
    private static final int MAX_WINDOW = 64;
    private static final int BLOCK_BITS = 7;

    private final char[][] keywords;
    private final boolean folded;
    /** Window length: the shortest keyword's length, capped at {@link #MAX_WINDOW}. */
    private final int window;
    /** Shift for each hashed two-character block; 0 marks blocks that end some keyword's window. */
    private final byte[] shift;
    /** For blocks with shift 0: the keywords whose window ends with such a block. */
    private final int[][] candidates;
    /** Automaton path (short keywords), else null. */
    private final LiteralAutomaton automaton;
    private final char[] sentinels;

    /**
     * @param keywords non-empty literals, at most {@link #MAX_KEYWORDS}, already folded when {@code folded}
     * @param folded   case-insensitive search
     */
    KeywordSearch(List<String> keywords, boolean folded) {
        if (keywords.isEmpty() || keywords.size() > MAX_KEYWORDS) {
            throw new IllegalArgumentException("1 to " + MAX_KEYWORDS + " keywords, not " + keywords.size());
        }
        this.folded = folded;
        this.keywords = new char[keywords.size()][];
        int shortest = Integer.MAX_VALUE;
        for (int i = 0; i < keywords.size(); i++) {
            String k = keywords.get(i);
            if (k.isEmpty()) {
                throw new IllegalArgumentException("empty keyword");
            }
            this.keywords[i] = k.toCharArray();
            shortest = Math.min(shortest, k.length());
        }
        if (shortest >= MIN_SHIFT_LENGTH) {
            window = Math.min(shortest, MAX_WINDOW);
            shift = new byte[1 << (2 * BLOCK_BITS)];
            java.util.Arrays.fill(shift, (byte) (window - 1));
            int[] count = new int[shift.length];
            for (char[] k : this.keywords) {
                for (int q = 1; q < window; q++) {
                    int h = keywordBlock(k[q - 1], k[q]);
                    shift[h] = (byte) Math.min(shift[h], window - 1 - q);
                }
                count[keywordBlock(k[window - 2], k[window - 1])]++;
            }
            candidates = new int[shift.length][];
            for (int i = 0; i < this.keywords.length; i++) {
                char[] k = this.keywords[i];
                int h = keywordBlock(k[window - 2], k[window - 1]);
                if (candidates[h] == null) {
                    candidates[h] = new int[count[h]];
                    count[h] = 0;
                }
                candidates[h][count[h]++] = i;
            }
            automaton = null;
            sentinels = null;
        } else {
            window = shortest;
            shift = null;
            candidates = null;
            LiteralAutomaton.Builder b = new LiteralAutomaton.Builder(folded);
            for (int i = 0; i < keywords.size(); i++) {
                b.add(keywords.get(i), i);
            }
            automaton = b.build();
            sentinels = Sentinels.of(keywords);
        }
    }

    int size() {
        return keywords.length;
    }

    /** Whether the Wu–Manber shift table is used (else the automaton). */
    boolean shifts() {
        return shift != null;
    }

    /** Shortest keyword length: a text shorter than this holds no keyword. */
    int shortest() {
        return window;
    }

    /**
     * {@code found} with the bits of the keywords that occur in {@code text} added (bit i for keyword i).
     * {@code hits} is the caller's reusable collector for the automaton path.
     */
    long find(String text, long found, Scratch.KeywordHits hits) {
        int n = text.length();
        if (n < window) {
            return found; // no keyword fits
        }
        if (shift == null) {
            if (sentinels != null && !Sentinels.any(text, sentinels)) {
                return found;
            }
            hits.mask = found;
            automaton.scan(text, hits);
            return hits.mask;
        }
        if (n > Scratch.KeywordHits.MAX_COPY) {
            return findInPlace(text, n, found); // a huge value is not copied (once per keyword list and event)
        }
        // the shift loop reads a char[] copy: String.getChars is one bulk (vectorised) copy, after which each
        // step costs two array reads instead of two charAt calls with their coder and bounds checks
        char[] t = hits.chars(n);
        text.getChars(0, n, t, 0);
        byte[] shift = this.shift;
        byte[] keys = folded ? FOLDED_KEYS : CASED_KEYS;
        int m = window;
        int pos = m - 1;
        while (pos < n) {
            int h = keys[t[pos - 1]] << BLOCK_BITS | keys[t[pos]];
            int d = shift[h];
            if (d != 0) {
                pos += d;
                continue;
            }
            int start = pos - m + 1;
            for (int k : candidates[h]) {
                if ((found & 1L << k) == 0 && occursAt(t, n, start, keywords[k])) {
                    found |= 1L << k;
                }
            }
            pos++;
        }
        return found;
    }

    /** The shift loop of {@link #find} reading the string itself (texts over {@link Scratch.KeywordHits#MAX_COPY}). */
    private long findInPlace(String text, int n, long found) {
        byte[] keys = folded ? FOLDED_KEYS : CASED_KEYS;
        int m = window;
        int pos = m - 1;
        while (pos < n) {
            int h = keys[text.charAt(pos - 1)] << BLOCK_BITS | keys[text.charAt(pos)];
            int d = shift[h];
            if (d != 0) {
                pos += d;
                continue;
            }
            int start = pos - m + 1;
            for (int k : candidates[h]) {
                if ((found & 1L << k) == 0 && text.length() - start >= keywords[k].length
                        && text.regionMatches(folded, start, new String(keywords[k]), 0, keywords[k].length)) {
                    found |= 1L << k;
                }
            }
            pos++;
        }
        return found;
    }

    private boolean occursAt(char[] text, int n, int start, char[] k) {
        if (start + k.length > n) {
            return false;
        }
        for (int j = 0; j < k.length; j++) {
            char c = text[start + j];
            if (c != k[j] && (!folded || Text.fold(c) != k[j])) {
                return false;
            }
        }
        return true;
    }

    /** {@link #key} of every UTF-16 unit, folded and not, computed once (two 64 KiB tables): no branch per step. */
    private static final byte[] FOLDED_KEYS = new byte[Character.MAX_VALUE + 1];
    private static final byte[] CASED_KEYS = new byte[Character.MAX_VALUE + 1];

    static {
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            FOLDED_KEYS[c] = (byte) key((char) c, true);
            CASED_KEYS[c] = (byte) key((char) c, false);
        }
    }

    /**
     * Hash of two text characters; collisions only cost verifications. ASCII letters hash as their lower case
     * ({@code | 0x20}, which merges a few punctuation pairs too: harmless); other characters are folded first
     * when the search folds, since four of them fold to ASCII letters.
     */
    private static int key(char c, boolean folded) {
        return c < 128 ? c | 0x20 : hash(folded ? Text.fold(c) : c);
    }

    /** The same hash for keyword characters, which are folded already ({@link Text#fold} is idempotent). */
    private static int keywordBlock(char a, char b) {
        return hash(a) << BLOCK_BITS | hash(b);
    }

    /** A character to {@link #BLOCK_BITS} bits, ASCII ones as {@link #key} hashes them. */
    private static int hash(int c) {
        return c < 128 ? c | 0x20 : (c ^ c >>> BLOCK_BITS ^ c >>> 2 * BLOCK_BITS) & ((1 << BLOCK_BITS) - 1);
    }
}
