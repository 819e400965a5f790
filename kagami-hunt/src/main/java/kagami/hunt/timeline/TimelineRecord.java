package kagami.hunt.timeline;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import kagami.core.Level;

/**
 * One row of a timeline: a detection with every column value already turned into text, so rows can be sorted,
 * spilled to disk, de-duplicated and written in any profile without the event behind them.
 *
 * @param timestamp     time of the event that completed the match
 * @param ruleTitle     the rule's title
 * @param level         severity after level tuning
 * @param ruleId        the rule's id
 * @param status        the rule's Sigma status
 * @param ruleAuthor    the rule's author(s) (DRL 1.1 attribution for SigmaHQ rules)
 * @param ruleLicense   the rule's licence, e.g. {@code DRL-1.1}; empty if none
 * @param ruleFile      where the rule came from
 * @param ruleCreated   the rule's {@code date}, empty if unknown
 * @param ruleModified  the rule's {@code modified}, empty if unknown
 * @param tactics       ATT&CK tactic short names, matrix order
 * @param techniques    ATT&CK technique ids ({@code T1059.001})
 * @param otherTags     the rule's tags that are not ATT&CK tactics or techniques
 * @param computer      the event's Computer
 * @param channel       the event's Channel
 * @param provider      the event's Provider name
 * @param eventId       the event id, or {@code -1}
 * @param recordId      the record number, or {@code -1}
 * @param evtxFile      the file (or archive member) the event was read from
 * @param sourceOffset  byte offset of the record in that file, or {@code -1}
 * @param recovered     whether the record was carved or rebuilt from a damaged structure
 * @param details       the Details column: template fields for this provider and event id
 * @param extraFields   the ExtraFieldInfo column: every other event field
 * @param matchedFields the fields that satisfied the rule's selections (the evidence)
 */
public record TimelineRecord(
        Instant timestamp,
        String ruleTitle,
        Level level,
        String ruleId,
        String status,
        String ruleAuthor,
        String ruleLicense,
        String ruleFile,
        String ruleCreated,
        String ruleModified,
        List<String> tactics,
        List<String> techniques,
        List<String> otherTags,
        String computer,
        String channel,
        String provider,
        int eventId,
        long recordId,
        String evtxFile,
        long sourceOffset,
        boolean recovered,
        List<DetailField> details,
        List<DetailField> extraFields,
        List<DetailField> matchedFields) {

    public TimelineRecord {
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(level, "level");
        tactics = List.copyOf(tactics);
        techniques = List.copyOf(techniques);
        otherTags = List.copyOf(otherTags);
        details = List.copyOf(details);
        extraFields = List.copyOf(extraFields);
        matchedFields = List.copyOf(matchedFields);
        for (String s : new String[] {ruleTitle, ruleId, status, ruleAuthor, ruleLicense, ruleFile, ruleCreated,
            ruleModified, computer, channel, provider, evtxFile}) {
            Objects.requireNonNull(s, "text columns may be empty but not null");
        }
    }

    /** A copy with another level (level tuning). */
    public TimelineRecord withLevel(Level newLevel) {
        return new TimelineRecord(timestamp, ruleTitle, newLevel, ruleId, status, ruleAuthor, ruleLicense, ruleFile,
                ruleCreated, ruleModified, tactics, techniques, otherTags, computer, channel, provider, eventId,
                recordId, evtxFile, sourceOffset, recovered, details, extraFields, matchedFields);
    }
}
