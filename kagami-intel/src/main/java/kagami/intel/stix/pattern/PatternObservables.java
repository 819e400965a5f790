package kagami.intel.stix.pattern;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import kagami.core.IndicatorType;
import kagami.intel.IntelMessage;
import kagami.intel.Observable;
import kagami.intel.normalize.InvalidValueException;
import kagami.intel.normalize.Normalizer;
import kagami.intel.stix.pattern.ComparisonExpression.BooleanOperator;
import kagami.intel.stix.pattern.ComparisonExpression.Comparison;

/**
 * Between STIX patterns and {@link Observable}s: which observables a pattern names (so the store can index them
 * and the matcher look them up), and the pattern for one observable (for export).
 *
 * <p>Extraction is sound, never guessing: an observable is taken from a pattern only where seeing that value alone
 * satisfies the pattern — the disjuncts of an {@code OR} (at either level) that are an equality, {@code IN}, a
 * {@code LIKE}/{@code MATCHES} of the simple wildcard shapes Kagami writes, an {@code ISSUBSET} CIDR, or the
 * {@code file:name} + {@code file:parent_directory_ref.path} pair that spells a full path. Anything else (observation
 * {@code AND}, {@code FOLLOWEDBY}, qualifiers, negations, other properties) is kept as pattern text but not matched,
 * and {@link Extraction#complete()} says so.
 */
public final class PatternObservables {
    private PatternObservables() {
    }

    /**
     * What was extracted.
     *
     * @param observables the observables, in pattern order, without duplicates
     * @param problems    values that were named but are not valid for their type (e.g. a domain with a space)
     * @param complete    whether every disjunct of the pattern was turned into observables
     */
    public record Extraction(List<Observable> observables, List<IntelMessage> problems, boolean complete) {
        public Extraction {
            observables = List.copyOf(observables);
            problems = List.copyOf(problems);
        }
    }

    public static Extraction extract(StixPattern pattern) {
        List<Observable> out = new ArrayList<>();
        List<IntelMessage> problems = new ArrayList<>();
        boolean complete = observations(pattern.expression(), out, problems);
        return new Extraction(out.stream().distinct().toList(), problems, complete && problems.isEmpty());
    }

    private static boolean observations(PatternExpression e, List<Observable> out, List<IntelMessage> problems) {
        if (e instanceof PatternExpression.Observation o) {
            return comparisons(o.comparison(), out, problems);
        }
        if (e instanceof PatternExpression.Combined c && c.operator() == PatternExpression.ObservationOperator.OR) {
            boolean a = observations(c.left(), out, problems);
            boolean b = observations(c.right(), out, problems);
            return a && b;
        }
        return false;
    }

    private static boolean comparisons(ComparisonExpression e, List<Observable> out, List<IntelMessage> problems) {
        if (e instanceof ComparisonExpression.Combined c && c.operator() == BooleanOperator.OR) {
            boolean a = comparisons(c.left(), out, problems);
            boolean b = comparisons(c.right(), out, problems);
            return a && b;
        }
        if (e instanceof Comparison c) {
            return comparison(c, out, problems);
        }
        if (e instanceof ComparisonExpression.Combined c && c.operator() == BooleanOperator.AND
                && c.left() instanceof Comparison l && c.right() instanceof Comparison r) {
            return filePath(l, r, out, problems) || filePath(r, l, out, problems);
        }
        return false;
    }

    /** {@code file:parent_directory_ref.path = D AND file:name = N} names the file {@code D\N}. */
    private static boolean filePath(Comparison dir, Comparison name, List<Observable> out, List<IntelMessage> problems) {
        if (!dir.path().dotted().equals("file:parent_directory_ref.path") || !name.path().dotted().equals("file:name")
                || dir.negated() || name.negated()) {
            return false;
        }
        Optional<String> d = globOf(dir);
        Optional<String> n = globOf(name);
        if (d.isEmpty() || n.isEmpty()) {
            return false;
        }
        String dv = d.get();
        String sep = dv.lastIndexOf('/') > dv.lastIndexOf('\\') ? "/" : "\\";
        String joined = dv.endsWith("\\") || dv.endsWith("/") ? dv + n.get() : dv + sep + n.get();
        add(IndicatorType.FILE_PATH, joined, out, problems);
        return true;
    }

    private static boolean comparison(Comparison c, List<Observable> out, List<IntelMessage> problems) {
        if (c.negated()) {
            return false;
        }
        IndicatorType type = typeOf(c.path());
        String dotted = c.path().dotted();
        if (type == null) {
            return false;
        }
        switch (c.operator()) {
            case EQ, IN -> {
                for (Literal l : c.values()) {
                    String v;
                    if (l instanceof Literal.StringLiteral s) {
                        v = s.value();
                    } else if (l instanceof Literal.IntLiteral i && type == IndicatorType.ASN) {
                        v = i.value().toString();
                    } else {
                        return false;
                    }
                    IndicatorType t = type;
                    if (t == IndicatorType.IPV4 && v.indexOf('/') >= 0 || t == IndicatorType.IPV6 && v.indexOf('/') >= 0) {
                        t = IndicatorType.CIDR;
                    } else if (dotted.startsWith("network-traffic:") && dotted.endsWith("_ref.value")) {
                        t = v.indexOf(':') >= 0 ? IndicatorType.IPV6 : v.matches("[0-9./]+")
                                ? (v.indexOf('/') >= 0 ? IndicatorType.CIDR : IndicatorType.IPV4) : IndicatorType.DOMAIN;
                    }
                    add(t, v, out, problems);
                }
                return true;
            }
            case ISSUBSET -> {
                if (type == IndicatorType.IPV4 || type == IndicatorType.IPV6) {
                    add(IndicatorType.CIDR, ((Literal.StringLiteral) c.value()).value(), out, problems);
                    return true;
                }
                return false;
            }
            case LIKE, MATCHES -> {
                Optional<String> g = globOf(c);
                if (g.isEmpty()) {
                    return false;
                }
                String glob = g.get();
                if (type == IndicatorType.DOMAIN) {
                    if (!glob.startsWith("*.") || hasWildcard(glob.substring(2))) {
                        return false;
                    }
                } else if (type != IndicatorType.FILE_NAME && type != IndicatorType.FILE_PATH) {
                    return false;
                }
                add(type, glob, out, problems);
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    private static boolean hasWildcard(String s) {
        return s.indexOf('*') >= 0 || s.indexOf('?') >= 0;
    }

    /** The value of an {@code =}, {@code LIKE} or {@code MATCHES} comparison as a glob ({@code *}, {@code ?}). */
    private static Optional<String> globOf(Comparison c) {
        if (c.values().size() != 1 || !(c.value() instanceof Literal.StringLiteral s)) {
            return Optional.empty();
        }
        return switch (c.operator()) {
            case EQ -> hasWildcard(s.value()) ? Optional.empty() : Optional.of(s.value());
            case LIKE -> Wildcards.fromLike(s.value());
            case MATCHES -> Wildcards.fromRegex(s.value());
            default -> Optional.empty();
        };
    }

    private static void add(IndicatorType t, String v, List<Observable> out, List<IntelMessage> problems) {
        try {
            out.add(Normalizer.normalize(t, v));
        } catch (InvalidValueException e) {
            problems.add(e.text());
        }
    }

    /** The observable type a pattern property names, or null for properties Kagami does not match on. */
    static IndicatorType typeOf(ObjectPath path) {
        String d = path.dotted();
        if (d.startsWith("file:hashes.") || d.startsWith("artifact:hashes.")) {
            String alg = d.substring(d.indexOf("hashes.") + 7).toUpperCase(Locale.ROOT).replace("-", "");
            return switch (alg) {
                case "MD5" -> IndicatorType.MD5;
                case "SHA1" -> IndicatorType.SHA1;
                case "SHA256" -> IndicatorType.SHA256;
                case "SHA512" -> IndicatorType.SHA512;
                default -> null;
            };
        }
        return switch (d) {
            case "file:name", "process:image_ref.name", "process:name" -> IndicatorType.FILE_NAME;
            case "directory:path" -> IndicatorType.FILE_PATH;
            case "domain-name:value" -> IndicatorType.DOMAIN;
            case "ipv4-addr:value" -> IndicatorType.IPV4;
            case "ipv6-addr:value" -> IndicatorType.IPV6;
            case "network-traffic:dst_ref.value", "network-traffic:src_ref.value" -> IndicatorType.IPV4;
            case "url:value" -> IndicatorType.URL;
            case "email-addr:value", "email-message:from_ref.value", "email-message:sender_ref.value" ->
                    IndicatorType.EMAIL_ADDRESS;
            case "windows-registry-key:key" -> IndicatorType.REGISTRY_KEY;
            case "mutex:name" -> IndicatorType.MUTEX;
            case "network-traffic:extensions.http-request-ext.request_header.User-Agent" -> IndicatorType.USER_AGENT;
            case "x509-certificate:serial_number" -> IndicatorType.CERTIFICATE_SERIAL;
            case "autonomous-system:number" -> IndicatorType.ASN;
            case "network-traffic:extensions.x-kagami-tls-ext.ja3" -> IndicatorType.JA3;
            default -> null;
        };
    }

    /** The STIX pattern that names exactly {@code o} (the inverse of {@link #extract} for one observable). */
    public static String patternFor(Observable o) {
        String v = o.value();
        return switch (o.type()) {
            case MD5 -> "[file:hashes.MD5 = " + Literal.quote(v) + "]";
            case SHA1 -> "[file:hashes.'SHA-1' = " + Literal.quote(v) + "]";
            case SHA256 -> "[file:hashes.'SHA-256' = " + Literal.quote(v) + "]";
            case SHA512 -> "[file:hashes.'SHA-512' = " + Literal.quote(v) + "]";
            case DOMAIN, HOSTNAME -> o.wildcard()
                    ? "[domain-name:value " + Wildcards.comparison(v) + "]"
                    : "[domain-name:value = " + Literal.quote(v) + "]";
            case IPV4 -> "[ipv4-addr:value = " + Literal.quote(v) + "]";
            case IPV6 -> "[ipv6-addr:value = " + Literal.quote(v) + "]";
            case CIDR -> (v.indexOf(':') >= 0 ? "[ipv6-addr:value = " : "[ipv4-addr:value = ") + Literal.quote(v) + "]";
            case URL -> "[url:value = " + Literal.quote(v) + "]";
            case EMAIL_ADDRESS -> "[email-addr:value = " + Literal.quote(v) + "]";
            case FILE_NAME -> o.wildcard()
                    ? "[file:name " + Wildcards.comparison(v) + "]"
                    : "[file:name = " + Literal.quote(v) + "]";
            case FILE_PATH -> filePathPattern(v);
            case REGISTRY_KEY -> "[windows-registry-key:key = " + Literal.quote(v) + "]";
            case MUTEX -> "[mutex:name = " + Literal.quote(v) + "]";
            case USER_AGENT -> "[network-traffic:extensions.'http-request-ext'.request_header.'User-Agent' = "
                    + Literal.quote(v) + "]";
            case CERTIFICATE_SERIAL -> "[x509-certificate:serial_number = " + Literal.quote(v) + "]";
            case ASN -> "[autonomous-system:number = " + new BigInteger(v) + "]";
            case JA3 -> "[network-traffic:extensions.'x-kagami-tls-ext'.ja3 = " + Literal.quote(v) + "]";
        };
    }

    private static String filePathPattern(String v) {
        int cut = Math.max(v.lastIndexOf('\\'), v.lastIndexOf('/'));
        boolean glob = hasWildcard(v);
        if (cut == v.length() - 1 || cut < 0) {
            // A folder (trailing separator) or a bare name: STIX directory:path (§6.4).
            return glob ? "[directory:path " + Wildcards.comparison(v) + "]"
                    : "[directory:path = " + Literal.quote(v) + "]";
        }
        String dir = v.substring(0, cut);
        String name = v.substring(cut + 1);
        char sep = v.charAt(cut);
        // The joiner on import uses the last separator found in the folder, else a backslash: keep it when needed.
        boolean keepSep = dir.isEmpty() || (sep == '/' ? dir.lastIndexOf('/') <= dir.lastIndexOf('\\')
                : dir.lastIndexOf('/') > dir.lastIndexOf('\\'));
        if (keepSep) {
            dir = dir + sep;
        }
        String d = hasWildcard(dir) ? Wildcards.comparison(dir) : "= " + Literal.quote(dir);
        String n = hasWildcard(name) ? Wildcards.comparison(name) : "= " + Literal.quote(name);
        return "[file:parent_directory_ref.path " + d + " AND file:name " + n + "]";
    }
}
