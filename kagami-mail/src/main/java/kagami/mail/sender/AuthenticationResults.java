package kagami.mail.sender;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One Authentication-Results header field (RFC 8601 §2.2): an authserv-id, then {@code method=result} entries
 * separated by semicolons, each possibly followed by a comment, a {@code reason=} and {@code ptype.property=value}
 * pairs. Microsoft 365 writes the same entries without an authserv-id ({@code spf=pass (sender IP is ...)
 * smtp.mailfrom=...; dkim=none ...; dmarc=bestguesspass action=none header.from=...;compauth=pass reason=109});
 * that form is recognised and given the authserv-id {@link Organisation#MICROSOFT_365}.
 *
 * @param authservId the authserv-id, lower case
 * @param results    method ({@code spf}, {@code dkim}, {@code dmarc}, {@code compauth}, {@code arc}) → result
 */
public record AuthenticationResults(String authservId, Map<String, String> results, List<String> dkimPassDomains) {

    public AuthenticationResults {
        results = Map.copyOf(results);
        dkimPassDomains = List.copyOf(dkimPassDomains);
    }

    public Optional<String> result(String method) {
        return Optional.ofNullable(results.get(method));
    }

    public static AuthenticationResults parse(String value) {
        String v = stripComments(value);
        String[] parts = v.split(";");
        String first = parts.length > 0 ? parts[0].trim() : "";
        String authserv;
        int start;
        if (first.contains("=")) {
            authserv = Organisation.MICROSOFT_365;
            start = 0;
        } else {
            // authserv-id [ CFWS authres-version ]
            authserv = first.split("\\s+")[0].toLowerCase(Locale.ROOT);
            start = 1;
        }
        Map<String, String> results = new LinkedHashMap<>();
        List<String> dkimPass = new java.util.ArrayList<>();
        for (int i = start; i < parts.length; i++) {
            String entry = parts[i].trim();
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String method = entry.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            int slash = method.indexOf('/');
            if (slash > 0) {
                method = method.substring(0, slash);
            }
            String rest = entry.substring(eq + 1).trim();
            String result = rest.split("[\\s;]+", 2)[0].toLowerCase(Locale.ROOT);
            if (method.equals("dkim") && result.equals("pass")) {
                // RFC 8601 2.7.1: the signing domain is header.d (or the domain of header.i).
                java.util.regex.Matcher d = java.util.regex.Pattern.compile("header\\.[di]=@?([^\\s;]+)").matcher(rest);
                if (d.find()) {
                    String dom = d.group(1).toLowerCase(Locale.ROOT);
                    dkimPass.add(dom.substring(dom.indexOf('@') + 1));
                }
            }
            if (!method.contains(".") && !results.containsKey(method) && !method.equals("reason")
                    && !method.equals("action")) {
                results.put(method, result);
            }
        }
        return new AuthenticationResults(authserv, results, dkimPass);
    }

    /** The first Authentication-Results field whose authserv-id we trust. */
    public static Optional<AuthenticationResults> trusted(List<String> fields, Organisation org) {
        if (org.trustedAuthservIds().isEmpty()) {
            return Optional.empty();
        }
        for (String f : fields) {
            AuthenticationResults ar = parse(f);
            if (org.trustedAuthservIds().contains(ar.authservId())) {
                return Optional.of(ar);
            }
        }
        return Optional.empty();
    }

    /** RFC 5322 3.2.2 comments (possibly nested) removed; quoted strings kept. */
    static String stripComments(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                if (depth == 0) {
                    sb.append(c).append(s.charAt(i + 1));
                }
                i++;
                continue;
            }
            if (c == '"' && depth == 0) {
                quoted = !quoted;
            }
            if (!quoted && c == '(') {
                depth++;
                continue;
            }
            if (!quoted && c == ')' && depth > 0) {
                depth--;
                continue;
            }
            if (depth == 0) {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
