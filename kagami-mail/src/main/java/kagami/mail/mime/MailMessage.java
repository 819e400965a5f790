package kagami.mail.mime;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A parsed message: the top-level headers, the body texts, the attachments, and what went wrong while reading.
 *
 * @param headers     top-level header fields in order
 * @param from        every mailbox of From (normally one)
 * @param replyTo     Reply-To mailboxes
 * @param returnPath  Return-Path addr-spec, empty if absent
 * @param subject     decoded Subject
 * @param textBodies  text/plain bodies, decoded to Unicode
 * @param htmlBodies  text/html bodies, decoded to Unicode
 * @param parts       attachments and inline files
 * @param problems    malformations that may have hidden content (cause id, detail)
 */
public record MailMessage(List<HeaderField> headers, List<Mailbox> from, List<Mailbox> replyTo, String returnPath,
        String subject, List<String> textBodies, List<String> htmlBodies, List<MessagePart> parts,
        List<Problem> problems) {

    /** A malformation or limit met while reading the message. */
    public record Problem(String cause, String detail) {
    }

    public MailMessage {
        headers = List.copyOf(headers);
        from = List.copyOf(from);
        replyTo = List.copyOf(replyTo);
        textBodies = List.copyOf(textBodies);
        htmlBodies = List.copyOf(htmlBodies);
        parts = List.copyOf(parts);
        problems = List.copyOf(problems);
    }

    /** The first From mailbox. */
    public Optional<Mailbox> sender() {
        return from.isEmpty() ? Optional.empty() : Optional.of(from.get(0));
    }

    /** Values of every header field named {@code name}, case-insensitively, in order. */
    public List<String> header(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return headers.stream().filter(h -> h.name().toLowerCase(Locale.ROOT).equals(n)).map(HeaderField::value)
                .toList();
    }

    public Optional<String> firstHeader(String name) {
        List<String> v = header(name);
        return v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
    }
}
