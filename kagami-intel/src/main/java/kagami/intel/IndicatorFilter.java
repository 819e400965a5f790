package kagami.intel;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import kagami.core.IndicatorType;
import kagami.core.Tlp;

/**
 * Which indicators an export, a blocklist or a matcher takes.
 *
 * @param types          observable types to keep; empty means all
 * @param maxTlp         most restrictive TLP to include (e.g. GREEN keeps CLEAR and GREEN)
 * @param minConfidence  minimum confidence; indicators without one are dropped when this is set
 * @param activeAt       keep only indicators valid and not revoked at this time; empty keeps expired ones too
 * @param modifiedSince  keep only indicators modified at or after this time (age filter)
 * @param includeContext keep context indicators (benign / anomalous-activity, e.g. abused legitimate services)
 */
public record IndicatorFilter(Set<IndicatorType> types, Tlp maxTlp, OptionalInt minConfidence,
                              Optional<Instant> activeAt, Optional<Instant> modifiedSince, boolean includeContext) {
    public IndicatorFilter {
        types = types.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(types));
        Objects.requireNonNull(maxTlp);
        Objects.requireNonNull(minConfidence);
        Objects.requireNonNull(activeAt);
        Objects.requireNonNull(modifiedSince);
    }

    /** Everything, expired and context included. */
    public static IndicatorFilter all() {
        return new IndicatorFilter(Set.of(), Tlp.RED, OptionalInt.empty(), Optional.empty(), Optional.empty(), true);
    }

    /** What is valid now, context included (hunting and matching). */
    public static IndicatorFilter activeNow() {
        return all().withActiveAt(Instant.now());
    }

    public IndicatorFilter withTypes(Set<IndicatorType> t) {
        return new IndicatorFilter(t, maxTlp, minConfidence, activeAt, modifiedSince, includeContext);
    }

    public IndicatorFilter withMaxTlp(Tlp t) {
        return new IndicatorFilter(types, t, minConfidence, activeAt, modifiedSince, includeContext);
    }

    public IndicatorFilter withMinConfidence(int c) {
        return new IndicatorFilter(types, maxTlp, OptionalInt.of(c), activeAt, modifiedSince, includeContext);
    }

    public IndicatorFilter withActiveAt(Instant t) {
        return new IndicatorFilter(types, maxTlp, minConfidence, Optional.of(t), modifiedSince, includeContext);
    }

    public IndicatorFilter withModifiedSince(Instant t) {
        return new IndicatorFilter(types, maxTlp, minConfidence, activeAt, Optional.of(t), includeContext);
    }

    public IndicatorFilter withContext(boolean c) {
        return new IndicatorFilter(types, maxTlp, minConfidence, activeAt, modifiedSince, c);
    }

    /** Whether {@code i} passes everything but the type filter (types are applied per observable). */
    public boolean accepts(IntelIndicator i) {
        if (i.tlp().compareTo(maxTlp) > 0) {
            return false;
        }
        if (minConfidence.isPresent() && (i.confidence().isEmpty()
                || i.confidence().getAsInt() < minConfidence.getAsInt())) {
            return false;
        }
        if (activeAt.isPresent() && !i.activeAt(activeAt.get())) {
            return false;
        }
        if (modifiedSince.isPresent() && i.modified().isBefore(modifiedSince.get())) {
            return false;
        }
        return includeContext || !i.context();
    }

    public boolean acceptsType(IndicatorType t) {
        return types.isEmpty() || types.contains(t);
    }
}
