package kagami.hunt.metrics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import kagami.core.Event;
import kagami.hunt.FieldValues;

/**
 * Who logged on where, from where, how often, first and last: the logon events of the Security log and the
 * Remote Desktop logs, grouped per kind, computer, account, logon type, source computer, source address and
 * detail (failure status, target server). What a responder reads to spot the lateral movement MirrorFace-style
 * intrusions rely on (RDP, explicit credentials, pass-the-hash network logons).
 *
 * <p>Events and fields (Microsoft's event documentation):
 * <ul>
 *   <li>Security 4624 / 4625: TargetDomainName\TargetUserName, LogonType, WorkstationName, IpAddress;
 *       4625 Status / SubStatus;</li>
 *   <li>Security 4648: TargetDomainName\TargetUserName used by SubjectDomainName\SubjectUserName on
 *       TargetServerName, IpAddress;</li>
 *   <li>Security 4778 / 4779: AccountDomain\AccountName, ClientName, ClientAddress;</li>
 *   <li>TerminalServices-RemoteConnectionManager 1149: UserData Param1 (user), Param2 (domain), Param3
 *       (source address);</li>
 *   <li>TerminalServices-LocalSessionManager 21 / 25: UserData User (DOMAIN\USER), Address.</li>
 * </ul>
 */
public final class LogonSummary implements Consumer<Event> {
    static final int MAX_ROWS = 200_000;

    /** The kinds of logon event, in the order the summary lists them. */
    public enum Kind {
        SUCCESS, FAILURE, EXPLICIT, RECONNECT, DISCONNECT, RDP_AUTH, RDP_LOGON, RDP_RECONNECT
    }

    /** What rows are grouped by. */
    public record Key(Kind kind, String computer, String account, String logonType, String sourceHost,
                      String sourceIp, String detail) {
    }

    public record Row(Key key, long count, Instant first, Instant last) {
    }

    private static final class Acc {
        long count;
        Instant first;
        Instant last;
    }

    private final Map<Key, Acc> rows = new HashMap<>();
    private long dropped;

    @Override
    public synchronized void accept(Event e) {
        Key k = key(e);
        if (k == null) {
            return;
        }
        Acc a = rows.get(k);
        if (a == null) {
            if (rows.size() >= MAX_ROWS) {
                dropped++;
                return;
            }
            a = new Acc();
            rows.put(k, a);
        }
        a.count++;
        Instant t = e.timestamp();
        if (a.first == null || t.isBefore(a.first)) {
            a.first = t;
        }
        if (a.last == null || t.isAfter(a.last)) {
            a.last = t;
        }
    }

    static Key key(Event e) {
        String provider = e.provider().toLowerCase(Locale.ROOT);
        String channel = e.channel().toLowerCase(Locale.ROOT);
        boolean security = channel.equals("security") || provider.equals("microsoft-windows-security-auditing");
        int id = e.eventId();
        if (security) {
            switch (id) {
                case 4624, 4625 -> {
                    String detail = "";
                    if (id == 4625) {
                        String sub = text(e, "SubStatus");
                        detail = !sub.isEmpty() && !sub.equals("0x0") ? sub.toLowerCase(Locale.ROOT)
                                : text(e, "Status").toLowerCase(Locale.ROOT);
                    }
                    return new Key(id == 4624 ? Kind.SUCCESS : Kind.FAILURE, e.host(),
                            account(text(e, "TargetDomainName"), text(e, "TargetUserName")), text(e, "LogonType"),
                            dash(text(e, "WorkstationName")), dash(text(e, "IpAddress")), detail);
                }
                case 4648 -> {
                    String server = text(e, "TargetServerName");
                    String subject = account(text(e, "SubjectDomainName"), text(e, "SubjectUserName"));
                    return new Key(Kind.EXPLICIT, e.host(),
                            account(text(e, "TargetDomainName"), text(e, "TargetUserName")), "",
                            "", dash(text(e, "IpAddress")), "→ " + server + " (" + subject + ")");
                }
                case 4778, 4779 -> {
                    return new Key(id == 4778 ? Kind.RECONNECT : Kind.DISCONNECT, e.host(),
                            account(text(e, "AccountDomain"), text(e, "AccountName")), "",
                            dash(text(e, "ClientName")), dash(text(e, "ClientAddress")), "");
                }
                default -> {
                    return null;
                }
            }
        }
        if (id == 1149 && (provider.contains("remoteconnectionmanager") || channel.contains("remoteconnectionmanager"))) {
            return new Key(Kind.RDP_AUTH, e.host(), account(text(e, "Param2"), text(e, "Param1")), "", "",
                    dash(text(e, "Param3")), "");
        }
        if ((id == 21 || id == 25)
                && (provider.contains("localsessionmanager") || channel.contains("localsessionmanager"))) {
            return new Key(id == 21 ? Kind.RDP_LOGON : Kind.RDP_RECONNECT, e.host(), text(e, "User"), "", "",
                    dash(text(e, "Address")), "");
        }
        return null;
    }

    private static String text(Event e, String field) {
        return FieldValues.oneLine(FieldValues.text(e.fieldOrNull(field))).trim();
    }

    private static String dash(String s) {
        return s.isEmpty() ? "-" : s;
    }

    private static String account(String domain, String user) {
        if (user.isEmpty()) {
            return domain.isEmpty() ? "-" : domain + "\\-";
        }
        return domain.isEmpty() || domain.equals("-") ? user : domain + "\\" + user;
    }

    /** Rows by kind, then count (most first), then account, computer and source. */
    public synchronized List<Row> rows() {
        List<Row> out = new ArrayList<>(rows.size());
        rows.forEach((k, a) -> out.add(new Row(k, a.count, a.first, a.last)));
        out.sort(Comparator.comparing((Row r) -> r.key().kind())
                .thenComparing(Comparator.comparingLong(Row::count).reversed())
                .thenComparing(r -> r.key().account())
                .thenComparing(r -> r.key().computer())
                .thenComparing(r -> r.key().sourceIp())
                .thenComparing(r -> r.key().sourceHost())
                .thenComparing(r -> r.key().logonType())
                .thenComparing(r -> r.key().detail()));
        return out;
    }

    /** Logon events not grouped because the row limit was reached (hostile or enormous input). */
    public synchronized long dropped() {
        return dropped;
    }
}
