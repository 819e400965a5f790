package kagami.intel.blocklist;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import kagami.core.IndicatorType;
import kagami.intel.IntelIndicator;
import kagami.intel.Observable;
import kagami.intel.normalize.InvalidValueException;
import kagami.intel.normalize.IpNetwork;

/**
 * Blocklists that firewalls, DNS resolvers and IDSs read, from indicators: hosts file, DNS RPZ zone, plain domain
 * and IP lists, an nftables set, iptables-restore / ip6tables-restore rules, Suricata rules and vendor external
 * dynamic lists (EDL).
 *
 * <p>Whatever the format: context indicators (abused legitimate services) are never written; values on the
 * {@link WarningList} are left out unless forced; output is sorted and deterministic, so the files diff cleanly and
 * golden-file tests can pin them.
 */
public final class Blocklists {
    private Blocklists() {
    }

    /** The formats. */
    public enum Format {
        HOSTS, RPZ, DOMAINS, IPS, NFTABLES, IPTABLES, IP6TABLES, SURICATA, EDL;

        public static Optional<Format> parse(String s) {
            try {
                return Optional.of(valueOf(s.toUpperCase(Locale.ROOT).replace('-', '_')));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
    }

    /** What an EDL holds (PAN-OS external dynamic lists are of one kind each). */
    public enum EdlKind { DOMAIN, IP, URL }

    /**
     * Options.
     *
     * @param warningList values never to block
     * @param force       write warning-listed values too
     * @param rpzOrigin   zone name for the RPZ header comment and named-checkzone ({@code rpz.kagami})
     * @param rpzSerial   SOA serial
     * @param sidBase     first Suricata sid (1000000-1999999 is the range for local rules)
     * @param edlKind     kind of EDL
     * @param title       first header line
     */
    public record Options(WarningList warningList, boolean force, String rpzOrigin, long rpzSerial, long sidBase,
                          EdlKind edlKind, String title) {
        public static Options defaults(WarningList w) {
            return new Options(w, false, "rpz.kagami", 1, 1_000_000, EdlKind.DOMAIN, "Kagami blocklist");
        }

        public Options withSerial(long s) {
            return new Options(warningList, force, rpzOrigin, s, sidBase, edlKind, title);
        }

        public Options withForce(boolean f) {
            return new Options(warningList, f, rpzOrigin, rpzSerial, sidBase, edlKind, title);
        }

        public Options withEdlKind(EdlKind k) {
            return new Options(warningList, force, rpzOrigin, rpzSerial, sidBase, k, title);
        }
    }

    /**
     * What was written.
     *
     * @param entries        entries written
     * @param warningListed  values left out because the warning list protects them
     * @param notApplicable  observables the format cannot express (hashes in a DNS zone ...)
     * @param leftOut        the warning-listed values left out (at most 200) with the entry that protects them
     */
    public record Result(int entries, int warningListed, int notApplicable, List<LeftOut> leftOut) {
    }

    /** A value left out of a blocklist and the warning-list entry that protects it. */
    public record LeftOut(Observable observable, WarningList.Entry entry) {
    }

    /** An observable to block and the indicator it came from (for rule messages and references). */
    private record Item(Observable observable, IntelIndicator indicator) {
    }

    private static final class Sets {
        final TreeMap<String, Item> domains = new TreeMap<>();
        final TreeMap<String, Item> wildcards = new TreeMap<>();
        final List<Item> ipv4 = new ArrayList<>();
        final List<Item> ipv6 = new ArrayList<>();
        final TreeMap<String, Item> urls = new TreeMap<>();
        int warningListed;
        int notApplicable;
        final List<LeftOut> leftOut = new ArrayList<>();
    }

    public static Result write(Format format, List<IntelIndicator> indicators, Options options, Writer out)
            throws IOException {
        Sets s = collect(indicators, options);
        int n = switch (format) {
            case HOSTS -> hosts(s, options, out);
            case RPZ -> rpz(s, options, out);
            case DOMAINS -> domains(s, options, out);
            case IPS -> ips(s, options, out);
            case NFTABLES -> nftables(s, options, out);
            case IPTABLES -> iptables(s.ipv4, "iptables", options, out);
            case IP6TABLES -> iptables(s.ipv6, "ip6tables", options, out);
            case SURICATA -> suricata(s, options, out);
            case EDL -> edl(s, options, out);
        };
        int notApplicable = s.notApplicable + switch (format) {
            case HOSTS, RPZ, DOMAINS -> s.ipv4.size() + s.ipv6.size() + s.urls.size()
                    - (format == Format.RPZ ? s.ipv4.size() + s.ipv6.size() : 0);
            case IPS, NFTABLES -> s.domains.size() + s.wildcards.size() + s.urls.size();
            case IPTABLES -> s.domains.size() + s.wildcards.size() + s.urls.size() + s.ipv6.size();
            case IP6TABLES -> s.domains.size() + s.wildcards.size() + s.urls.size() + s.ipv4.size();
            default -> 0;
        };
        out.flush();
        return new Result(n, s.warningListed, notApplicable, s.leftOut);
    }

    private static Sets collect(List<IntelIndicator> indicators, Options options) {
        Sets s = new Sets();
        for (IntelIndicator i : indicators) {
            if (i.context()) {
                continue;
            }
            for (Observable o : i.observables()) {
                IndicatorType t = o.type();
                boolean network = switch (t) {
                    case DOMAIN, HOSTNAME, IPV4, IPV6, CIDR, URL -> true;
                    default -> false;
                };
                if (!network) {
                    s.notApplicable++;
                    continue;
                }
                Optional<WarningList.Entry> w = options.warningList().protects(o);
                if (w.isPresent() && !options.force()) {
                    s.warningListed++;
                    if (s.leftOut.size() < 200) {
                        s.leftOut.add(new LeftOut(o, w.get()));
                    }
                    continue;
                }
                Item item = new Item(o, i);
                switch (t) {
                    case DOMAIN, HOSTNAME -> {
                        if (o.wildcard()) {
                            s.wildcards.putIfAbsent(o.value().substring(2), item);
                        } else {
                            s.domains.putIfAbsent(o.value(), item);
                        }
                    }
                    case URL -> s.urls.putIfAbsent(o.value(), item);
                    default -> (o.value().indexOf(':') >= 0 ? s.ipv6 : s.ipv4).add(item);
                }
            }
        }
        s.ipv4.sort(Comparator.comparing(Blocklists::sortKey));
        s.ipv6.sort(Comparator.comparing(Blocklists::sortKey));
        dedupNetworks(s.ipv4);
        dedupNetworks(s.ipv6);
        return s;
    }

    /** Numeric order (network, then prefix length). */
    private static String sortKey(Item i) {
        return net(i.observable().value()).sortKey();
    }

    private static IpNetwork net(String v) {
        try {
            return IpNetwork.parse(v);
        } catch (InvalidValueException e) {
            throw new IllegalStateException("stored address is not normalised: " + v, e);
        }
    }

    /**
     * Drops duplicates and addresses inside a block already listed: nftables interval sets reject overlapping
     * elements, and the others gain nothing from them. Input sorted by network then prefix length.
     */
    private static void dedupNetworks(List<Item> items) {
        List<Item> out = new ArrayList<>(items.size());
        IpNetwork last = null;
        for (Item i : items) {
            IpNetwork n = net(i.observable().value());
            if (last != null && last.contains(n)) {
                continue;
            }
            out.add(i);
            last = n;
        }
        items.clear();
        items.addAll(out);
    }

    private static void header(Writer out, String comment, Options o, String what, int count) throws IOException {
        out.write(comment + " " + o.title() + " (" + what + "): " + count + " entries\n");
        out.write(comment + " Generated by Kagami (kagami intel export). Context indicators and warning-listed\n");
        out.write(comment + " services" + (o.force() ? " were NOT left out (--force)" : " are left out") + ".\n");
    }

    private static int hosts(Sets s, Options o, Writer out) throws IOException {
        header(out, "#", o, "hosts file", s.domains.size());
        for (String d : s.domains.keySet()) {
            out.write("0.0.0.0 " + d + "\n");
        }
        return s.domains.size();
    }

    private static int domains(Sets s, Options o, Writer out) throws IOException {
        header(out, "#", o, "domain list", s.domains.size());
        for (String d : s.domains.keySet()) {
            out.write(d + "\n");
        }
        return s.domains.size();
    }

    private static int ips(Sets s, Options o, Writer out) throws IOException {
        header(out, "#", o, "IP list", s.ipv4.size() + s.ipv6.size());
        for (Item i : s.ipv4) {
            out.write(i.observable().value() + "\n");
        }
        for (Item i : s.ipv6) {
            out.write(i.observable().value() + "\n");
        }
        return s.ipv4.size() + s.ipv6.size();
    }

    /**
     * A DNS Response Policy Zone (draft-vixie-dnsop-dns-rpz): {@code CNAME .} answers NXDOMAIN for a name
     * ({@code name}) and its sub-domains ({@code *.name}); IP triggers ({@code <prefix>.<reversed>.rpz-ip})
     * rewrite answers that contain a listed address.
     */
    private static int rpz(Sets s, Options o, Writer out) throws IOException {
        int n = s.domains.size() * 2 + s.wildcards.size() + s.ipv4.size() + s.ipv6.size();
        header(out, ";", o, "DNS RPZ zone " + o.rpzOrigin(), n);
        out.write("$TTL 300\n");
        out.write("@ IN SOA localhost. hostmaster.localhost. ( " + o.rpzSerial() + " 3600 600 604800 300 )\n");
        out.write("@ IN NS localhost.\n");
        for (String d : s.domains.keySet()) {
            out.write(d + " CNAME .\n");
            out.write("*." + d + " CNAME .\n");
        }
        for (String d : s.wildcards.keySet()) {
            if (!s.domains.containsKey(d)) {
                out.write("*." + d + " CNAME .\n");
            }
        }
        for (Item i : s.ipv4) {
            out.write(rpzIpv4(i.observable().value()) + ".rpz-ip CNAME .\n");
        }
        for (Item i : s.ipv6) {
            out.write(rpzIpv6(i.observable().value()) + ".rpz-ip CNAME .\n");
        }
        return n;
    }

    /** {@code 10.1.0.0/16} → {@code 16.0.0.1.10}: prefix length, then the octets reversed. */
    static String rpzIpv4(String v) {
        int slash = v.indexOf('/');
        String a = slash < 0 ? v : v.substring(0, slash);
        String p = slash < 0 ? "32" : v.substring(slash + 1);
        String[] o = a.split("\\.");
        return p + "." + o[3] + "." + o[2] + "." + o[1] + "." + o[0];
    }

    /** {@code 2001:db8::/32} → {@code 32.zz.db8.2001}: prefix, the 16-bit words reversed, {@code zz} for {@code ::}. */
    static String rpzIpv6(String v) {
        int slash = v.indexOf('/');
        String a = slash < 0 ? v : v.substring(0, slash);
        String p = slash < 0 ? "128" : v.substring(slash + 1);
        // The canonical RFC 5952 text already has the longest zero run as "::" (RPZ's "zz").
        String[] halves = a.split("::", -1);
        List<String> words = new ArrayList<>();
        if (halves.length == 2) {
            if (!halves[0].isEmpty()) {
                words.addAll(List.of(halves[0].split(":")));
            }
            words.add("zz");
            if (!halves[1].isEmpty()) {
                words.addAll(List.of(halves[1].split(":")));
            }
        } else {
            words.addAll(List.of(a.split(":")));
        }
        StringBuilder sb = new StringBuilder(p);
        for (int k = words.size() - 1; k >= 0; k--) {
            sb.append('.').append(words.get(k));
        }
        return sb.toString();
    }

    /**
     * An nftables ruleset file: table {@code inet kagami} with interval sets {@code blocklist_v4}/{@code
     * blocklist_v6} and drop rules in input, forward and output. Re-loading with {@code nft -f} replaces the table
     * atomically (declare, delete, re-create).
     */
    private static int nftables(Sets s, Options o, Writer out) throws IOException {
        header(out, "#", o, "nftables", s.ipv4.size() + s.ipv6.size());
        out.write("# Load with: nft -f FILE   (check first with: nft -c -f FILE)\n");
        out.write("table inet kagami\n");
        out.write("delete table inet kagami\n");
        out.write("table inet kagami {\n");
        set(out, "blocklist_v4", "ipv4_addr", s.ipv4);
        set(out, "blocklist_v6", "ipv6_addr", s.ipv6);
        for (String hook : new String[] {"input", "forward", "output"}) {
            out.write("\tchain " + hook + " {\n");
            out.write("\t\ttype filter hook " + hook + " priority filter - 10; policy accept;\n");
            if (!hook.equals("output")) {
                out.write("\t\tip saddr @blocklist_v4 counter drop\n");
                out.write("\t\tip6 saddr @blocklist_v6 counter drop\n");
            }
            if (!hook.equals("input")) {
                out.write("\t\tip daddr @blocklist_v4 counter drop\n");
                out.write("\t\tip6 daddr @blocklist_v6 counter drop\n");
            }
            out.write("\t}\n");
        }
        out.write("}\n");
        return s.ipv4.size() + s.ipv6.size();
    }

    private static void set(Writer out, String name, String type, List<Item> items) throws IOException {
        out.write("\tset " + name + " {\n");
        out.write("\t\ttype " + type + "\n");
        out.write("\t\tflags interval\n");
        if (!items.isEmpty()) {
            out.write("\t\telements = {\n");
            for (int k = 0; k < items.size(); k++) {
                out.write("\t\t\t" + items.get(k).observable().value() + (k < items.size() - 1 ? ",\n" : "\n"));
            }
            out.write("\t\t}\n");
        }
        out.write("\t}\n");
    }

    /** iptables-restore input: a {@code KAGAMI-BLOCK} chain to jump to from INPUT/FORWARD/OUTPUT. */
    private static int iptables(List<Item> items, String tool, Options o, Writer out) throws IOException {
        header(out, "#", o, tool + "-restore", items.size());
        out.write("# Load with: " + tool + "-restore --noflush < FILE, then: " + tool
                + " -I INPUT -j KAGAMI-BLOCK (and FORWARD, OUTPUT)\n");
        out.write("*filter\n");
        out.write(":KAGAMI-BLOCK - [0:0]\n");
        out.write("-F KAGAMI-BLOCK\n");
        boolean v6 = tool.startsWith("ip6");
        for (Item i : items) {
            String v = i.observable().value();
            String net = v.indexOf('/') >= 0 ? v : v + (v6 ? "/128" : "/32");
            out.write("-A KAGAMI-BLOCK -s " + net + " -j DROP\n");
            out.write("-A KAGAMI-BLOCK -d " + net + " -j DROP\n");
        }
        out.write("COMMIT\n");
        return items.size();
    }

    /**
     * Suricata rules (Suricata 6+ keywords): {@code dns.query}, {@code tls.sni} and {@code http.host} with
     * {@code dotprefix} + {@code endswith} so a domain matches itself and its sub-domains; one {@code ip} rule per
     * address or block; {@code http.uri} + {@code http.host} for URLs.
     */
    private static int suricata(Sets s, Options o, Writer target) throws IOException {
        java.io.StringWriter out = new java.io.StringWriter();
        long sid = o.sidBase();
        int n = 0;
        Map<String, Item> domains = new TreeMap<>();
        s.domains.forEach(domains::put);
        s.wildcards.forEach(domains::putIfAbsent);
        for (Map.Entry<String, Item> e : domains.entrySet()) {
            String d = e.getKey();
            String why = why(e.getValue());
            String content = "content:\"." + d + "\"; endswith;";
            out.write("alert dns any any -> any any (msg:\"KAGAMI DNS query for " + d + why + "\"; dns.query; "
                    + "dotprefix; " + content + " nocase;" + reference(e.getValue()) + " classtype:trojan-activity; "
                    + "sid:" + sid++ + "; rev:1;)\n");
            out.write("alert tls any any -> any any (msg:\"KAGAMI TLS SNI " + d + why + "\"; tls.sni; dotprefix; "
                    + content + " nocase;" + reference(e.getValue()) + " classtype:trojan-activity; sid:" + sid++
                    + "; rev:1;)\n");
            out.write("alert http any any -> any any (msg:\"KAGAMI HTTP host " + d + why + "\"; http.host; "
                    + "dotprefix; " + content + reference(e.getValue()) + " classtype:trojan-activity; sid:" + sid++
                    + "; rev:1;)\n");
            n += 3;
        }
        List<Item> ips = new ArrayList<>(s.ipv4);
        ips.addAll(s.ipv6);
        for (Item i : ips) {
            String v = i.observable().value();
            out.write("alert ip any any <> " + v + " any (msg:\"KAGAMI traffic with " + v + why(i) + "\";"
                    + reference(i) + " classtype:trojan-activity; sid:" + sid++ + "; rev:1;)\n");
            n++;
        }
        for (Item i : s.urls.values()) {
            String u = i.observable().value();
            String rest = u.substring(u.indexOf("://") + 3);
            int slash = rest.indexOf('/');
            String host = slash < 0 ? rest : rest.substring(0, slash);
            String path = slash < 0 ? "/" : rest.substring(slash);
            if (host.lastIndexOf(':') > host.lastIndexOf(']')) {
                host = host.substring(0, host.lastIndexOf(':'));
            }
            out.write("alert http any any -> any any (msg:\"KAGAMI URL " + msgSafe(u) + why(i) + "\"; http.host; "
                    + "content:\"" + contentSafe(host) + "\"; http.uri; content:\"" + contentSafe(path) + "\"; "
                    + "startswith;" + reference(i) + " classtype:trojan-activity; sid:" + sid++ + "; rev:1;)\n");
            n++;
        }
        header(target, "#", o, "Suricata rules", n);
        target.write(out.toString());
        return n;
    }

    private static String why(Item i) {
        List<String> r = i.indicator().related();
        return r.isEmpty() ? "" : " (" + msgSafe(String.join(", ", r)) + ")";
    }

    private static String reference(Item i) {
        String src = i.indicator().source();
        if (src.matches("https?://[^\\s;\"\\\\]+")) {
            return " reference:url," + src.replaceFirst("^https?://", "") + ";";
        }
        return "";
    }

    /** Text safe inside a rule's {@code msg} (no quote, semicolon or backslash, ASCII only). */
    static String msgSafe(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            sb.append(c == '"' || c == ';' || c == '\\' || c < 0x20 || c > 0x7e ? '_' : c);
        }
        return sb.toString();
    }

    /** Bytes of a {@code content} match: characters that end or escape a rule written as {@code |hex|}. */
    static String contentSafe(String s) {
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c == '"' || c == ';' || c == '\\' || c == '|' || c < 0x20 || c > 0x7e) {
                sb.append('|').append(String.format("%02X", c)).append('|');
            } else {
                sb.append((char) c);
            }
        }
        return sb.toString();
    }

    /** A vendor external dynamic list (one entry per line; PAN-OS EDL syntax). */
    private static int edl(Sets s, Options o, Writer out) throws IOException {
        List<String> lines = new ArrayList<>();
        switch (o.edlKind()) {
            case DOMAIN -> {
                for (String d : s.domains.keySet()) {
                    lines.add(d);
                    lines.add("*." + d);
                }
                for (String d : s.wildcards.keySet()) {
                    if (!s.domains.containsKey(d)) {
                        lines.add("*." + d);
                    }
                }
            }
            case IP -> {
                s.ipv4.forEach(i -> lines.add(i.observable().value()));
                s.ipv6.forEach(i -> lines.add(i.observable().value()));
            }
            case URL -> s.urls.keySet().forEach(u -> lines.add(u.substring(u.indexOf("://") + 3)));
        }
        // No header: an EDL is entries only, one per line.
        for (String l : lines) {
            out.write(l + "\n");
        }
        return lines.size();
    }
}
