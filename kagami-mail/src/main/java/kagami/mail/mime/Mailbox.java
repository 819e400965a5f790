package kagami.mail.mime;

import java.util.Locale;

/**
 * An RFC 5322 3.4 mailbox: display name and addr-spec.
 *
 * @param displayName decoded display name (RFC 2047 encoded words resolved), empty if none
 * @param address     addr-spec as written, lower-cased domain
 * @param domain      the domain part, lower case, empty if the address has none
 */
public record Mailbox(String displayName, String address, String domain) {

    public static Mailbox of(String displayName, String localPart, String domain) {
        String d = domain == null ? "" : domain.toLowerCase(Locale.ROOT).trim();
        String lp = localPart == null ? "" : localPart.trim();
        return new Mailbox(displayName == null ? "" : displayName.trim(), d.isEmpty() ? lp : lp + "@" + d, d);
    }

    @Override
    public String toString() {
        return displayName.isEmpty() ? "<" + address + ">" : "\"" + displayName + "\" <" + address + ">";
    }
}
