package kagami.hunt.report;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import kagami.core.Event;
import kagami.core.Level;
import kagami.hunt.timeline.DetailField;
import kagami.hunt.timeline.RenderOptions;
import kagami.hunt.timeline.TimelineRecord;
import kagami.hunt.timeline.TimelineSink;

/**
 * Keeps the detections the HTML report's table shows: a report must open in a browser, so it holds at most
 * {@code perLevel} rows of each level (the earliest, in timeline order) and, when there are more, the most severe
 * are shown and the report says how many were left out (the timeline files hold them all).
 */
public final class ReportRows implements TimelineSink {
    private final int perLevel;
    private final RenderOptions render;
    private final Map<Level, List<ReportRow>> rows = new EnumMap<>(Level.class);
    private long total;

    public ReportRows(int perLevel, RenderOptions render) {
        this.perLevel = perLevel;
        this.render = Objects.requireNonNull(render, "render");
    }

    @Override
    public synchronized void accept(TimelineRecord r) {
        total++;
        List<ReportRow> l = rows.computeIfAbsent(r.level(), k -> new ArrayList<>());
        if (l.size() >= perLevel) {
            return;
        }
        StringBuilder details = new StringBuilder();
        for (DetailField d : r.details()) {
            if (details.length() > 0) {
                details.append(" ¦ ");
            }
            details.append(d.label()).append(": ").append(d.value());
            if (details.length() > 2000) {
                details.setLength(2000);
                details.append('…');
                break;
            }
        }
        l.add(new ReportRow(render.timeFormat().format(r.timestamp(), render.zone()), r.level(), r.ruleTitle(),
                r.ruleId(), r.computer(), r.channel(), r.eventId() == Event.NO_EVENT_ID ? "" : "" + r.eventId(),
                r.recordId() == Event.NO_RECORD_ID ? "" : "" + r.recordId(), details.toString(), r.ruleAuthor(),
                r.ruleLicense()));
    }

    /** At most {@code max} rows, most severe levels first, each level in timeline order; then sorted by time. */
    public synchronized List<ReportRow> rows(int max) {
        List<ReportRow> out = new ArrayList<>();
        for (int i = Level.values().length - 1; i >= 0 && out.size() < max; i--) {
            List<ReportRow> l = rows.getOrDefault(Level.values()[i], List.of());
            out.addAll(l.subList(0, Math.min(l.size(), max - out.size())));
        }
        out.sort((a, b) -> a.time().compareTo(b.time()));
        return out;
    }

    public synchronized long total() {
        return total;
    }
}
