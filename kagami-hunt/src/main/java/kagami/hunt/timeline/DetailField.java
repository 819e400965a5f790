package kagami.hunt.timeline;

import java.io.Serializable;
import java.util.Objects;

/**
 * One labelled value of a timeline's {@code Details}, {@code ExtraFieldInfo} or {@code MatchedFields} column.
 *
 * @param label what the timeline shows before the value (a short label for Details, the field name otherwise)
 * @param field the event field the value came from
 * @param value the value as text ({@code n/a} when a Details template names a field the event lacks)
 */
public record DetailField(String label, String field, String value) implements Serializable {
    public DetailField {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(value, "value");
    }

    /** A field shown under its own name. */
    public static DetailField of(String field, String value) {
        return new DetailField(field, field, value);
    }
}
