package kagami.sigma;

import java.io.Serializable;

/**
 * A rule (or rule file) that could not be used: where, and why in words a rule author can act on.
 *
 * @param path   the rule file
 * @param line   1-based line, 0 when unknown
 * @param reason what is wrong
 */
public record LoadError(String path, int line, String reason) implements Serializable {
    @Override
    public String toString() {
        return path + (line > 0 ? ":" + line : "") + ": " + reason;
    }
}
