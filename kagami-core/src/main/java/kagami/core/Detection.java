package kagami.core;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A rule fired: which rule (with the attribution its licence requires), on which events, and the evidence.
 *
 * @param ruleId       the rule's id (Sigma {@code id}), or its name/title when it has none
 * @param title        the rule's title
 * @param level        severity
 * @param status       Sigma status ({@code stable}, {@code test}, {@code experimental} ...), empty if none
 * @param tags         all tags of the rule as written
 * @param attack       the ATT&CK references among {@code tags}
 * @param author       the rule's author(s); shown with every result (SigmaHQ's DRL 1.1 requires it)
 * @param references   the rule's references
 * @param license      the rule's licence, e.g. {@code DRL-1.1}; empty if the rule names none
 * @param ruleFile     where the rule was loaded from
 * @param timestamp    time of the (last) event that completed the match
 * @param events       the events that made the rule fire (one for a single-event rule, several for a correlation)
 * @param matchedFields field name → value of the fields that satisfied the rule's selections, for explanation
 */
public record Detection(
        String ruleId,
        String title,
        Level level,
        String status,
        List<String> tags,
        List<AttackTag> attack,
        String author,
        List<String> references,
        String license,
        String ruleFile,
        Instant timestamp,
        List<Event> events,
        Map<String, String> matchedFields) implements Serializable {

    public Detection {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(status, "status");
        tags = List.copyOf(tags);
        attack = List.copyOf(attack);
        Objects.requireNonNull(author, "author");
        references = List.copyOf(references);
        Objects.requireNonNull(license, "license");
        Objects.requireNonNull(ruleFile, "ruleFile");
        Objects.requireNonNull(timestamp, "timestamp");
        events = List.copyOf(events);
        matchedFields = Map.copyOf(matchedFields);
    }

    /** The first event of the match (the only one for single-event rules). */
    public Event firstEvent() {
        if (events.isEmpty()) {
            throw new IllegalStateException("detection " + ruleId + " carries no event");
        }
        return events.get(0);
    }
}
