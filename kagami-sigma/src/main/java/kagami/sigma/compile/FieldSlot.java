package kagami.sigma.compile;

import java.io.Serializable;

/** One looked-up field with the automata of every literal any rule tests against it (folded and case-sensitive). */
final class FieldSlot implements Serializable {
    private static final long serialVersionUID = 1L;
    final FieldAccess access;
    final LiteralAutomaton folded;
    final LiteralAutomaton cased;

    FieldSlot(FieldAccess access, LiteralAutomaton folded, LiteralAutomaton cased) {
        this.access = access;
        this.folded = folded;
        this.cased = cased;
    }

    void scan(String text, LiteralAutomaton.Hits hits) {
        if (folded != null) {
            folded.scan(text, hits);
        }
        if (cased != null) {
            cased.scan(text, hits);
        }
    }
}
