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
        if (n instanceof Node.And a) {
            for (Node x : a.ops) {
                if (unavailableUnderNot(x, negated)) {
                    return true;
                }
            }
        } else if (n instanceof Node.Or o) {
            for (Node x : o.ops) {
                if (unavailableUnderNot(x, negated)) {
                    return true;
                }
            }
        } else if (n instanceof Node.AtLeast l) {
            for (Node x : l.ops) {
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

    static Node simplify(Node n) {
        if (n instanceof Node.And a) {
            List<Node> ops = new ArrayList<>();
            for (Node x : a.ops) {
                Node s = simplify(x);
                if (s instanceof Node.Const c) {
                    if (!c.value) {
                        return Node.Const.FALSE;
                    }
                    continue;
                }
                if (s instanceof Node.And inner) {
                    ops.addAll(List.of(inner.ops));
                } else {
                    ops.add(s);
                }
            }
            if (ops.isEmpty()) {
                return Node.Const.TRUE;
            }
            if (ops.size() == 1) {
                return ops.get(0);
            }
            ops.sort(Comparator.comparingInt(Node::cost));
            return new Node.And(ops.toArray(new Node[0]));
        }
        if (n instanceof Node.Or o) {
            List<Node> ops = new ArrayList<>();
            for (Node x : o.ops) {
                Node s = simplify(x);
                if (s instanceof Node.Const c) {
                    if (c.value) {
                        return Node.Const.TRUE;
                    }
                    continue;
                }
                if (s instanceof Node.Or inner) {
                    ops.addAll(List.of(inner.ops));
                } else {
                    ops.add(s);
                }
            }
            if (ops.isEmpty()) {
                return Node.Const.FALSE;
            }
            if (ops.size() == 1) {
                return ops.get(0);
            }
            ops.sort(Comparator.comparingInt(Node::cost));
            return new Node.Or(ops.toArray(new Node[0]));
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
}
