package kagami.mail.url;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import kagami.mail.lists.MailLists;
import kagami.mail.sender.Lookalike;
import kagami.mail.verdict.Finding;

/**
 * Signals about links: the text shown is a different site than the target, shorteners, bare IP hosts,
 * suspicious TLDs, cloud file-sharing and free-hosting hosts, punycode, user-info tricks
 * ({@code https://bank.example@evil.example/}) and direct downloads of risky file types. Works offline on
 * lists only: no URL is ever fetched.
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

    private final MailLists lists;

    public UrlAnalysis(MailLists lists) {
        this.lists = lists;
    }

    /** The host of a link, lower case, empty if it has none. */
    public static String host(String href) {
        String h = href.trim();
        if (h.regionMatches(true, 0, "www.", 0, 4)) {
            h = "http://" + h;
        }
        try {
            URI u = URI.create(h.replace(" ", "%20").replace("|", "%7C").replace("^", "%5E").replace("{", "%7B")
                    .replace("}", "%7D").replace("\\", "%5C").replace("`", "%60").replace("\"", "%22"));
            String host = u.getHost();
            if (host == null && u.getRawAuthority() != null) {
                host = u.getRawAuthority();
                int at = host.lastIndexOf('@');
                host = at >= 0 ? host.substring(at + 1) : host;
                int colon = host.indexOf(':');
                host = colon >= 0 ? host.substring(0, colon) : host;
            }
            return host == null ? "" : host.toLowerCase(Locale.ROOT).replaceAll("\\.$", "");
        } catch (IllegalArgumentException e) {
            Optional<String> fallback = hostOf(h);
            return fallback.orElse("");
        }
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

    public List<Finding> analyse(List<Link> links) {
        List<Finding> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Link l : links) {
            String href = l.href().trim();
            String lower = href.toLowerCase(Locale.ROOT);
            if (!(lower.startsWith("http://") || lower.startsWith("https://") || lower.startsWith("www.")
                    || lower.startsWith("ftp://"))) {
                continue;
            }
            if (!seen.add(href + "\u0000" + l.shownText())) {
                continue;
            }
            String host = host(href);
            if (host.isEmpty()) {
                continue;
            }
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
            if (lists.shorteners().match(host).isPresent()) {
                out.add(Finding.of("url.shortener", ev, Defang.domain(host)));
            }
            String tld = host.substring(host.lastIndexOf('.') + 1);
            if (lists.suspiciousTlds().contains(tld)) {
                out.add(Finding.of("url.suspicious_tld", ev, tld));
            }
            if (lists.fileSharing().match(host).isPresent()) {
                out.add(Finding.of("url.file_sharing", ev, Defang.domain(host)));
            }
            if (lists.freeHosting().match(host).isPresent()) {
                out.add(Finding.of("url.free_hosting", ev, Defang.domain(host)));
            }
            if (Lookalike.isPunycode(host)) {
                out.add(Finding.of("url.punycode", ev, Defang.domain(host), Lookalike.unicode(host)));
            }
            int schemeEnd = href.indexOf("://");
            if (schemeEnd > 0) {
                String rest = href.substring(schemeEnd + 3);
                int slash = rest.indexOf('/');
                String authority = slash >= 0 ? rest.substring(0, slash) : rest;
                if (authority.contains("@")) {
                    out.add(Finding.of("url.userinfo", ev, Defang.domain(authority.substring(0,
                            authority.lastIndexOf('@'))), Defang.domain(host)));
                }
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
            String path = lower.replaceAll("[?#].*$", "");
            int dot = path.lastIndexOf('.');
            int lastSlash = path.lastIndexOf('/');
            if (dot > lastSlash && lastSlash > schemeEnd + 2) {
                String ext = path.substring(dot + 1);
                if (lists.executableExts().contains(ext) || ext.equals("lnk") || ext.equals("iso")
                        || ext.equals("img") || ext.equals("vhd") || ext.equals("hta") || ext.equals("zip")
                        || ext.equals("rar") || ext.equals("7z") || lists.macroExts().contains(ext)) {
                    out.add(Finding.of("url.risky_download", ev, ext));
                }
            }
        }
        return out;
    }
}
