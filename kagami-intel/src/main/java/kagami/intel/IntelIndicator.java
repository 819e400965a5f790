package kagami.intel;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import kagami.core.Indicator;
import kagami.core.Tlp;

/**
 * An indicator as the store keeps it: the latest version of one STIX indicator object with the observables its
 * pattern names and the names of what it indicates (malware, intrusion sets ...).
 *
 * @param id             STIX id ({@code indicator--...})
 * @param name           short name, may be empty
 * @param description    free text, may be empty
 * @param pattern        STIX pattern text
 * @param patternType    {@code stix}, {@code yara}, {@code sigma} ...
 * @param observables    what the pattern names, normalised; empty for patterns Kagami cannot match on
 * @param indicatorTypes STIX indicator_types (open vocabulary, §10.6)
 * @param confidence     0-100 if stated
 * @param tlp            sharing restriction
 * @param validFrom      start of validity
 * @param validUntil     end of validity if any
 * @param revoked        revoked by its producer (STIX §3.6)
 * @param source         report URL or feed the indicator came from; empty if unknown
 * @param related        names of the malware, intrusion sets, campaigns it indicates
 * @param firstSeen      first sighting or first report, if known
 * @param lastSeen       last sighting, if known
 * @param created        STIX created
 * @param modified       STIX modified (the version)
 */
public record IntelIndicator(
        String id, String name, String description, String pattern, String patternType,
        List<Observable> observables, List<String> indicatorTypes, OptionalInt confidence, Tlp tlp,
        Instant validFrom, Optional<Instant> validUntil, boolean revoked, String source, List<String> related,
        Optional<Instant> firstSeen, Optional<Instant> lastSeen, Instant created, Instant modified) {

    /** indicator_types values that mean "this is bad" (STIX 2.1 §10.6). */
    private static final Set<String> HOSTILE = Set.of("malicious-activity", "compromised", "attribution",
            "anonymization");

    public IntelIndicator {
        Objects.requireNonNull(id);
        name = Objects.requireNonNullElse(name, "");
        description = Objects.requireNonNullElse(description, "");
        Objects.requireNonNull(pattern);
        Objects.requireNonNull(patternType);
        observables = List.copyOf(observables);
        indicatorTypes = List.copyOf(indicatorTypes);
        Objects.requireNonNull(confidence);
        Objects.requireNonNull(tlp);
        Objects.requireNonNull(validFrom);
        Objects.requireNonNull(validUntil);
        source = Objects.requireNonNullElse(source, "");
        related = List.copyOf(related);
        Objects.requireNonNull(firstSeen);
        Objects.requireNonNull(lastSeen);
        Objects.requireNonNull(created);
        Objects.requireNonNull(modified);
    }

    /**
     * Whether this is context rather than a sign of attack: its producer typed it only as benign or
     * anomalous-activity (e.g. legitimate services an attacker abused). Context indicators are matched for hunting
     * but never written to blocklists.
     */
    public boolean context() {
        return !indicatorTypes.isEmpty() && indicatorTypes.stream().noneMatch(HOSTILE::contains);
    }

    /** Whether valid, not revoked, at {@code t}. */
    public boolean activeAt(Instant t) {
        return !revoked && !t.isBefore(validFrom) && validUntil.map(t::isBefore).orElse(true);
    }

    /** The core vocabulary's view: one {@link Indicator} per observable. */
    public List<Indicator> toIndicators() {
        List<Indicator> out = new ArrayList<>(observables.size());
        String desc = description.isEmpty() ? name : description;
        for (Observable o : observables) {
            out.add(new Indicator(o.type(), o.value(), confidence.orElse(50), tlp, validFrom, validUntil,
                    source.isEmpty() ? id : source, related, desc));
        }
        return out;
    }
}
