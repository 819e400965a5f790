package kagami.intel.stix.pattern;

import java.util.Objects;

import kagami.intel.stix.pattern.ComparisonExpression.Comparison;

/**
 * A parsed STIX 2.1 pattern (§9). {@link #parse} checks the whole grammar — observation operators and
 * qualifiers, comparison operators incl. {@code LIKE}, {@code MATCHES}, {@code ISSUBSET}, {@code EXISTS}, object
 * paths with quoted keys and list indexes, and every literal kind — so malformed patterns are rejected at import
 * with the character position, before anything is stored.
 */
public record StixPattern(PatternExpression expression) {
    public StixPattern {
        Objects.requireNonNull(expression);
    }

    public static StixPattern parse(String text) throws StixPatternException {
        return new StixPattern(PatternParser.parse(text));
    }

    /** The pattern in canonical text form (single spaces, minimal parentheses kept explicit around groups). */
    public String format() {
        StringBuilder sb = new StringBuilder();
        format(expression, sb);
        return sb.toString();
    }

    private static void format(PatternExpression e, StringBuilder sb) {
        if (e instanceof PatternExpression.Observation o) {
            sb.append('[');
            format(o.comparison(), sb);
            sb.append(']');
        } else if (e instanceof PatternExpression.Combined c) {
            sb.append('(');
            format(c.left(), sb);
            sb.append(' ').append(c.operator()).append(' ');
            format(c.right(), sb);
            sb.append(')');
        } else {
            PatternExpression.Qualified q = (PatternExpression.Qualified) e;
            format(q.expression(), sb);
            PatternExpression.Qualifier ql = q.qualifier();
            if (ql instanceof PatternExpression.Qualifier.Within w) {
                sb.append(" WITHIN ").append(w.seconds().toPlainString()).append(" SECONDS");
            } else if (ql instanceof PatternExpression.Qualifier.Repeats r) {
                sb.append(" REPEATS ").append(r.times()).append(" TIMES");
            } else {
                PatternExpression.Qualifier.StartStop s = (PatternExpression.Qualifier.StartStop) ql;
                sb.append(" START t'").append(s.start()).append("' STOP t'").append(s.stop()).append('\'');
            }
        }
    }

    private static void format(ComparisonExpression e, StringBuilder sb) {
        if (e instanceof Comparison c) {
            sb.append(c.path().format()).append(' ');
            if (c.negated()) {
                sb.append("NOT ");
            }
            sb.append(c.operator().text()).append(' ');
            if (c.operator() == ComparisonExpression.Operator.IN) {
                sb.append('(');
                for (int i = 0; i < c.values().size(); i++) {
                    sb.append(i == 0 ? "" : ", ").append(c.values().get(i).format());
                }
                sb.append(')');
            } else {
                sb.append(c.value().format());
            }
        } else if (e instanceof ComparisonExpression.Exists x) {
            sb.append(x.negated() ? "NOT EXISTS " : "EXISTS ").append(x.path().format());
        } else {
            ComparisonExpression.Combined c = (ComparisonExpression.Combined) e;
            sb.append('(');
            format(c.left(), sb);
            sb.append(' ').append(c.operator()).append(' ');
            format(c.right(), sb);
            sb.append(')');
        }
    }
}
