package kagami.sigma.compile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Constant folding and cheap-first ordering of a compiled condition, and the unavailable-field check. */
final class Simplifier {
    private Simplifier() {
    }

    /**
     * Whether a test of a field the source does not record sits under an odd number of {@code not}s, where
     * taking it as false would make the rule fire more, not less (e.g. a filter on OriginalFileName on 4688).
     */
    static boolean unavailableUnderNot(Node n, boolean negated) {
        if (n == Node.Const.UNAVAILABLE) {
            return negated;
        }
        if (n instanceof Node.Combination c) {
            for (Node x : c.ops) {
                if (unavailableUnderNot(x, negated)) {
                    return true;
                }
            }
        } else if (n instanceof Node.Not not) {
            return unavailableUnderNot(not.op, !negated);
        } else if (n instanceof Node.NotEqual ne) {
            return unavailableUnderNot(ne.anyEqual, !negated);
        }
        return false;
    }

    /**
     * And/or with constants folded, nested operators of the same kind flattened and operands ordered cheap
     * first. {@code or} is absorbed by a true operand, {@code and} by a false one.
     */
    private static Node flatten(Node[] operands, boolean isOr) {
        List<Node> ops = new ArrayList<>();
        for (Node x : operands) {
            Node s = simplify(x);
            if (s instanceof Node.Const c) {
                if (c.value == isOr) {
                    return c;
                }
                continue;
            }
            if (isOr ? s instanceof Node.Or : s instanceof Node.And) {
                ops.addAll(List.of(((Node.Combination) s).ops));
            } else {
                ops.add(s);
            }
        }
        if (isOr) {
            ops = literalSets(ops);
        }
        if (ops.isEmpty()) {
            return isOr ? Node.Const.FALSE : Node.Const.TRUE;
        }
        if (ops.size() == 1) {
            return ops.get(0);
        }
        ops.sort(Comparator.comparingInt(Node::cost));
        Node[] arr = ops.toArray(new Node[0]);
        return isOr ? new Node.Or(arr) : new Node.And(arr);
    }

    static Node simplify(Node n) {
        if (n instanceof Node.And a) {
            return flatten(a.ops, false);
        }
        if (n instanceof Node.Or o) {
            return flatten(o.ops, true);
        }
        if (n instanceof Node.Not not) {
            Node s = simplify(not.op);
            if (s instanceof Node.Const c) {
                return c.value ? Node.Const.FALSE : Node.Const.TRUE;
            }
            if (s instanceof Node.Not inner) {
                return inner.op;
            }
            return new Node.Not(s);
        }
        if (n instanceof Node.AtLeast l) {
            List<Node> ops = new ArrayList<>();
            int need = l.n;
            for (Node x : l.ops) {
                Node s = simplify(x);
                if (s instanceof Node.Const c) {
                    if (c.value) {
                        need--;
                    }
                    continue;
                }
                ops.add(s);
            }
            if (need <= 0) {
                return Node.Const.TRUE;
            }
            if (need > ops.size()) {
                return Node.Const.FALSE;
            }
            if (need == 1) {
                return simplify(new Node.Or(ops.toArray(new Node[0])));
            }
            if (need == ops.size()) {
                return simplify(new Node.And(ops.toArray(new Node[0])));
            }
            return new Node.AtLeast(need, ops.toArray(new Node[0]));
        }
        if (n instanceof Node.NotEqual ne) {
            Node s = simplify(ne.anyEqual);
            if (s instanceof Node.Const c && !c.value) {
                return new Node.ExistsValue(ne.field);
            }
            return new Node.NotEqual(ne.field, s);
        }
        if (n == Node.Const.UNAVAILABLE) {
            return Node.Const.FALSE;
        }
        return n;
    }

    /**
     * Event ids a condition requires ({@code EventID: 4624} ANDed with the rest, or an {@code or} of such
     * branches), so the rule can be indexed under them; empty when the condition does not pin the event id.
     * Readers set the event's id from the same System/EventID the field holds (event conventions).
     */
    static java.util.Set<Integer> requiredEventIds(Node n) {
        if (n instanceof Node.IntegerTest t && t.field.names.length == 1 && t.field.names[0].equals("EventID")
                && t.number >= 0 && t.number <= Integer.MAX_VALUE) {
            return java.util.Set.of((int) t.number);
        }
        if (n instanceof Node.And a) {
            for (Node x : a.ops) {
                java.util.Set<Integer> ids = requiredEventIds(x);
                if (!ids.isEmpty()) {
                    return ids;
                }
            }
            return java.util.Set.of();
        }
        if (n instanceof Node.Or o) {
            java.util.Set<Integer> all = new java.util.HashSet<>();
            for (Node x : o.ops) {
                java.util.Set<Integer> ids = requiredEventIds(x);
                if (ids.isEmpty()) {
                    return java.util.Set.of();
                }
                all.addAll(ids);
            }
            return all;
        }
        return java.util.Set.of();
    }

    /** Operands of an {@code or} that test literals on one field, four or more, become one set test. */
    private static List<Node> literalSets(List<Node> ops) {
        java.util.Map<Integer, List<Node.LiteralTest>> bySlot = new java.util.LinkedHashMap<>();
        for (Node n : ops) {
            if (n instanceof Node.LiteralTest l) {
                bySlot.computeIfAbsent(l.slot, k -> new ArrayList<>()).add(l);
            }
        }
        if (bySlot.values().stream().noneMatch(l -> l.size() >= 4)) {
            return ops;
        }
        List<Node> out = new ArrayList<>();
        for (Node n : ops) {
            if (!(n instanceof Node.LiteralTest l) || bySlot.get(l.slot).size() < 4) {
                out.add(n);
            }
        }
        for (List<Node.LiteralTest> group : bySlot.values()) {
            if (group.size() < 4) {
                continue;
            }
            java.util.TreeMap<Integer, Byte> where = new java.util.TreeMap<>();
            for (Node.LiteralTest l : group) {
                where.merge(l.pattern, l.where, (a, b) -> (byte) (a | b));
            }
            int[] patterns = where.keySet().stream().mapToInt(Integer::intValue).toArray();
            byte[] w = new byte[patterns.length];
            int i = 0;
            for (byte b : where.values()) {
                w[i++] = b;
            }
            out.add(new Node.LiteralSetTest(group.get(0).field, group.get(0).slot, patterns, w));
        }
        return out;
    }
}
