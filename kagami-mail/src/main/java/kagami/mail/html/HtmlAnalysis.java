package kagami.mail.html;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

import kagami.mail.url.Link;
import kagami.mail.verdict.Finding;

/**
 * Reads an HTML body or attachment with jsoup (a lenient HTML5 parser; nothing is rendered, no script runs,
 * nothing is fetched): its visible text, its links with their anchor text, the images it shows, and the signals
 * of credential forms, meta refreshes, hidden text, bodies that are only a linked picture, and HTML smuggling
 * (script that assembles a file in the browser — {@code Blob} plus {@code createObjectURL}/{@code msSaveOrOpenBlob}
 * or a {@code download} anchor, fed by {@code atob} or a long embedded base64 string; ATT&CK T1027.006).
 */
public final class HtmlAnalysis {
    /**
     * The facts an HTML document yields.
     *
     * @param text     the visible text
     * @param links    links with their anchor text, form actions, frames, scripts
     * @param images   URLs of the images shown ({@code img}, {@code background} attributes, inline-style
     *                 {@code url(…)}); loaded by the reader's client, never by us
     * @param findings signals raised
     */
    public record Result(String text, List<Link> links, List<String> images, List<Finding> findings) {
    }

    /**
     * Letters and digits of visible text below which an HTML body with an image and a link is "image only":
     * the message is a picture of text, which content filters do not read (SpamAssassin HTML_IMAGE_ONLY_04
     * "images with 0-400 bytes of words" and HTML_SHORT_LINK_IMG_1, rspamd R_EMPTY_IMAGE).
     */
    static final int IMAGE_ONLY_TEXT = 50;
    private static final Pattern CSS_URL = Pattern.compile("(?i)url\\(\\s*['\"]?([^'\")\\s]+)");

    /** Hidden characters beyond a preheader's worth: filter-poisoning text the reader never sees. */
    static final int HIDDEN_TEXT = 300;
    private static final Pattern LONG_BASE64 = Pattern.compile("[A-Za-z0-9+/]{2000,}={0,2}");
    private static final Pattern BLOB = Pattern.compile("new\\s+Blob\\s*\\(|\\bBlob\\s*\\(\\s*\\[");
    private static final Pattern SAVE = Pattern.compile(
            "createObjectURL|msSaveOrOpenBlob|msSaveBlob|\\.download\\s*=|setAttribute\\(\\s*['\"]download");
    private static final Pattern DECODE = Pattern.compile("\\batob\\s*\\(|fromCharCode|Uint8Array|base64");
    private static final Pattern OBFUSCATED = Pattern.compile(
            "eval\\s*\\(\\s*(?:unescape|atob|decodeURIComponent|String\\.fromCharCode)|document\\.write\\s*\\(\\s*"
                    + "(?:unescape|atob|decodeURIComponent)|\\\\x[0-9a-f]{2}(?:\\\\x[0-9a-f]{2}){40,}",
            Pattern.CASE_INSENSITIVE);

    private HtmlAnalysis() {
    }

    /**
     * @param html       the document
     * @param source     where it came from, used as evidence ({@code html body}, {@code a.zip > b.htm})
     * @param attachment whether it is an attachment (scripts and forms there weigh more than in a body)
     * @param maxLinks   links kept at most
     */
    public static Result analyse(String html, String source, boolean attachment, int maxLinks) {
        Document doc = Jsoup.parse(html);
        List<Link> links = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        for (Element a : doc.select("a[href], area[href]")) {
            if (links.size() >= maxLinks) {
                break;
            }
            links.add(new Link(a.attr("href"), a.text(), source));
        }
        for (Element f : doc.select("form")) {
            String action = f.attr("action");
            if (!action.isEmpty() && links.size() < maxLinks) {
                links.add(new Link(action, "", source + " (form action)"));
            }
            boolean password = !f.select("input[type=password]").isEmpty();
            findings.add(Finding.of(password ? "html.credential_form" : "html.form", source,
                    action.isEmpty() ? "-" : kagami.mail.url.Defang.url(action)));
        }
        if (doc.select("form").isEmpty() && !doc.select("input[type=password]").isEmpty()) {
            findings.add(Finding.of("html.credential_form", source, "-"));
        }
        for (Element meta : doc.select("meta[http-equiv]")) {
            if (meta.attr("http-equiv").equalsIgnoreCase("refresh")) {
                String content = meta.attr("content");
                int u = content.toLowerCase(Locale.ROOT).indexOf("url=");
                if (u >= 0) {
                    String target = content.substring(u + 4).replaceAll("^['\"]|['\"]$", "");
                    links.add(new Link(target, "", source + " (meta refresh)"));
                    findings.add(Finding.of("html.meta_refresh", source, kagami.mail.url.Defang.url(target)));
                }
            }
        }
        for (Element frame : doc.select("iframe[src], frame[src]")) {
            if (links.size() < maxLinks) {
                links.add(new Link(frame.attr("src"), "", source + " (frame)"));
            }
        }
        List<String> images = new ArrayList<>();
        for (Element e : doc.select("img[src], [background]")) {
            if (images.size() < maxLinks) {
                boolean img = e.tagName().equals("img") && e.hasAttr("src");
                images.add(img ? e.attr("src") : e.attr("background"));
            }
        }
        int hidden = 0;
        for (Element e : doc.select("[style]")) {
            java.util.regex.Matcher u = CSS_URL.matcher(e.attr("style"));
            while (u.find() && images.size() < maxLinks) {
                images.add(u.group(1));
            }
            String style = e.attr("style").toLowerCase(java.util.Locale.ROOT).replace(" ", "");
            if (style.contains("display:none") || style.contains("visibility:hidden") || style.contains("font-size:0")
                    || style.contains("opacity:0;") || style.endsWith("opacity:0") || style.contains("max-height:0")) {
                hidden += e.text().length();
            }
        }
        if (hidden > HIDDEN_TEXT) {
            findings.add(Finding.of("html.hidden_text", source, Integer.toString(hidden)));
        }
        StringBuilder scripts = new StringBuilder();
        for (Element s : doc.select("script")) {
            scripts.append(s.data()).append('\n');
            String src = s.attr("src");
            if (!src.isEmpty() && links.size() < maxLinks) {
                links.add(new Link(src, "", source + " (script)"));
            }
        }
        String js = scripts.toString();
        if (!js.isEmpty()) {
            boolean blob = BLOB.matcher(js).find();
            boolean save = SAVE.matcher(js).find();
            boolean decode = DECODE.matcher(js).find() || LONG_BASE64.matcher(html).find();
            if (blob && save && decode) {
                findings.add(Finding.of("html.smuggling", source));
            } else if (OBFUSCATED.matcher(js).find()) {
                findings.add(Finding.of("html.obfuscated_script", source));
            }
            if (attachment) {
                findings.add(Finding.of("html.script_in_attachment", source));
            }
        }
        String text = doc.text();
        long words = text.codePoints().filter(Character::isLetterOrDigit).count();
        if (!attachment && !images.isEmpty() && words < IMAGE_ONLY_TEXT && links.stream().anyMatch(
                l -> l.href().strip().regionMatches(true, 0, "http", 0, 4))) {
            findings.add(Finding.of("html.image_only", source, Integer.toString(images.size())));
        }
        return new Result(text, links, List.copyOf(images), findings);
    }
}
