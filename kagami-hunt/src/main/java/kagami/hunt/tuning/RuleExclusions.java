package kagami.hunt.tuning;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Rules an organisation does not want to run (too noisy here, broken, superseded): one rule id a line, {@code #}
 * starts a comment (put the title there for the next reader), as Hayabusa's {@code exclude_rules.txt}. Excluded
 * rules are counted and named in the summary, never silently dropped.
 */
public final class RuleExclusions {
    private final Set<String> ids;

    private RuleExclusions(Set<String> ids) {
        this.ids = ids;
    }

    public static RuleExclusions none() {
        return new RuleExclusions(Set.of());
    }

    public static RuleExclusions parse(BufferedReader in) throws IOException {
        Set<String> s = new HashSet<>();
        String line;
        int n = 0;
        while ((line = in.readLine()) != null) {
            n++;
            String l = TuningFiles.strip(line);
            if (l.isEmpty()) {
                continue;
            }
            if (l.split("[,\\t ]+").length != 1) {
                throw new IOException("exclusion line " + n + ": expected one rule id, got: " + line);
            }
            s.add(l.toLowerCase(Locale.ROOT));
        }
        return new RuleExclusions(s);
    }

    public boolean excludes(String ruleId) {
        return ids.contains(ruleId.toLowerCase(Locale.ROOT));
    }

    /** The rules excluded by this list or {@code other}. */
    public RuleExclusions and(RuleExclusions other) {
        Set<String> s = new HashSet<>(ids);
        s.addAll(other.ids);
        return new RuleExclusions(s);
    }

    public int size() {
        return ids.size();
    }
}
