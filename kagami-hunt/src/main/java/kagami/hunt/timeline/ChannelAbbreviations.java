package kagami.hunt.timeline;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import kagami.hunt.HuntContent;

/** Short channel names for timelines ({@code Sec}, {@code Sysmon} ...), read from {@code channel-abbreviations.tsv}. */
public final class ChannelAbbreviations {
    private static volatile ChannelAbbreviations bundled;
    private final Map<String, String> map;

    private ChannelAbbreviations(Map<String, String> map) {
        this.map = map;
    }

    public static ChannelAbbreviations bundled() {
        ChannelAbbreviations a = bundled;
        if (a == null) {
            try (BufferedReader r = HuntContent.bundled("hunt/channel-abbreviations.tsv")) {
                a = parse(r);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            bundled = a;
        }
        return a;
    }

    public static ChannelAbbreviations parse(BufferedReader tsv) throws IOException {
        Map<String, String> m = new HashMap<>();
        String line;
        while ((line = tsv.readLine()) != null) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] c = line.split("\t", -1);
            if (c.length != 2) {
                throw new IOException("channel abbreviations: expected channel<TAB>abbreviation in: " + line);
            }
            m.put(c[0].trim().toLowerCase(Locale.ROOT), c[1].trim());
        }
        return new ChannelAbbreviations(m);
    }

    /** The abbreviation, or the channel itself when none is defined. */
    public String abbreviate(String channel) {
        return map.getOrDefault(channel.toLowerCase(Locale.ROOT), channel);
    }
}
