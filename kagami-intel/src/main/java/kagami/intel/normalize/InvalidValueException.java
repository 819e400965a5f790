package kagami.intel.normalize;

import java.util.Locale;

import kagami.core.IndicatorType;
import kagami.intel.IntelMessage;

/**
 * A value that is not what its indicator type says (not a domain name, a hash of the wrong length ...); the reason
 * is an {@link IntelMessage} of kagami-intel's bundle, so it can be shown in Japanese or English.
 */
public final class InvalidValueException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient IndicatorType type;
    private final String value;
    private final IntelMessage reason;

    /** The reason is the message {@code key} (of {@value IntelMessage#BUNDLE}) with {@code args}. */
    public InvalidValueException(IndicatorType type, String value, String key, Object... args) {
        super(null, null, false, false);
        this.type = type;
        this.value = value;
        this.reason = IntelMessage.of(key, args);
    }

    public IndicatorType type() {
        return type;
    }

    public String value() {
        return value;
    }

    /** Why the value is invalid, without the value. */
    public IntelMessage reason() {
        return reason;
    }

    /** "invalid TYPE 'VALUE': REASON" as a message. */
    public IntelMessage text() {
        return IntelMessage.of("value.invalid", type.name().toLowerCase(Locale.ROOT), abbreviate(value), reason);
    }

    private static String abbreviate(String v) {
        return v.length() > 100 ? v.substring(0, 100) + "..." : v;
    }

    @Override
    public String getMessage() {
        return text().toString();
    }
}
