package kagami.core;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An observable worth looking for, with its provenance: what it is, how sure we are, who may see it, how long it
 * is valid, and what it belongs to.
 *
 * @param type        kind of observable
 * @param value       normalised value (lower-case domain without trailing dot, refanged URL, upper-case hash ...)
 * @param confidence  0-100 (STIX 2.1 §3.2 confidence scale)
 * @param tlp         sharing restriction
 * @param validFrom   start of validity
 * @param validUntil  end of validity, empty if open-ended
 * @param source      who reported it (report URL or feed name)
 * @param malware     related malware / tool names
 * @param description free text, may be empty
 */
public record Indicator(
        IndicatorType type,
        String value,
        int confidence,
        Tlp tlp,
        Instant validFrom,
        Optional<Instant> validUntil,
        String source,
        List<String> malware,
        String description) implements Serializable {

    public Indicator {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
        if (confidence < 0 || confidence > 100) {
            throw new IllegalArgumentException("confidence must be 0-100, was " + confidence);
        }
        Objects.requireNonNull(tlp, "tlp");
        Objects.requireNonNull(validFrom, "validFrom");
        Objects.requireNonNull(validUntil, "validUntil");
        Objects.requireNonNull(source, "source");
        malware = List.copyOf(malware);
        Objects.requireNonNull(description, "description");
    }

    /** Whether the indicator is valid at {@code t}. */
    public boolean validAt(Instant t) {
        return !t.isBefore(validFrom) && validUntil.map(t::isBefore).orElse(true);
    }
}
