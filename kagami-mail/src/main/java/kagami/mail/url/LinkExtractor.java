package kagami.mail.url;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds links in plain text (RFC 3986 absolute http(s)/ftp URIs and bare {@code www.} hosts). */
public final class LinkExtractor {
    private static final Pattern URL = Pattern.compile(
            "(?i)\\b((?:https?|ftp)://[^\\s<>\"'\\u3000-\\u303f\\uff08\\uff09]{1,2000}|www\\.[a-z0-9-]+(?:\\.[a-z0-9-]+)+[^\\s<>\"']{0,2000})");

    private LinkExtractor() {
    }

    public static List<Link> fromText(String text, String source, int max) {
        List<Link> out = new ArrayList<>();
        Matcher m = URL.matcher(text);
        while (m.find() && out.size() < max) {
            String u = m.group(1).replaceAll("[).,;:!?\\]>]+$", "");
            out.add(new Link(u, "", source));
        }
        return out;
    }
}
