package kagami.mail.verdict;

import java.util.List;
import java.util.Objects;

/**
 * One observation an analyser made: which signal, on what evidence, with the values its message needs.
 * Findings carry no weight; {@link Scoring} gives them one from the weights data.
 *
 * @param signal   stable signal id, e.g. {@code lnk.target.lolbin} (its weight and message are keyed by it)
 * @param evidence where it was seen: a header ({@code From: "x" <a@b>}) or an attachment path
 *                 ({@code invoice.zip > doc.lnk})
 * @param args     values for the localised message ({@code {0}}, {@code {1}} ...)
 */
public record Finding(String signal, String evidence, List<String> args) {
    public Finding {
        Objects.requireNonNull(signal, "signal");
        Objects.requireNonNull(evidence, "evidence");
        args = List.copyOf(args);
    }

    public static Finding of(String signal, String evidence, String... args) {
        return new Finding(signal, evidence, List.of(args));
    }
}
