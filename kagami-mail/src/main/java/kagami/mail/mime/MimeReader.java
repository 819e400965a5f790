package kagami.mail.mime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.apache.james.mime4j.dom.address.Address;
import org.apache.james.mime4j.dom.address.AddressList;
import org.apache.james.mime4j.dom.address.Group;
import org.apache.james.mime4j.field.address.LenientAddressParser;
import org.apache.james.mime4j.message.DefaultBodyDescriptorBuilder;
import org.apache.james.mime4j.message.MaximalBodyDescriptor;
import org.apache.james.mime4j.parser.AbstractContentHandler;
import org.apache.james.mime4j.parser.MimeStreamParser;
import org.apache.james.mime4j.stream.BodyDescriptor;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;

import kagami.mail.filetype.Digests;

/**
 * Reads one RFC 5322 / MIME (RFC 2045-2049) message with Apache James mime4j's streaming parser, in lenient
 * mode (real phishing is rarely well-formed) but under {@link MimeLimits}. Malformations that can hide content
 * (bad base64, a multipart whose boundary never appears, limits reached) are returned as
 * {@link MailMessage.Problem}s so the caller reports the message as not fully analysed.
 */
public final class MimeReader {
    private final MimeLimits limits;

    public MimeReader(MimeLimits limits) {
        this.limits = limits;
    }

    public MailMessage read(InputStream in) throws IOException {
        MimeConfig config = new MimeConfig.Builder()
                .setMaxLineLen(limits.maxLineLength())
                .setMaxHeaderCount(limits.maxHeaderCount())
                .setMaxHeaderLen(limits.maxHeaderLength())
                .setMaxContentLen(-1)
                .setStrictParsing(false)
                .setMalformedHeaderStartsBody(true)
                .build();
        Handler h = new Handler();
        RecordingMonitor monitor = new RecordingMonitor(h.problems);
        MimeStreamParser parser = new MimeStreamParser(config, monitor, new DefaultBodyDescriptorBuilder(null,
                org.apache.james.mime4j.field.LenientFieldParser.getParser(), DecodeMonitor.SILENT));
        parser.setContentDecoding(true);
        parser.setContentHandler(h);
        try {
            parser.parse(in);
        } catch (LimitReached e) {
            h.problems.add(new MailMessage.Problem(e.cause, e.getMessage()));
        } catch (MimeException e) {
            h.problems.add(new MailMessage.Problem("mime.malformed", String.valueOf(e.getMessage())));
        } catch (IOException e) {
            if (e.getClass().getName().contains("MaxLineLimit") || e.getClass().getName().contains("MaxHeader")) {
                h.problems.add(new MailMessage.Problem("limit.mime_line", String.valueOf(e.getMessage())));
            } else {
                throw e;
            }
        } catch (RuntimeException e) {
            h.problems.add(new MailMessage.Problem("mime.malformed", e.getClass().getSimpleName() + ": "
                    + e.getMessage()));
        }
        return h.result();
    }

    /** Thrown from the handler to stop the parse when a limit is reached. */
    private static final class LimitReached extends MimeException {
        private static final long serialVersionUID = 1L;
        final String cause;

        LimitReached(String cause, String message) {
            super(message);
            this.cause = cause;
        }
    }

    /** Records decoder warnings (bad base64 / quoted-printable) instead of throwing or ignoring them. */
    private static final class RecordingMonitor extends DecodeMonitor {
        private final List<MailMessage.Problem> problems;

        RecordingMonitor(List<MailMessage.Problem> problems) {
            this.problems = problems;
        }

        @Override
        public boolean warn(String error, String dropDesc) {
            // Cosmetic transfer-encoding slips that every mail client tolerates do not hide content.
            if (error != null && (error.contains("LF without CR") || error.contains("soft line break")
                    || error.contains("ignored blanks") || error.contains("Unexpected base64 byte"))) {
                return false;
            }
            if (problems.stream().filter(p -> p.cause().equals("mime.decoding")).count() < 5) {
                problems.add(new MailMessage.Problem("mime.decoding", error));
            }
            return false;
        }

        @Override
        public boolean isListening() {
            return true;
        }
    }

    private final class Handler extends AbstractContentHandler {
        final List<HeaderField> headers = new ArrayList<>();
        final List<String> texts = new ArrayList<>();
        final List<String> htmls = new ArrayList<>();
        final List<MessagePart> parts = new ArrayList<>();
        final List<MailMessage.Problem> problems = new ArrayList<>();
        final Deque<int[]> multiparts = new ArrayDeque<>();
        int messageDepth;
        int leaves;

        @Override
        public void startMessage() throws MimeException {
            messageDepth++;
            if (messageDepth + multiparts.size() > limits.maxNesting()) {
                throw new LimitReached("limit.mime_depth", "MIME nesting deeper than " + limits.maxNesting());
            }
        }

        @Override
        public void endMessage() {
            messageDepth--;
        }

        @Override
        public void field(Field f) {
            if (messageDepth == 1 && multiparts.isEmpty()) {
                String body = f.getBody() == null ? "" : f.getBody();
                String raw = body.replaceAll("\r?\n[ \t]+", " ").replace("\r", "").replace("\n", " ").trim();
                headers.add(new HeaderField(f.getName(), decodeWords(raw), raw));
            }
        }

        @Override
        public void startMultipart(BodyDescriptor bd) throws MimeException {
            multiparts.push(new int[] {0});
            if (messageDepth + multiparts.size() > limits.maxNesting()) {
                throw new LimitReached("limit.mime_depth", "MIME nesting deeper than " + limits.maxNesting());
            }
        }

        @Override
        public void startBodyPart() {
            if (!multiparts.isEmpty()) {
                multiparts.peek()[0]++;
            }
        }

        @Override
        public void endMultipart() {
            int[] count = multiparts.pop();
            if (count[0] == 0) {
                problems.add(new MailMessage.Problem("mime.malformed",
                        "a multipart entity has no body part (boundary missing or wrong)"));
            }
        }

        @Override
        public void body(BodyDescriptor bd, InputStream is) throws MimeException, IOException {
            if (++leaves > limits.maxParts()) {
                throw new LimitReached("limit.mime_parts", "more than " + limits.maxParts() + " MIME parts");
            }
            String mime = bd.getMimeType() == null ? "text/plain" : bd.getMimeType().toLowerCase(Locale.ROOT);
            String name = "";
            String disposition = "";
            if (bd instanceof MaximalBodyDescriptor m) {
                name = nonNull(m.getContentDispositionFilename());
                if (name.isEmpty()) {
                    Map<String, String> params = m.getContentTypeParameters();
                    name = params == null ? "" : nonNull(params.get("name"));
                }
                disposition = nonNull(m.getContentDispositionType()).toLowerCase(Locale.ROOT);
                name = decodeWords(name);
            }
            Digests.Builder digests = new Digests.Builder();
            ByteArrayOutputStream kept = new ByteArrayOutputStream();
            boolean keep = true;
            long size = 0;
            byte[] buf = new byte[65536];
            int n;
            while ((n = is.read(buf)) > 0) {
                size += n;
                digests.update(buf, 0, n);
                if (keep) {
                    if (size > limits.maxPartInMemory()) {
                        keep = false;
                        kept = null;
                    } else {
                        kept.write(buf, 0, n);
                    }
                }
            }
            boolean isBody = name.isEmpty() && !disposition.equals("attachment")
                    && (mime.equals("text/plain") || mime.equals("text/html"));
            if (isBody && keep) {
                String text = new String(kept.toByteArray(), charset(bd.getCharset()));
                (mime.equals("text/html") ? htmls : texts).add(text);
                return;
            }
            if (!keep) {
                problems.add(new MailMessage.Problem("limit.part_size", (name.isEmpty() ? mime : name) + ": "
                        + size + " bytes, more than " + limits.maxPartInMemory() + " kept in memory"));
            }
            parts.add(new MessagePart(name, mime, size, keep ? Optional.of(kept.toByteArray()) : Optional.empty(),
                    digests.done()));
        }

        MailMessage result() {
            List<Mailbox> from = new ArrayList<>();
            List<Mailbox> replyTo = new ArrayList<>();
            String returnPath = "";
            String subject = "";
            for (HeaderField h : headers) {
                switch (h.name().toLowerCase(Locale.ROOT)) {
                    case "from" -> {
                        if (from.isEmpty()) {
                            from.addAll(mailboxes(h.raw()));
                        }
                    }
                    case "reply-to" -> {
                        if (replyTo.isEmpty()) {
                            replyTo.addAll(mailboxes(h.raw()));
                        }
                    }
                    case "return-path" -> {
                        if (returnPath.isEmpty()) {
                            returnPath = h.value().replaceAll("[<>\\s]", "");
                        }
                    }
                    case "subject" -> {
                        if (subject.isEmpty()) {
                            subject = h.value();
                        }
                    }
                    default -> { }
                }
            }
            return new MailMessage(headers, from, replyTo, returnPath, subject, texts, htmls, parts, problems);
        }
    }

    /** The mailboxes of an address-list header value (To, Cc ...). */
    public static List<Mailbox> mailboxesOf(String value) {
        return mailboxes(value);
    }

    static List<Mailbox> mailboxes(String value) {
        List<Mailbox> out = new ArrayList<>();
        try {
            AddressList list = LenientAddressParser.DEFAULT.parseAddressList(value);
            for (Address a : list) {
                if (a instanceof org.apache.james.mime4j.dom.address.Mailbox m) {
                    out.add(Mailbox.of(decodeWords(nonNull(m.getName())), m.getLocalPart(), m.getDomain()));
                } else if (a instanceof Group g) {
                    for (org.apache.james.mime4j.dom.address.Mailbox m : g.getMailboxes()) {
                        out.add(Mailbox.of(decodeWords(nonNull(m.getName())), m.getLocalPart(), m.getDomain()));
                    }
                }
            }
        } catch (RuntimeException e) {
            // fall through to the tolerant reading below
        }
        if (out.isEmpty()) {
            // RFC 6532 raw UTF-8 or a sloppy display name: take "name <local@domain>" at face value.
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("^(.*?)<\\s*([^<>@\\s]+)@([^<>\\s]+)\\s*>\\s*$")
                    .matcher(value.trim());
            if (m.matches()) {
                out.add(Mailbox.of(decodeWords(m.group(1).trim().replaceAll("^\"|\"$", "")), m.group(2), m.group(3)));
            }
        }
        return out;
    }

    static String unfold(String raw) {
        String s = raw.replaceAll("\r?\n[ \t]+", " ").replace("\r", "").replace("\n", " ");
        return decodeWords(s.trim());
    }

    static String decodeWords(String s) {
        if (s.indexOf("=?") < 0) {
            return s;
        }
        try {
            return DecoderUtil.decodeEncodedWords(s, DecodeMonitor.SILENT);
        } catch (RuntimeException e) {
            return s;
        }
    }

    static Charset charset(String name) {
        if (name == null || name.isBlank()) {
            return StandardCharsets.ISO_8859_1;
        }
        String n = name.trim().replace("\"", "");
        try {
            if (n.equalsIgnoreCase("iso-2022-jp") || n.equalsIgnoreCase("shift_jis") || n.equalsIgnoreCase("sjis")) {
                return Charset.forName(n.equalsIgnoreCase("iso-2022-jp") ? "ISO-2022-JP" : "MS932");
            }
            return Charset.forName(n);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return StandardCharsets.ISO_8859_1;
        }
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }
}
