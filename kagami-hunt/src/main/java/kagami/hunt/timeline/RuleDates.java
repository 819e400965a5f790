package kagami.hunt.timeline;

import java.util.Objects;

/** A rule's {@code date} and {@code modified} (Sigma), which {@link kagami.core.Detection} does not carry. */
public record RuleDates(String created, String modified) {
    public static final RuleDates UNKNOWN = new RuleDates("", "");

    public RuleDates {
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(modified, "modified");
    }
}
