package kagami.sigma.compile;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

import kagami.core.Event;

/**
 * A compiled detection condition: boolean operators over field tests. Evaluation is side-effect free apart from
 * the caller's {@link Scratch}; nodes are immutable and shared by all matchers.
 */
abstract class Node implements Serializable {
    private static final long serialVersionUID = 1L;

    abstract boolean eval(Event e, Scratch s);

    /** Rough relative cost, used to test cheap conditions first inside {@code and}/{@code or}. */
    int cost() {
        return 1;
    }

    /** Records the fields of true tests under this node that made it true (for the detection's evidence). */
    void explain(Event e, Scratch s, Map<String, String> out) {
    }

    /** A node over several operands; its evidence is that of the operands that hold. */
    abstract static class Combination extends Node {
        private static final long serialVersionUID = 1L;
        final Node[] ops;

        Combination(Node[] ops) {
            this.ops = ops;
        }

        @Override
        int cost() {
            int c = 0;
            for (Node n : ops) {
                c += n.cost();
            }
            return c;
        }

        @Override
        void explain(Event e, Scratch s, Map<String, String> out) {
            for (Node n : ops) {
                if (n.eval(e, s)) {
                    n.explain(e, s, out);
                }
            }
        }
    }

    static final class And extends Combination {
        private static final long serialVersionUID = 1L;

        And(Node[] ops) {
            super(ops);
        }

        @Override
        boolean eval(Event e, Scratch s) {
            for (Node n : ops) {
                if (!n.eval(e, s)) {
                    return false;
                }
            }
            return true;
        }
    }

    static final class Or extends Combination {
        private static final long serialVersionUID = 1L;

        Or(Node[] ops) {
            super(ops);
        }

        @Override
        boolean eval(Event e, Scratch s) {
            for (Node n : ops) {
                if (n.eval(e, s)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** {@code N of ...} with 1 &lt; N &lt; number of operands. */
    static final class AtLeast extends Combination {
        private static final long serialVersionUID = 1L;
        final int n;

        AtLeast(int n, Node[] ops) {
            super(ops);
            this.n = n;
        }

        @Override
        boolean eval(Event e, Scratch s) {
            int hits = 0;
            for (int i = 0; i < ops.length; i++) {
                if (ops[i].eval(e, s) && ++hits >= n) {
                    return true;
                }
                if (hits + (ops.length - i - 1) < n) {
                    return false;
                }
            }
            return false;
        }
    }

    static final class Not extends Node {
        private static final long serialVersionUID = 1L;
        final Node op;

        Not(Node op) {
            this.op = op;
        }

        @Override
        boolean eval(Event e, Scratch s) {
            return !op.eval(e, s);
        }

        @Override
        int cost() {
            return op.cost();
        }
    }

    static final class Const extends Node {
        private static final long serialVersionUID = 1L;
        static final Const TRUE = new Const(true, false);
        static final Const FALSE = new Const(false, false);
        /** A test of a field the event source does not record (see the logsource pipeline's {@code fields}). */
        static final Const UNAVAILABLE = new Const(false, true);
        final boolean value;
        final boolean unavailable;

        private Const(boolean value, boolean unavailable) {
            this.value = value;
            this.unavailable = unavailable;
        }

        @Override
        boolean eval(Event e, Scratch s) {
            return value;
        }

        @Override
        int cost() {
            return 0;
        }

        private Object readResolve() {
            return unavailable ? UNAVAILABLE : value ? TRUE : FALSE;
        }
    }

    /** Base of tests on one field: evaluates each element of a list value, any may match. */
    abstract static class FieldTest extends Node {
        private static final long serialVersionUID = 1L;
        final FieldAccess field;

        FieldTest(FieldAccess field) {
            this.field = field;
        }

        @Override
        boolean eval(Event e, Scratch s) {
            Object v = s.value(e, field);
            if (v == null) {
                return false;
            }
            if (v instanceof List<?> list) {
                for (Object o : list) {
                    if (o != null && test(o)) {
                        return true;
                    }
                }
                return false;
            }
            return test(v);
        }

        abstract boolean test(Object value);

        @Override
        void explain(Event e, Scratch s, Map<String, String> out) {
            explainField(this, field, e, s, out);
        }
    }

    /** The value of {@code field} as evidence, when {@code test} holds (the literal tests share it). */
    private static void explainField(Node test, FieldAccess field, Event e, Scratch s, Map<String, String> out) {
        if (test.eval(e, s)) {
            Object v = field.get(e);
            out.putIfAbsent(field.ruleName, v == null ? "" : String.valueOf(v));
        }
    }

    /** A literal found by the field's Aho–Corasick scan. */
    static final class LiteralTest extends Node {
        private static final long serialVersionUID = 1L;
        final FieldAccess field;
        final int slot;
        final int pattern;
        final byte where;

        LiteralTest(FieldAccess field, int slot, int pattern, byte where) {
            this.field = field;
            this.slot = slot;
            this.pattern = pattern;
            this.where = where;
        }

        @Override
        boolean eval(Event e, Scratch s) {
            return s.literal(e, slot, pattern, where);
        }

        @Override
        int cost() {
            return 1;
        }

        @Override
        void explain(Event e, Scratch s, Map<String, String> out) {
            explainField(this, field, e, s, out);
        }
    }

    /** Any of many literals on one field (a long value list): cost follows what was found, not the list length. */
    static final class LiteralSetTest extends Node {
        private static final long serialVersionUID = 1L;
        final FieldAccess field;
        final int slot;
        final int[] patterns;
        final byte[] where;

        LiteralSetTest(FieldAccess field, int slot, int[] patterns, byte[] where) {
            this.field = field;
            this.slot = slot;
            this.patterns = patterns;
            this.where = where;
        }

        @Override
        boolean eval(Event e, Scratch s) {
            return s.anyLiteral(e, slot, patterns, where);
        }

        @Override
        int cost() {
            return 2;
        }

        @Override
        void explain(Event e, Scratch s, Map<String, String> out) {
            explainField(this, field, e, s, out);
        }
    }

    static final class PatternTest extends FieldTest {
        private static final long serialVersionUID = 1L;
        final TextPattern pattern;

        PatternTest(FieldAccess f, TextPattern pattern) {
            super(f);
            this.pattern = pattern;
        }

        @Override
        boolean test(Object value) {
            String t = Text.of(value);
            return t != null && pattern.matches(t);
        }

        @Override
        int cost() {
            return pattern.isLiteral() ? 2 : 4;
        }
    }

    /** {@code EventID: 4688}: integer equality without turning the field into text. */
    static final class IntegerTest extends FieldTest {
        private static final long serialVersionUID = 1L;
        final long number;
        final String text;

        IntegerTest(FieldAccess f, long number) {
            super(f);
            this.number = number;
            this.text = Long.toString(number);
        }

        @Override
        boolean test(Object value) {
            if (value instanceof Long l) {
                return l == number;
            }
            String t = Text.of(value);
            return t != null && t.equals(text);
        }
    }

    static final class RegexTest extends FieldTest {
        private static final long serialVersionUID = 1L;
        final RegexMatcher regex;

        RegexTest(FieldAccess f, RegexMatcher regex) {
            super(f);
            this.regex = regex;
        }

        @Override
        boolean eval(Event e, Scratch s) {
            Object v = s.value(e, field);
            if (v == null) {
                return false;
            }
            if (v instanceof List<?> list) {
                for (Object o : list) {
                    String t = Text.of(o);
                    if (t != null && regex.find(t, s)) {
                        return true;
                    }
                }
                return false;
            }
            String t = Text.of(v);
            return t != null && regex.find(t, s);
        }

        @Override
        boolean test(Object value) {
            String t = Text.of(value);
            return t != null && regex.find(t);
        }

        @Override
        int cost() {
            return 20;
        }
    }

    /** {@code field: null}: absent, or present without a value. */
    static final class NullTest extends Node {
        private static final long serialVersionUID = 1L;
        final FieldAccess field;

        NullTest(FieldAccess field) {
            this.field = field;
        }

        @Override
        boolean eval(Event e, Scratch s) {
            return s.value(e, field) == null;
        }
    }

    /** {@code field: ''}: the empty string, or present without a value (an empty XML element). */
    static final class EmptyTest extends Node {
        private static final long serialVersionUID = 1L;
        final FieldAccess field;

        EmptyTest(FieldAccess field) {
            this.field = field;
        }

        @Override
        boolean eval(Event e, Scratch s) {
            Object v = s.value(e, field);
            if (v == null) {
                return field.has(e);
            }
            if (v instanceof List<?> l) {
                for (Object o : l) {
                    if (o == null || "".equals(o)) {
                        return true;
                    }
                }
                return false;
            }
            return "".equals(v);
        }

        @Override
        void explain(Event e, Scratch s, Map<String, String> out) {
            if (eval(e, s)) {
                out.putIfAbsent(field.ruleName, "");
            }
        }
    }

    static final class ExistsTest extends Node {
        private static final long serialVersionUID = 1L;
        final FieldAccess field;
        final boolean wanted;

        ExistsTest(FieldAccess field, boolean wanted) {
            this.field = field;
            this.wanted = wanted;
        }

        @Override
        boolean eval(Event e, Scratch s) {
            return field.has(e) == wanted;
        }
    }

    /** {@code neq}: the field is present and none of the values holds. */
    static final class NotEqual extends Node {
        private static final long serialVersionUID = 1L;
        final FieldAccess field;
        final Node anyEqual;

        NotEqual(FieldAccess field, Node anyEqual) {
            this.field = field;
            this.anyEqual = anyEqual;
        }

        @Override
        boolean eval(Event e, Scratch s) {
            return s.value(e, field) != null && !anyEqual.eval(e, s);
        }

        @Override
        int cost() {
            return anyEqual.cost() + 1;
        }

        @Override
        void explain(Event e, Scratch s, Map<String, String> out) {
            if (eval(e, s)) {
                out.putIfAbsent(field.ruleName, String.valueOf(field.get(e)));
            }
        }
    }

    /** Numeric comparison ({@code lt lte gt gte}, and equality after a time-part extraction). */
    static final class CompareTest extends FieldTest {
        private static final long serialVersionUID = 1L;
        final Comparison op;
        final double threshold;
        final TimePart part;

        CompareTest(FieldAccess f, Comparison op, double threshold, TimePart part) {
            super(f);
            this.op = op;
            this.threshold = threshold;
            this.part = part;
        }

        @Override
        boolean test(Object value) {
            double d;
            if (part != null) {
                String t = Text.of(value);
                if (t == null) {
                    return false;
                }
                int p = part.extract(t);
                if (p < 0) {
                    return false;
                }
                d = p;
            } else {
                d = Numbers.toDouble(value);
                if (Double.isNaN(d)) {
                    return false;
                }
            }
            return op.test(d, threshold);
        }

        @Override
        int cost() {
            return 3;
        }
    }

    static final class CidrTest extends FieldTest {
        private static final long serialVersionUID = 1L;
        final IpNetwork network;

        CidrTest(FieldAccess f, IpNetwork network) {
            super(f);
            this.network = network;
        }

        @Override
        boolean test(Object value) {
            String t = Text.of(value);
            return t != null && network.contains(t);
        }

        @Override
        int cost() {
            return 5;
        }
    }

    /** {@code fieldref}: compares the field with another field of the same event. */
    static final class FieldRefTest extends Node {
        private static final long serialVersionUID = 1L;
        final FieldAccess field;
        final FieldAccess other;
        final TextPattern.Kind kind;
        final boolean cased;

        FieldRefTest(FieldAccess field, FieldAccess other, TextPattern.Kind kind, boolean cased) {
            this.field = field;
            this.other = other;
            this.kind = kind;
            this.cased = cased;
        }

        @Override
        boolean eval(Event e, Scratch s) {
            String a = Text.of(s.value(e, field));
            String b = Text.of(s.value(e, other));
            if (a == null || b == null) {
                return false;
            }
            switch (kind) {
                case STARTSWITH:
                    return a.regionMatches(!cased, 0, b, 0, b.length());
                case ENDSWITH:
                    return a.length() >= b.length() && a.regionMatches(!cased, a.length() - b.length(), b, 0, b.length());
                case CONTAINS:
                    return Text.indexOf(a, b, cased) >= 0;
                default:
                    return a.length() == b.length() && a.regionMatches(!cased, 0, b, 0, b.length());
            }
        }

        @Override
        int cost() {
            return 3;
        }

        @Override
        void explain(Event e, Scratch s, Map<String, String> out) {
            if (eval(e, s)) {
                out.putIfAbsent(field.ruleName, String.valueOf(field.get(e)));
            }
        }
    }

    /**
     * A keyword search (a list of plain values without a field): the values are looked for in every field of
     * the event, as substrings unless they carry their own wildcards. Substring keywords are found with one
     * {@link KeywordSearch} pass per field value, once per event whatever the number of rules with the same list.
     */
    static final class KeywordTest extends Node {
        private static final long serialVersionUID = 1L;
        final TextPattern[] patterns;
        final boolean all;
        /** The substring keywords (pattern index = keyword index), or null when some keyword is a glob. */
        final KeywordSearch search;
        /** Whether a keyword could occur in the decimal text of a number (else numeric fields are not scanned). */
        final boolean numeric;
        /** This test's slot in the matcher's per-event results (tests with the same keywords share one). */
        final int memo;

        KeywordTest(TextPattern[] patterns, boolean all, int memo) {
            this.patterns = patterns;
            this.all = all;
            this.memo = memo;
            boolean literal = patterns.length > 0 && patterns.length <= KeywordSearch.MAX_KEYWORDS;
            boolean cased = patterns.length > 0 && patterns[0].cased;
            for (TextPattern p : patterns) {
                literal &= p.kind == TextPattern.Kind.CONTAINS && !p.literal.isEmpty() && p.cased == cased;
            }
            boolean digitsOnly = false;
            for (TextPattern p : patterns) {
                digitsOnly |= p.literal == null || p.literal.chars().allMatch(c -> c == '-' || (c >= '0' && c <= '9'));
            }
            numeric = digitsOnly;
            if (literal) {
                List<String> literals = new java.util.ArrayList<>();
                for (TextPattern p : patterns) {
                    literals.add(p.literal);
                }
                search = new KeywordSearch(literals, !cased);
            } else {
                search = null;
            }
        }

        /** What identifies the test's result: tests with equal keys give equal results on every event. */
        static String memoKey(List<TextPattern> patterns, boolean all) {
            StringBuilder b = new StringBuilder(all ? "all" : "any");
            for (TextPattern p : patterns) {
                // length-prefixed, so no literal can imitate a list of several
                b.append('|').append(p.kind).append(p.cased ? 'C' : 'i');
                String body = p.literal != null ? p.literal : java.util.Arrays.toString(p.glob);
                b.append(body.length()).append(':').append(body);
            }
            return b.toString();
        }

        @Override
        boolean eval(Event e, Scratch s) {
            if (search != null) {
                int known = s.keywordResult(memo);
                if (known >= 0) {
                    return known == 1;
                }
                s.prefill(e);
                boolean found = evalSearch(s.eventValues, s.eventValueCount, s);
                s.keywordResult(memo, found);
                return found;
            }
            Map<String, Object> fields = e.fields();
            for (TextPattern p : patterns) {
                boolean found = anyField(fields, p);
                if (found && !all) {
                    return true;
                }
                if (!found && all) {
                    return false;
                }
            }
            return all;
        }

        private boolean evalSearch(Object[] values, int count, Scratch s) {
            long want = patterns.length == 64 ? -1L : (1L << patterns.length) - 1;
            long found = 0;
            for (int k = 0; k < count; k++) {
                Object v = values[k];
                if (v instanceof String t) {
                    found = search.find(t, found, s.keywordHits);
                } else if (v instanceof List<?> l) {
                    for (Object o : l) {
                        String t = Text.of(o);
                        if (t != null) {
                            found = search.find(t, found, s.keywordHits);
                        }
                    }
                } else if (v != null && (numeric || !(v instanceof Long))) {
                    found = search.find(Text.of(v), found, s.keywordHits);
                }
                if (all ? found == want : found != 0) {
                    return true;
                }
            }
            return false;
        }

        private static boolean anyField(Map<String, Object> fields, TextPattern p) {
            for (Object v : fields.values()) {
                if (v instanceof List<?> l) {
                    for (Object o : l) {
                        if (matches(p, o)) {
                            return true;
                        }
                    }
                } else if (matches(p, v)) {
                    return true;
                }
            }
            return false;
        }

        private static boolean matches(TextPattern p, Object value) {
            String t = Text.of(value);
            return t != null && p.matches(t);
        }

        @Override
        int cost() {
            return 50;
        }

        @Override
        void explain(Event e, Scratch s, Map<String, String> out) {
            for (Map.Entry<String, Object> f : e.fields().entrySet()) {
                String t = Text.of(f.getValue());
                if (t == null) {
                    continue;
                }
                for (TextPattern p : patterns) {
                    if (p.matches(t)) {
                        out.putIfAbsent(f.getKey(), t);
                    }
                }
            }
        }
    }

    /** The field is present with a value (what {@code neq} leaves when none of its values can occur). */
    static final class ExistsValue extends Node {
        private static final long serialVersionUID = 1L;
        final FieldAccess field;

        ExistsValue(FieldAccess field) {
            this.field = field;
        }

        @Override
        boolean eval(Event e, Scratch s) {
            return s.value(e, field) != null;
        }
    }
}
