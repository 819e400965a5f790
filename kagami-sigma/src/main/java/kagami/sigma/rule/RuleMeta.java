package kagami.sigma.rule;

import java.io.Serializable;
import java.util.List;

import kagami.core.Level;

/**
 * What every Sigma document says about itself (Sigma specification, "Components"), plus where it was read from.
 *
 * @param id      the rule's {@code id}; empty if none
 * @param name    the rule's {@code name} (a handle correlations refer to); empty if none
 * @param license the rule's {@code license}, else the licence of the collection it came from (SigmaHQ: DRL-1.1)
 * @param file    path of the rule file
 * @param line    1-based line where the YAML document starts
 */
public record RuleMeta(
        String id,
        String name,
        String title,
        String status,
        Level level,
        String description,
        String author,
        List<String> references,
        List<String> tags,
        List<String> falsepositives,
        String date,
        String modified,
        String license,
        String file,
        int line) implements Serializable {

    public RuleMeta {
        references = List.copyOf(references);
        tags = List.copyOf(tags);
        falsepositives = List.copyOf(falsepositives);
    }

    /** The id, else the name, else the title: how the rule is referred to in output. */
    public String key() {
        return !id.isEmpty() ? id : !name.isEmpty() ? name : title;
    }
}
