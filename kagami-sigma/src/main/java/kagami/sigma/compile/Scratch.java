package kagami.sigma.compile;

import java.util.List;

import kagami.core.Event;

/**
 * Per-matcher working memory, reused for every event so the common path allocates nothing: which fields were
 * already scanned for literals in this event, and which literals were found where. Entries are valid when their
 * stamp equals the current event's generation, so nothing is cleared between events.
 */
final class Scratch implements LiteralAutomaton.Hits {
    static final byte ANYWHERE = 1;
    static final byte AT_START = 2;
    static final byte AT_END = 4;
    static final byte WHOLE = 8;

    private final CompiledRuleSet rules;
    private final int[] slotStamp;
    private final int[] patternStamp;
    private final byte[] patternFlags;
    final int[] ruleStamp;
    final KeywordHits keywordHits = new KeywordHits();
    int generation;

    /** Which keywords of one keyword search were found (bit per keyword); reused for every evaluation. */
    static final class KeywordHits implements LiteralAutomaton.Hits {
        long mask;

        @Override
        public void hit(int pattern, int end, int length) {
            mask |= 1L << pattern;
        }
    }

    Scratch(CompiledRuleSet rules) {
        this.rules = rules;
        this.slotStamp = new int[rules.slots.length];
        this.patternStamp = new int[rules.patternLength.length];
        this.patternFlags = new byte[rules.patternLength.length];
        this.ruleStamp = new int[rules.rules.length];
    }

    void nextEvent() {
        generation++;
        if (generation == 0) {
            java.util.Arrays.fill(slotStamp, 0);
            java.util.Arrays.fill(patternStamp, 0);
            java.util.Arrays.fill(ruleStamp, 0);
            generation = 1;
        }
    }

    boolean literal(Event e, int slot, int pattern, byte where) {
        if (slotStamp[slot] != generation) {
            slotStamp[slot] = generation;
            scan(e, rules.slots[slot]);
        }
        return patternStamp[pattern] == generation && (patternFlags[pattern] & where) != 0;
    }

    private void scan(Event e, FieldSlot slot) {
        Object v = slot.access.get(e);
        if (v instanceof List<?> list) {
            for (Object o : list) {
                String t = Text.of(o);
                if (t != null) {
                    slot.scan(t, this);
                }
            }
        } else {
            String t = Text.of(v);
            if (t != null) {
                slot.scan(t, this);
            }
        }
    }

    @Override
    public void hit(int pattern, int end, int length) {
        int start = end - rules.patternLength[pattern];
        byte f = ANYWHERE;
        if (start == 0) {
            f |= AT_START;
        }
        if (end == length) {
            f |= AT_END;
            if (start == 0) {
                f |= WHOLE;
            }
        }
        if (patternStamp[pattern] != generation) {
            patternStamp[pattern] = generation;
            patternFlags[pattern] = f;
        } else {
            patternFlags[pattern] |= f;
        }
    }
}
