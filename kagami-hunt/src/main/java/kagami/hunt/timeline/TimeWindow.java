package kagami.hunt.timeline;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * A time window {@code [start, end)} for {@code --timeline-start} / {@code --timeline-end}; either side may be
 * open. Parses ISO-8601 instants ({@code 2024-05-01T09:00:00Z}, with an offset), local date-times and dates (in
 * the zone the user reads timestamps in).
 */
public record TimeWindow(Optional<Instant> start, Optional<Instant> end) {
    public static final TimeWindow ALL = new TimeWindow(Optional.empty(), Optional.empty());

    public TimeWindow {
        if (start.isPresent() && end.isPresent() && !start.get().isBefore(end.get())) {
            throw new IllegalArgumentException("time window start " + start.get() + " is not before end " + end.get());
        }
    }

    public boolean contains(Instant t) {
        return (start.isEmpty() || !t.isBefore(start.get())) && (end.isEmpty() || t.isBefore(end.get()));
    }

    public boolean isAll() {
        return start.isEmpty() && end.isEmpty();
    }

    /** Parses one side of a window; dates and local date-times are read in {@code zone}. */
    public static Instant parseInstant(String text, ZoneId zone) {
        String t = text.trim().replace(' ', 'T');
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException notOffset) {
            try {
                return Instant.parse(t);
            } catch (DateTimeParseException notInstant) {
                try {
                    return LocalDateTime.parse(t).atZone(zone).toInstant();
                } catch (DateTimeParseException notLocal) {
                    try {
                        return LocalDate.parse(t).atStartOfDay(zone).toInstant();
                    } catch (DateTimeParseException e) {
                        throw new IllegalArgumentException("not a date or time: " + text
                                + " (use e.g. 2024-05-01, 2024-05-01T09:00:00 or 2024-05-01T09:00:00+09:00)", e);
                    }
                }
            }
        }
    }
}
