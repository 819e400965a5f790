package kagami.intel;

import java.util.Locale;
import java.util.Objects;

import kagami.core.IndicatorType;

/**
 * One normalised observable: the key the store de-duplicates on and the matcher looks up.
 *
 * <p>Values are normalised by {@link kagami.intel.normalize.Normalizer}: domains lower-case ASCII (IDN as punycode)
 * without trailing dot, IPs in canonical text form, CIDRs with host bits cleared, hashes upper-case hex, URLs refanged
 * with lower-case scheme and host. Two wildcard forms exist because real feeds use them: a {@link IndicatorType#DOMAIN}
 * value {@code *.example.com} means "any sub-domain of" (STIX {@code LIKE '%.example.com'}), and {@link
 * IndicatorType#FILE_NAME} / {@link IndicatorType#FILE_PATH} values may carry {@code *} and {@code ?} globs (STIX
 * {@code LIKE} with {@code %} and {@code _}).
 *
 * @param type  kind of observable
 * @param value normalised value
 */
public record Observable(IndicatorType type, String value) implements Comparable<Observable> {
    public Observable {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
        if (value.isEmpty()) {
            throw new IllegalArgumentException("empty observable value");
        }
    }

    /** Whether the value is a wildcard (sub-domain or glob) rather than one literal value. */
    public boolean wildcard() {
        return switch (type) {
            case DOMAIN, HOSTNAME -> value.startsWith("*.");
            case FILE_NAME, FILE_PATH -> value.indexOf('*') >= 0 || value.indexOf('?') >= 0;
            default -> false;
        };
    }

    /** The type as written in Kagami's CSV and JSON outputs, e.g. {@code sha256}, {@code ipv4}, {@code file_name}. */
    public String typeName() {
        return typeName(type);
    }

    public static String typeName(IndicatorType t) {
        return t.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public int compareTo(Observable o) {
        int c = type.compareTo(o.type);
        return c != 0 ? c : value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return typeName() + ":" + value;
    }
}
