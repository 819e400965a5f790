package kagami.core;

import java.util.Locale;
import java.util.Optional;

/** Severity of a detection, as Sigma defines it (specification: "level"), lowest first. */
public enum Level {
    INFORMATIONAL("informational", "info"),
    LOW("low", "low"),
    MEDIUM("medium", "med"),
    HIGH("high", "high"),
    CRITICAL("critical", "crit");

    private final String sigmaName;
    private final String abbreviation;

    Level(String sigmaName, String abbreviation) {
        this.sigmaName = sigmaName;
        this.abbreviation = abbreviation;
    }

    /** The word used in Sigma rules and in output ({@code informational}, {@code low} ...). */
    public String sigmaName() {
        return sigmaName;
    }

    /** Short form used in timelines ({@code info}, {@code med}, {@code crit} ...), as Hayabusa prints them. */
    public String abbreviation() {
        return abbreviation;
    }

    public boolean atLeast(Level other) {
        return compareTo(other) >= 0;
    }

    /** Parses a Sigma level name or its abbreviation, case-insensitively. */
    public static Optional<Level> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        for (Level l : values()) {
            if (l.sigmaName.equals(t) || l.abbreviation.equals(t)) {
                return Optional.of(l);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return sigmaName;
    }
}
