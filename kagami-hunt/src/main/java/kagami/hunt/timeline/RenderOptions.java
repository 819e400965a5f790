package kagami.hunt.timeline;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

import kagami.hunt.attack.AttackCatalog;

/**
 * How timeline values are written: the time zone and format of {@code Timestamp}, and whether levels, channels
 * and tactics are abbreviated (Hayabusa abbreviates by default; {@code --no-abbreviations} turns it off).
 */
public record RenderOptions(ZoneId zone, TimeFormat timeFormat, boolean abbreviate, ChannelAbbreviations channels,
                            AttackCatalog attack) {
    public RenderOptions {
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(timeFormat, "timeFormat");
        Objects.requireNonNull(channels, "channels");
        Objects.requireNonNull(attack, "attack");
    }

    /** UTC, standard format, abbreviations on, bundled data. */
    public static RenderOptions defaults() {
        return new RenderOptions(ZoneOffset.UTC, TimeFormat.STANDARD, true, ChannelAbbreviations.bundled(),
                AttackCatalog.bundled());
    }

    public RenderOptions withZone(ZoneId z) {
        return new RenderOptions(z, timeFormat, abbreviate, channels, attack);
    }

    public RenderOptions withTimeFormat(TimeFormat f) {
        return new RenderOptions(zone, f, abbreviate, channels, attack);
    }

    public RenderOptions withAbbreviations(boolean on) {
        return new RenderOptions(zone, timeFormat, on, channels, attack);
    }
}
