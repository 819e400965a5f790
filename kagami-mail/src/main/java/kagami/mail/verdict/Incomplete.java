package kagami.mail.verdict;

import java.util.Objects;

/**
 * Why an artefact could not be analysed completely: a limit was reached (depth, members, bytes, ratio, time),
 * a parser failed, a container is encrypted with an unknown password or is of a kind we do not unpack.
 * Any of these makes the verdict NOT_FULLY_ANALYSED: never clean.
 *
 * @param cause    stable id ({@code limit.depth}, {@code parse.zip}, {@code encrypted.unknown_password} ...)
 * @param evidence the artefact path
 * @param detail   technical detail (exception message, the limit's value)
 */
public record Incomplete(String cause, String evidence, String detail) {
    public Incomplete {
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(evidence, "evidence");
        Objects.requireNonNull(detail, "detail");
    }
}
