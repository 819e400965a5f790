package kagami.intel.match;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import kagami.core.IndicatorType;
import kagami.intel.IntelIndicator;
import kagami.intel.Observable;
import kagami.intel.normalize.InvalidValueException;
import kagami.intel.normalize.Normalizer;

/**
 * Value → indicators, in memory, for the engines that look up millions of values (hunt, scan, mail, stream).
 *
 * <p>Built once from a set of indicators and then read-only and thread-safe. Look-ups: a domain matches indicators
 * for itself and for each parent domain ({@code a.b.example.com} hits {@code example.com}) and {@code *.parent}
 * wildcards; an IPv4/IPv6 address matches exact addresses and every CIDR block containing it (one hash probe per
 * prefix length present); a URL matches the exact URL and its host; hashes, e-mail addresses, registry keys (case-
 * insensitive), mutexes, user agents, certificate serials match exactly; file names and paths match exactly
 * (case-insensitive, as on Windows) and against globs, and a path also matches on its last component.
 *
 * <p>Typical use:
 * <pre>{@code
 * IndicatorMatcher m = store.matcher(IndicatorFilter.activeNow());
 * for (IndicatorMatcher.Match hit : m.lookupDomain(event.field("QueryName"))) { ... }
 * }</pre>
 */
public final class IndicatorMatcher {
    /** How a value matched. */
    public enum How { EXACT, PARENT_DOMAIN, WILDCARD_DOMAIN, CIDR, GLOB, URL_HOST, PATH_FILE_NAME }

    /**
     * One hit.
     *
     * @param indicator  the indicator
     * @param observable the indicator's observable that matched
     * @param how        exact value, parent domain, containing CIDR block, glob ...
     */
    public record Match(IntelIndicator indicator, Observable observable, How how) {
    }

    private static final IntelIndicator[] NONE = new IntelIndicator[0];

    private final Map<IndicatorType, Map<String, IntelIndicator[]>> exact;
    private final Map<String, IntelIndicator[]> wildcardDomains;
    private final Map<Integer, IntelIndicator[]> ipv4;
    /** Per IPv4 prefix length (index 0-31), network address → indicators; null where no block has that length. */
    private final Map<Integer, IntelIndicator[]>[] ipv4Blocks;
    private final int[] ipv4Lengths;
    private final Map<V6, IntelIndicator[]>[] ipv6Blocks;
    private final int[] ipv6Lengths;
    private final List<GlobEntry> nameGlobs;
    private final List<GlobEntry> pathGlobs;
    private final int size;

    private record V6(long hi, long lo) {
    }

    private record GlobEntry(Glob glob, Observable observable, IntelIndicator indicator) {
    }

    private IndicatorMatcher(Builder b) {
        exact = new EnumMap<>(IndicatorType.class);
        b.exact.forEach((t, m) -> exact.put(t, freeze(m)));
        wildcardDomains = freeze(b.wildcardDomains);
        ipv4 = freezeKeys(b.ipv4);
        @SuppressWarnings("unchecked")
        Map<Integer, IntelIndicator[]>[] v4 = new Map[33];
        List<Integer> v4l = new ArrayList<>();
        for (int p = 32; p >= 0; p--) {
            if (b.ipv4Blocks[p] != null) {
                v4[p] = freezeKeys(b.ipv4Blocks[p]);
                v4l.add(p);
            }
        }
        ipv4Blocks = v4;
        ipv4Lengths = v4l.stream().mapToInt(Integer::intValue).toArray();
        @SuppressWarnings("unchecked")
        Map<V6, IntelIndicator[]>[] v6 = new Map[129];
        List<Integer> v6l = new ArrayList<>();
        for (int p = 128; p >= 0; p--) {
            if (b.ipv6Blocks[p] != null) {
                v6[p] = freezeKeys(b.ipv6Blocks[p]);
                v6l.add(p);
            }
        }
        ipv6Blocks = v6;
        ipv6Lengths = v6l.stream().mapToInt(Integer::intValue).toArray();
        nameGlobs = List.copyOf(b.nameGlobs);
        pathGlobs = List.copyOf(b.pathGlobs);
        size = b.size;
    }

    private static <K> Map<K, IntelIndicator[]> freeze(Map<K, List<IntelIndicator>> m) {
        Map<K, IntelIndicator[]> out = new HashMap<>(Math.max(16, m.size() * 4 / 3 + 1));
        m.forEach((k, v) -> out.put(k, v.toArray(NONE)));
        return out;
    }

    private static <K> Map<K, IntelIndicator[]> freezeKeys(Map<K, List<IntelIndicator>> m) {
        return freeze(m);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Number of observables loaded. */
    public int size() {
        return size;
    }

    /** Collects indicators; not thread-safe. */
    public static final class Builder {
        private final Map<IndicatorType, Map<String, List<IntelIndicator>>> exact = new EnumMap<>(IndicatorType.class);
        private final Map<String, List<IntelIndicator>> wildcardDomains = new HashMap<>();
        private final Map<Integer, List<IntelIndicator>> ipv4 = new HashMap<>();
        @SuppressWarnings("unchecked")
        private final Map<Integer, List<IntelIndicator>>[] ipv4Blocks = new Map[33];
        @SuppressWarnings("unchecked")
        private final Map<V6, List<IntelIndicator>>[] ipv6Blocks = new Map[129];
        private final List<GlobEntry> nameGlobs = new ArrayList<>();
        private final List<GlobEntry> pathGlobs = new ArrayList<>();
        private int size;

        private Builder() {
        }

        /** Adds every observable of {@code i}. */
        public Builder add(IntelIndicator i) {
            for (Observable o : i.observables()) {
                add(i, o);
            }
            return this;
        }

        private void add(IntelIndicator i, Observable o) {
            size++;
            String v = o.value();
            switch (o.type()) {
                case DOMAIN, HOSTNAME -> {
                    if (v.startsWith("*.")) {
                        wildcardDomains.computeIfAbsent(v.substring(2), k -> new ArrayList<>(1)).add(i);
                    } else {
                        put(IndicatorType.DOMAIN, v, i);
                    }
                }
                case IPV4 -> {
                    try {
                        ipv4.computeIfAbsent(Normalizer.parseIpv4(v), k -> new ArrayList<>(1)).add(i);
                    } catch (InvalidValueException e) {
                        size--;
                    }
                }
                case IPV6 -> addV6(v, 128, i);
                case CIDR -> {
                    int slash = v.indexOf('/');
                    int len = slash < 0 ? -1 : Integer.parseInt(v.substring(slash + 1));
                    String addr = slash < 0 ? v : v.substring(0, slash);
                    if (addr.indexOf(':') >= 0) {
                        addV6(addr, len < 0 ? 128 : len, i);
                    } else {
                        try {
                            int a = Normalizer.parseIpv4(addr);
                            int p = len < 0 ? 32 : len;
                            if (ipv4Blocks[p] == null) {
                                ipv4Blocks[p] = new HashMap<>();
                            }
                            ipv4Blocks[p].computeIfAbsent(a & mask4(p), k -> new ArrayList<>(1)).add(i);
                        } catch (InvalidValueException e) {
                            size--;
                        }
                    }
                }
                case FILE_NAME -> {
                    if (o.wildcard()) {
                        nameGlobs.add(new GlobEntry(new Glob(v), o, i));
                    } else {
                        put(IndicatorType.FILE_NAME, v.toLowerCase(Locale.ROOT), i);
                    }
                }
                case FILE_PATH -> {
                    if (o.wildcard() || v.matches("(?s).*%[A-Za-z0-9_()]+%.*")) {
                        pathGlobs.add(new GlobEntry(new Glob(v), o, i));
                    } else {
                        put(IndicatorType.FILE_PATH, v.toLowerCase(Locale.ROOT), i);
                    }
                }
                case REGISTRY_KEY -> put(o.type(), v.toLowerCase(Locale.ROOT), i);
                default -> put(o.type(), v, i);
            }
        }

        private void addV6(String addr, int len, IntelIndicator i) {
            try {
                V6 k = mask6(v6(Normalizer.parseIpv6(addr)), len);
                if (ipv6Blocks[len] == null) {
                    ipv6Blocks[len] = new HashMap<>();
                }
                ipv6Blocks[len].computeIfAbsent(k, x -> new ArrayList<>(1)).add(i);
            } catch (InvalidValueException e) {
                size--;
            }
        }

        private void put(IndicatorType t, String key, IntelIndicator i) {
            exact.computeIfAbsent(t, k -> new HashMap<>()).computeIfAbsent(key, k -> new ArrayList<>(1)).add(i);
        }

        public IndicatorMatcher build() {
            return new IndicatorMatcher(this);
        }
    }

    private static int mask4(int p) {
        return p == 0 ? 0 : -1 << (32 - p);
    }

    private static V6 v6(byte[] b) {
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < 8; i++) {
            hi = (hi << 8) | (b[i] & 0xff);
            lo = (lo << 8) | (b[i + 8] & 0xff);
        }
        return new V6(hi, lo);
    }

    private static V6 mask6(V6 a, int p) {
        long hm = p >= 64 ? -1L : p == 0 ? 0 : -1L << (64 - p);
        long lm = p <= 64 ? 0 : p == 128 ? -1L : -1L << (128 - p);
        return new V6(a.hi & hm, a.lo & lm);
    }

    // ---------------------------------------------------------------------------------------------- look-ups

    /** Any value: its type is guessed (hash, IP, CIDR, URL, e-mail, domain, else file path/name or registry key). */
    public List<Match> lookupAny(String raw) {
        if (raw == null || raw.isBlank()) {
            return List.of();
        }
        Optional<Observable> g = Normalizer.guess(raw);
        if (g.isPresent()) {
            if (g.get().type() != IndicatorType.DOMAIN) {
                return lookup(g.get());
            }
            // "k7sysmn1.dll" is a valid DNS name and a file name: look up both.
            List<Match> out = new ArrayList<>(lookupDomain(g.get().value()));
            out.addAll(lookupFileName(raw.strip()));
            return out;
        }
        String v = raw.strip();
        List<Match> out = new ArrayList<>();
        if (v.regionMatches(true, 0, "HK", 0, 2) && v.indexOf('\\') > 0) {
            out.addAll(lookupRegistryKey(v));
        }
        if (v.indexOf('\\') >= 0 || v.indexOf('/') >= 0) {
            out.addAll(lookupFilePath(v));
        } else {
            out.addAll(lookupFileName(v));
            for (IndicatorType t : new IndicatorType[] {IndicatorType.MUTEX, IndicatorType.USER_AGENT}) {
                exactHits(t, v, v, out);
            }
        }
        return out;
    }

    /** A normalised observable. */
    public List<Match> lookup(Observable o) {
        return switch (o.type()) {
            case DOMAIN, HOSTNAME -> lookupDomain(o.value());
            case IPV4, IPV6 -> lookupIp(o.value());
            case CIDR -> {
                List<Match> out = new ArrayList<>();
                exactHits(IndicatorType.CIDR, o.value(), o.value(), out);
                yield out;
            }
            case URL -> lookupUrl(o.value());
            case FILE_NAME -> lookupFileName(o.value());
            case FILE_PATH -> lookupFilePath(o.value());
            case REGISTRY_KEY -> lookupRegistryKey(o.value());
            default -> {
                List<Match> out = new ArrayList<>();
                exactHits(o.type(), o.value(), o.value(), out);
                yield out;
            }
        };
    }

    /** A DNS name (any case, trailing dot and defanging allowed): itself, each parent, and wildcards. */
    public List<Match> lookupDomain(String name) {
        String d = fastDomain(name);
        if (d == null) {
            return List.of();
        }
        List<Match> out = null;
        Map<String, IntelIndicator[]> domains = exact.get(IndicatorType.DOMAIN);
        int dot = -1;
        String suffix = d;
        while (true) {
            if (domains != null) {
                IntelIndicator[] hits = domains.get(suffix);
                if (hits != null) {
                    out = add(out, hits, IndicatorType.DOMAIN, suffix, dot < 0 ? How.EXACT : How.PARENT_DOMAIN);
                }
            }
            if (dot >= 0 && !wildcardDomains.isEmpty()) {
                IntelIndicator[] hits = wildcardDomains.get(suffix);
                if (hits != null) {
                    out = add(out, hits, IndicatorType.DOMAIN, "*." + suffix, How.WILDCARD_DOMAIN);
                }
            }
            dot = d.indexOf('.', dot + 1);
            if (dot < 0 || dot == d.length() - 1) {
                break;
            }
            suffix = d.substring(dot + 1);
        }
        return out == null ? List.of() : out;
    }

    /** Lower-case ASCII without trailing dot; the full normaliser only when the cheap path does not apply. */
    private static String fastDomain(String name) {
        if (name == null || name.isEmpty()) {
            return null;
        }
        int n = name.length();
        boolean plain = n <= 253;
        boolean lower = true;
        for (int i = 0; i < n && plain; i++) {
            char c = name.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                lower = false;
            } else if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_')) {
                plain = false;
            }
        }
        if (plain) {
            String d = lower ? name : name.toLowerCase(Locale.ROOT);
            return d.endsWith(".") ? d.substring(0, d.length() - 1) : d;
        }
        try {
            String v = Normalizer.normalize(IndicatorType.DOMAIN, name).value();
            return v.startsWith("*.") ? null : v;
        } catch (InvalidValueException e) {
            return null;
        }
    }

    /** An IPv4 or IPv6 address: exact indicators and every CIDR block that contains it. */
    public List<Match> lookupIp(String address) {
        if (address == null || address.isEmpty()) {
            return List.of();
        }
        try {
            if (address.indexOf(':') < 0) {
                long fast = fastIpv4(address);
                return lookupIpv4(fast >= 0 ? (int) fast : Normalizer.parseIpv4(Normalizer.refang(address.strip())));
            }
            V6 a = v6(Normalizer.parseIpv6(address));
            List<Match> out = null;
            for (int p : ipv6Lengths) {
                V6 k = mask6(a, p);
                IntelIndicator[] hits = ipv6Blocks[p].get(k);
                if (hits != null) {
                    out = add(out, hits, p == 128 ? IndicatorType.IPV6 : IndicatorType.CIDR, null,
                            p == 128 ? How.EXACT : How.CIDR);
                }
            }
            return out == null ? List.of() : out;
        } catch (InvalidValueException e) {
            return List.of();
        }
    }

    /** An IPv4 address as its 32-bit value (the fastest path, for engines that parse addresses themselves). */
    public List<Match> lookupIpv4(int address) {
        List<Match> out = null;
        IntelIndicator[] hits = ipv4.get(address);
        if (hits != null) {
            out = add(out, hits, IndicatorType.IPV4, Normalizer.formatIpv4(address), How.EXACT);
        }
        for (int p : ipv4Lengths) {
            int net = address & mask4(p);
            hits = ipv4Blocks[p].get(net);
            if (hits != null) {
                out = add(out, hits, IndicatorType.CIDR, p == 32 ? Normalizer.formatIpv4(net)
                        : Normalizer.formatIpv4(net) + "/" + p, How.CIDR);
            }
        }
        return out == null ? List.of() : out;
    }

    /** Whether any indicator matches the IPv4 address (no allocation; for hot loops). */
    public boolean matchesIpv4(int address) {
        if (ipv4.containsKey(address)) {
            return true;
        }
        for (int p : ipv4Lengths) {
            if (ipv4Blocks[p].containsKey(address & mask4(p))) {
                return true;
            }
        }
        return false;
    }

    /** A URL: the exact (normalised) URL, then its host as a domain or IP. */
    public List<Match> lookupUrl(String url) {
        if (url == null || url.isEmpty()) {
            return List.of();
        }
        // Values from logs are usually already in normal form: try them as they are before normalising.
        String n = plainUrl(url) ? url : null;
        if (n == null) {
            try {
                n = Normalizer.normalize(IndicatorType.URL, url).value();
            } catch (InvalidValueException e) {
                return List.of();
            }
        }
        int start = n.indexOf("://") + 3;
        int end = start;
        while (end < n.length() && "/?#".indexOf(n.charAt(end)) < 0) {
            end++;
        }
        if (end == n.length()) {
            n = n + "/";
        }
        List<Match> out = null;
        Map<String, IntelIndicator[]> urls = exact.get(IndicatorType.URL);
        IntelIndicator[] hits = urls == null ? null : urls.get(n);
        if (hits != null) {
            out = add(null, hits, IndicatorType.URL, n, How.EXACT);
        }
        String host = n.substring(start, end);
        int at = host.lastIndexOf('@');
        if (at >= 0) {
            host = host.substring(at + 1);
        }
        boolean v6 = host.startsWith("[");
        if (v6) {
            host = host.substring(1, Math.max(1, host.indexOf(']')));
        } else if (host.lastIndexOf(':') > 0) {
            host = host.substring(0, host.lastIndexOf(':'));
        }
        List<Match> hostHits = v6 || isDigitsAndDots(host) ? lookupIp(host) : lookupDomain(host);
        if (!hostHits.isEmpty()) {
            if (out == null) {
                out = new ArrayList<>(hostHits.size());
            }
            for (Match m : hostHits) {
                out.add(new Match(m.indicator(), m.observable(), How.URL_HOST));
            }
        }
        return out == null ? List.of() : out;
    }

    /** Lower-case http(s) scheme and host, no defanging, no spaces: already what the normaliser would give. */
    private static boolean plainUrl(String u) {
        int sep = u.startsWith("http://") ? 7 : u.startsWith("https://") ? 8 : -1;
        if (sep < 0) {
            return false;
        }
        int n = u.length();
        int i = sep;
        for (; i < n; i++) {
            char c = u.charAt(i);
            if (c == '/' || c == '?' || c == '#') {
                break;
            }
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == ':')) {
                return false;
            }
        }
        if (i == sep || u.charAt(i - 1) == '.') {
            return false;
        }
        for (; i < n; i++) {
            char c = u.charAt(i);
            if (c <= ' ' || c == 0x7f) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigitsAndDots(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c == '.' || (c >= '0' && c <= '9'))) {
                return false;
            }
        }
        return !s.isEmpty();
    }

    /** Dotted-quad IPv4 to its value, or -1 (as a long) when it is not one: no exception, no allocation. */
    private static long fastIpv4(String s) {
        int n = s.length();
        if (n < 7 || n > 15) {
            return -1;
        }
        long r = 0;
        int octet = -1;
        int digits = 0;
        int parts = 0;
        for (int i = 0; i <= n; i++) {
            char c = i < n ? s.charAt(i) : '.';
            if (c >= '0' && c <= '9') {
                if (digits > 0 && octet == 0) {
                    return -1;
                }
                octet = (octet < 0 ? 0 : octet * 10) + (c - '0');
                if (++digits > 3 || octet > 255) {
                    return -1;
                }
            } else if (c == '.' && digits > 0) {
                r = (r << 8) | octet;
                parts++;
                octet = -1;
                digits = 0;
            } else {
                return -1;
            }
        }
        return parts == 4 ? r : -1;
    }

    /** A hash of any supported algorithm (by length), any case. */
    public List<Match> lookupHash(String hex) {
        if (hex == null) {
            return List.of();
        }
        IndicatorType t = switch (hex.length()) {
            case 32 -> IndicatorType.MD5;
            case 40 -> IndicatorType.SHA1;
            case 64 -> IndicatorType.SHA256;
            case 128 -> IndicatorType.SHA512;
            default -> null;
        };
        if (t == null) {
            return List.of();
        }
        Map<String, IntelIndicator[]> m = exact.get(t);
        if (m == null) {
            return List.of();
        }
        String key = hex.toUpperCase(Locale.ROOT);
        IntelIndicator[] hits = m.get(key);
        return hits == null ? List.of() : add(null, hits, t, key, How.EXACT);
    }

    /** A file name (no folder), case-insensitive, exact and globs. */
    public List<Match> lookupFileName(String name) {
        if (name == null || name.isEmpty()) {
            return List.of();
        }
        String lower = name.toLowerCase(Locale.ROOT);
        List<Match> out = new ArrayList<>();
        exactHits(IndicatorType.FILE_NAME, lower, null, out);
        for (GlobEntry g : nameGlobs) {
            if (g.glob().matches(lower)) {
                out.add(new Match(g.indicator(), g.observable(), How.GLOB));
            }
        }
        return out;
    }

    /** A full path: exact and glob path indicators, and its last component as a file name. */
    public List<Match> lookupFilePath(String path) {
        if (path == null || path.isEmpty()) {
            return List.of();
        }
        String lower = path.toLowerCase(Locale.ROOT);
        List<Match> out = new ArrayList<>();
        exactHits(IndicatorType.FILE_PATH, lower, null, out);
        for (GlobEntry g : pathGlobs) {
            if (g.glob().matches(lower)) {
                out.add(new Match(g.indicator(), g.observable(), How.GLOB));
            }
        }
        int cut = Math.max(lower.lastIndexOf('\\'), lower.lastIndexOf('/'));
        if (cut >= 0 && cut < lower.length() - 1) {
            // A folder indicator ("C:\Users\Public\TMWJPA\") matches files inside it.
            exactHits(IndicatorType.FILE_PATH, lower.substring(0, cut + 1), null, out);
            for (Match m : lookupFileName(path.substring(cut + 1))) {
                out.add(new Match(m.indicator(), m.observable(), How.PATH_FILE_NAME));
            }
        }
        return out;
    }

    /** A registry key path, with hive abbreviations ({@code HKLM\...}) accepted. */
    public List<Match> lookupRegistryKey(String key) {
        String n;
        try {
            n = Normalizer.normalize(IndicatorType.REGISTRY_KEY, key).value().toLowerCase(Locale.ROOT);
        } catch (InvalidValueException e) {
            return List.of();
        }
        List<Match> out = new ArrayList<>();
        exactHits(IndicatorType.REGISTRY_KEY, n, null, out);
        return out;
    }

    private void exactHits(IndicatorType t, String key, String shown, List<Match> out) {
        Map<String, IntelIndicator[]> m = exact.get(t);
        if (m == null) {
            return;
        }
        IntelIndicator[] hits = m.get(key);
        if (hits != null) {
            for (IntelIndicator i : hits) {
                out.add(new Match(i, observableOf(i, t, shown != null ? shown : key), How.EXACT));
            }
        }
    }

    private static List<Match> add(List<Match> out, IntelIndicator[] hits, IndicatorType t, String value, How how) {
        List<Match> l = out != null ? out : new ArrayList<>(hits.length);
        for (IntelIndicator i : hits) {
            l.add(new Match(i, observableOf(i, t, value), how));
        }
        return l;
    }

    /** The indicator's own observable for a hit (so callers see the stored value and case). */
    private static Observable observableOf(IntelIndicator i, IndicatorType t, String value) {
        for (Observable o : i.observables()) {
            if ((o.type() == t || t == IndicatorType.CIDR && (o.type() == IndicatorType.IPV4
                    || o.type() == IndicatorType.IPV6))
                    && (value == null || o.value().equalsIgnoreCase(value))) {
                return o;
            }
        }
        return i.observables().isEmpty() ? new Observable(t, value == null ? "?" : value) : i.observables().get(0);
    }

    @Override
    public String toString() {
        return "IndicatorMatcher[" + size + " observables, exact types " + Arrays.toString(exact.keySet().toArray())
                + "]";
    }
}
