package kagami.sigma.condition;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses a Sigma condition expression. Precedence, loosest to tightest (specification, "Condition"):
 * {@code or}, {@code and}, {@code not}, {@code x of}, parentheses. Nesting is bounded so a hostile condition
 * (thousands of parentheses) is rejected with a message instead of overflowing the stack.
 */
public final class ConditionParser {
    /** Deepest nesting of parentheses and {@code not} accepted. */
    public static final int MAX_DEPTH = 64;
    /** Longest condition accepted, in characters. */
    public static final int MAX_LENGTH = 64 * 1024;

    private final String text;
    private final List<String> tokens;
    private int pos;

    private ConditionParser(String text, List<String> tokens) {
        this.text = text;
        this.tokens = tokens;
    }

    /** Parses {@code text}; throws {@link ConditionSyntaxException} with the reason. */
    public static Condition parse(String text) throws ConditionSyntaxException {
        if (text.length() > MAX_LENGTH) {
            throw new ConditionSyntaxException("condition is " + text.length() + " characters long, more than "
                    + MAX_LENGTH);
        }
        ConditionParser p = new ConditionParser(text, tokenize(text));
        if (p.tokens.isEmpty()) {
            throw new ConditionSyntaxException("condition is empty");
        }
        Condition c = p.or(0);
        if (p.pos < p.tokens.size()) {
            String t = p.tokens.get(p.pos);
            if (t.equals("|")) {
                throw new ConditionSyntaxException("aggregation expressions ('| count() ...', 'near') are obsolete "
                        + "Sigma 1 syntax; write a correlation rule instead");
            }
            throw new ConditionSyntaxException("unexpected '" + t + "' in condition '" + text + "'");
        }
        return c;
    }

    private static List<String> tokenize(String s) throws ConditionSyntaxException {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(' || c == ')' || c == '|') {
                out.add(String.valueOf(c));
                i++;
            } else {
                int start = i;
                while (i < n && !Character.isWhitespace(s.charAt(i)) && "()|".indexOf(s.charAt(i)) < 0) {
                    i++;
                }
                out.add(s.substring(start, i));
            }
        }
        return out;
    }

    private String peek() {
        return pos < tokens.size() ? tokens.get(pos) : null;
    }

    private boolean peekKeyword(String kw) {
        String t = peek();
        return t != null && t.toLowerCase(Locale.ROOT).equals(kw);
    }

    private Condition or(int depth) throws ConditionSyntaxException {
        List<Condition> ops = new ArrayList<>();
        ops.add(and(depth));
        while (peekKeyword("or")) {
            pos++;
            ops.add(and(depth));
        }
        return ops.size() == 1 ? ops.get(0) : new Condition.Or(ops);
    }

    private Condition and(int depth) throws ConditionSyntaxException {
        List<Condition> ops = new ArrayList<>();
        ops.add(not(depth));
        while (peekKeyword("and")) {
            pos++;
            ops.add(not(depth));
        }
        return ops.size() == 1 ? ops.get(0) : new Condition.And(ops);
    }

    private Condition not(int depth) throws ConditionSyntaxException {
        if (peekKeyword("not")) {
            checkDepth(depth + 1);
            pos++;
            return new Condition.Not(not(depth + 1));
        }
        return primary(depth);
    }

    private void checkDepth(int depth) throws ConditionSyntaxException {
        if (depth > MAX_DEPTH) {
            throw new ConditionSyntaxException("condition nested deeper than " + MAX_DEPTH
                    + " levels of parentheses or 'not'; simplify it");
        }
    }

    private Condition primary(int depth) throws ConditionSyntaxException {
        String t = peek();
        if (t == null) {
            throw new ConditionSyntaxException("condition '" + text + "' ends where an identifier was expected");
        }
        if (t.equals("(")) {
            checkDepth(depth + 1);
            pos++;
            Condition inner = or(depth + 1);
            if (!")".equals(peek())) {
                throw new ConditionSyntaxException("missing ')' in condition '" + text + "'");
            }
            pos++;
            return inner;
        }
        if (t.equals(")") || t.equals("|")) {
            throw new ConditionSyntaxException("unexpected '" + t + "' in condition '" + text + "'");
        }
        String lower = t.toLowerCase(Locale.ROOT);
        if (lower.equals("and") || lower.equals("or") || lower.equals("not")) {
            throw new ConditionSyntaxException("'" + t + "' where an identifier was expected in '" + text + "'");
        }
        String next = pos + 1 < tokens.size() ? tokens.get(pos + 1) : null;
        if (next != null && next.toLowerCase(Locale.ROOT).equals("of")) {
            int count;
            if (lower.equals("all")) {
                count = Condition.Quantified.ALL;
            } else if (lower.equals("any")) {
                count = 1;
            } else {
                try {
                    count = Integer.parseInt(t);
                } catch (NumberFormatException e) {
                    throw new ConditionSyntaxException("'" + t + " of' is not a quantifier; use '1 of' or 'all of'");
                }
                if (count < 1) {
                    throw new ConditionSyntaxException("'" + t + " of' needs a count of at least 1");
                }
            }
            pos += 2;
            String pattern = peek();
            if (pattern == null || pattern.equals("(") || pattern.equals(")") || pattern.equals("|")) {
                throw new ConditionSyntaxException("'" + t + " of' must be followed by an identifier pattern or 'them'");
            }
            pos++;
            return new Condition.Quantified(count, pattern.equalsIgnoreCase("them") ? "them" : pattern);
        }
        pos++;
        return new Condition.Identifier(t);
    }
}
