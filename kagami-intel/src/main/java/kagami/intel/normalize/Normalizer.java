package kagami.intel.normalize;

import java.net.IDN;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import kagami.core.IndicatorType;
import kagami.intel.Observable;

/**
 * Turns an observable as a feed, a report or an analyst wrote it into the one form the store de-duplicates on.
 *
 * <p>What is undone: defanging ({@code example[.]com}, {@code hxxps[://]}, {@code [at]}), letter case where the
 * protocol ignores it (DNS names, URL scheme and host, hex hashes), trailing dots of fully qualified names, Unicode
 * domain names (IDNA, RFC 5891, stored as punycode so {@code 例え.jp} and {@code xn--r8jz45g.jp} are one value),
 * registry hive abbreviations ({@code HKLM} is {@code HKEY_LOCAL_MACHINE}, the form STIX 2.1 §6.13 requires), and
 * host bits of CIDR blocks. Nothing is guessed silently: a value that is not what its type says is rejected with
 * {@link InvalidValueException}.
 */
public final class Normalizer {
    /** Longest value accepted for any type; real observables are far shorter, anything longer is hostile. */
    public static final int MAX_LENGTH = 8192;

    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]+");
    private static final Pattern LABEL = Pattern.compile("[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?");
    private static final Pattern EMAIL_LOCAL = Pattern.compile("[^\\s@<>()\\[\\],;:\"]{1,64}");

    private Normalizer() {
    }

    /** The normalised observable, or {@link InvalidValueException} naming what is wrong. */
    public static Observable normalize(IndicatorType type, String raw) throws InvalidValueException {
        if (raw == null) {
            throw new InvalidValueException(type, "", "value.missing");
        }
        if (raw.length() > MAX_LENGTH) {
            throw new InvalidValueException(type, raw.substring(0, 64) + "...", "value.tooLong", MAX_LENGTH);
        }
        String v = raw.strip();
        if (v.isEmpty()) {
            throw new InvalidValueException(type, raw, "value.empty");
        }
        if (v.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new InvalidValueException(type, raw, "value.controlCharacter");
        }
        String n = switch (type) {
            case MD5 -> hash(type, v, 32);
            case SHA1 -> hash(type, v, 40);
            case SHA256 -> hash(type, v, 64);
            case SHA512 -> hash(type, v, 128);
            case JA3 -> hash(type, v, 32);
            case DOMAIN, HOSTNAME -> domain(type, refang(v));
            case IPV4 -> ipv4(refang(v), false);
            case IPV6 -> ipv6(refang(v), false);
            case CIDR -> cidr(refang(v));
            case URL -> url(refang(v));
            case EMAIL_ADDRESS -> email(refang(v));
            case REGISTRY_KEY -> registryKey(v);
            case CERTIFICATE_SERIAL -> serial(v);
            case ASN -> asn(v);
            case FILE_NAME -> fileName(v);
            case FILE_PATH, MUTEX, USER_AGENT -> v;
        };
        return new Observable(type, n);
    }

    /**
     * The type of a bare value from a plain list or a free-text line (hash by length, IP, CIDR, URL, e-mail,
     * domain), after refanging; empty when it looks like none of them.
     */
    public static Optional<Observable> guess(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String v = refang(raw.strip());
        if (v.isEmpty() || v.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        IndicatorType t;
        if (HEX.matcher(v).matches()) {
            t = switch (v.length()) {
                case 32 -> IndicatorType.MD5;
                case 40 -> IndicatorType.SHA1;
                case 64 -> IndicatorType.SHA256;
                case 128 -> IndicatorType.SHA512;
                default -> null;
            };
        } else if (v.contains("://")) {
            t = IndicatorType.URL;
        } else if (v.contains("/") && (v.contains(":") || v.matches("[0-9.]+/[0-9]+"))) {
            t = IndicatorType.CIDR;
        } else if (v.matches("[0-9.]+")) {
            t = IndicatorType.IPV4;
        } else if (v.contains(":") && v.matches("[0-9a-fA-F:.]+")) {
            t = IndicatorType.IPV6;
        } else if (v.indexOf('@') > 0) {
            t = IndicatorType.EMAIL_ADDRESS;
        } else if (v.indexOf('.') > 0 && v.indexOf(' ') < 0 && v.indexOf('\\') < 0) {
            t = IndicatorType.DOMAIN;
        } else {
            t = null;
        }
        if (t == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(normalize(t, v));
        } catch (InvalidValueException e) {
            return Optional.empty();
        }
    }

    /**
     * Undoes the defanging conventions analysts use so that indicators in reports cannot be clicked:
     * {@code [.]} {@code (.)} {@code {.}} {@code [dot]}, {@code hxxp}, {@code [:]}, {@code [://]}, {@code [@]},
     * {@code [at]}.
     */
    public static String refang(String v) {
        if (v.indexOf('[') < 0 && v.indexOf('(') < 0 && v.indexOf('{') < 0 && !v.regionMatches(true, 0, "hxxp", 0, 4)
                && !v.regionMatches(true, 0, "fxp", 0, 3)) {
            return v;
        }
        String s = v.replace("[.]", ".").replace("(.)", ".").replace("{.}", ".")
                .replace("[dot]", ".").replace("(dot)", ".").replace("[DOT]", ".")
                .replace("[://]", "://").replace("[:]", ":").replace("[/]", "/")
                .replace("[@]", "@").replace("[at]", "@").replace("(at)", "@");
        if (s.regionMatches(true, 0, "hxxp", 0, 4)) {
            s = "http" + s.substring(4);
        } else if (s.regionMatches(true, 0, "fxp", 0, 3)) {
            s = "ftp" + s.substring(3);
        }
        return s;
    }

    private static String hash(IndicatorType t, String v, int len) throws InvalidValueException {
        if (v.length() != len || !HEX.matcher(v).matches()) {
            throw new InvalidValueException(t, v, "value.hashDigits", len);
        }
        return v.toUpperCase(Locale.ROOT);
    }

    static String domain(IndicatorType t, String v) throws InvalidValueException {
        String s = v;
        boolean wildcard = false;
        if (s.startsWith("*.")) {
            wildcard = true;
            s = s.substring(2);
        } else if (s.startsWith(".")) {
            // ".devtunnels.ms" in suffix lists means the same as "*.devtunnels.ms".
            wildcard = true;
            s = s.substring(1);
        }
        while (s.endsWith(".")) {
            s = s.substring(0, s.length() - 1);
        }
        if (s.isEmpty()) {
            throw new InvalidValueException(t, v, "value.domain.empty");
        }
        String ascii;
        try {
            // IDNA ToASCII (RFC 3490 via java.net.IDN): Unicode labels become xn-- labels; it also lower-cases.
            ascii = IDN.toASCII(s, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException(t, v, "value.domain.idn", e.getMessage());
        }
        if (ascii.length() > 253) {
            throw new InvalidValueException(t, v, "value.domain.tooLong");
        }
        String[] labels = ascii.split("\\.", -1);
        if (labels.length < 2 && t == IndicatorType.DOMAIN) {
            throw new InvalidValueException(t, v, "value.domain.oneLabel");
        }
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                throw new InvalidValueException(t, v, "value.domain.label", label);
            }
        }
        if (labels[labels.length - 1].chars().allMatch(Character::isDigit)) {
            throw new InvalidValueException(t, v, "value.domain.numeric");
        }
        return wildcard ? "*." + ascii : ascii;
    }

    /** Parses dotted-quad IPv4 into its 32-bit value; rejects leading zeros (octal ambiguity) and short forms. */
    public static int parseIpv4(String v) throws InvalidValueException {
        String[] parts = v.split("\\.", -1);
        if (parts.length != 4) {
            throw new InvalidValueException(IndicatorType.IPV4, v, "value.ipv4.parts");
        }
        int r = 0;
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')
                    || (p.length() > 1 && p.charAt(0) == '0')) {
                throw new InvalidValueException(IndicatorType.IPV4, v, "value.ipv4.octet", p);
            }
            int o = Integer.parseInt(p);
            if (o > 255) {
                throw new InvalidValueException(IndicatorType.IPV4, v, "value.ipv4.octetRange", o);
            }
            r = (r << 8) | o;
        }
        return r;
    }

    public static String formatIpv4(int a) {
        return ((a >>> 24) & 255) + "." + ((a >>> 16) & 255) + "." + ((a >>> 8) & 255) + "." + (a & 255);
    }

    private static String ipv4(String v, boolean allowPrefix) throws InvalidValueException {
        if (v.indexOf('/') >= 0) {
            String c = cidr(v);
            if (!allowPrefix && c.indexOf('/') >= 0) {
                throw new InvalidValueException(IndicatorType.IPV4, v, "value.ip.block");
            }
            return c;
        }
        return formatIpv4(parseIpv4(v));
    }

    /** Parses an IPv6 literal (RFC 4291 §2.2 text forms, incl. embedded IPv4) into 16 bytes, without any DNS. */
    public static byte[] parseIpv6(String v) throws InvalidValueException {
        String s = v;
        if (s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1);
        }
        int zone = s.indexOf('%');
        if (zone >= 0) {
            s = s.substring(0, zone);
        }
        if (s.isEmpty() || !s.chars().allMatch(c -> HEXCHARS.indexOf(c) >= 0 || c == ':' || c == '.')) {
            throw new InvalidValueException(IndicatorType.IPV6, v, "value.ipv6.syntax");
        }
        int[] words = new int[8];
        int dbl = s.indexOf("::");
        if (dbl >= 0 && s.indexOf("::", dbl + 1) >= 0) {
            throw new InvalidValueException(IndicatorType.IPV6, v, "value.ipv6.doubleColon");
        }
        String head = dbl >= 0 ? s.substring(0, dbl) : s;
        String tail = dbl >= 0 ? s.substring(dbl + 2) : "";
        int[] hw = words(head, v, dbl < 0);
        int[] tw = dbl >= 0 ? words(tail, v, true) : new int[0];
        if (dbl < 0 && hw.length != 8 || dbl >= 0 && hw.length + tw.length > 7) {
            throw new InvalidValueException(IndicatorType.IPV6, v, "value.ipv6.groups");
        }
        System.arraycopy(hw, 0, words, 0, hw.length);
        System.arraycopy(tw, 0, words, 8 - tw.length, tw.length);
        byte[] b = new byte[16];
        for (int i = 0; i < 8; i++) {
            b[2 * i] = (byte) (words[i] >>> 8);
            b[2 * i + 1] = (byte) words[i];
        }
        return b;
    }

    private static final String HEXCHARS = "0123456789abcdefABCDEF";

    private static int[] words(String part, String v, boolean mayEndWithIpv4) throws InvalidValueException {
        if (part.isEmpty()) {
            return new int[0];
        }
        String[] groups = part.split(":", -1);
        int n = groups.length;
        boolean v4 = mayEndWithIpv4 && groups[n - 1].indexOf('.') >= 0;
        int[] w = new int[v4 ? n + 1 : n];
        for (int i = 0; i < n; i++) {
            String g = groups[i];
            if (v4 && i == n - 1) {
                int a = parseIpv4(g);
                w[i] = a >>> 16;
                w[i + 1] = a & 0xffff;
                break;
            }
            if (g.isEmpty() || g.length() > 4 || g.indexOf('.') >= 0) {
                throw new InvalidValueException(IndicatorType.IPV6, v, "value.ipv6.group", g);
            }
            w[i] = Integer.parseInt(g, 16);
        }
        return w;
    }

    /** RFC 5952 canonical text: lower case, no leading zeros, the longest run (≥ 2) of zero groups as {@code ::}. */
    public static String formatIpv6(byte[] b) {
        int[] w = new int[8];
        for (int i = 0; i < 8; i++) {
            w[i] = ((b[2 * i] & 255) << 8) | (b[2 * i + 1] & 255);
        }
        int bestStart = -1;
        int bestLen = 0;
        for (int i = 0; i < 8; ) {
            if (w[i] == 0) {
                int j = i;
                while (j < 8 && w[j] == 0) {
                    j++;
                }
                if (j - i > bestLen && j - i >= 2) {
                    bestStart = i;
                    bestLen = j - i;
                }
                i = j;
            } else {
                i++;
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(w[i]));
        }
        return sb.toString();
    }

    private static String ipv6(String v, boolean allowPrefix) throws InvalidValueException {
        if (v.indexOf('/') >= 0) {
            String c = cidr(v);
            if (!allowPrefix && c.indexOf('/') >= 0) {
                throw new InvalidValueException(IndicatorType.IPV6, v, "value.ip.block");
            }
            return c;
        }
        return formatIpv6(parseIpv6(v));
    }

    /**
     * A CIDR block with its host bits cleared ({@code 10.1.2.3/8} is {@code 10.0.0.0/8}); a full-length prefix
     * ({@code /32}, {@code /128}) is returned as the bare address.
     */
    private static String cidr(String v) throws InvalidValueException {
        int slash = v.indexOf('/');
        if (slash < 0) {
            return v.indexOf(':') >= 0 ? formatIpv6(parseIpv6(v)) : formatIpv4(parseIpv4(v));
        }
        String addr = v.substring(0, slash);
        String len = v.substring(slash + 1);
        if (len.isEmpty() || len.length() > 3 || !len.chars().allMatch(Character::isDigit)) {
            throw new InvalidValueException(IndicatorType.CIDR, v, "value.cidr.prefix", len);
        }
        int p = Integer.parseInt(len);
        if (addr.indexOf(':') >= 0) {
            if (p > 128) {
                throw new InvalidValueException(IndicatorType.CIDR, v, "value.cidr.prefixRange", 128);
            }
            byte[] b = parseIpv6(addr);
            for (int i = 0; i < 128; i++) {
                if (i >= p) {
                    b[i / 8] &= (byte) ~(0x80 >>> (i % 8));
                }
            }
            return p == 128 ? formatIpv6(b) : formatIpv6(b) + "/" + p;
        }
        if (p > 32) {
            throw new InvalidValueException(IndicatorType.CIDR, v, "value.cidr.prefixRange", 32);
        }
        int a = parseIpv4(addr);
        int mask = p == 0 ? 0 : -1 << (32 - p);
        return p == 32 ? formatIpv4(a) : formatIpv4(a & mask) + "/" + p;
    }

    private static String url(String v) throws InvalidValueException {
        int sep = v.indexOf("://");
        if (sep <= 0) {
            throw new InvalidValueException(IndicatorType.URL, v, "value.url.scheme");
        }
        String scheme = v.substring(0, sep).toLowerCase(Locale.ROOT);
        if (!scheme.matches("[a-z][a-z0-9+.-]*")) {
            throw new InvalidValueException(IndicatorType.URL, v, "value.url.badScheme", scheme);
        }
        String rest = v.substring(sep + 3);
        int end = 0;
        while (end < rest.length() && "/?#".indexOf(rest.charAt(end)) < 0) {
            end++;
        }
        String authority = rest.substring(0, end);
        String tail = rest.substring(end);
        if (tail.indexOf(' ') >= 0) {
            throw new InvalidValueException(IndicatorType.URL, v, "value.url.space");
        }
        String userinfo = "";
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            userinfo = authority.substring(0, at + 1);
            authority = authority.substring(at + 1);
        }
        String host = authority;
        String port = "";
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) {
                throw new InvalidValueException(IndicatorType.URL, v, "value.url.ipv6Host");
            }
            host = "[" + formatIpv6(parseIpv6(authority.substring(1, close))) + "]";
            port = authority.substring(close + 1);
        } else {
            int colon = authority.lastIndexOf(':');
            if (colon >= 0) {
                port = authority.substring(colon);
                host = authority.substring(0, colon);
            }
            if (host.isEmpty()) {
                throw new InvalidValueException(IndicatorType.URL, v, "value.url.noHost");
            }
            if (host.matches("[0-9.]+")) {
                host = formatIpv4(parseIpv4(host));
            } else {
                host = domain(IndicatorType.HOSTNAME, host);
            }
        }
        if (!port.isEmpty() && !port.matches(":[0-9]{1,5}")) {
            throw new InvalidValueException(IndicatorType.URL, v, "value.url.port", port);
        }
        if (tail.isEmpty()) {
            tail = "/";
        }
        return scheme + "://" + userinfo + host + port + tail;
    }

    private static String email(String v) throws InvalidValueException {
        int at = v.lastIndexOf('@');
        if (at <= 0 || at == v.length() - 1) {
            throw new InvalidValueException(IndicatorType.EMAIL_ADDRESS, v, "value.email.syntax");
        }
        String local = v.substring(0, at);
        if (!EMAIL_LOCAL.matcher(local).matches()) {
            throw new InvalidValueException(IndicatorType.EMAIL_ADDRESS, v, "value.email.local");
        }
        return local.toLowerCase(Locale.ROOT) + "@" + domain(IndicatorType.DOMAIN, v.substring(at + 1));
    }

    private static String registryKey(String v) throws InvalidValueException {
        String s = v.replace('/', '\\');
        while (s.endsWith("\\")) {
            s = s.substring(0, s.length() - 1);
        }
        int slash = s.indexOf('\\');
        String hive = (slash < 0 ? s : s.substring(0, slash)).toUpperCase(Locale.ROOT);
        String rest = slash < 0 ? "" : s.substring(slash);
        String full = switch (hive) {
            case "HKLM", "HKEY_LOCAL_MACHINE" -> "HKEY_LOCAL_MACHINE";
            case "HKCU", "HKEY_CURRENT_USER" -> "HKEY_CURRENT_USER";
            case "HKCR", "HKEY_CLASSES_ROOT" -> "HKEY_CLASSES_ROOT";
            case "HKU", "HKEY_USERS" -> "HKEY_USERS";
            case "HKCC", "HKEY_CURRENT_CONFIG" -> "HKEY_CURRENT_CONFIG";
            default -> throw new InvalidValueException(IndicatorType.REGISTRY_KEY, v,
                    "value.registry.hive", hive);
        };
        return full + rest;
    }

    private static String serial(String v) throws InvalidValueException {
        String s = v.replace(":", "").replace(" ", "").toLowerCase(Locale.ROOT);
        if (s.startsWith("0x")) {
            s = s.substring(2);
        }
        if (s.isEmpty() || s.length() > 128 || !HEX.matcher(s).matches()) {
            throw new InvalidValueException(IndicatorType.CERTIFICATE_SERIAL, v, "value.serial");
        }
        return s;
    }

    private static String asn(String v) throws InvalidValueException {
        String s = v.toUpperCase(Locale.ROOT);
        if (s.startsWith("AS")) {
            s = s.substring(2);
        }
        if (s.isEmpty() || s.length() > 10 || !s.chars().allMatch(Character::isDigit)) {
            throw new InvalidValueException(IndicatorType.ASN, v, "value.asn.syntax");
        }
        long n = Long.parseLong(s);
        if (n > 4294967295L) {
            throw new InvalidValueException(IndicatorType.ASN, v, "value.asn.range");
        }
        return Long.toString(n);
    }

    private static String fileName(String v) throws InvalidValueException {
        if (v.indexOf('/') >= 0 || v.indexOf('\\') >= 0) {
            throw new InvalidValueException(IndicatorType.FILE_NAME, v, "value.fileName.path");
        }
        return v;
    }
}
