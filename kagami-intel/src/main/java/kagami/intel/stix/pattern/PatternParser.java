package kagami.intel.stix.pattern;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import kagami.intel.IntelMessage;
import kagami.intel.stix.pattern.ComparisonExpression.BooleanOperator;
import kagami.intel.stix.pattern.ComparisonExpression.Comparison;
import kagami.intel.stix.pattern.ComparisonExpression.Exists;
import kagami.intel.stix.pattern.ComparisonExpression.Operator;
import kagami.intel.stix.pattern.PatternExpression.ObservationOperator;
import kagami.intel.stix.pattern.PatternExpression.Qualifier;

/**
 * A recursive-descent parser for the STIX 2.1 patterning language, written from the grammar in STIX 2.1 §9 and
 * OASIS's {@code STIXPattern.g4}. Hostile input is bounded: the pattern text length and the nesting depth are
 * capped, so a crafted pattern cannot exhaust the stack or the heap.
 */
final class PatternParser {
    static final int MAX_LENGTH = 1 << 20;
    static final int MAX_DEPTH = 100;

    private enum Kind {
        LBRACK, RBRACK, LPAREN, RPAREN, COLON, DOT, COMMA, STAR, OP, WORD, STRING, INT, FLOAT, BINARY, HEX,
        TIMESTAMP, EOF
    }

    private record Token(Kind kind, String text, int pos, Object value) { }

    private final String src;
    private final List<Token> tokens = new ArrayList<>();
    private int index;
    private int depth;

    private PatternParser(String src) {
        this.src = src;
    }

    static PatternExpression parse(String src) throws StixPatternException {
        if (src == null) {
            throw new StixPatternException(0, "pattern.none");
        }
        if (src.length() > MAX_LENGTH) {
            throw new StixPatternException(0, "pattern.tooLong", MAX_LENGTH);
        }
        PatternParser p = new PatternParser(src);
        p.lex();
        PatternExpression e = p.observationExpressions();
        Token t = p.peek();
        if (t.kind != Kind.EOF) {
            throw p.error(t, "pattern.trailing", t.text);
        }
        return e;
    }

    // ---- lexer (STIXPattern.g4 lexer rules) ----

    private void lex() throws StixPatternException {
        int i = 0;
        int n = src.length();
        while (i < n) {
            char c = src.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            if (c == '/' && i + 1 < n && src.charAt(i + 1) == '*') {
                int end = src.indexOf("*/", i + 2);
                if (end < 0) {
                    throw new StixPatternException(i, "pattern.comment");
                }
                i = end + 2;
                continue;
            }
            if (c == '/' && i + 1 < n && src.charAt(i + 1) == '/') {
                while (i < n && src.charAt(i) != '\n') {
                    i++;
                }
                continue;
            }
            int start = i;
            switch (c) {
                case '[' -> add(Kind.LBRACK, "[", i++);
                case ']' -> add(Kind.RBRACK, "]", i++);
                case '(' -> add(Kind.LPAREN, "(", i++);
                case ')' -> add(Kind.RPAREN, ")", i++);
                case ':' -> add(Kind.COLON, ":", i++);
                case ',' -> add(Kind.COMMA, ",", i++);
                case '*' -> add(Kind.STAR, "*", i++);
                case '=' -> {
                    i += i + 1 < n && src.charAt(i + 1) == '=' ? 2 : 1;
                    add(Kind.OP, "=", start);
                }
                case '!' -> {
                    if (i + 1 < n && src.charAt(i + 1) == '=') {
                        add(Kind.OP, "!=", start);
                        i += 2;
                    } else {
                        throw new StixPatternException(i, "pattern.bang");
                    }
                }
                case '<' -> {
                    if (i + 1 < n && src.charAt(i + 1) == '>') {
                        add(Kind.OP, "!=", start);
                        i += 2;
                    } else if (i + 1 < n && src.charAt(i + 1) == '=') {
                        add(Kind.OP, "<=", start);
                        i += 2;
                    } else {
                        add(Kind.OP, "<", start);
                        i++;
                    }
                }
                case '>' -> {
                    if (i + 1 < n && src.charAt(i + 1) == '=') {
                        add(Kind.OP, ">=", start);
                        i += 2;
                    } else {
                        add(Kind.OP, ">", start);
                        i++;
                    }
                }
                case '\'' -> i = string(i, Kind.STRING);
                default -> {
                    if ((c == 'b' || c == 'h' || c == 't') && i + 1 < n && src.charAt(i + 1) == '\'') {
                        i = string(i + 1, c == 'b' ? Kind.BINARY : c == 'h' ? Kind.HEX : Kind.TIMESTAMP);
                    } else if (c == '.' && !(i + 1 < n && Character.isDigit(src.charAt(i + 1)))) {
                        add(Kind.DOT, ".", i++);
                    } else if (Character.isDigit(c) || c == '-' || c == '+' || c == '.') {
                        i = number(i);
                    } else if (Character.isLetter(c) || c == '_') {
                        int j = i + 1;
                        while (j < n && (Character.isLetterOrDigit(src.charAt(j)) || src.charAt(j) == '_'
                                || src.charAt(j) == '-')) {
                            j++;
                        }
                        add(Kind.WORD, src.substring(i, j), i);
                        i = j;
                    } else {
                        throw new StixPatternException(i, "pattern.character", c);
                    }
                }
            }
        }
        tokens.add(new Token(Kind.EOF, "<end>", n, null));
    }

    private void add(Kind k, String text, int pos) {
        tokens.add(new Token(k, text, pos, null));
    }

    /** Reads a quoted literal starting at the quote; only {@code \'} and {@code \\} are escapes (§9.3). */
    private int string(int quote, Kind kind) throws StixPatternException {
        StringBuilder sb = new StringBuilder();
        int i = quote + 1;
        int n = src.length();
        while (true) {
            if (i >= n) {
                throw new StixPatternException(quote, "pattern.unterminatedString");
            }
            char c = src.charAt(i);
            if (c == '\\') {
                if (i + 1 < n && (src.charAt(i + 1) == '\'' || src.charAt(i + 1) == '\\')) {
                    sb.append(src.charAt(i + 1));
                    i += 2;
                    continue;
                }
                throw new StixPatternException(i, "pattern.escape");
            }
            if (c == '\'') {
                break;
            }
            sb.append(c);
            i++;
        }
        String s = sb.toString();
        int start = kind == Kind.STRING ? quote : quote - 1;
        Object value = s;
        switch (kind) {
            case BINARY -> {
                try {
                    value = Base64.getDecoder().decode(s);
                } catch (IllegalArgumentException e) {
                    throw new StixPatternException(start, "pattern.base64");
                }
            }
            case HEX -> {
                if (s.length() % 2 != 0 || !s.matches("[0-9a-fA-F]*")) {
                    throw new StixPatternException(start, "pattern.hex");
                }
                value = java.util.HexFormat.of().parseHex(s);
            }
            case TIMESTAMP -> {
                if (!s.matches("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?Z")) {
                    throw new StixPatternException(start, "pattern.timestamp");
                }
                try {
                    value = Instant.parse(s);
                } catch (DateTimeParseException e) {
                    throw new StixPatternException(start, "pattern.timestampValue", s);
                }
            }
            default -> { }
        }
        tokens.add(new Token(kind, src.substring(start, i + 1), start, value));
        return i + 1;
    }

    private int number(int start) throws StixPatternException {
        int i = start;
        int n = src.length();
        if (src.charAt(i) == '-' || src.charAt(i) == '+') {
            i++;
        }
        int digits = i;
        while (i < n && Character.isDigit(src.charAt(i))) {
            i++;
        }
        boolean isFloat = false;
        if (i < n && src.charAt(i) == '.') {
            isFloat = true;
            i++;
            int frac = i;
            while (i < n && Character.isDigit(src.charAt(i))) {
                i++;
            }
            if (i == frac) {
                throw new StixPatternException(i, "pattern.fraction");
            }
        } else if (i == digits) {
            throw new StixPatternException(start, "pattern.number");
        }
        String text = src.substring(start, i);
        if (text.length() > 400) {
            throw new StixPatternException(start, "pattern.numberTooLong");
        }
        String plain = text.startsWith("+") ? text.substring(1) : text;
        if (isFloat) {
            tokens.add(new Token(Kind.FLOAT, text, start, new BigDecimal(plain)));
        } else {
            String mag = plain.startsWith("-") ? plain.substring(1) : plain;
            if (mag.length() > 1 && mag.charAt(0) == '0') {
                throw new StixPatternException(start, "pattern.leadingZero");
            }
            tokens.add(new Token(Kind.INT, text, start, new BigInteger(plain)));
        }
        return i;
    }

    // ---- parser (STIXPattern.g4 parser rules) ----

    private Token peek() {
        return tokens.get(index);
    }

    private Token next() {
        Token t = tokens.get(index);
        if (t.kind != Kind.EOF) {
            index++;
        }
        return t;
    }

    private boolean isWord(Token t, String w) {
        return t.kind == Kind.WORD && t.text.equals(w);
    }

    /** Takes a token of kind {@code k}; {@code what} names it for the error (a message key and its arguments). */
    private Token expect(Kind k, String what, Object... whatArgs) throws StixPatternException {
        Token t = next();
        if (t.kind != k) {
            throw error(t, "pattern.expected", IntelMessage.of(what, whatArgs), found(t));
        }
        return t;
    }

    /** What was found instead of what the grammar needs: a token, or the end of the pattern. */
    private static IntelMessage found(Token t) {
        return t.kind == Kind.EOF ? IntelMessage.of("pattern.eof") : IntelMessage.of("pattern.found", t.text);
    }

    private StixPatternException error(Token t, String key, Object... args) {
        return new StixPatternException(t.pos, key, args);
    }

    private void enter() throws StixPatternException {
        if (++depth > MAX_DEPTH) {
            throw new StixPatternException(peek().pos, "pattern.depth", MAX_DEPTH);
        }
    }

    private PatternExpression observationExpressions() throws StixPatternException {
        enter();
        PatternExpression left = observationOr();
        while (isWord(peek(), "FOLLOWEDBY")) {
            next();
            left = new PatternExpression.Combined(ObservationOperator.FOLLOWEDBY, left, observationOr());
        }
        depth--;
        return left;
    }

    private PatternExpression observationOr() throws StixPatternException {
        PatternExpression left = observationAnd();
        while (isWord(peek(), "OR")) {
            next();
            left = new PatternExpression.Combined(ObservationOperator.OR, left, observationAnd());
        }
        return left;
    }

    private PatternExpression observationAnd() throws StixPatternException {
        PatternExpression left = qualifiedObservation();
        while (isWord(peek(), "AND")) {
            next();
            left = new PatternExpression.Combined(ObservationOperator.AND, left, qualifiedObservation());
        }
        return left;
    }

    private PatternExpression qualifiedObservation() throws StixPatternException {
        Token t = peek();
        PatternExpression e;
        if (t.kind == Kind.LBRACK) {
            next();
            if (peek().kind == Kind.RBRACK) {
                throw error(peek(), "pattern.emptyObservation");
            }
            e = new PatternExpression.Observation(comparisonOr());
            expect(Kind.RBRACK, "pattern.token", "]");
        } else if (t.kind == Kind.LPAREN) {
            next();
            e = observationExpressions();
            expect(Kind.RPAREN, "pattern.token", ")");
        } else {
            throw error(t, "pattern.expectedObservation", found(t));
        }
        while (true) {
            Token q = peek();
            if (isWord(q, "WITHIN")) {
                next();
                Token n = next();
                if ((n.kind != Kind.INT && n.kind != Kind.FLOAT) || n.text.startsWith("-")) {
                    throw error(n, "pattern.within");
                }
                Token s = next();
                if (!isWord(s, "SECONDS")) {
                    throw error(s, "pattern.seconds", n.text);
                }
                BigDecimal secs = n.value instanceof BigInteger bi ? new BigDecimal(bi) : (BigDecimal) n.value;
                e = new PatternExpression.Qualified(e, new Qualifier.Within(secs));
            } else if (isWord(q, "REPEATS")) {
                next();
                Token n = next();
                if (n.kind != Kind.INT || ((BigInteger) n.value).signum() <= 0
                        || ((BigInteger) n.value).bitLength() > 62) {
                    throw error(n, "pattern.repeats");
                }
                Token s = next();
                if (!isWord(s, "TIMES")) {
                    throw error(s, "pattern.times", n.text);
                }
                e = new PatternExpression.Qualified(e, new Qualifier.Repeats(((BigInteger) n.value).longValue()));
            } else if (isWord(q, "START")) {
                next();
                Token a = expect(Kind.TIMESTAMP, "pattern.timestampAfter", "START");
                Token s = next();
                if (!isWord(s, "STOP")) {
                    throw error(s, "pattern.stop");
                }
                Token b = expect(Kind.TIMESTAMP, "pattern.timestampAfter", "STOP");
                e = new PatternExpression.Qualified(e,
                        new Qualifier.StartStop((Instant) a.value, (Instant) b.value));
            } else {
                return e;
            }
        }
    }

    private ComparisonExpression comparisonOr() throws StixPatternException {
        enter();
        ComparisonExpression left = comparisonAnd();
        while (isWord(peek(), "OR")) {
            next();
            left = new ComparisonExpression.Combined(BooleanOperator.OR, left, comparisonAnd());
        }
        depth--;
        return left;
    }

    private ComparisonExpression comparisonAnd() throws StixPatternException {
        ComparisonExpression left = propTest();
        while (isWord(peek(), "AND")) {
            next();
            left = new ComparisonExpression.Combined(BooleanOperator.AND, left, propTest());
        }
        return left;
    }

    private ComparisonExpression propTest() throws StixPatternException {
        Token t = peek();
        if (t.kind == Kind.LPAREN) {
            next();
            ComparisonExpression e = comparisonOr();
            expect(Kind.RPAREN, "pattern.token", ")");
            return e;
        }
        boolean negated = false;
        if (isWord(t, "NOT") && isWord(tokens.get(index + 1), "EXISTS")) {
            next();
            negated = true;
            t = peek();
        }
        if (isWord(t, "EXISTS")) {
            next();
            return new Exists(objectPath(), negated);
        }
        ObjectPath path = objectPath();
        Token op = next();
        if (isWord(op, "NOT")) {
            negated = true;
            op = next();
        }
        Operator operator;
        if (op.kind == Kind.OP) {
            operator = switch (op.text) {
                case "=" -> Operator.EQ;
                case "!=" -> Operator.NEQ;
                case "<" -> Operator.LT;
                case "<=" -> Operator.LE;
                case ">" -> Operator.GT;
                default -> Operator.GE;
            };
        } else if (op.kind == Kind.WORD) {
            operator = switch (op.text) {
                case "IN" -> Operator.IN;
                case "LIKE" -> Operator.LIKE;
                case "MATCHES" -> Operator.MATCHES;
                case "ISSUBSET" -> Operator.ISSUBSET;
                case "ISSUPERSET" -> Operator.ISSUPERSET;
                default -> throw error(op, "pattern.operator", op.text);
            };
        } else {
            throw error(op, "pattern.expectedOperator", path.format(), found(op));
        }
        List<Literal> values = new ArrayList<>();
        if (operator == Operator.IN) {
            expect(Kind.LPAREN, "pattern.tokenAfter", "(", "IN");
            if (peek().kind != Kind.RPAREN) {
                values.add(literal(operator));
                while (peek().kind == Kind.COMMA) {
                    next();
                    values.add(literal(operator));
                }
            }
            expect(Kind.RPAREN, "pattern.inClose");
        } else {
            values.add(literal(operator));
        }
        return new Comparison(path, negated, operator, values);
    }

    private Literal literal(Operator operator) throws StixPatternException {
        Token t = next();
        Literal l = switch (t.kind) {
            case STRING -> new Literal.StringLiteral((String) t.value);
            case INT -> new Literal.IntLiteral((BigInteger) t.value);
            case FLOAT -> new Literal.FloatLiteral((BigDecimal) t.value);
            case BINARY -> new Literal.BinaryLiteral((byte[]) t.value);
            case HEX -> new Literal.HexLiteral((byte[]) t.value);
            case TIMESTAMP -> new Literal.TimestampLiteral((Instant) t.value);
            case WORD -> {
                if (t.text.equals("true") || t.text.equals("false")) {
                    yield new Literal.BoolLiteral(t.text.equals("true"));
                }
                throw error(t, "pattern.expectedLiteral", found(t));
            }
            default -> throw error(t, "pattern.expectedLiteral", found(t));
        };
        boolean stringOnly = operator == Operator.LIKE || operator == Operator.MATCHES
                || operator == Operator.ISSUBSET || operator == Operator.ISSUPERSET;
        if (stringOnly && !(l instanceof Literal.StringLiteral)) {
            throw error(t, "pattern.needsString", operator.text());
        }
        boolean orderable = operator == Operator.LT || operator == Operator.LE || operator == Operator.GT
                || operator == Operator.GE;
        if (orderable && l instanceof Literal.BoolLiteral) {
            throw error(t, "pattern.booleanOrder", operator.text());
        }
        return l;
    }

    private ObjectPath objectPath() throws StixPatternException {
        Token type = next();
        if (type.kind != Kind.WORD) {
            throw error(type, "pattern.expectedType", found(type));
        }
        if (!type.text.matches("[a-z0-9][a-z0-9-]*")) {
            throw error(type, "pattern.badType", type.text);
        }
        expect(Kind.COLON, "pattern.colonAfterType");
        List<ObjectPath.Step> steps = new ArrayList<>();
        Token first = next();
        if (first.kind == Kind.WORD && !first.text.contains("-")) {
            steps.add(new ObjectPath.Step.Property(first.text));
        } else if (first.kind == Kind.STRING) {
            steps.add(new ObjectPath.Step.Property((String) first.value));
        } else {
            throw error(first, "pattern.expectedProperty", found(first));
        }
        while (true) {
            Token t = peek();
            if (t.kind == Kind.DOT) {
                next();
                Token k = next();
                if (k.kind == Kind.WORD && !k.text.contains("-")) {
                    steps.add(new ObjectPath.Step.Property(k.text));
                } else if (k.kind == Kind.STRING) {
                    steps.add(new ObjectPath.Step.Property((String) k.value));
                } else {
                    throw error(k, "pattern.expectedPropertyAfterDot", found(k));
                }
            } else if (t.kind == Kind.LBRACK && (tokens.get(index + 1).kind == Kind.STAR
                    || tokens.get(index + 1).kind == Kind.INT)) {
                next();
                Token k = next();
                if (k.kind == Kind.STAR) {
                    steps.add(new ObjectPath.Step.AnyIndex());
                } else {
                    BigInteger bi = (BigInteger) k.value;
                    if (bi.bitLength() > 62) {
                        throw error(k, "pattern.index");
                    }
                    steps.add(new ObjectPath.Step.Index(bi.longValue()));
                }
                expect(Kind.RBRACK, "pattern.afterIndex");
            } else if (t.kind == Kind.FLOAT && t.text.startsWith(".")) {
                throw error(t, "pattern.propertyDigit");
            } else {
                return new ObjectPath(type.text, steps);
            }
        }
    }
}
