package kagami.hunt.tuning;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import kagami.core.Level;

/**
 * Per-rule level overrides, so an organisation can raise a rule that matters to it or quiet one that is noisy in
 * its environment without editing the rule (Hayabusa's {@code level_tuning.txt} idea). File format, one rule a
 * line: {@code <rule id>, <level>} (comma, tab or spaces between), {@code #} starts a comment; a header line
 * {@code id,new_level} is allowed. Levels are Sigma's names or their abbreviations ({@code crit}, {@code med}).
 */
public final class LevelTuning {
    private final Map<String, Level> levels;

    private LevelTuning(Map<String, Level> levels) {
        this.levels = levels;
    }

    public static LevelTuning none() {
        return new LevelTuning(Map.of());
    }

    public static LevelTuning parse(BufferedReader in) throws IOException {
        Map<String, Level> m = new HashMap<>();
        String line;
        int n = 0;
        while ((line = in.readLine()) != null) {
            n++;
            String l = TuningFiles.strip(line);
            if (l.isEmpty()) {
                continue;
            }
            String[] parts = l.split("[,\\t ]+");
            if (parts.length != 2) {
                throw new IOException("level tuning line " + n + ": expected '<rule id>, <level>', got: " + line);
            }
            if (n == 1 && parts[0].equalsIgnoreCase("id")) {
                continue;
            }
            final int lineNo = n;
            Level level = Level.parse(parts[1]).orElseThrow(() -> new IOException("level tuning line " + lineNo
                    + ": unknown level " + parts[1] + " (use informational, low, medium, high or critical)"));
            m.put(parts[0].toLowerCase(Locale.ROOT), level);
        }
        return new LevelTuning(m);
    }

    /** The tuned level of a rule, if the file names it. */
    public Optional<Level> levelFor(String ruleId) {
        return Optional.ofNullable(levels.get(ruleId.toLowerCase(Locale.ROOT)));
    }

    /** The level to use: the tuned one, else {@code original}. */
    public Level apply(String ruleId, Level original) {
        return levels.getOrDefault(ruleId.toLowerCase(Locale.ROOT), original);
    }

    /** This tuning with {@code later}'s entries on top (a user's file after the bundled one). */
    public LevelTuning and(LevelTuning later) {
        Map<String, Level> m = new HashMap<>(levels);
        m.putAll(later.levels);
        return new LevelTuning(m);
    }

    public int size() {
        return levels.size();
    }
}
