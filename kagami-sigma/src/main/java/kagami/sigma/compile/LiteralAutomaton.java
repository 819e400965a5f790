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
    /** Transitions of state s are keys/next[first[s] .. first[s + 1]), sorted by key (compressed rows). */
    private final int[] first;
    private final char[] keys;
    private final int[] next;
    private final int[] fail;
    private final int[] dict;
    /** Literals ending at state s: outputs[outFirst[s] .. outFirst[s + 1]) (compressed rows, few objects). */
    private final int[] outFirst;
    private final int[] outputs;
    private final boolean folded;
    /**
     * Full transition table for ASCII input when the automaton is small, else null: entry
     * {@code state * 128 + c} is {@code next << 1 | 1 if next emits a literal}, with failures resolved and, for a
     * folding automaton, upper-case letters already folded, so the scan loop is one load per character.
     */
    private int[] asciiDfa;

    /** Automata up to this many states (keyword searches) also get an ASCII DFA (512 KiB at most each). */
    static final int DFA_MAX_STATES = 1024;

    private LiteralAutomaton(int[] rootAscii, int[] first, char[] keys, int[] next, int[] fail, int[] dict,
                             int[][] out, boolean folded) {
        this.rootAscii = rootAscii;
        this.first = first;
        this.keys = keys;
        this.next = next;
        this.fail = fail;
        this.dict = dict;
        int n = first.length - 1;
        this.outFirst = new int[n + 1];
        for (int st = 0; st < n; st++) {
            outFirst[st + 1] = outFirst[st] + (out[st] == null ? 0 : out[st].length);
        }
        this.outputs = new int[outFirst[n]];
        for (int st = 0; st < n; st++) {
            if (out[st] != null) {
                System.arraycopy(out[st], 0, outputs, outFirst[st], out[st].length);
            }
        }
        this.folded = folded;
    }

    private boolean emits(int state) {
        return outFirst[state + 1] > outFirst[state];
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
            int[] first = new int[n + 1];
            for (int st = 0; st < n; st++) {
                first[st + 1] = first[st] + childCount[st];
            }
            char[] keys = new char[first[n]];
            int[] next = new int[first[n]];
            for (int st = 0; st < n; st++) {
                int base = first[st];
                int cnt = childCount[st];
                for (int i = 0; i < cnt; i++) {
                    // insertion sort by key (few children per state) for binary search at scan time
                    char kc = childKeys[st][i];
                    int tc = childNext[st][i];
                    int j = i - 1;
                    while (j >= 0 && keys[base + j] > kc) {
                        keys[base + j + 1] = keys[base + j];
                        next[base + j + 1] = next[base + j];
                        j--;
                    }
                    keys[base + j + 1] = kc;
                    next[base + j + 1] = tc;
                }
            }
            childKeys = null;
            childNext = null;
            int[] rootAscii = new int[128];
            for (int i = first[0]; i < first[1]; i++) {
                if (keys[i] < 128) {
                    rootAscii[keys[i]] = next[i];
                }
            }
            int[] fail = new int[n];
            int[] dict = new int[n];
            int[][] out = Arrays.copyOf(outputs, n);
            int[] queue = new int[n];
            int head = 0;
            int tail = 0;
            for (int i = first[0]; i < first[1]; i++) {
                queue[tail++] = next[i];
            }
            LiteralAutomaton a = new LiteralAutomaton(rootAscii, first, keys, next, fail, dict, out, folded);
            while (head < tail) {
                int st = queue[head++];
                for (int i = first[st]; i < first[st + 1]; i++) {
                    char c = keys[i];
                    int t = next[i];
                    int f = fail[st];
                    int g;
                    while ((g = a.step(f, c)) < 0 && f != 0) {
                        f = fail[f];
                    }
                    fail[t] = g < 0 || g == t ? 0 : g;
                    dict[t] = out[fail[t]] != null ? fail[t] : dict[fail[t]];
                    queue[tail++] = t;
                }
            }
            if (n <= DFA_MAX_STATES) {
                int[] dfa = new int[n * 128];
                // BFS order: a state's failure state is complete before the state itself, so a state's row is
                // its failure state's row with its own transitions written over it
                for (int qi = -1; qi < tail; qi++) {
                    int st = qi < 0 ? 0 : queue[qi];
                    if (st != 0) {
                        System.arraycopy(dfa, fail[st] * 128, dfa, st * 128, 128);
                    }
                    for (int i = first[st]; i < first[st + 1]; i++) {
                        if (keys[i] < 128) {
                            dfa[st * 128 + keys[i]] = next[i];
                        }
                    }
                }
                for (int i = 0; i < dfa.length; i++) {
                    int t = dfa[i];
                    boolean emits = out[t] != null || dict[t] != 0;
                    dfa[i] = t << 1 | (emits ? 1 : 0);
                }
                if (folded) {
                    for (int st = 0; st < n; st++) {
                        for (int c = 'A'; c <= 'Z'; c++) {
                            dfa[st * 128 + c] = dfa[st * 128 + c + 32];
                        }
                    }
                }
                a.asciiDfa = dfa;
            }
            return a;
        }
    }

    int states() {
        return first.length - 1;
    }

    private int step(int state, char c) {
        if (state == 0 && c < 128) {
            int t = rootAscii[c];
            return t == 0 ? -1 : t;
        }
        int lo = first[state];
        int hi = first[state + 1] - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            char m = keys[mid];
            if (m < c) {
                lo = mid + 1;
            } else if (m > c) {
                hi = mid - 1;
            } else {
                return next[mid];
            }
        }
        return -1;
    }

    /** Reports every occurrence of every literal in {@code s}. */
    void scan(String s, Hits hits) {
        if (asciiDfa != null) {
            scanDfa(s, hits);
            return;
        }
        int state = 0;
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = folded ? Text.fold(s.charAt(i)) : s.charAt(i);
            int t;
            while ((t = step(state, c)) < 0 && state != 0) {
                state = fail[state];
            }
            state = t < 0 ? 0 : t;
            for (int o = emits(state) ? state : dict[state]; o != 0; o = dict[o]) {
                for (int k = outFirst[o], end = outFirst[o + 1]; k < end; k++) {
                    hits.hit(outputs[k], i + 1, n);
                }
            }
        }
    }

    /** {@link #scan} with the ASCII table; other characters take the general path. */
    private void scanDfa(String s, Hits hits) {
        int[] dfa = asciiDfa;
        int state = 0;
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char raw = s.charAt(i);
            if (raw < 128) {
                int x = dfa[(state << 7) | raw];
                state = x >>> 1;
                if ((x & 1) == 0) {
                    continue;
                }
            } else {
                char c = folded ? Text.fold(raw) : raw;
                int t;
                while ((t = step(state, c)) < 0 && state != 0) {
                    state = fail[state];
                }
                state = t < 0 ? 0 : t;
            }
            for (int o = emits(state) ? state : dict[state]; o != 0; o = dict[o]) {
                for (int k = outFirst[o], end = outFirst[o + 1]; k < end; k++) {
                    hits.hit(outputs[k], i + 1, n);
                }
            }
        }
    }
}
