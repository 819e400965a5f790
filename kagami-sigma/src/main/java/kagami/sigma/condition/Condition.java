package kagami.sigma.condition;

import java.io.Serializable;
import java.util.List;

/**
 * A detection condition (Sigma specification, "Condition"): search identifiers combined with {@code and},
 * {@code or}, {@code not}, parentheses and the quantifiers {@code 1 of} / {@code all of} over identifier patterns
 * or {@code them}.
 */
public sealed interface Condition extends Serializable {

    record And(List<Condition> operands) implements Condition {
        public And {
            operands = List.copyOf(operands);
        }
    }

    record Or(List<Condition> operands) implements Condition {
        public Or {
            operands = List.copyOf(operands);
        }
    }

    record Not(Condition operand) implements Condition {
    }

    /** A search identifier by name. */
    record Identifier(String name) implements Condition {
    }

    /**
     * {@code N of pattern} or {@code all of pattern}. {@code pattern} may contain {@code *} wildcards; the pattern
     * {@code them} means every identifier except those starting with {@code _} (specification: "1 of them").
     *
     * @param count how many must match; {@link #ALL} for {@code all of}
     */
    record Quantified(int count, String pattern) implements Condition {
        public static final int ALL = -1;

        public boolean isThem() {
            return pattern.equals("them");
        }
    }
}
