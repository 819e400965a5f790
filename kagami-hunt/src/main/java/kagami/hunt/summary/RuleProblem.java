package kagami.hunt.summary;

import java.util.Objects;

/** A rule that could not be loaded, and why: listed in the summary, never silently dropped. */
public record RuleProblem(String ruleFile, String message) {
    public RuleProblem {
        Objects.requireNonNull(ruleFile, "ruleFile");
        Objects.requireNonNull(message, "message");
    }
}
