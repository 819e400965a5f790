package kagami.mail.url;

import java.util.regex.Pattern;

/**
 * Makes indicators safe to paste into tickets and chat: {@code https://evil.example/x} →
 * {@code hxxps://evil[.]example/x}, {@code a@evil.example} keeps the at sign but defangs the domain dots.
 */
public final class Defang {
    /** The scheme, also percent-encoded as tracking redirects carry their target ({@code https%3A%2F%2F}). */
    private static final Pattern SCHEME = Pattern.compile("(?i)\\bh(t)tp(s?)(://|%3a%2f%2f|:%2f%2f)");
    private static final Pattern HOST = Pattern.compile(
            "(?i)(hxxps?://[^/\\s?#]+|hxxps?(?:%3a%2f%2f|:%2f%2f)[^/\\s?#%&]+)");

    private Defang() {
    }

    public static String url(String u) {
        String s = SCHEME.matcher(u).replaceAll("hxxp$2$3");
        var m = HOST.matcher(s);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, java.util.regex.Matcher.quoteReplacement(m.group(1).replace(".", "[.]")));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    public static String domain(String d) {
        return d.replace(".", "[.]");
    }
}
