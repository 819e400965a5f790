package kagami.hunt.timeline;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** How the {@code Timestamp} column is written. */
public enum TimeFormat {
    /** {@code 2024-05-01 12:34:56.789 +09:00}: Hayabusa's default shape, millisecond precision. */
    STANDARD("yyyy-MM-dd HH:mm:ss.SSS xxx"),
    /** ISO-8601 with the full 100 ns precision of Windows FILETIME: {@code 2024-05-01T12:34:56.7891234+09:00}. */
    ISO("yyyy-MM-dd'T'HH:mm:ss.SSSSSSSxxx");

    private final DateTimeFormatter formatter;

    TimeFormat(String pattern) {
        this.formatter = DateTimeFormatter.ofPattern(pattern);
    }

    public String format(Instant t, ZoneId zone) {
        return formatter.format(t.atZone(zone));
    }
}
