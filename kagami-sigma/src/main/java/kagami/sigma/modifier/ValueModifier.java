package kagami.sigma.modifier;

import java.util.Locale;
import java.util.Optional;

/**
 * The value modifiers of the Sigma specification 2.1 (appendix "Modifiers"), in the words rules use after
 * {@code |}. {@code re} flags {@code i}, {@code m}, {@code s} are modifiers of their own after {@code re}.
 */
public enum ValueModifier {
    CONTAINS, STARTSWITH, ENDSWITH, ALL, EXISTS, CASED, NEQ,
    WINDASH,
    RE, I, M, S,
    BASE64, BASE64OFFSET, UTF16LE, WIDE, UTF16BE, UTF16,
    LT, LTE, GT, GTE,
    MINUTE, HOUR, DAY, WEEK, MONTH, YEAR,
    CIDR,
    EXPAND, FIELDREF;

    public String sigmaName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ValueModifier> parse(String text) {
        try {
            return Optional.of(valueOf(text.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Time modifiers (2.1): extract a number from a date value. */
    public boolean isTimePart() {
        return this == MINUTE || this == HOUR || this == DAY || this == WEEK || this == MONTH || this == YEAR;
    }

    public boolean isComparison() {
        return this == LT || this == LTE || this == GT || this == GTE;
    }
}
