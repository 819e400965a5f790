package kagami.sigma.compile;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Aho–Corasick automaton over every literal that the rules test against one field (Aho &amp; Corasick 1975):
 * one pass over a value finds all occurrences of all literals, so a thousand rules looking for substrings of
 * {@code CommandLine} cost one scan of the command line, not a thousand. Each occurrence is reported with its
 * position, which also answers equals/startswith/endswith for the same literal.
 *
 * <p>Built once, immutable afterwards; states are stored as sorted transition arrays with a dense table for
 * ASCII at the root.
 */
final class LiteralAutomaton implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Receives occurrences during a scan. */
    interface Hits {
        void hit(int pattern, int end, int length);
    }

    private final int[] rootAscii;
    private final char[][] keys;
    private final int[][] next;
    private final int[] fail;
    private final int[] dict;
    private final int[][] out;
    private final boolean folded;

    private LiteralAutomaton(int[] rootAscii, char[][] keys, int[][] next, int[] fail, int[] dict, int[][] out,
                             boolean folded) {
        this.rootAscii = rootAscii;
        this.keys = keys;
        this.next = next;
        this.fail = fail;
        this.dict = dict;
        this.out = out;
        this.folded = folded;
    }

    /** Builder: add literals (already folded when the automaton folds), then {@link #build}. */
    static final class Builder {
        // trie as growable parallel arrays: most nodes have one child, so a TreeMap per node would waste memory
        private char[][] childKeys = new char[64][];
        private int[][] childNext = new int[64][];
        private int[] childCount = new int[64];
        private int[][] outputs = new int[64][];
        private int states = 1;
        private int patterns;
        private final boolean folded;

        Builder(boolean folded) {
            this.folded = folded;
        }

        void add(String literal, int patternId) {
            int s = 0;
            for (int i = 0; i < literal.length(); i++) {
                char c = literal.charAt(i);
                int t = child(s, c);
                if (t < 0) {
                    t = newState();
                    link(s, c, t);
                }
                s = t;
            }
            int[] o = outputs[s];
            if (o == null) {
                outputs[s] = new int[] {patternId};
            } else {
                int[] n = Arrays.copyOf(o, o.length + 1);
                n[o.length] = patternId;
                outputs[s] = n;
            }
            patterns++;
        }

        private int child(int s, char c) {
            char[] k = childKeys[s];
            for (int i = 0; i < childCount[s]; i++) {
                if (k[i] == c) {
                    return childNext[s][i];
                }
            }
            return -1;
        }

        private int newState() {
            if (states == childKeys.length) {
                int n = states * 2;
                childKeys = Arrays.copyOf(childKeys, n);
                childNext = Arrays.copyOf(childNext, n);
                childCount = Arrays.copyOf(childCount, n);
                outputs = Arrays.copyOf(outputs, n);
            }
            return states++;
        }

        private void link(int s, char c, int t) {
            if (childKeys[s] == null) {
                childKeys[s] = new char[1];
                childNext[s] = new int[1];
            } else if (childCount[s] == childKeys[s].length) {
                childKeys[s] = Arrays.copyOf(childKeys[s], childCount[s] * 2);
                childNext[s] = Arrays.copyOf(childNext[s], childCount[s] * 2);
            }
            childKeys[s][childCount[s]] = c;
            childNext[s][childCount[s]] = t;
            childCount[s]++;
        }

        boolean isEmpty() {
            return patterns == 0;
        }

        LiteralAutomaton build() {
            int n = states;
            char[][] keys = new char[n][];
            int[][] next = new int[n][];
            for (int s = 0; s < n; s++) {
                int cnt = childCount[s];
                char[] k = cnt == 0 ? new char[0] : Arrays.copyOf(childKeys[s], cnt);
                int[] t = cnt == 0 ? new int[0] : Arrays.copyOf(childNext[s], cnt);
                // insertion sort by key (few children per node) for binary search at scan time
                for (int i = 1; i < cnt; i++) {
                    char kc = k[i];
                    int tc = t[i];
                    int j = i - 1;
                    while (j >= 0 && k[j] > kc) {
                        k[j + 1] = k[j];
                        t[j + 1] = t[j];
                        j--;
                    }
                    k[j + 1] = kc;
                    t[j + 1] = tc;
                }
                keys[s] = k;
                next[s] = t;
            }
            int[] rootAscii = new int[128];
            for (int i = 0; i < keys[0].length; i++) {
                if (keys[0][i] < 128) {
                    rootAscii[keys[0][i]] = next[0][i];
                }
            }
            int[] fail = new int[n];
            int[] dict = new int[n];
            int[][] out = Arrays.copyOf(outputs, n);
            int[] queue = new int[n];
            int head = 0;
            int tail = 0;
            for (int t : next[0]) {
                queue[tail++] = t;
            }
            LiteralAutomaton tmp = new LiteralAutomaton(rootAscii, keys, next, fail, dict, out, folded);
            while (head < tail) {
                int s = queue[head++];
                for (int i = 0; i < keys[s].length; i++) {
                    char c = keys[s][i];
                    int t = next[s][i];
                    int f = fail[s];
                    int g;
                    while ((g = tmp.step(f, c)) < 0 && f != 0) {
                        f = fail[f];
                    }
                    fail[t] = g < 0 || g == t ? 0 : g;
                    dict[t] = out[fail[t]] != null ? fail[t] : dict[fail[t]];
                    queue[tail++] = t;
                }
            }
            return new LiteralAutomaton(rootAscii, keys, next, fail, dict, out, folded);
        }
    }

    private int step(int state, char c) {
        if (state == 0 && c < 128) {
            int t = rootAscii[c];
            return t == 0 ? -1 : t;
        }
        char[] k = keys[state];
        int lo = 0;
        int hi = k.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            char m = k[mid];
            if (m < c) {
                lo = mid + 1;
            } else if (m > c) {
                hi = mid - 1;
            } else {
                return next[state][mid];
            }
        }
        return -1;
    }

    /** Reports every occurrence of every literal in {@code s}. */
    void scan(String s, Hits hits) {
        int state = 0;
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = folded ? Text.fold(s.charAt(i)) : s.charAt(i);
            int t;
            while ((t = step(state, c)) < 0 && state != 0) {
                state = fail[state];
            }
            state = t < 0 ? 0 : t;
            for (int o = out[state] != null ? state : dict[state]; o != 0; o = dict[o]) {
                for (int p : out[o]) {
                    hits.hit(p, i + 1, n);
                }
            }
        }
    }
}
