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
    private final Object[] values;
    private final int[] valueStamp;
    private final int[] slotHitFrom;
    private final int[] slotHitTo;
    /** Patterns found in this event, each once, grouped by slot (see slotHitFrom/To). */
    private int[] hits = new int[64];
    private int hitCount;
    /** Generation in which the event's fields were read in one pass (absent flat fields are then null). */
    private int prefilled;
    private final int[] valuePos;
    /** Every field value of the event, from that pass (keyword searches walk these). */
    Object[] eventValues = new Object[64];
    int eventValueCount;
    private final java.util.function.BiConsumer<String, Object> visitor = this::visit;
    private final int[] patternStamp;
    private final byte[] patternFlags;
    final int[] ruleStamp;
    final KeywordHits keywordHits = new KeywordHits();
    /** Per keyword test: generation of its result and the result (see {@link #keywordResult(int)}). */
    private final int[] keywordStamp;
    private final boolean[] keywordFound;
    /** Per distinct regex: this thread's RE2/J matcher, reset for each text (created on first use). */
    private final com.google.re2j.Matcher[] regexMatchers;
    int generation;

    /** Which keywords of one keyword search were found (bit per keyword); reused for every evaluation. */
    static final class KeywordHits implements LiteralAutomaton.Hits {
        long mask;
        private char[] chars = new char[256];

        /** Texts longer than this are searched in place ({@link String#charAt}) rather than copied. */
        static final int MAX_COPY = 1 << 16;

        /** A reusable buffer of at least {@code n} characters, {@code n} at most {@link #MAX_COPY}. */
        char[] chars(int n) {
            if (chars.length < n) {
                chars = new char[Math.max(n, chars.length * 2)];
            }
            return chars;
        }

        @Override
        public void hit(int pattern, int end, int length) {
            mask |= 1L << pattern;
        }
    }

    Scratch(CompiledRuleSet rules) {
        this.rules = rules;
        this.slotStamp = new int[rules.slots.length];
        this.values = new Object[rules.fieldLookups];
        this.valueStamp = new int[rules.fieldLookups];
        this.valuePos = new int[rules.fieldLookups];
        this.slotHitFrom = new int[rules.slots.length];
        this.slotHitTo = new int[rules.slots.length];
        this.patternStamp = new int[rules.patternLength.length];
        this.patternFlags = new byte[rules.patternLength.length];
        this.ruleStamp = new int[rules.rules.length];
        this.keywordStamp = new int[rules.keywordTests];
        this.keywordFound = new boolean[rules.keywordTests];
        this.regexMatchers = new com.google.re2j.Matcher[rules.regexCount];
    }

    void nextEvent() {
        generation++;
        hitCount = 0;
        if (generation == 0) {
            java.util.Arrays.fill(slotStamp, 0);
            java.util.Arrays.fill(valueStamp, 0);
            java.util.Arrays.fill(patternStamp, 0);
            java.util.Arrays.fill(ruleStamp, 0);
            java.util.Arrays.fill(keywordStamp, 0);
            prefilled = 0;
            generation = 1;
        }
    }

    /** The value of a field in this event, looked up once per event whatever the number of rules asking. */
    Object value(Event e, FieldAccess f) {
        int id = f.id;
        if (valueStamp[id] == generation) {
            return values[id];
        }
        if (f.simple) {
            if (prefilled != generation) {
                prefill(e);
                if (valueStamp[id] == generation) {
                    return values[id];
                }
            }
            return null;
        }
        valueStamp[id] = generation;
        values[id] = f.get(e);
        return values[id];
    }

    /**
     * Reads the event's fields in one pass (no wrapper objects: the map's own forEach), answering every flat
     * field lookup of every rule at once instead of one hash probe per rule field (two for absent ones), and
     * keeping all values for keyword searches.
     */
    void prefill(Event e) {
        if (prefilled == generation) {
            return;
        }
        eventValueCount = 0;
        e.fields().forEach(visitor);
        prefilled = generation;
    }

    private static final int[] NO_TARGETS = new int[0];
    private static final int SEEN = 1024;
    private static final int MAX_SEEN_NAME = 128;
    /**
     * Field names met in events, by identity, with their lookup targets: a direct-mapped cache in front of
     * {@code fieldTargets}. Readers hand out one String per name again and again (an EVTX template's names, Jackson's
     * canonical keys), so one reference comparison replaces a hash lookup whose {@code equals} reads the name
     * (the rules' copies are other instances); profiles showed that lookup at 6 % of a hunt. Any other name costs
     * the lookup and takes the slot.
     */
    private final String[] seenNames = new String[SEEN];
    private final int[][] seenTargets = new int[SEEN][];

    private int[] targets(String name) {
        int h = name.hashCode(); // cached in the String
        int slot = (h ^ h >>> 16) & (SEEN - 1);
        if (seenNames[slot] == name) {
            return seenTargets[slot];
        }
        int[] t = rules.fieldTargets.get(name);
        if (t == null) {
            t = NO_TARGETS;
        }
        if (name.length() <= MAX_SEEN_NAME) { // long names (JSON input chooses them) are not kept
            seenNames[slot] = name;
            seenTargets[slot] = t;
        }
        return t;
    }

    private void visit(String name, Object value) {
        if (eventValueCount == eventValues.length) {
            eventValues = java.util.Arrays.copyOf(eventValues, eventValueCount * 2);
        }
        eventValues[eventValueCount++] = value;
        if (value == null) {
            return;
        }
        int[] targets = targets(name);
        for (int i = 0; i < targets.length; i += 2) {
            int id = targets[i];
            int pos = targets[i + 1];
            // an alias list takes its first name present with a value (FieldAccess.get)
            if (valueStamp[id] != generation || valuePos[id] > pos) {
                valueStamp[id] = generation;
                values[id] = value;
                valuePos[id] = pos;
            }
        }
    }

    com.google.re2j.Matcher regexMatcher(int id, com.google.re2j.Pattern pattern) {
        com.google.re2j.Matcher m = regexMatchers[id];
        if (m == null) {
            m = pattern.matcher("");
            regexMatchers[id] = m;
        }
        return m;
    }

    /** A keyword test's result in this event: 1 found, 0 not found, -1 not evaluated yet. */
    int keywordResult(int memo) {
        return keywordStamp[memo] != generation ? -1 : keywordFound[memo] ? 1 : 0;
    }

    void keywordResult(int memo, boolean found) {
        keywordStamp[memo] = generation;
        keywordFound[memo] = found;
    }

    boolean literal(Event e, int slot, int pattern, byte where) {
        ensureScanned(e, slot);
        return patternStamp[pattern] == generation && (patternFlags[pattern] & where) != 0;
    }

    /**
     * Whether any of a sorted set of patterns was found with its position: walks the (few) patterns found in
     * the field rather than the (possibly thousand) patterns of the set, or the set when it is the smaller.
     */
    boolean anyLiteral(Event e, int slot, int[] sortedPatterns, byte[] where) {
        ensureScanned(e, slot);
        if (sortedPatterns.length <= slotHitTo[slot] - slotHitFrom[slot]) {
            // fewer patterns than hits (a long value meeting a short set): ask each pattern; ids are per slot
            for (int k = 0; k < sortedPatterns.length; k++) {
                int p = sortedPatterns[k];
                if (patternStamp[p] == generation && (patternFlags[p] & where[k]) != 0) {
                    return true;
                }
            }
            return false;
        }
        for (int i = slotHitFrom[slot], end = slotHitTo[slot]; i < end; i++) {
            int p = hits[i];
            int k = java.util.Arrays.binarySearch(sortedPatterns, p);
            if (k >= 0 && (patternFlags[p] & where[k]) != 0) {
                return true;
            }
        }
        return false;
    }

    private void ensureScanned(Event e, int slot) {
        if (slotStamp[slot] != generation) {
            slotStamp[slot] = generation;
            slotHitFrom[slot] = hitCount;
            scan(e, rules.slots[slot]);
            slotHitTo[slot] = hitCount;
        }
    }

    private void scan(Event e, FieldSlot slot) {
        Object v = value(e, slot.access);
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
            if (hitCount == hits.length) {
                hits = java.util.Arrays.copyOf(hits, hitCount * 2);
            }
            hits[hitCount++] = pattern;
        } else {
            patternFlags[pattern] |= f;
        }
    }
}
