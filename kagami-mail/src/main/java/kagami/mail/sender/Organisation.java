package kagami.mail.sender;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What the triage needs to know about the receiving organisation.
 *
 * @param domains            our own mail domains (impersonation and lookalike checks compare against them)
 * @param vipNames           names of our people whom attackers impersonate (display-name match)
 * @param trustedAuthservIds authserv-ids of our own mail servers: only their Authentication-Results are
 *                           believed (RFC 8601 §5); {@link #MICROSOFT_365} trusts Microsoft 365's form that has
 *                           no authserv-id
 * @param knownSenders       addresses that have written to us before; empty = no first-time-sender check
 */
public record Organisation(Set<String> domains, List<String> vipNames, Set<String> trustedAuthservIds,
        Optional<Set<String>> knownSenders) {

    /** Pseudo authserv-id for Microsoft 365, whose Authentication-Results start directly with {@code spf=}. */
    public static final String MICROSOFT_365 = "microsoft365";

    public Organisation {
        java.util.Set<String> ordered = new java.util.LinkedHashSet<>();
        domains.stream().map(d -> d.toLowerCase(Locale.ROOT).trim()).sorted().forEach(ordered::add);
        domains = java.util.Collections.unmodifiableSet(ordered);
        vipNames = List.copyOf(vipNames);
        trustedAuthservIds = trustedAuthservIds.stream().map(d -> d.toLowerCase(Locale.ROOT).trim()).collect(
                java.util.stream.Collectors.toUnmodifiableSet());
        knownSenders = knownSenders.map(s -> s.stream().map(a -> a.toLowerCase(Locale.ROOT).trim())
                .collect(java.util.stream.Collectors.toUnmodifiableSet()));
    }

    /** No organisation configured: no impersonation, no trusted authentication results. */
    public static Organisation none() {
        return new Organisation(Set.of(), List.of(), Set.of(), Optional.empty());
    }

    public boolean isOurs(String domain) {
        String d = domain.toLowerCase(Locale.ROOT);
        for (String o : domains) {
            if (d.equals(o) || d.endsWith("." + o)) {
                return true;
            }
        }
        return false;
    }
}
