package kagami.mail.sender;

import java.net.IDN;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Lookalike domains: one that is not ours but is within a small edit distance of ours, or that reads the same
 * once confusable characters are folded (Unicode TR39 "skeleton" idea, restricted to the confusables attackers
 * use in domains: Cyrillic and Greek homoglyphs, digit/letter swaps, {@code rn}/{@code m}, {@code vv}/{@code w}),
 * or a punycode (IDNA, RFC 3492) label that decodes to such a name.
 */
public final class Lookalike {
    private static final Map<Character, Character> CONFUSABLES = Map.ofEntries(
            Map.entry('а', 'a'), Map.entry('е', 'e'), Map.entry('о', 'o'), Map.entry('р', 'p'), Map.entry('с', 'c'),
            Map.entry('у', 'y'), Map.entry('х', 'x'), Map.entry('і', 'i'), Map.entry('ј', 'j'), Map.entry('ѕ', 's'),
            Map.entry('ԁ', 'd'), Map.entry('ɡ', 'g'), Map.entry('ο', 'o'), Map.entry('α', 'a'), Map.entry('ν', 'v'),
            Map.entry('τ', 't'), Map.entry('κ', 'k'), Map.entry('ι', 'i'), Map.entry('0', 'o'), Map.entry('1', 'l'),
            Map.entry('l', 'l'), Map.entry('I', 'l'), Map.entry('|', 'l'), Map.entry('5', 's'), Map.entry('3', 'e'),
            Map.entry('ı', 'i'));

    private Lookalike() {
    }

    /** The label-folded form used for comparison. */
    private static final java.util.Map<String, String> SKELETONS = new java.util.concurrent.ConcurrentHashMap<>();

    /** The skeleton of one of our or a brand's domains: a small fixed set, computed once. */
    private static String cachedSkeleton(String domain) {
        if (SKELETONS.size() > 10_000) {
            SKELETONS.clear();
        }
        return SKELETONS.computeIfAbsent(domain, Lookalike::skeleton);
    }

    public static String skeleton(String domain) {
        String d = unicode(domain).toLowerCase(Locale.ROOT);
        StringBuilder sb = new StringBuilder(d.length());
        for (int i = 0; i < d.length(); i++) {
            char c = d.charAt(i);
            sb.append(CONFUSABLES.getOrDefault(c, c));
        }
        String s = sb.toString().replace("rn", "m").replace("vv", "w").replace("cl", "d");
        return s.replace('i', 'l');
    }

    /** IDNA ToUnicode of the domain; the input if it is not valid punycode. */
    public static String unicode(String domain) {
        try {
            return IDN.toUnicode(domain, IDN.ALLOW_UNASSIGNED);
        } catch (IllegalArgumentException e) {
            return domain;
        }
    }

    public static boolean isPunycode(String domain) {
        for (String label : domain.toLowerCase(Locale.ROOT).split("\\.")) {
            if (label.startsWith("xn--")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Which of {@code ours} (organisational domains) {@code candidate} imitates, if any: same skeleton, or edit
     * distance 1-2 on the part before the public suffix with at least 5 characters to compare.
     */
    public static Optional<String> imitates(String candidate, Iterable<String> ours) {
        return imitates(candidate, ours, false);
    }

    /**
     * As {@link #imitates(String, Iterable)}; with {@code containment}, a domain that merely contains the other's
     * name ({@code mofa-go.jp}, {@code mofa-gov.net} for {@code mofa.go.jp}) counts too — right for our own
     * domains, too noisy for brands ({@code onmicrosoft.com}).
     */
    public static Optional<String> imitates(String candidate, Iterable<String> ours, boolean containment) {
        String c = candidate.toLowerCase(Locale.ROOT);
        for (String o : ours) {
            if (c.equals(o) || c.endsWith("." + o)) {
                return Optional.empty();
            }
        }
        String sc = skeleton(c);
        for (String o : ours) {
            if (sc.equals(cachedSkeleton(o))) {
                return Optional.of(o);
            }
            String a = stripSuffix(c);
            String b = stripSuffix(o);
            if (c.replace(".", "").replace("-", "").equals(o.replace(".", "").replace("-", ""))) {
                return Optional.of(o);
            }
            if (a.contains(b) && containment && b.length() >= 4) {
                return Optional.of(o);
            }
            if (a.contains(b)) {
                // Containment (onmicrosoft.com, paypal-secure.com) is combosquatting, judged elsewhere.
                continue;
            }
            int dist = levenshtein(a, b, 3);
            if (containment && b.length() >= 5 && dist >= 1 && dist <= (b.length() >= 8 ? 2 : 1)) {
                return Optional.of(o);
            }
            // Brands: a one-character slip on a name of six or more (two, e.g. a transposition, from eight), never
            // a shorter word inside theirs.
            if (!containment && b.length() >= 6 && dist >= 1 && dist <= (b.length() >= 8 ? 2 : 1) && !b.contains(a)) {
                return Optional.of(o);
            }
            if (!a.equals(b) && a.replace("-", "").equals(b.replace("-", ""))) {
                return Optional.of(o);
            }
        }
        return Optional.empty();
    }

    private static String stripSuffix(String d) {
        int dot = d.indexOf('.');
        return dot > 0 ? d.substring(0, dot) : d;
    }

    /** Levenshtein distance, giving up (returning {@code max + 1}) once it must exceed {@code max}. */
    public static int levenshtein(String a, String b, int max) {
        if (Math.abs(a.length() - b.length()) > max) {
            return max + 1;
        }
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            int rowMin = cur[0];
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
                rowMin = Math.min(rowMin, cur[j]);
            }
            if (rowMin > max) {
                return max + 1;
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
