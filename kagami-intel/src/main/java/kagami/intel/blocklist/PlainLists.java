package kagami.intel.blocklist;

import java.io.BufferedReader;
import java.time.Instant;
import java.util.Optional;

import kagami.core.IndicatorType;
import kagami.intel.FlatIndicator;
import kagami.intel.InputLocation;
import kagami.intel.IntelFormatException;
import kagami.intel.IntelMessage;
import kagami.intel.IntelReader;
import kagami.intel.Observable;
import kagami.intel.normalize.InvalidValueException;
import kagami.intel.normalize.Normalizer;

/**
 * Plain lists, one value per line: domain lists, IP/CIDR lists, hash lists, URL lists, and hosts files
 * ({@code 0.0.0.0 example.com}). Comments ({@code #}, {@code ;}, {@code //}) and blank lines are skipped; values may
 * be defanged. The type is guessed per line unless given.
 */
public final class PlainLists {
    private PlainLists() {
    }

    public static IntelReader reader(BufferedReader in, String source, Optional<IndicatorType> type, Instant now) {
        return sink -> {
            String line;
            int n = 0;
            while ((line = in.readLine()) != null) {
                n++;
                IntelMessage loc = InputLocation.line(source, n);
                if (line.length() > 65536) {
                    sink.error(new IntelFormatException(loc, "", "text.lineTooLong"));
                    continue;
                }
                String t = line.strip();
                if (n == 1 && t.startsWith("\uFEFF")) {
                    t = t.substring(1);
                }
                if (t.isEmpty() || t.startsWith("#") || t.startsWith(";") || t.startsWith("//")) {
                    continue;
                }
                int hash = t.indexOf(" #");
                if (hash > 0) {
                    t = t.substring(0, hash).strip();
                }
                String[] words = t.split("\\s+");
                String value = words[0];
                // hosts(5): "address name [aliases]" — the names are what is blocked.
                if (words.length >= 2 && (value.equals("0.0.0.0") || value.equals("127.0.0.1") || value.equals("::")
                        || value.equals("::1"))) {
                    value = words[1];
                } else if (words.length > 1 && type.map(x -> x != IndicatorType.USER_AGENT && x != IndicatorType.FILE_PATH
                        && x != IndicatorType.FILE_NAME).orElse(true)) {
                    sink.error(new IntelFormatException(loc, "value", "list.twoValues"));
                    continue;
                }
                if (type.isPresent() && words.length > 1 && (type.get() == IndicatorType.USER_AGENT
                        || type.get() == IndicatorType.FILE_PATH || type.get() == IndicatorType.FILE_NAME)) {
                    value = t;
                }
                try {
                    Observable o;
                    if (type.isPresent()) {
                        o = Normalizer.normalize(type.get(), value);
                    } else {
                        String v = value;
                        o = Normalizer.guess(v).orElseThrow(() -> new IntelFormatException(loc, "value",
                                "list.unknownKind", v));
                    }
                    FlatIndicator.of(o).emit(sink, loc, now);
                } catch (InvalidValueException e) {
                    sink.error(new IntelFormatException(loc, "value", e.text()));
                } catch (IntelFormatException e) {
                    sink.error(e);
                }
            }
        };
    }
}
