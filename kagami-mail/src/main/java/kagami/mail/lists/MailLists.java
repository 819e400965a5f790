package kagami.mail.lists;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Every list the mail analysers read, loaded from {@code content/mail/lists} (see its README for origins and
 * licences); a user folder can replace any of them file by file.
 *
 * @param freemail           free mail providers
 * @param disposable         disposable mail providers
 * @param shorteners         URL shorteners
 * @param suspiciousTlds     top-level domains favoured by abuse
 * @param fileSharing        cloud storage / transfer hosts
 * @param freeHosting        free web hosting and serverless hosts
 * @param executableExts     executable extensions
 * @param macroExts          macro-capable Office extensions
 * @param archiveExts        archive extensions
 * @param suspiciousExts     other risky extensions
 * @param institutionWords   words that claim an institution in a display name
 * @param serviceNames       IT service display names
 * @param secondLevelSuffixes two-label public suffixes
 * @param brands             brand word → its own domains
 * @param lures              lure category → phrases (NFKC, lower case)
 * @param objectStorage      object storage and IPFS gateway hosts (pages published without a domain)
 * @param logoHosts          public logo repositories
 */
public record MailLists(DomainList freemail, DomainList disposable, DomainList shorteners, DomainList suspiciousTlds,
        DomainList fileSharing, DomainList freeHosting, DomainList executableExts, DomainList macroExts,
        DomainList archiveExts, DomainList suspiciousExts, DomainList institutionWords, DomainList serviceNames,
        DomainList secondLevelSuffixes, Map<String, Set<String>> brands, Map<String, List<String>> lures,
        DomainList objectStorage, DomainList logoHosts) {

    static final String LISTS = "kagami/content/mail/lists/";
    static final String LURES = "kagami/content/mail/lures/";
    static final List<String> LURE_CATEGORIES = List.of("credential", "urgency", "payment", "document_share",
            "enable_content", "mirrorface", "prize", "advance_fee", "fraud_services");

    /** The shipped lists. */
    public static MailLists defaults() {
        return load(null, null);
    }

    /**
     * The shipped lists, each replaced by the file of the same name in {@code listsDir} if present, and the
     * lure categories by the files of {@code luresDir} (which may add categories).
     */
    public static MailLists load(Path listsDir, Path luresDir) {
        Function<String, DomainList> l = name -> {
            if (listsDir != null && Files.isRegularFile(listsDir.resolve(name))) {
                try {
                    return DomainList.read(listsDir.resolve(name));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return DomainList.resource(name);
        };
        Map<String, Set<String>> brands = new LinkedHashMap<>();
        for (String line : lines(listsDir, LISTS, "brands.txt")) {
            int bar = line.indexOf('|');
            if (bar > 0) {
                Set<String> ds = new java.util.LinkedHashSet<>();
                for (String d : line.substring(bar + 1).split(",")) {
                    if (!d.isBlank()) {
                        ds.add(d.trim().toLowerCase(Locale.ROOT));
                    }
                }
                brands.put(Text.normalise(line.substring(0, bar)), java.util.Collections.unmodifiableSet(ds));
            }
        }
        Map<String, List<String>> lures = new LinkedHashMap<>();
        for (String c : LURE_CATEGORIES) {
            lures.put(c, lines(null, LURES, c + ".txt").stream().map(Text::normalise).toList());
        }
        if (luresDir != null && Files.isDirectory(luresDir)) {
            try (var s = Files.list(luresDir)) {
                for (Path p : s.filter(x -> x.toString().endsWith(".txt")).sorted().toList()) {
                    String c = p.getFileName().toString().replace(".txt", "");
                    lures.put(c, lines(luresDir, LURES, p.getFileName().toString()).stream().map(Text::normalise)
                            .toList());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new MailLists(l.apply("free_email_providers.txt"), l.apply("disposable_email_providers.txt"),
                l.apply("url_shorteners.txt").and(l.apply("link_redirectors.txt")), l.apply("suspicious_tlds.txt"),
                l.apply("file_sharing_hosts.txt"), l.apply("free_hosting_hosts.txt"),
                l.apply("file_extensions_executables.txt"), l.apply("file_extensions_macros.txt"),
                l.apply("file_extensions_common_archives.txt"), l.apply("file_extensions_suspicious.txt"),
                l.apply("institution_words.txt"),
                l.apply("service_names.txt"), l.apply("second_level_suffixes.txt"), brands, lures,
                l.apply("object_storage_hosts.txt"), l.apply("logo_hosts.txt"));
    }

    /** The organisational domain: the last two labels, or three under a two-label public suffix. */
    public String organisationalDomain(String domain) {
        String d = domain.toLowerCase(Locale.ROOT);
        String[] labels = d.split("\\.");
        if (labels.length <= 2) {
            return d;
        }
        String lastTwo = labels[labels.length - 2] + "." + labels[labels.length - 1];
        int keep = secondLevelSuffixes.contains(lastTwo) ? 3 : 2;
        return String.join(".", java.util.Arrays.copyOfRange(labels, labels.length - keep, labels.length));
    }

    private static List<String> lines(Path dir, String resourceBase, String name) {
        List<String> out = new ArrayList<>();
        try (InputStream in = dir != null && Files.isRegularFile(dir.resolve(name))
                ? Files.newInputStream(dir.resolve(name))
                : MailLists.class.getClassLoader().getResourceAsStream(resourceBase + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resourceBase + name);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                String t = line.strip();
                if (!t.isEmpty() && !t.startsWith("#")) {
                    out.add(t);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Kept for callers that want a fresh mutable copy of the brand table. */
    public Map<String, Set<String>> brandTable() {
        return new HashMap<>(brands);
    }
}
