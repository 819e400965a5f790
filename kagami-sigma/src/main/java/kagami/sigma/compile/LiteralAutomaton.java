package kagami.sigma.compile;

import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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
        private final List<Map<Character, Integer>> trie = new ArrayList<>();
        private final List<List<Integer>> outputs = new ArrayList<>();
        private final Map<Integer, Integer> lengths = new HashMap<>();
        private final boolean folded;

        Builder(boolean folded) {
            this.folded = folded;
            trie.add(new TreeMap<>());
            outputs.add(null);
        }

        void add(String literal, int patternId) {
            int s = 0;
            for (int i = 0; i < literal.length(); i++) {
                char c = literal.charAt(i);
                Integer t = trie.get(s).get(c);
                if (t == null) {
                    t = trie.size();
                    trie.add(new TreeMap<>());
                    outputs.add(null);
                    trie.get(s).put(c, t);
                }
                s = t;
            }
            if (outputs.get(s) == null) {
                outputs.set(s, new ArrayList<>(1));
            }
            outputs.get(s).add(patternId);
            lengths.put(patternId, literal.length());
        }

        boolean isEmpty() {
            return lengths.isEmpty();
        }

        LiteralAutomaton build() {
            int n = trie.size();
            char[][] keys = new char[n][];
            int[][] next = new int[n][];
            for (int s = 0; s < n; s++) {
                Map<Character, Integer> m = trie.get(s);
                keys[s] = new char[m.size()];
                next[s] = new int[m.size()];
                int i = 0;
                for (Map.Entry<Character, Integer> e : m.entrySet()) {
                    keys[s][i] = e.getKey();
                    next[s][i] = e.getValue();
                    i++;
                }
            }
            int[] rootAscii = new int[128];
            Arrays.fill(rootAscii, 0);
            for (int i = 0; i < keys[0].length; i++) {
                if (keys[0][i] < 128) {
                    rootAscii[keys[0][i]] = next[0][i];
                }
            }
            int[] fail = new int[n];
            int[] dict = new int[n];
            int[][] out = new int[n][];
            for (int s = 0; s < n; s++) {
                List<Integer> o = outputs.get(s);
                out[s] = o == null ? null : o.stream().mapToInt(Integer::intValue).toArray();
            }
            ArrayDeque<Integer> queue = new ArrayDeque<>();
            for (int t : next[0]) {
                fail[t] = 0;
                queue.add(t);
            }
            LiteralAutomaton tmp = new LiteralAutomaton(rootAscii, keys, next, fail, dict, out, folded);
            while (!queue.isEmpty()) {
                int s = queue.poll();
                for (int i = 0; i < keys[s].length; i++) {
                    char c = keys[s][i];
                    int t = next[s][i];
                    int f = fail[s];
                    int g;
                    while ((g = tmp.step(f, c)) < 0 && f != 0) {
                        f = fail[f];
                    }
                    fail[t] = g < 0 ? 0 : g;
                    if (fail[t] == t) {
                        fail[t] = 0;
                    }
                    dict[t] = out[fail[t]] != null ? fail[t] : dict[fail[t]];
                    queue.add(t);
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
