package kagami.intel.stix.pattern;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * The observation-expression level of a STIX pattern (STIX 2.1 §9.5): bracketed observations combined with
 * {@code AND}, {@code OR} and {@code FOLLOWEDBY}, each optionally qualified.
 */
public sealed interface PatternExpression {

    /** {@code [ comparison-expression ]}: one observation. */
    record Observation(ComparisonExpression comparison) implements PatternExpression {
        public Observation {
            Objects.requireNonNull(comparison);
        }
    }

    /** Observation operators, STIX 2.1 §9.5 table (precedence lowest first: FOLLOWEDBY, OR, AND). */
    enum ObservationOperator { AND, OR, FOLLOWEDBY }

    record Combined(ObservationOperator operator, PatternExpression left, PatternExpression right)
            implements PatternExpression {
        public Combined {
            Objects.requireNonNull(operator);
            Objects.requireNonNull(left);
            Objects.requireNonNull(right);
        }
    }

    /** An observation expression with a qualifier (STIX 2.1 §9.6). */
    record Qualified(PatternExpression expression, Qualifier qualifier) implements PatternExpression {
        public Qualified {
            Objects.requireNonNull(expression);
            Objects.requireNonNull(qualifier);
        }
    }

    /** Observation qualifiers, STIX 2.1 §9.6. */
    sealed interface Qualifier {
        /** {@code WITHIN n SECONDS}. */
        record Within(BigDecimal seconds) implements Qualifier { }

        /** {@code REPEATS n TIMES}. */
        record Repeats(long times) implements Qualifier { }

        /** {@code START t'..' STOP t'..'}. */
        record StartStop(Instant start, Instant stop) implements Qualifier { }
    }
}
