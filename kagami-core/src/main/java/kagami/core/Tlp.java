package kagami.core;

import java.util.Locale;
import java.util.Optional;

/** Traffic Light Protocol 2.0 (FIRST, 2022) marking of shared information, least restrictive first. */
public enum Tlp {
    CLEAR("TLP:CLEAR"), GREEN("TLP:GREEN"), AMBER("TLP:AMBER"), AMBER_STRICT("TLP:AMBER+STRICT"), RED("TLP:RED");

    private final String label;

    Tlp(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Parses {@code TLP:AMBER+STRICT}, {@code amber+strict}, and TLP 1.0's {@code WHITE} (= CLEAR). */
    public static Optional<Tlp> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.trim().toUpperCase(Locale.ROOT);
        if (t.startsWith("TLP:")) {
            t = t.substring(4);
        }
        return switch (t) {
            case "CLEAR", "WHITE" -> Optional.of(CLEAR);
            case "GREEN" -> Optional.of(GREEN);
            case "AMBER" -> Optional.of(AMBER);
            case "AMBER+STRICT", "AMBER_STRICT" -> Optional.of(AMBER_STRICT);
            case "RED" -> Optional.of(RED);
            default -> Optional.empty();
        };
    }
}
