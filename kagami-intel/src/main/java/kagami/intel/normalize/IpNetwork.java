package kagami.intel.normalize;

/**
 * An IPv4 or IPv6 address block as two 64-bit halves and a prefix length (IPv4 sits in the top 32 bits of
 * {@code hi}), so containment and overlap are two masked comparisons for either family.
 *
 * @param v6     IPv6
 * @param hi     bits 0-63 of the address
 * @param lo     bits 64-127 (IPv6 only)
 * @param prefix prefix length (32 or 128 for one address)
 */
public record IpNetwork(boolean v6, long hi, long lo, int prefix) {

    /** Parses a normalised address or CIDR block ({@code 10.0.0.0/8}, {@code 2001:db8::1}). */
    public static IpNetwork parse(String v) throws InvalidValueException {
        int slash = v.indexOf('/');
        String a = slash < 0 ? v : v.substring(0, slash);
        int p;
        try {
            p = slash < 0 ? -1 : Integer.parseInt(v.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new InvalidValueException(kagami.core.IndicatorType.CIDR, v, "value.cidr.prefix",
                    v.substring(slash + 1));
        }
        if (a.indexOf(':') >= 0) {
            byte[] b = Normalizer.parseIpv6(a);
            long hi = 0;
            long lo = 0;
            for (int k = 0; k < 8; k++) {
                hi = (hi << 8) | (b[k] & 0xff);
                lo = (lo << 8) | (b[k + 8] & 0xff);
            }
            return new IpNetwork(true, hi, lo, p < 0 ? 128 : p);
        }
        long x = Normalizer.parseIpv4(a) & 0xffffffffL;
        return new IpNetwork(false, x << 32, 0, p < 0 ? 32 : p);
    }

    /** The address with every bit after {@code len} (counted from the top of the family's address) cleared. */
    public IpNetwork masked(int len) {
        long hm = len >= 64 ? -1L : len <= 0 ? 0 : -1L << (64 - len);
        long lm = len <= 64 ? 0 : len >= 128 ? -1L : -1L << (128 - len);
        return new IpNetwork(v6, hi & hm, lo & lm, len);
    }

    /** Whether {@code other} lies inside this block. */
    public boolean contains(IpNetwork other) {
        return v6 == other.v6 && other.prefix >= prefix && masked(prefix).equals(other.masked(prefix));
    }

    /** Whether the two blocks share any address (one contains the other). */
    public boolean overlaps(IpNetwork other) {
        int p = Math.min(prefix, other.prefix);
        return v6 == other.v6 && masked(p).equals(other.masked(p));
    }

    /** Fixed-width text that sorts in numeric order (network, then prefix length). */
    public String sortKey() {
        return String.format("%d%016x%016x%03d", v6 ? 1 : 0, hi, lo, prefix);
    }
}
