package kagami.hunt.timeline;

import java.util.Optional;

/**
 * The values a timeline profile can place in a column, written {@code %Name%} in a profile file. The names are
 * Hayabusa's where Hayabusa has the same column, so analysts' profiles and habits carry over.
 */
public enum Placeholder {
    TIMESTAMP("Timestamp"),
    /** Always UTC, ISO-8601 with microseconds: what Timesketch's {@code datetime} column expects. */
    TIMESTAMP_ISO("TimestampISO"),
    /** Microseconds since the Unix epoch (Timesketch's optional {@code timestamp} column). */
    TIMESTAMP_MICROS("TimestampMicros"),
    RULE_TITLE("RuleTitle"),
    LEVEL("Level"),
    COMPUTER("Computer"),
    CHANNEL("Channel"),
    PROVIDER("Provider"),
    EVENT_ID("EventID"),
    RECORD_ID("RecordID"),
    DETAILS("Details"),
    EXTRA_FIELD_INFO("ExtraFieldInfo"),
    ALL_FIELD_INFO("AllFieldInfo"),
    MATCHED_FIELDS("MatchedFields"),
    RULE_ID("RuleID"),
    RULE_AUTHOR("RuleAuthor"),
    RULE_LICENSE("RuleLicense"),
    RULE_FILE("RuleFile"),
    RULE_CREATION_DATE("RuleCreationDate"),
    RULE_MODIFIED_DATE("RuleModifiedDate"),
    STATUS("Status"),
    MITRE_TACTICS("MitreTactics"),
    MITRE_TAGS("MitreTags"),
    OTHER_TAGS("OtherTags"),
    EVTX_FILE("EvtxFile"),
    RECOVERED("Recovered");

    private final String token;

    Placeholder(String token) {
        this.token = token;
    }

    /** The name between the percent signs. */
    public String token() {
        return token;
    }

    /** The placeholder for {@code %Name%} (case-insensitive), if {@code text} is one. */
    public static Optional<Placeholder> parse(String text) {
        String t = text.trim();
        if (t.length() < 3 || t.charAt(0) != '%' || t.charAt(t.length() - 1) != '%') {
            return Optional.empty();
        }
        String name = t.substring(1, t.length() - 1);
        for (Placeholder p : values()) {
            if (p.token.equalsIgnoreCase(name)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
