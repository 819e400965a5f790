package kagami.core;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * The result of analysing an artefact (a mail, a file): a level, a score and the reasons behind them.
 *
 * @param subject what was analysed (path, or path inside an archive)
 * @param level   the conclusion
 * @param score   sum of the reasons' weights (higher = worse)
 * @param reasons why, each with its evidence
 */
public record Verdict(String subject, Level level, int score, List<Reason> reasons) implements Serializable {

    /** The conclusions a verdict can reach. {@code NOT_FULLY_ANALYSED} is never to be read as clean. */
    public enum Level { CLEAN, SUSPICIOUS, MALICIOUS, NOT_FULLY_ANALYSED }

    /**
     * One reason contributing to a verdict.
     *
     * @param id        stable machine name of the signal ({@code lnk.target.powershell})
     * @param weight    contribution to the score
     * @param evidence  what was seen and where (which header, which attachment inside which archive)
     * @param technique ATT&CK technique id ({@code T1566.001}), empty if none applies
     * @param message   human-readable explanation in the output language
     */
    public record Reason(String id, int weight, String evidence, String technique, String message)
            implements Serializable {
        public Reason {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(evidence, "evidence");
            Objects.requireNonNull(technique, "technique");
            Objects.requireNonNull(message, "message");
        }
    }

    public Verdict {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(level, "level");
        reasons = List.copyOf(reasons);
    }
}
