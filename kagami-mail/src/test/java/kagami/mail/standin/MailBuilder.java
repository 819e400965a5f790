package kagami.mail.standin;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Writes RFC 5322 / MIME messages for tests: UTF-8 text body (base64), attachments (base64, RFC 2231 file names),
 * RFC 2047 encoded display names and subjects.
 */
public final class MailBuilder {
    private String fromName = "";
    private String fromAddress = "sender@example.org";
    private String replyTo;
    private String to = "analyst@example.go.jp";
    private String subject = "";
    private String body = "";
    private String html;
    private final List<String[]> headers = new ArrayList<>();
    private final List<Object[]> attachments = new ArrayList<>();

    public MailBuilder from(String name, String address) {
        fromName = name;
        fromAddress = address;
        return this;
    }

    public MailBuilder replyTo(String address) {
        replyTo = address;
        return this;
    }

    public MailBuilder to(String address) {
        to = address;
        return this;
    }

    public MailBuilder subject(String s) {
        subject = s;
        return this;
    }

    public MailBuilder body(String s) {
        body = s;
        return this;
    }

    public MailBuilder html(String s) {
        html = s;
        return this;
    }

    public MailBuilder header(String name, String value) {
        headers.add(new String[] {name, value});
        return this;
    }

    public MailBuilder attach(String name, String contentType, byte[] content) {
        attachments.add(new Object[] {name, contentType, content});
        return this;
    }

    public byte[] build() {
        String boundary = "=_kagami_standin_boundary";
        StringBuilder m = new StringBuilder();
        m.append("From: ").append(fromName.isEmpty() ? "" : encodedWord(fromName) + " ").append('<')
                .append(fromAddress).append(">\r\n");
        m.append("To: <").append(to).append(">\r\n");
        if (replyTo != null) {
            m.append("Reply-To: <").append(replyTo).append(">\r\n");
        }
        m.append("Subject: ").append(encodedWord(subject)).append("\r\n");
        m.append("Date: Thu, 20 Jun 2024 09:12:00 +0900\r\n");
        m.append("Message-ID: <standin-").append(Integer.toHexString((fromAddress + subject).hashCode()))
                .append("@example.org>\r\n");
        for (String[] h : headers) {
            m.append(h[0]).append(": ").append(h[1]).append("\r\n");
        }
        m.append("MIME-Version: 1.0\r\n");
        m.append("Content-Type: multipart/mixed; boundary=\"").append(boundary).append("\"\r\n\r\n");
        m.append("--").append(boundary).append("\r\n");
        m.append("Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n");
        m.append(base64(body.getBytes(StandardCharsets.UTF_8)));
        if (html != null) {
            m.append("--").append(boundary).append("\r\n");
            m.append("Content-Type: text/html; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n");
            m.append(base64(html.getBytes(StandardCharsets.UTF_8)));
        }
        for (Object[] a : attachments) {
            String name = (String) a[0];
            m.append("--").append(boundary).append("\r\n");
            m.append("Content-Type: ").append(a[1]).append("; name=\"").append(encodedWord(name)).append("\"\r\n");
            m.append("Content-Disposition: attachment; filename*=UTF-8''").append(percent(name)).append("\r\n");
            m.append("Content-Transfer-Encoding: base64\r\n\r\n");
            m.append(base64((byte[]) a[2]));
        }
        m.append("--").append(boundary).append("--\r\n");
        return m.toString().getBytes(StandardCharsets.US_ASCII);
    }

    static String encodedWord(String s) {
        if (s.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            return s;
        }
        return "=?UTF-8?B?" + Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8)) + "?=";
    }

    private static String percent(String s) {
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (Character.isLetterOrDigit(c) && c < 0x80 || c == '.' || c == '-' || c == '_') {
                sb.append((char) c);
            } else {
                sb.append(String.format("%%%02X", c));
            }
        }
        return sb.toString();
    }

    private static String base64(byte[] b) {
        return Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(b) + "\r\n";
    }
}
