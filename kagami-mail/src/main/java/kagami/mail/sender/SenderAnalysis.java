package kagami.mail.sender;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import kagami.mail.lists.MailLists;
import kagami.mail.lists.Text;
import kagami.mail.mime.MailMessage;
import kagami.mail.mime.Mailbox;
import kagami.mail.verdict.Finding;

/**
 * Signals about who sent the message: freemail and disposable senders, display names that claim an
 * institution, our organisation, one of our people or a brand, Reply-To / Return-Path elsewhere, lookalike and
 * punycode domains, and the authentication results of our own servers.
 */
public final class SenderAnalysis {
    /** RFC 1035 host name with at least two labels and an alphabetic top-level label (or an IDNA one). */
    private static final Pattern VALID_DOMAIN = Pattern.compile(
            "(?i)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{2,59})");
    /** Five consonants in a row: generated mailbox names ({@code clarehultzwlucjckl}), rare in real names. */
    private static final Pattern CONSONANT_RUN = Pattern.compile("[b-df-hj-np-tv-xz]{5,}");
    /** Initials, then words each starting with one capital: JohnSmith, JSmith, McDonald, eBay. */
    private static final Pattern WORD_CASE = Pattern.compile("[A-Z]{0,3}[a-z]*(?:[A-Z][a-z]+)*");
    private static final Pattern ADDRESS_IN_NAME = Pattern.compile("[\\w.+-]+@([\\w-]+(?:\\.[\\w-]+)+)");

    private final Organisation org;
    private final MailLists lists;

    private final Set<String> brandDomains = new java.util.LinkedHashSet<>();

    public SenderAnalysis(Organisation org, MailLists lists) {
        this.org = org;
        this.lists = lists;
        lists.brands().values().forEach(brandDomains::addAll);
    }

    public List<Finding> analyse(MailMessage m) {
        List<Finding> out = new ArrayList<>();
        Optional<Mailbox> sender = m.sender();
        List<String> fromHeaders = m.header("From");
        if (sender.isEmpty() || sender.get().domain().isEmpty()) {
            out.add(Finding.of("sender.unparseable_from", "From: " + String.join(" | ", fromHeaders)));
            checkAuthentication(m, out);
            return out;
        }
        Mailbox from = sender.get();
        String ev = "From: " + from;
        String domain = from.domain();
        String orgDomain = lists.organisationalDomain(domain);
        boolean ours = org.isOurs(domain);
        if (fromHeaders.size() > 1 || m.from().size() > 1) {
            out.add(Finding.of("sender.multiple_from", "From: " + String.join(" | ", fromHeaders)));
        }
        if (!VALID_DOMAIN.matcher(domain).matches()) {
            out.add(Finding.of("sender.invalid_domain", ev, domain));
        }
        for (String to : m.header("To")) {
            for (Mailbox r : kagami.mail.mime.MimeReader.mailboxesOf(to)) {
                if (r.address().equalsIgnoreCase(from.address()) && !ours) {
                    out.add(Finding.of("sender.from_is_recipient", ev + "; To: " + r, from.address()));
                    break;
                }
            }
        }
        boolean freemail = lists.freemail().match(domain).isPresent();
        if (freemail) {
            out.add(Finding.of("sender.freemail", ev, domain));
        }
        if (lists.disposable().match(domain).isPresent()) {
            out.add(Finding.of("sender.disposable", ev, domain));
        }
        String name = Text.normalise(from.displayName());
        if (freemail && !name.isEmpty()) {
            for (String w : lists.institutionWords().entries()) {
                if (containsWord(name, w)) {
                    out.add(Finding.of("sender.freemail_claims_institution", ev, w, domain));
                    break;
                }
            }
        }
        if (!ours && !name.isEmpty()) {
            impersonation(from, name, orgDomain, ev, out);
        }
        Matcher am = ADDRESS_IN_NAME.matcher(from.displayName());
        while (am.find()) {
            if (!am.group().equalsIgnoreCase(from.address())) {
                out.add(Finding.of("sender.display_name_address", ev, am.group(), domain));
                break;
            }
        }
        boolean mailingList = !m.header("List-Id").isEmpty() || !m.header("List-Post").isEmpty()
                || !m.header("Mailing-List").isEmpty();
        nameInForeignDomain(from, name, orgDomain, ev, out);
        String local = from.address().contains("@") ? from.address().substring(0, from.address().lastIndexOf('@'))
                : "";
        // firstname.lastname is a person (Armstrong, Engstrom have five consonants in a row too).
        boolean personName = local.matches("[A-Za-z]{2,}\\.[A-Za-z]{2,}");
        boolean consonants = local.matches("[A-Za-z.+_-]{6,}")
                && CONSONANT_RUN.matcher(local.toLowerCase(Locale.ROOT)).find();
        if (!personName && consonants || randomCase(local)) {
            out.add(Finding.of("sender.random_local_part", ev, local));
        }
        if (randomLookingDomain(orgDomain)) {
            out.add(Finding.of("sender.random_domain", ev, domain));
        }
        for (Mailbox r : m.replyTo()) {
            if (mailingList) {
                break;
            }
            if (r.domain().isEmpty()) {
                continue;
            }
            String rOrg = lists.organisationalDomain(r.domain());
            if (!rOrg.equals(orgDomain)) {
                boolean rFree = lists.freemail().match(r.domain()).isPresent();
                out.add(Finding.of(rFree ? "sender.reply_to_freemail" : "sender.reply_to_differs",
                        "Reply-To: " + r + "; " + ev, r.domain(), domain));
                break;
            }
        }
        if (!mailingList && !m.returnPath().isEmpty() && m.returnPath().contains("@")) {
            String rp = m.returnPath().substring(m.returnPath().lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
            if (!rp.isEmpty() && !lists.organisationalDomain(rp).equals(orgDomain)
                    && lists.freemail().match(rp).isPresent()) {
                out.add(Finding.of("sender.return_path_freemail", "Return-Path: " + m.returnPath() + "; " + ev, rp,
                        domain));
            }
        }
        lookalike(domain, orgDomain, ev, out);
        if (Lookalike.isPunycode(domain)) {
            out.add(Finding.of("sender.punycode", ev, domain, Lookalike.unicode(domain)));
        }
        String tld = domain.substring(domain.lastIndexOf('.') + 1);
        if (lists.suspiciousTlds().contains(tld)) {
            out.add(Finding.of("sender.suspicious_tld", ev, tld));
        }
        if (org.knownSenders().isPresent() && !ours
                && !org.knownSenders().get().contains(from.address().toLowerCase(Locale.ROOT))) {
            out.add(Finding.of("sender.first_time", ev, from.address()));
        }
        checkAuthentication(m, out);
        return out;
    }

    private void impersonation(Mailbox from, String name, String orgDomain, String ev, List<Finding> out) {
        for (String vip : org.vipNames()) {
            String v = Text.normalise(vip);
            if (!v.isEmpty() && (name.equals(v) || name.replace(" ", "").contains(v.replace(" ", "")))) {
                out.add(Finding.of("sender.impersonates_vip", ev, vip, from.domain()));
                break;
            }
        }
        for (String d : org.domains()) {
            String label = d.contains(".") ? d.substring(0, d.indexOf('.')) : d;
            if (name.contains(d) || (label.length() >= 4 && containsWord(name, label))) {
                out.add(Finding.of("sender.impersonates_organisation", ev, d, from.domain()));
                break;
            }
        }
        for (Map.Entry<String, Set<String>> b : lists.brands().entrySet()) {
            if (containsWord(name, b.getKey()) && !ownedBy(from.domain(), b.getValue())) {
                out.add(Finding.of("sender.impersonates_brand", ev, b.getKey(), from.domain()));
                break;
            }
        }
        for (String s : lists.serviceNames().entries()) {
            if (containsWord(name, s)) {
                out.add(Finding.of("sender.service_name", ev, s, from.domain()));
                break;
            }
        }
    }

    /**
     * Combosquatting without a brand list: the display name ("Omaha Steaks", "Starbucks") written inside a
     * sender domain that is not simply that name ({@code omahasteakshda.com}, {@code starbucksisu.com}).
     */
    private void nameInForeignDomain(Mailbox from, String name, String orgDomain, String ev, List<Finding> out) {
        String compact = name.replaceAll("[^\\p{L}\\p{N}]", "");
        String label = orgDomain.contains(".") ? orgDomain.substring(0, orgDomain.indexOf('.')) : orgDomain;
        if (compact.length() >= 4 && compact.length() <= 30 && compact.chars().allMatch(c -> c < 0x80)
                && label.contains(compact) && !label.equals(compact) && label.length() >= compact.length() + 2
                && lists.freemail().match(from.domain()).isEmpty()) {
            out.add(Finding.of("sender.name_in_foreign_domain", ev, from.displayName(), orgDomain));
        }
    }

    /**
     * A mailbox name whose letters switch case at random ({@code bdQAkfl}, {@code newsletters.yrhZZiYQ}): bulk
     * senders generate one per message to defeat sender reputation (ATT&CK T1585.002). People's mailboxes are
     * lower case, upper case, or words with capitals at their starts ({@code JohnSmith}, {@code JSmith},
     * {@code eBay}); anything else in a segment of four letters or more is a generator's.
     */
    static boolean randomCase(String local) {
        for (String seg : local.split("[._+=-]")) {
            if (seg.length() >= 4 && seg.chars().allMatch(c -> c < 0x80 && Character.isLetter(c))
                    && !seg.equals(seg.toLowerCase(Locale.ROOT)) && !seg.equals(seg.toUpperCase(Locale.ROOT))
                    && !WORD_CASE.matcher(seg).matches()) {
                return true;
            }
        }
        return false;
    }

    /** A registrable label with almost no vowels ({@code nvotxfbg}, {@code ddjftfttf}): generated, not chosen. */
    static boolean randomLookingDomain(String orgDomain) {
        String label = orgDomain.contains(".") ? orgDomain.substring(0, orgDomain.indexOf('.')) : orgDomain;
        if (label.length() < 7 || label.startsWith("xn--")) {
            return false;
        }
        int letters = 0;
        int vowels = 0;
        int digits = 0;
        for (char c : label.toCharArray()) {
            if (c >= 'a' && c <= 'z') {
                letters++;
                if ("aeiouy".indexOf(c) >= 0) {
                    vowels++;
                }
            } else if (c >= '0' && c <= '9') {
                digits++;
            }
        }
        return letters >= 6 && vowels * 6 <= letters || (digits >= 4 && letters >= 4 && digits * 3 >= label.length());
    }

    private void lookalike(String domain, String orgDomain, String ev, List<Finding> out) {
        Set<String> targets = new HashSet<>(org.domains());
        Optional<String> ofOurs = Lookalike.imitates(orgDomain, targets, true);
        if (ofOurs.isPresent()) {
            out.add(Finding.of("sender.lookalike_domain", ev, domain, ofOurs.get()));
            return;
        }
        if (lists.freemail().match(domain).isEmpty()) {
            Optional<String> ofBrand = Lookalike.imitates(orgDomain, brandDomains);
            if (ofBrand.isPresent() && !ownedBy(domain, brandDomains)) {
                out.add(Finding.of("sender.lookalike_domain", ev, domain, ofBrand.get()));
            }
        }
    }

    private void checkAuthentication(MailMessage m, List<Finding> out) {
        Optional<AuthenticationResults> ar = AuthenticationResults.trusted(m.header("Authentication-Results"), org);
        if (ar.isEmpty()) {
            return;
        }
        String ev = "Authentication-Results (" + ar.get().authservId() + ")";
        Optional<Mailbox> from = m.sender();
        if (from.isPresent() && !from.get().domain().isEmpty() && !ar.get().dkimPassDomains().isEmpty()) {
            String fromOrg = lists.organisationalDomain(from.get().domain());
            boolean aligned = ar.get().dkimPassDomains().stream()
                    .anyMatch(d -> lists.organisationalDomain(d).equals(fromOrg));
            if (!aligned) {
                out.add(Finding.of("auth.dkim_unaligned", ev + ": dkim=pass header.d="
                        + String.join(",", ar.get().dkimPassDomains()) + "; From: " + from.get().domain(),
                        String.join(", ", ar.get().dkimPassDomains()), from.get().domain()));
            }
        }
        String spf = ar.get().result("spf").orElse("none");
        String dkim = ar.get().result("dkim").orElse("none");
        if ((spf.equals("none") || spf.equals("temperror") || spf.equals("permerror")) && dkim.equals("none")) {
            out.add(Finding.of("auth.none", ev + ": spf=" + spf + " dkim=" + dkim));
        }
        for (String method : List.of("spf", "dkim", "dmarc", "compauth")) {
            Optional<String> r = ar.get().result(method);
            if (r.isPresent() && (r.get().equals("fail") || r.get().equals("softfail") && method.equals("spf")
                    || r.get().equals("permerror") && method.equals("dmarc"))) {
                out.add(Finding.of("auth." + method + "_fail", ev + ": " + method + "=" + r.get(), r.get()));
            }
        }
    }

    private static boolean ownedBy(String domain, Set<String> owners) {
        String d = domain.toLowerCase(Locale.ROOT);
        for (String o : owners) {
            if (d.equals(o) || d.endsWith("." + o)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@code text} contains {@code word}; for ASCII words only at word boundaries (so "ups" does not
     * match "groups"), for Japanese as a plain substring.
     */
    static boolean containsWord(String text, String word) {
        int from = 0;
        while (true) {
            int i = text.indexOf(word, from);
            if (i < 0) {
                return false;
            }
            boolean ascii = word.chars().allMatch(c -> c < 0x80);
            if (!ascii) {
                return true;
            }
            boolean startOk = i == 0 || !Character.isLetterOrDigit(text.charAt(i - 1));
            int end = i + word.length();
            boolean endOk = end >= text.length() || !Character.isLetterOrDigit(text.charAt(end))
                    || !Character.isLetterOrDigit(word.charAt(word.length() - 1));
            if (startOk && endOk) {
                return true;
            }
            from = i + 1;
        }
    }
}
