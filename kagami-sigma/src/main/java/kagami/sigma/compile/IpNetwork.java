package kagami.sigma.compile;

import java.io.Serializable;

/**
 * An IPv4 or IPv6 network for the {@code cidr} modifier. Addresses are parsed by hand: {@code InetAddress} may
 * resolve names over the network, which an engine fed hostile events must never do.
 */
final class IpNetwork implements Serializable {
    private static final long serialVersionUID = 1L;
    private final byte[] network;
    private final int prefix;

    private IpNetwork(byte[] network, int prefix) {
        this.network = network;
        this.prefix = prefix;
    }

    /** Parses {@code 10.0.0.0/8}, {@code fe80::/10}, or a single address; null if invalid. */
    static IpNetwork parse(String cidr) {
        String s = cidr.trim();
        int slash = s.indexOf('/');
        byte[] addr = parseAddress(slash < 0 ? s : s.substring(0, slash));
        if (addr == null) {
            return null;
        }
        int prefix = addr.length * 8;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(s.substring(slash + 1));
            } catch (NumberFormatException e) {
                return null;
            }
            if (prefix < 0 || prefix > addr.length * 8) {
                return null;
            }
        }
        return new IpNetwork(addr, prefix);
    }

    boolean contains(String address) {
        byte[] a = parseAddress(address.trim());
        if (a == null) {
            return false;
        }
        if (a.length != network.length) {
            // IPv4-mapped IPv6 (::ffff:a.b.c.d) against an IPv4 network
            if (a.length == 16 && network.length == 4 && isMapped(a)) {
                byte[] v4 = new byte[4];
                System.arraycopy(a, 12, v4, 0, 4);
                a = v4;
            } else {
                return false;
            }
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (a[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (a[full] & mask) == (network[full] & mask);
    }

    private static boolean isMapped(byte[] a) {
        for (int i = 0; i < 10; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return (a[10] & 0xFF) == 0xFF && (a[11] & 0xFF) == 0xFF;
    }

    static byte[] parseAddress(String s) {
        if (s.isEmpty() || s.length() > 64) {
            return null;
        }
        if (s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1);
        }
        int zone = s.indexOf('%');
        if (zone >= 0) {
            s = s.substring(0, zone);
        }
        return s.indexOf(':') >= 0 ? parseV6(s) : parseV4(s);
    }

    private static byte[] parseV4(String s) {
        byte[] out = new byte[4];
        int part = 0;
        int value = -1;
        for (int i = 0; i <= s.length(); i++) {
            char c = i < s.length() ? s.charAt(i) : '.';
            if (c == '.') {
                if (value < 0 || part > 3) {
                    return null;
                }
                out[part++] = (byte) value;
                value = -1;
            } else if (c >= '0' && c <= '9') {
                value = (value < 0 ? 0 : value * 10) + (c - '0');
                if (value > 255) {
                    return null;
                }
            } else {
                return null;
            }
        }
        return part == 4 ? out : null;
    }

    private static byte[] parseV6(String s) {
        int dbl = s.indexOf("::");
        if (dbl >= 0 && s.indexOf("::", dbl + 1) >= 0) {
            return null;
        }
        String head = dbl >= 0 ? s.substring(0, dbl) : s;
        String tail = dbl >= 0 ? s.substring(dbl + 2) : "";
        byte[] h = groups(head);
        byte[] t = groups(tail);
        if (h == null || t == null) {
            return null;
        }
        if (dbl < 0 ? h.length != 16 : h.length + t.length > 14) {
            return null;
        }
        byte[] out = new byte[16];
        System.arraycopy(h, 0, out, 0, h.length);
        System.arraycopy(t, 0, out, 16 - t.length, t.length);
        return out;
    }

    private static byte[] groups(String s) {
        if (s.isEmpty()) {
            return new byte[0];
        }
        String[] parts = s.split(":", -1);
        byte[] out = new byte[16];
        int n = 0;
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (i == parts.length - 1 && p.indexOf('.') >= 0) {
                byte[] v4 = parseV4(p);
                if (v4 == null || n + 4 > 16) {
                    return null;
                }
                System.arraycopy(v4, 0, out, n, 4);
                n += 4;
                continue;
            }
            if (p.isEmpty() || p.length() > 4 || n + 2 > 16) {
                return null;
            }
            int v;
            try {
                v = Integer.parseInt(p, 16);
            } catch (NumberFormatException e) {
                return null;
            }
            out[n++] = (byte) (v >> 8);
            out[n++] = (byte) v;
        }
        return java.util.Arrays.copyOf(out, n);
    }
}
