package kagami.sigma.rule;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import kagami.sigma.condition.Condition;

/** One YAML document of a Sigma file: a detection rule, a correlation rule or a meta filter. */
public sealed interface SigmaDocument extends Serializable {

    RuleMeta meta();

    /**
     * A detection rule (Sigma rules specification).
     *
     * @param searches   the search identifiers of {@code detection}, in file order
     * @param conditions the condition(s); several are ORed (specification: "condition" may be a list)
     */
    record DetectionRule(RuleMeta meta, LogSource logsource, Map<String, SearchIdentifier> searches,
                         List<Condition> conditions, List<String> conditionTexts, List<String> fields)
            implements SigmaDocument {
        public DetectionRule {
            searches = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(searches));
            conditions = List.copyOf(conditions);
            conditionTexts = List.copyOf(conditionTexts);
            fields = List.copyOf(fields);
        }
    }

    /** The correlation types of the Sigma correlation rules specification (2.1 adds the value_* metrics). */
    enum CorrelationType {
        EVENT_COUNT, VALUE_COUNT, TEMPORAL, TEMPORAL_ORDERED, VALUE_SUM, VALUE_AVG, VALUE_PERCENTILE;

        public String sigmaName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** Whether the condition carries a {@code field} whose values are aggregated. */
        public boolean needsField() {
            return this == VALUE_COUNT || this == VALUE_SUM || this == VALUE_AVG || this == VALUE_PERCENTILE;
        }
    }

    /**
     * A correlation rule.
     *
     * @param rules     referenced rules (ids or names), in order (order matters for temporal_ordered)
     * @param groupBy   group-by fields or aliases; empty = one group
     * @param condition comparison operators ({@code gt gte lt lte eq neq}) to thresholds; empty for temporal
     *                  types without a condition (then: all referenced rules)
     * @param field     the aggregated field of value_* types; empty otherwise
     * @param aliases   alias → (rule name or id → field)
     */
    record CorrelationRule(RuleMeta meta, CorrelationType type, List<String> rules, List<String> groupBy,
                           Duration timespan, Map<String, Double> condition, String field,
                           Map<String, Map<String, String>> aliases, boolean generate) implements SigmaDocument {
        public CorrelationRule {
            rules = List.copyOf(rules);
            groupBy = List.copyOf(groupBy);
            condition = Map.copyOf(condition);
            aliases = Map.copyOf(aliases);
        }
    }

    /** A meta filter (Sigma filters specification): its condition is ANDed-NOT into each rule it names. */
    record FilterRule(RuleMeta meta, LogSource logsource, List<String> rules, Map<String, SearchIdentifier> searches,
                      List<Condition> conditions) implements SigmaDocument {
        public FilterRule {
            rules = List.copyOf(rules);
            searches = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(searches));
            conditions = List.copyOf(conditions);
        }
    }
}
