package kagami.intel;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import kagami.core.IndicatorType;
import kagami.core.Tlp;
import kagami.intel.normalize.Normalizer;
import kagami.intel.stix.StixIds;
import kagami.intel.stix.pattern.PatternObservables;

/** Indicators built in code for tests. */
public final class TestIndicators {
    public static final Instant T = Instant.parse("2025-01-08T00:00:00Z");

    private TestIndicators() {
    }

    public static IntelIndicator of(IndicatorType type, String value, String... related) {
        return of(type, value, false, related);
    }

    public static IntelIndicator context(IndicatorType type, String value) {
        return of(type, value, true);
    }

    public static IntelIndicator of(IndicatorType type, String value, boolean context, String... related) {
        try {
            Observable o = Normalizer.normalize(type, value);
            return new IntelIndicator(StixIds.kagami("indicator", o.toString()), o.typeName() + " " + o.value(), "",
                    PatternObservables.patternFor(o), "stix", List.of(o),
                    List.of(context ? "anomalous-activity" : "malicious-activity"), OptionalInt.of(80), Tlp.GREEN, T,
                    Optional.empty(), false, "https://example.org/report", List.of(related), Optional.empty(),
                    Optional.empty(), T, T);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
