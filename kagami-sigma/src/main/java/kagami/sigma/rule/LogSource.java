package kagami.sigma.rule;

import java.io.Serializable;
import java.util.Locale;

/**
 * A rule's {@code logsource} (Sigma specification, "Log Source"): which kind of events it is written for. Empty
 * strings stand for absent keys. Values are kept lower-case, as the taxonomy writes them.
 */
public record LogSource(String product, String service, String category) implements Serializable {
    public LogSource {
        product = norm(product);
        service = norm(service);
        category = norm(category);
    }

    private static String norm(String s) {
        return s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        if (!product.isEmpty()) {
            b.append("product=").append(product);
        }
        if (!service.isEmpty()) {
            b.append(b.length() > 0 ? " " : "").append("service=").append(service);
        }
        if (!category.isEmpty()) {
            b.append(b.length() > 0 ? " " : "").append("category=").append(category);
        }
        return b.toString();
    }
}
