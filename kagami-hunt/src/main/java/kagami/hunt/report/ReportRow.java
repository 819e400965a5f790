package kagami.hunt.report;

import kagami.core.Level;

/** One detection as the HTML report's timeline table shows it (text already rendered). */
public record ReportRow(String time, Level level, String rule, String ruleId, String computer, String channel,
                        String eventId, String recordId, String details, String author, String license) {
}
