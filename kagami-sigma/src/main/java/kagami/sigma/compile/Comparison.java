package kagami.sigma.compile;

/** The numeric comparisons of the modifiers {@code lt lte gt gte} (and equality for time parts). */
enum Comparison {
    LT, LTE, GT, GTE, EQ;

    boolean test(double value, double threshold) {
        switch (this) {
            case LT:
                return value < threshold;
            case LTE:
                return value <= threshold;
            case GT:
                return value > threshold;
            case GTE:
                return value >= threshold;
            default:
                return value == threshold;
        }
    }
}
