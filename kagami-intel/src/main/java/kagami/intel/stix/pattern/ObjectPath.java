package kagami.intel.stix.pattern;

import java.util.List;
import java.util.Objects;

/**
 * {@code object-type:property(.key|[index]|[*])*} (STIX 2.1 §9.4), e.g. {@code file:hashes.'SHA-256'} or
 * {@code email-message:body_multipart[*].body_raw_ref.name}.
 */
public record ObjectPath(String objectType, List<Step> steps) {
    public ObjectPath {
        Objects.requireNonNull(objectType);
        steps = List.copyOf(steps);
        if (steps.isEmpty() || !(steps.get(0) instanceof Step.Property)) {
            throw new IllegalArgumentException("an object path starts with a property name");
        }
    }

    /** One component of the path after the object type. */
    public sealed interface Step {
        record Property(String name) implements Step { }

        record Index(long index) implements Step { }

        record AnyIndex() implements Step { }
    }

    /** The path without list indexes as {@code type:a.b.c}, the form used to decide what an observable is. */
    public String dotted() {
        StringBuilder sb = new StringBuilder(objectType).append(':');
        boolean first = true;
        for (Step s : steps) {
            if (s instanceof Step.Property p) {
                if (!first) {
                    sb.append('.');
                }
                sb.append(p.name());
                first = false;
            }
        }
        return sb.toString();
    }

    /** The path in pattern syntax, quoting keys that are not plain identifiers. */
    public String format() {
        StringBuilder sb = new StringBuilder(objectType).append(':');
        boolean first = true;
        for (Step s : steps) {
            if (s instanceof Step.Property p) {
                if (!first) {
                    sb.append('.');
                }
                sb.append(p.name().matches("[A-Za-z_][A-Za-z0-9_]*") ? p.name() : Literal.quote(p.name()));
            } else if (s instanceof Step.Index i) {
                sb.append('[').append(i.index()).append(']');
            } else {
                sb.append("[*]");
            }
            first = false;
        }
        return sb.toString();
    }
}
