package kagami.mail.lists;

import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds which of many phrases occur in a text in one pass (Aho–Corasick automaton), so lure matching costs the
 * length of the message, not the number of phrases times it.
 */
public final class PhraseMatcher {
    private final List<Map<Character, Integer>> next = new ArrayList<>();
    private final List<Integer> fail = new ArrayList<>();
    private final List<int[]> output = new ArrayList<>();
    private final List<String> phrases;

    public PhraseMatcher(List<String> phrases) {
        this.phrases = List.copyOf(phrases);
        node();
        for (int i = 0; i < this.phrases.size(); i++) {
            int s = 0;
            for (char c : this.phrases.get(i).toCharArray()) {
                Integer t = next.get(s).get(c);
                if (t == null) {
                    t = node();
                    next.get(s).put(c, t);
                }
                s = t;
            }
            output.set(s, append(output.get(s), i));
        }
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int t : next.get(0).values()) {
            fail.set(t, 0);
            queue.add(t);
        }
        while (!queue.isEmpty()) {
            int s = queue.poll();
            for (Map.Entry<Character, Integer> e : next.get(s).entrySet()) {
                int t = e.getValue();
                queue.add(t);
                int f = fail.get(s);
                while (f != 0 && !next.get(f).containsKey(e.getKey())) {
                    f = fail.get(f);
                }
                Integer g = next.get(f).get(e.getKey());
                int ft = g != null && g != t ? g : 0;
                fail.set(t, ft);
                for (int o : output.get(ft)) {
                    output.set(t, append(output.get(t), o));
                }
            }
        }
    }

    private int node() {
        next.add(new HashMap<>(4));
        fail.add(0);
        output.add(new int[0]);
        return next.size() - 1;
    }

    private static int[] append(int[] a, int v) {
        for (int x : a) {
            if (x == v) {
                return a;
            }
        }
        int[] b = java.util.Arrays.copyOf(a, a.length + 1);
        b[a.length] = v;
        return b;
    }

    /** Indexes (into the constructor's list) of every phrase found in {@code text}. */
    public BitSet find(String text) {
        BitSet found = new BitSet(phrases.size());
        int s = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            while (s != 0 && !next.get(s).containsKey(c)) {
                s = fail.get(s);
            }
            Integer t = next.get(s).get(c);
            s = t == null ? 0 : t;
            for (int o : output.get(s)) {
                found.set(o);
            }
        }
        return found;
    }

    public String phrase(int index) {
        return phrases.get(index);
    }
}
