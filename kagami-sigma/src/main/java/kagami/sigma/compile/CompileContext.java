package kagami.sigma.compile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Shared state while a rule set is compiled: field slots and the literal table every rule's literals go into. */
final class CompileContext {
    private final Map<String, Integer> slotIndex = new LinkedHashMap<>();
    private final List<FieldAccess> slotAccess = new ArrayList<>();
    private final List<LiteralAutomaton.Builder> folded = new ArrayList<>();
    private final List<LiteralAutomaton.Builder> cased = new ArrayList<>();
    private final Map<String, Integer> patterns = new LinkedHashMap<>();
    private final List<Integer> patternLength = new ArrayList<>();
    int regexFallbacks;
    private final Map<String, Integer> accessIds = new LinkedHashMap<>();
    private final Map<String, FieldAccess> accesses = new java.util.HashMap<>();
    private final Map<String, Integer> keywordMemos = new java.util.HashMap<>();
    private final Map<String, RegexMatcher> regexes = new java.util.HashMap<>();

    /** A field lookup with its cache index; lookups of the same names share one index (and one object). */
    FieldAccess access(String ruleName, String[] names) {
        String key = String.join("\u0000", names);
        Integer id = accessIds.get(key);
        if (id == null) {
            id = accessIds.size();
            accessIds.put(key, id);
        }
        int lookup = id;
        return accesses.computeIfAbsent(ruleName + "\u0001" + key, k -> new FieldAccess(ruleName, names, lookup));
    }

    /**
     * The compiled {@code re} value; the same pattern with the same flags is compiled once for all rules and
     * variants (a process_creation rule is compiled for Sysmon and for Security 4688). Throws
     * IllegalArgumentException if invalid.
     */
    RegexMatcher regex(String source, boolean i, boolean m, boolean s) {
        String key = (i ? "i" : "-") + (m ? "m" : "-") + (s ? "s" : "-") + source;
        RegexMatcher re = regexes.get(key);
        if (re == null) {
            re = RegexMatcher.compile(source, i, m, s, regexes.size());
            regexes.put(key, re);
        }
        if (re.usesFallback()) {
            regexFallbacks++;
        }
        return re;
    }

    int regexCount() {
        return regexes.size();
    }

    /** The per-event result slot of a keyword test; tests with the same key share one. */
    int keywordMemo(String key) {
        return keywordMemos.computeIfAbsent(key, k -> keywordMemos.size());
    }

    int keywordMemoCount() {
        return keywordMemos.size();
    }

    int accessCount() {
        return accessIds.size();
    }

    /**
     * Flat field name → (lookup id, position of the name in that lookup's alias list) pairs, for lookups whose
     * names are all flat: one pass over an event's fields then answers every such lookup.
     */
    java.util.HashMap<String, int[]> fieldTargets() {
        java.util.HashMap<String, int[]> out = new java.util.HashMap<>();
        accessIds.forEach((k, id) -> {
            if (k.indexOf('.') >= 0) {
                return;
            }
            String[] names = k.split("\u0000", -1);
            for (int pos = 0; pos < names.length; pos++) {
                int[] old = out.get(names[pos]);
                int[] grown = old == null ? new int[2] : java.util.Arrays.copyOf(old, old.length + 2);
                grown[grown.length - 2] = id;
                grown[grown.length - 1] = pos;
                out.put(names[pos], grown);
            }
        });
        return out;
    }

    /** The literal test for {@code literal} (non-empty) on {@code field}. */
    Node literal(FieldAccess field, String literal, boolean isCased, byte where) {
        String key = field.key();
        Integer slot = slotIndex.get(key);
        if (slot == null) {
            slot = slotAccess.size();
            slotIndex.put(key, slot);
            slotAccess.add(field);
            folded.add(new LiteralAutomaton.Builder(true));
            cased.add(new LiteralAutomaton.Builder(false));
        }
        String pkey = slot + (isCased ? "\u0001" : "\u0000") + literal;
        Integer id = patterns.get(pkey);
        if (id == null) {
            id = patternLength.size();
            patterns.put(pkey, id);
            patternLength.add(literal.length());
            (isCased ? cased : folded).get(slot).add(literal, id);
        }
        return new Node.LiteralTest(field, slot, id, where);
    }

    /** The field slots with their automata, built in parallel (each is independent; the largest take longest). */
    FieldSlot[] slots() {
        FieldSlot[] out = new FieldSlot[slotAccess.size()];
        java.util.stream.IntStream.range(0, out.length).parallel().forEach(i ->
                out[i] = new FieldSlot(slotAccess.get(i),
                        folded.get(i).isEmpty() ? null : folded.get(i).build(),
                        cased.get(i).isEmpty() ? null : cased.get(i).build()));
        return out;
    }

    int[] patternLengths() {
        return patternLength.stream().mapToInt(Integer::intValue).toArray();
    }
}
