package kagami.mail;

import java.util.List;

import kagami.core.Verdict;

/**
 * The result for one message.
 *
 * @param file      the input file, with {@code #n} for the n-th message of an mbox
 * @param messageId Message-ID, empty if none
 * @param from      the From header as decoded
 * @param subject   decoded Subject
 * @param date      Date header as written
 * @param verdict   level, score and reasons
 * @param assessed  the level the reasons alone reach (differs from the verdict's when it is not fully analysed)
 * @param artefacts every file met, with hashes
 * @param links     number of links examined
 */
public record MailReport(String file, String messageId, String from, String subject, String date, Verdict verdict,
        Verdict.Level assessed, List<Artefact> artefacts, int links) {

    public MailReport {
        artefacts = List.copyOf(artefacts);
    }
}
