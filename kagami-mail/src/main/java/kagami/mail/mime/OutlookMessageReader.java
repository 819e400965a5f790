package kagami.mail.mime;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.poi.hsmf.MAPIMessage;
import org.apache.poi.hsmf.datatypes.AttachmentChunks;
import org.apache.poi.hsmf.datatypes.Chunk;
import org.apache.poi.hsmf.datatypes.MAPIProperty;
import org.apache.poi.hsmf.datatypes.StringChunk;

import kagami.mail.filetype.Digests;

/**
 * Outlook {@code .msg} files (MS-OXMSG, a compound file of MAPI properties) read with Apache POI HSMF. A
 * received message keeps its transport headers (PR_TRANSPORT_MESSAGE_HEADERS), which are parsed like a mail's
 * header block; drafts and sent items have none, so only the display sender and the sender address property are
 * known and no authentication result can be checked.
 */
public final class OutlookMessageReader {
    private static final int MAX_EMBEDDED_DEPTH = 5;

    private final MimeLimits limits;

    public OutlookMessageReader(MimeLimits limits) {
        this.limits = limits;
    }

    public MailMessage read(InputStream in) throws IOException {
        MAPIMessage msg = new MAPIMessage(in);
        return read(msg, 0);
    }

    private MailMessage read(MAPIMessage msg, int depth) throws IOException {
        msg.setReturnNullOnMissingChunk(true);
        List<MailMessage.Problem> problems = new ArrayList<>();
        MailMessage headerPart;
        String[] transport = quietly(msg::getHeaders);
        String subject = nonNull(quietly(msg::getSubject));
        if (transport != null && transport.length > 0) {
            String block = String.join("\r\n", transport) + "\r\n\r\n";
            headerPart = new MimeReader(limits).read(new ByteArrayInputStream(block.getBytes(StandardCharsets.UTF_8)));
        } else {
            String name = nonNull(quietly(msg::getDisplayFrom));
            String address = senderAddress(msg);
            String from = (name.isEmpty() ? "" : "\"" + name.replace("\"", "") + "\" ") + "<" + address + ">";
            String block = "From: " + from + "\r\nSubject: " + subject.replace("\r", " ").replace("\n", " ")
                    + "\r\n\r\n";
            headerPart = new MimeReader(limits).read(new ByteArrayInputStream(block.getBytes(StandardCharsets.UTF_8)));
            problems.add(new MailMessage.Problem("msg.no_transport_headers",
                    "no transport headers (draft or sent item): sender authentication not checked"));
        }
        List<String> texts = new ArrayList<>();
        List<String> htmls = new ArrayList<>();
        String text = quietly(msg::getTextBody);
        if (text != null) {
            texts.add(text);
        }
        String html = quietly(msg::getHtmlBody);
        if (html != null) {
            htmls.add(html);
        }
        List<MessagePart> parts = new ArrayList<>();
        AttachmentChunks[] atts = msg.getAttachmentFiles();
        for (int i = 0; atts != null && i < atts.length; i++) {
            if (parts.size() >= limits.maxParts()) {
                problems.add(new MailMessage.Problem("limit.mime_parts", "more than " + limits.maxParts()
                        + " attachments"));
                break;
            }
            AttachmentChunks a = atts[i];
            String name = firstNonEmpty(value(a.getAttachLongFileName()), value(a.getAttachFileName()),
                    value(a.getAttachDisplayName()), "attachment-" + (i + 1));
            if (a.isEmbeddedMessage()) {
                if (depth >= MAX_EMBEDDED_DEPTH) {
                    problems.add(new MailMessage.Problem("limit.mime_depth", "embedded messages nested deeper than "
                            + MAX_EMBEDDED_DEPTH));
                    continue;
                }
                MailMessage inner = read(a.getEmbeddedMessage(), depth + 1);
                texts.addAll(inner.textBodies());
                htmls.addAll(inner.htmlBodies());
                for (MessagePart p : inner.parts()) {
                    parts.add(new MessagePart(name + " > " + p.fileName(), p.contentType(), p.size(), p.content(),
                            p.digests()));
                }
                continue;
            }
            byte[] data = a.getAttachData() != null ? a.getAttachData().getValue() : a.getEmbeddedAttachmentObject();
            if (data == null) {
                continue;
            }
            String mime = nonNull(value(a.getAttachMimeTag()));
            parts.add(new MessagePart(name, mime.isEmpty() ? "application/octet-stream" : mime, data.length,
                    Optional.of(data), Digests.of(data)));
        }
        problems.addAll(headerPart.problems());
        return new MailMessage(headerPart.headers(), headerPart.from(), headerPart.replyTo(), headerPart.returnPath(),
                subject.isEmpty() ? headerPart.subject() : subject, texts, htmls, parts, problems);
    }

    private static String senderAddress(MAPIMessage msg) {
        for (MAPIProperty p : List.of(MAPIProperty.SENDER_EMAIL_ADDRESS, MAPIProperty.SENT_REPRESENTING_EMAIL_ADDRESS)) {
            List<Chunk> chunks = msg.getMainChunks().getAll().get(p);
            if (chunks != null) {
                for (Chunk c : chunks) {
                    if (c instanceof StringChunk s && s.getValue() != null && s.getValue().contains("@")) {
                        return s.getValue();
                    }
                }
            }
        }
        return "unknown@invalid";
    }

    private interface Getter<T> {
        T get() throws Exception;
    }

    private static <T> T quietly(Getter<T> g) {
        try {
            return g.get();
        } catch (Exception e) {
            return null;
        }
    }

    private static String value(StringChunk c) {
        return c == null ? null : c.getValue();
    }

    private static String firstNonEmpty(String... s) {
        for (String x : s) {
            if (x != null && !x.isBlank()) {
                return x.strip();
            }
        }
        return "";
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }
}
