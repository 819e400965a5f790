package kagami.mail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import kagami.core.i18n.Messages;
import kagami.mail.archive.ExtractionBudget;
import kagami.mail.lists.MailLists;
import kagami.mail.mime.MimeLimits;
import kagami.mail.sender.Organisation;
import kagami.mail.verdict.Weights;

/**
 * Everything a {@link MailAnalyser} is configured with.
 *
 * @param organisation  our domains, VIPs, trusted authserv-ids, known senders
 * @param weights       signal weights and thresholds
 * @param lists         sender / URL / extension lists and lure phrases
 * @param mimeLimits    MIME parsing bounds
 * @param budget        recursive unpacking bounds
 * @param passwords     passwords always tried on encrypted archives and documents (besides those in the body)
 * @param keepContent   keep artefact bytes in the report (for {@code --extract})
 * @param locale        language of the reasons' messages
 */
public record MailConfig(Organisation organisation, Weights weights, MailLists lists, MimeLimits mimeLimits,
        ExtractionBudget.Limits budget, List<String> passwords, boolean keepContent, Locale locale) {

    /** Passwords senders of malware use so often that trying them is cheap and useful. */
    static final List<String> COMMON_PASSWORDS = List.of("infected", "malware", "virus", "password", "1234", "12345",
            "123456", "0000");

    public MailConfig {
        passwords = List.copyOf(passwords);
    }

    public static MailConfig defaults(Locale locale) {
        return new MailConfig(Organisation.none(), Weights.defaults(), MailLists.defaults(), MimeLimits.defaults(),
                ExtractionBudget.Limits.defaults(), COMMON_PASSWORDS, false, locale);
    }

    public MailConfig withOrganisation(Organisation o) {
        return new MailConfig(o, weights, lists, mimeLimits, budget, passwords, keepContent, locale);
    }

    public MailConfig withWeights(Weights w) {
        return new MailConfig(organisation, w, lists, mimeLimits, budget, passwords, keepContent, locale);
    }

    public MailConfig withLists(MailLists l) {
        return new MailConfig(organisation, weights, l, mimeLimits, budget, passwords, keepContent, locale);
    }

    public MailConfig withLimits(MimeLimits m, ExtractionBudget.Limits b) {
        return new MailConfig(organisation, weights, lists, m, b, passwords, keepContent, locale);
    }

    public MailConfig keepingContent(boolean keep) {
        return new MailConfig(organisation, weights, lists, mimeLimits, budget, passwords, keep, locale);
    }

    Messages messages() {
        return Messages.load("kagami.mail.messages", locale);
    }

    /**
     * Reads an organisation file: one {@code key: value} per line, lists comma-separated, {@code #} comments.
     * Keys: {@code domains}, {@code vips}, {@code authserv_ids} (use {@code microsoft365} for Microsoft 365's
     * form without an authserv-id), {@code known_senders} (a file with one address per line, relative to this
     * file), {@code passwords}.
     */
    public static OrganisationFile readOrganisation(Path file) throws IOException {
        Set<String> domains = new HashSet<>();
        List<String> vips = new ArrayList<>();
        Set<String> authserv = new HashSet<>();
        Optional<Set<String>> known = Optional.empty();
        List<String> passwords = new ArrayList<>();
        int n = 0;
        for (String raw : Files.readAllLines(file)) {
            n++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IOException(file + ":" + n + ": expected 'key: value'");
            }
            String key = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            List<String> values = new ArrayList<>();
            for (String v : line.substring(colon + 1).split(",")) {
                String t = v.strip();
                if (t.startsWith("\"") && t.endsWith("\"") && t.length() >= 2) {
                    t = t.substring(1, t.length() - 1);
                }
                if (!t.isEmpty()) {
                    values.add(t);
                }
            }
            switch (key) {
                case "domains" -> domains.addAll(values);
                case "vips" -> vips.addAll(values);
                case "authserv_ids" -> authserv.addAll(values);
                case "passwords" -> passwords.addAll(values);
                case "known_senders" -> {
                    Set<String> s = new HashSet<>();
                    for (String f : values) {
                        Path p = file.toAbsolutePath().getParent().resolve(f);
                        for (String a : Files.readAllLines(p)) {
                            if (!a.isBlank() && !a.startsWith("#")) {
                                s.add(a.strip().toLowerCase(Locale.ROOT));
                            }
                        }
                    }
                    known = Optional.of(s);
                }
                default -> throw new IOException(file + ":" + n + ": unknown key '" + key
                        + "' (domains, vips, authserv_ids, known_senders, passwords)");
            }
        }
        return new OrganisationFile(new Organisation(domains, vips, authserv, known), passwords);
    }

    /** An organisation file's contents. */
    public record OrganisationFile(Organisation organisation, List<String> passwords) {
    }

    public MailConfig withExtraPasswords(List<String> extra) {
        List<String> all = new ArrayList<>(passwords);
        all.addAll(extra);
        return new MailConfig(organisation, weights, lists, mimeLimits, budget, all, keepContent, locale);
    }
}
