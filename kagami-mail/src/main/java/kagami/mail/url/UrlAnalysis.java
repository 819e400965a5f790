package kagami.mail.url;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import kagami.mail.lists.MailLists;
import kagami.mail.sender.Lookalike;
import kagami.mail.verdict.Finding;

/**
 * Signals about links: the text shown is a different site than the target, shorteners, bare IP hosts,
 * suspicious TLDs, cloud file-sharing and free-hosting hosts, pages on object storage and IPFS, punycode and
 * Unicode hosts, hosts written to slip past filters, user-info tricks ({@code https://bank.example@evil.example/})
 * and direct downloads of risky file types — for each link and for the links carried inside it by redirectors.
 * Links are read as browsers read them (WHATWG URL Standard), not more strictly. Works offline on lists only: no
 * URL is ever fetched.
 */
public final class UrlAnalysis {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern HOSTISH = Pattern.compile("(?i)^(?:https?://)?([a-z0-9-]+(?:\\.[a-z0-9-]+)+)(?:[/:?#].*)?$");

    /** Open redirects of big sites that phishing uses to borrow their reputation. */
    private static final Pattern OPEN_REDIRECT = Pattern.compile("(?i)^https?://(?:[a-z0-9-]+\\.)*(?:google\\.[a-z.]+"
            + "/(?:url\\?|amp/s/)|bing\\.com/ck/a\\?|(?:ad\\.)?doubleclick\\.net/.*(?:adurl|ds_dest_url)=|"
            + "youtube\\.com/redirect\\?|linkedin\\.com/slink\\?|l\\.facebook\\.com/l\\.php\\?|"
            + "t\\.umblr\\.com/redirect\\?|[a-z0-9.-]+/(?:redirect|redir|out|go)\\.php\\?(?:url|u|to|target|link)=https?)");
    private static final Pattern EMAIL = Pattern.compile("[\\w.+-]+@[\\w-]+\\.[\\w.-]+");
    private static final Pattern B64_TOKEN = Pattern.compile("[A-Za-z0-9+/_-]{16,}={0,2}");
    private static final Pattern HEX_TOKEN = Pattern.compile("(?:[0-9A-Fa-f]{2}){8,}");
    private static final Pattern SPECIAL_SCHEME = Pattern.compile("(?i)(?:https?|ftp):[/\\\\]*");
    /** An IPv4 address in the forms browsers accept besides dotted decimal (RFC 3986 forbids them). */
    private static final Pattern NUMERIC_HOST = Pattern.compile(
            "(?i)(?:0x[0-9a-f]+|\\d+)(?:\\.(?:0x[0-9a-f]+|\\d+)){0,3}");
    private static final Pattern NESTED = Pattern.compile("(?i)(?:https?|ftp)(?::|%3a|%253a)(?://|%2f%2f|%252f%252f)");
    /** base64 of "https://" and "http://" at the start of a token. */
    private static final Pattern NESTED_BASE64 = Pattern.compile(
            "aHR0cHM6Ly[A-Za-z0-9+/_-]{8,}|aHR0cDovL[A-Za-z0-9+/_-]{8,}");
    /** A path that serves a web page, not an image or a download. */
    private static final Pattern PAGE_PATH = Pattern.compile("(?i)\\.(?:html?|shtml|xhtml|svg|mht|mhtml)$");
    /** A content identifier under an IPFS gateway path (CIDv0 base58, CIDv1 base32, IPNS key). */
    private static final Pattern IPFS_PATH = Pattern.compile(
            "/ip[fn]s/(?:Qm[1-9A-HJ-NP-Za-km-z]{44}|b[a-z2-7]{50,}|k51[a-z0-9]{50,})");
    private static final Pattern IPFS_SUBDOMAIN = Pattern.compile("^(?:b[a-z2-7]{50,}|k51[a-z0-9]{50,})\\.ip[fn]s\\.");
    static final int MAX_NESTED = 4;
    /** Links judged per message at most, those found inside others included (the caller caps the outer ones). */
    static final int MAX_JUDGED = 5000;

    private final MailLists lists;

    public UrlAnalysis(MailLists lists) {
        this.lists = lists;
    }

    /**
     * The link as a browser reads it (WHATWG URL Standard, basic URL parser): leading and trailing C0 controls
     * and spaces are dropped and tabs and newlines anywhere are removed, so {@code " \thttp://ex\nample.com"}
     * goes to example.com. Filters that parse more strictly than the browser are blind to such links.
     */
    static String asBrowserReads(String href) {
        int b = 0;
        int e = href.length();
        while (b < e && href.charAt(b) <= 0x20) {
            b++;
        }
        while (e > b && href.charAt(e - 1) <= 0x20) {
            e--;
        }
        String s = href.substring(b, e);
        if (s.indexOf('\t') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            s = s.replace("\t", "").replace("\n", "").replace("\r", "");
        }
        return s;
    }

    /**
     * The authority of an http(s)/ftp link as written, {@code null} if it has none. As in the WHATWG parser for
     * these "special" schemes, any run of slashes or backslashes follows the scheme and the authority ends at
     * the first {@code /}, {@code \}, {@code ?} or {@code #}.
     */
    static String rawAuthority(String url) {
        Matcher m = SPECIAL_SCHEME.matcher(url);
        if (!m.lookingAt()) {
            return null;
        }
        int end = m.end();
        while (end < url.length() && "/\\?#".indexOf(url.charAt(end)) < 0) {
            end++;
        }
        return url.substring(m.end(), end);
    }

    /** The host of a link, lower case, percent-escapes decoded, empty if it has none. */
    public static String host(String href) {
        String h = asBrowserReads(href);
        if (h.regionMatches(true, 0, "www.", 0, 4)) {
            h = "http://" + h;
        }
        String authority = rawAuthority(h);
        if (authority == null) {
            return "";
        }
        String host = hostPart(authority);
        if (host.indexOf('%') >= 0) {
            host = percentDecode(host);
        }
        host = host.toLowerCase(Locale.ROOT);
        while (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        return host;
    }

    /** The host of an authority: after the last {@code @} (user info), without the port. */
    private static String hostPart(String authority) {
        String hp = authority.substring(authority.lastIndexOf('@') + 1);
        if (hp.startsWith("[")) {
            int close = hp.indexOf(']');
            return close > 0 ? hp.substring(0, close + 1) : hp;
        }
        int colon = hp.lastIndexOf(':');
        return colon >= 0 ? hp.substring(0, colon) : hp;
    }

    /** Decodes {@code %XX} escapes as UTF-8; malformed escapes stay as written. */
    static String percentDecode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length()
                    && Character.digit(s.charAt(i + 1), 16) >= 0 && Character.digit(s.charAt(i + 2), 16) >= 0) {
                out.write(Character.digit(s.charAt(i + 1), 16) << 4 | Character.digit(s.charAt(i + 2), 16));
                i += 2;
            } else {
                byte[] b = String.valueOf(c).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
            }
        }
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * How a link's host is written to slip past filters while browsers still reach it, empty if it is written
     * plainly: percent-escapes in the host (SpamAssassin HTTP_ESCAPED_HOST), control characters or spaces in it,
     * backslashes for the slashes after the scheme, or an IPv4 address as one number, in hexadecimal or in
     * octal (browsers accept {@code http://3232235777/}, {@code http://0xC0.0xA8.1.1/}; SpamAssassin
     * NUMERIC_HTTP_ADDR). A dotted-decimal address is {@code url.ip_host}.
     */
    static Optional<String> obfuscatedHost(String url) {
        Matcher m = SPECIAL_SCHEME.matcher(url);
        if (!m.lookingAt()) {
            return Optional.empty();
        }
        String authority = rawAuthority(url);
        String host = hostPart(authority);
        if (host.indexOf('%') >= 0) {
            return Optional.of("percent-escapes");
        }
        if (host.chars().anyMatch(c -> c <= 0x20 || c >= 0x7f && c <= 0x9f)) {
            return Optional.of("control characters");
        }
        String slashes = url.substring(url.indexOf(':') + 1, m.end());
        if (slashes.indexOf('\\') >= 0) {
            return Optional.of("backslashes");
        }
        if (NUMERIC_HOST.matcher(host).matches() && !IPV4.matcher(host).matches()) {
            return Optional.of("numeric address " + host);
        }
        return Optional.empty();
    }

    /**
     * URLs carried inside a link: redirectors, click trackers and safe-link wrappers put their target in the
     * path or the query, percent-encoded (once or twice) or base64-encoded. The target is where the reader lands,
     * so it is judged like any other link (rspamd lists the URLs it finds in another URL's query, its "query" URL
     * flag; SpamAssassin's URIBL_DBL_ABUSE_REDIR family looks behind abused redirectors).
     */
    static List<String> nested(String url) {
        List<String> out = new ArrayList<>();
        int from = url.indexOf("://");
        if (from < 0) {
            return out;
        }
        Matcher m = NESTED.matcher(url);
        int at = from + 3;
        while (at < url.length() && m.find(at) && out.size() < MAX_NESTED) {
            boolean encoded = m.group().indexOf("://") < 0;
            int end;
            if (encoded) {
                end = m.end();
                while (end < url.length() && "/&?#".indexOf(url.charAt(end)) < 0) {
                    end++;
                }
            } else {
                boolean inQuery = url.lastIndexOf('?', m.start()) > from;
                end = inQuery ? url.indexOf('&', m.end()) : -1;
                end = end < 0 ? url.length() : end;
            }
            String candidate = url.substring(m.start(), end);
            for (int i = 0; i < 2 && (candidate.indexOf('%') >= 0); i++) {
                candidate = percentDecode(candidate);
            }
            if (host(candidate).contains(".")) {
                out.add(candidate);
            }
            at = Math.max(end, m.start() + 1);
        }
        Matcher b = NESTED_BASE64.matcher(url);
        while (b.find() && out.size() < MAX_NESTED) {
            String t = b.group().replace('-', '+').replace('_', '/');
            t = t.length() % 4 == 0 ? t : t.substring(0, t.length() - t.length() % 4);
            try {
                String d = new String(java.util.Base64.getDecoder().decode(t), java.nio.charset.StandardCharsets.UTF_8);
                int stop = 0;
                while (stop < d.length() && d.charAt(stop) > 0x20 && d.charAt(stop) < 0x7f) {
                    stop++;
                }
                String candidate = d.substring(0, stop);
                if (host(candidate).contains(".")) {
                    out.add(candidate);
                }
            } catch (IllegalArgumentException e) {
                // not base64 after all
            }
        }
        return out;
    }

    private static Optional<String> hostOf(String s) {
        var m = HOSTISH.matcher(s.trim());
        return m.matches() ? Optional.of(m.group(1).toLowerCase(Locale.ROOT)) : Optional.empty();
    }

    /**
     * The recipient's address carried in a link's query, in clear, base64 or hex: phishing kits pre-fill the
     * victim's login and track who clicked.
     */
    static Optional<String> embeddedAddress(String href) {
        int q = href.indexOf('?');
        if (q < 0) {
            return Optional.empty();
        }
        String query = href.substring(q + 1);
        String decoded = query.replace("%40", "@").replace("%2540", "@");
        if (EMAIL.matcher(decoded).find()) {
            return Optional.of("clear");
        }
        java.util.regex.Matcher m = B64_TOKEN.matcher(query);
        while (m.find()) {
            String t = m.group().replace('-', '+').replace('_', '/');
            try {
                String d = new String(java.util.Base64.getDecoder().decode(t.length() % 4 == 0 ? t
                        : t.substring(0, t.length() - t.length() % 4)), java.nio.charset.StandardCharsets.ISO_8859_1);
                if (EMAIL.matcher(d).find() || d.matches("(?s).*[\\w.+-]{2,}@[\\w-]{2,}.*")) {
                    return Optional.of("base64");
                }
            } catch (IllegalArgumentException e) {
                // not base64
            }
        }
        m = HEX_TOKEN.matcher(query);
        while (m.find()) {
            String h = m.group();
            StringBuilder d = new StringBuilder();
            for (int i = 0; i + 1 < h.length(); i += 2) {
                d.append((char) Integer.parseInt(h.substring(i, i + 2), 16));
            }
            if (d.indexOf("@") > 0 && EMAIL.matcher(d).find()) {
                return Optional.of("hex");
            }
        }
        return Optional.empty();
    }

    /** A host label that looks machine-generated: long, letters and digits mixed, few vowels or mixed case. */
    static boolean randomLooking(String label) {
        if (label.length() < 20 || label.startsWith("xn--")) {
            return false;
        }
        int digits = 0;
        int vowels = 0;
        int letters = 0;
        for (int i = 0; i < label.length(); i++) {
            char c = Character.toLowerCase(label.charAt(i));
            if (Character.isDigit(c)) {
                digits++;
            } else if (c >= 'a' && c <= 'z') {
                letters++;
                if ("aeiou".indexOf(c) >= 0) {
                    vowels++;
                }
            }
        }
        return digits >= 3 && letters >= 8 && vowels * 5 < letters * 2;
    }

    /**
     * Judges the images a message body shows: a logo hot-linked from a public logo repository dresses a message
     * up as a brand it does not come from (a brand mails its logo from its own servers or its mail provider's;
     * SpamAssassin's *_IMG_NOT_RCVD_* and HOSTED_IMG_* rules ask the same question of big brands' image hosts).
     */
    public List<Finding> images(List<Link> images) {
        List<Finding> out = new ArrayList<>();
        for (Link i : images) {
            String src = asBrowserReads(i.href());
            if (src.startsWith("//")) {
                src = "https:" + src;
            }
            String host = host(src);
            if (!host.isEmpty() && lists.logoHosts().match(host).isPresent()) {
                out.add(Finding.of("html.hotlinked_logo", i.source() + ": " + Defang.url(
                        src.length() > 200 ? src.substring(0, 200) + "…" : src), Defang.domain(host)));
                break;
            }
        }
        return out;
    }

    /**
     * Judges every link, and every link carried inside one ({@link #nested}: up to two levels, the evidence
     * names the redirector it came through).
     */
    public List<Finding> analyse(List<Link> links) {
        List<Finding> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        java.util.ArrayDeque<Pending> work = new java.util.ArrayDeque<>();
        for (Link l : links) {
            work.add(new Pending(l, 0));
        }
        while (!work.isEmpty() && seen.size() < MAX_JUDGED) {
            Pending w = work.poll();
            Link l = w.link();
            int depth = w.depth();
            String href = asBrowserReads(l.href());
            String lower = href.toLowerCase(Locale.ROOT);
            if (!(lower.startsWith("http:") || lower.startsWith("https:") || lower.startsWith("www.")
                    || lower.startsWith("ftp:"))) {
                continue;
            }
            if (!seen.add(href + "\u0000" + l.shownText())) {
                continue;
            }
            if (lower.startsWith("www.")) {
                href = "http://" + href;
            }
            String host = host(href);
            if (host.isEmpty()) {
                continue;
            }
            one(l, href, host, out);
            if (depth < 2) {
                for (String n : nested(href)) {
                    work.add(new Pending(new Link(n, "", l.source() + " via " + Defang.domain(host)), depth + 1));
                }
            }
        }
        return out;
    }

    /** A link waiting to be judged, and how many redirectors it was found inside. */
    private record Pending(Link link, int depth) {
    }

    private void one(Link l, String href, String host, List<Finding> out) {
        String lower = href.toLowerCase(Locale.ROOT);
        String ev = l.source() + ": " + Defang.url(href.length() > 200 ? href.substring(0, 200) + "…" : href);
        String hostOrg = lists.organisationalDomain(host);
        Optional<String> shownHost = hostOf(l.shownText().trim());
        if (shownHost.isPresent() && shownHost.get().contains(".") && !l.shownText().contains(" ")
                && !lists.organisationalDomain(shownHost.get()).equals(hostOrg)
                && !shownHost.get().matches(".*\\.(png|jpg|gif|pdf|docx?|xlsx?)$")) {
            out.add(Finding.of("url.text_mismatch", ev + " (shown " + Defang.domain(shownHost.get()) + ")",
                    Defang.domain(shownHost.get()), Defang.domain(host)));
        }
        if (IPV4.matcher(host).matches() || host.startsWith("[")) {
            out.add(Finding.of("url.ip_host", ev, host));
        }
        obfuscatedHost(href).ifPresent(how -> out.add(Finding.of("url.obfuscated_host", ev, how)));
        if (lists.shorteners().match(host).isPresent()) {
            out.add(Finding.of("url.shortener", ev, Defang.domain(host)));
        }
        String tld = host.substring(host.lastIndexOf('.') + 1);
        if (lists.suspiciousTlds().contains(tld)) {
            out.add(Finding.of("url.suspicious_tld", ev, tld));
        }
        String path = percentDecode(pathOf(href));
        if (storagePage(host, path)) {
            // One host, one reason: a page on object storage says more than "file sharing" or "free hosting".
            out.add(Finding.of("url.storage_page", ev, Defang.domain(host)));
        } else {
            if (lists.fileSharing().match(host).isPresent()) {
                out.add(Finding.of("url.file_sharing", ev, Defang.domain(host)));
            }
            if (lists.freeHosting().match(host).isPresent()) {
                out.add(Finding.of("url.free_hosting", ev, Defang.domain(host)));
            }
        }
        if (Lookalike.isPunycode(host)) {
            out.add(Finding.of("url.punycode", ev, Defang.domain(host), Lookalike.unicode(host)));
        } else if (host.chars().anyMatch(c -> c >= 0x80)) {
            // A host written in Unicode is an internationalised name the browser turns into punycode
            // (RFC 5891): the same signal as a written xn-- label.
            out.add(Finding.of("url.punycode", ev, Defang.domain(ascii(host)), host));
        }
        String authority = rawAuthority(href);
        if (authority != null && authority.contains("@")) {
            out.add(Finding.of("url.userinfo", ev, Defang.domain(authority.substring(0,
                    authority.lastIndexOf('@'))), Defang.domain(host)));
        }
        if (OPEN_REDIRECT.matcher(href).find()) {
            out.add(Finding.of("url.open_redirect", ev, Defang.domain(host)));
        }
        embeddedAddress(href).ifPresent(kind -> out.add(Finding.of("url.embedded_address", ev, kind)));
        for (String label : host.split("\\.")) {
            if (randomLooking(label)) {
                out.add(Finding.of("url.random_host", ev, Defang.domain(host)));
                break;
            }
        }
        String lowerPath = path.toLowerCase(Locale.ROOT);
        int dot = lowerPath.lastIndexOf('.');
        int lastSlash = lowerPath.lastIndexOf('/');
        if (dot > lastSlash && lastSlash >= 0) {
            String ext = lowerPath.substring(dot + 1);
            if (lists.executableExts().contains(ext) || ext.equals("lnk") || ext.equals("iso")
                    || ext.equals("img") || ext.equals("vhd") || ext.equals("hta") || ext.equals("zip")
                    || ext.equals("rar") || ext.equals("7z") || lists.macroExts().contains(ext)) {
                out.add(Finding.of("url.risky_download", ev, ext));
            }
        }
    }

    /** The path of an http(s)/ftp link as written (from the end of the authority to {@code ?} or {@code #}). */
    static String pathOf(String url) {
        Matcher m = SPECIAL_SCHEME.matcher(url);
        if (!m.lookingAt()) {
            return "";
        }
        int start = m.end() + rawAuthority(url).length();
        int end = start;
        while (end < url.length() && url.charAt(end) != '?' && url.charAt(end) != '#') {
            end++;
        }
        return url.substring(start, end);
    }

    /**
     * A web page served from object storage or an IPFS gateway: a landing page published under a cloud
     * provider's name, without a domain of one's own. An image or a download from the same hosts is not a page
     * (newsletters load images from buckets every day).
     */
    boolean storagePage(String host, String path) {
        if (IPFS_PATH.matcher(path).find() || IPFS_SUBDOMAIN.matcher(host).find()) {
            return true;
        }
        if (lists.objectStorage().match(host).isEmpty()) {
            return false;
        }
        return PAGE_PATH.matcher(path).find() || host.contains("s3-website") || host.endsWith(".web.core.windows.net");
    }

    private static String ascii(String host) {
        try {
            return java.net.IDN.toASCII(host, java.net.IDN.ALLOW_UNASSIGNED);
        } catch (IllegalArgumentException e) {
            return host;
        }
    }
}
