package kagami.intel.stix.pattern;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;

/** Pattern literals, STIX 2.1 §9.3 (constants): strings, numbers, booleans, binary, hex and timestamps. */
public sealed interface Literal {
    record StringLiteral(String value) implements Literal { }

    record IntLiteral(BigInteger value) implements Literal { }

    record FloatLiteral(BigDecimal value) implements Literal { }

    record BoolLiteral(boolean value) implements Literal { }

    record BinaryLiteral(byte[] value) implements Literal { }

    record HexLiteral(byte[] value) implements Literal { }

    record TimestampLiteral(Instant value) implements Literal { }

    /** The literal in pattern syntax. */
    default String format() {
        if (this instanceof StringLiteral s) {
            return quote(s.value());
        } else if (this instanceof IntLiteral i) {
            return i.value().toString();
        } else if (this instanceof FloatLiteral f) {
            return f.value().toPlainString();
        } else if (this instanceof BoolLiteral b) {
            return Boolean.toString(b.value());
        } else if (this instanceof BinaryLiteral b) {
            return "b'" + Base64.getEncoder().encodeToString(b.value()) + "'";
        } else if (this instanceof HexLiteral h) {
            return "h'" + HexFormat.of().formatHex(h.value()) + "'";
        }
        return "t'" + ((TimestampLiteral) this).value() + "'";
    }

    /** A string constant: single quotes, with {@code \} and {@code '} escaped by a backslash (STIX 2.1 §9.3). */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('\'');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' || c == '\'') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.append('\'').toString();
    }
}
