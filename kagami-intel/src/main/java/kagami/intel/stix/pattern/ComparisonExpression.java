package kagami.intel.stix.pattern;

import java.util.List;
import java.util.Objects;

/** The comparison-expression level of a STIX pattern (STIX 2.1 §9.5, §9.7): what sits inside the brackets. */
public sealed interface ComparisonExpression {

    /** Comparison operators, STIX 2.1 §9.7 table. */
    enum Operator {
        EQ("="), NEQ("!="), LT("<"), LE("<="), GT(">"), GE(">="), IN("IN"), LIKE("LIKE"), MATCHES("MATCHES"),
        ISSUBSET("ISSUBSET"), ISSUPERSET("ISSUPERSET");

        private final String text;

        Operator(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    enum BooleanOperator { AND, OR }

    /**
     * {@code object-path [NOT] operator literal}; for {@link Operator#IN} the literals are the set members, for
     * every other operator there is exactly one.
     */
    record Comparison(ObjectPath path, boolean negated, Operator operator, List<Literal> values)
            implements ComparisonExpression {
        public Comparison {
            Objects.requireNonNull(path);
            Objects.requireNonNull(operator);
            values = List.copyOf(values);
            if (operator != Operator.IN && values.size() != 1) {
                throw new IllegalArgumentException(operator + " takes one literal");
            }
        }

        public Literal value() {
            return values.get(0);
        }
    }

    /** {@code [NOT] EXISTS object-path} (STIX 2.1 only). */
    record Exists(ObjectPath path, boolean negated) implements ComparisonExpression {
        public Exists {
            Objects.requireNonNull(path);
        }
    }

    record Combined(BooleanOperator operator, ComparisonExpression left, ComparisonExpression right)
            implements ComparisonExpression {
        public Combined {
            Objects.requireNonNull(operator);
            Objects.requireNonNull(left);
            Objects.requireNonNull(right);
        }
    }
}
