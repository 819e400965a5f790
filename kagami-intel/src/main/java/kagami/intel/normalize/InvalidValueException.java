package kagami.intel.normalize;

import kagami.core.IndicatorType;

/** A value that is not what its indicator type says (not a domain name, a hash of the wrong length ...). */
public final class InvalidValueException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient IndicatorType type;
    private final String value;
    private final String reason;

    public InvalidValueException(IndicatorType type, String value, String reason) {
        super("invalid " + type.name().toLowerCase(java.util.Locale.ROOT) + " '" + abbreviate(value) + "': " + reason);
        this.type = type;
        this.value = value;
        this.reason = reason;
    }

    private static String abbreviate(String v) {
        return v.length() > 100 ? v.substring(0, 100) + "..." : v;
    }

    public IndicatorType type() {
        return type;
    }

    public String value() {
        return value;
    }

    public String reason() {
        return reason;
    }
}
