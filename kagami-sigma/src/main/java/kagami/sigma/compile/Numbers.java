package kagami.sigma.compile;

/** Reading field values as numbers for the numeric modifiers. */
final class Numbers {
    private Numbers() {
    }

    /** The value as a number: integers, floats, decimal text, or hex text ({@code 0x1F}); NaN if not a number. */
    static double toDouble(Object v) {
        if (v instanceof Long l) {
            return l;
        }
        if (v instanceof Double d) {
            return d;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (!(v instanceof String s)) {
            return Double.NaN;
        }
        String t = s.trim();
        if (t.isEmpty() || t.length() > 64) {
            return Double.NaN;
        }
        try {
            if (t.startsWith("0x") || t.startsWith("0X")) {
                return Long.parseUnsignedLong(t.substring(2), 16);
            }
            char c = t.charAt(0);
            if (!(Character.isDigit(c) || c == '-' || c == '+' || c == '.')) {
                return Double.NaN;
            }
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
