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

    FieldSlot[] slots() {
        FieldSlot[] out = new FieldSlot[slotAccess.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = new FieldSlot(slotAccess.get(i),
                    folded.get(i).isEmpty() ? null : folded.get(i).build(),
                    cased.get(i).isEmpty() ? null : cased.get(i).build());
        }
        return out;
    }

    int[] patternLengths() {
        return patternLength.stream().mapToInt(Integer::intValue).toArray();
    }
}
