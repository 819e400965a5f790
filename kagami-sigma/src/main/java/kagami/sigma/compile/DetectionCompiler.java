package kagami.sigma.compile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import kagami.sigma.SigmaException;
import kagami.sigma.condition.Condition;
import kagami.sigma.logsource.LogsourceVariant;
import kagami.sigma.logsource.Pipeline;
import kagami.sigma.modifier.SigmaString;
import kagami.sigma.modifier.ValueEncodings;
import kagami.sigma.modifier.ValueModifier;
import kagami.sigma.rule.IdentifierPattern;
import kagami.sigma.rule.SearchIdentifier;

/**
 * Compiles a rule's detection for one logsource variant into a {@link Node} tree: modifiers applied to values
 * (Sigma specification, appendix "Modifiers"), field names mapped and aliased, literals registered in the shared
 * Aho–Corasick table, conditions expanded.
 */
final class DetectionCompiler {
    private static final Pattern PLACEHOLDER = Pattern.compile("%([A-Za-z0-9_.-]+)%");
    /** Windash variants expanded into literals (5^dashes); beyond this a glob with a dash class is used. */
    private static final int WINDASH_EXPANSION_LIMIT = 25;

    private final CompileContext ctx;
    private final Pipeline pipeline;
    private final LogsourceVariant variant;
    private final Map<String, List<String>> placeholders;

    DetectionCompiler(CompileContext ctx, Pipeline pipeline, LogsourceVariant variant,
                      Map<String, List<String>> placeholders) {
        this.ctx = ctx;
        this.pipeline = pipeline;
        this.variant = variant;
        this.placeholders = placeholders;
    }

    /** The detection: the conditions ORed (specification: a list of conditions). */
    Node detection(Map<String, SearchIdentifier> searches, List<Condition> conditions) throws SigmaException {
        Map<String, Node> compiled = new LinkedHashMap<>();
        for (Map.Entry<String, SearchIdentifier> e : searches.entrySet()) {
            compiled.put(e.getKey(), search(e.getValue()));
        }
        List<Node> ors = new ArrayList<>();
        for (Condition c : conditions) {
            ors.add(condition(c, compiled));
        }
        return ors.size() == 1 ? ors.get(0) : new Node.Or(ors.toArray(new Node[0]));
    }

    /** The logsource's own field conditions (e.g. Sysmon 12 with EventType CreateKey). */
    Node variantConditions() {
        List<Node> ands = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : variant.conditions().entrySet()) {
            FieldAccess f = access(e.getKey(), e.getKey());
            List<Node> ors = new ArrayList<>();
            for (String v : e.getValue()) {
                ors.add(new Node.PatternTest(f, TextPattern.of(SigmaString.literal(v), false)));
            }
            ands.add(ors.size() == 1 ? ors.get(0) : new Node.Or(ors.toArray(new Node[0])));
        }
        return ands.isEmpty() ? Node.Const.TRUE : new Node.And(ands.toArray(new Node[0]));
    }

    private Node condition(Condition c, Map<String, Node> compiled) {
        if (c instanceof Condition.And a) {
            return new Node.And(a.operands().stream().map(x -> condition(x, compiled)).toArray(Node[]::new));
        }
        if (c instanceof Condition.Or o) {
            return new Node.Or(o.operands().stream().map(x -> condition(x, compiled)).toArray(Node[]::new));
        }
        if (c instanceof Condition.Not n) {
            return new Node.Not(condition(n.operand(), compiled));
        }
        if (c instanceof Condition.Identifier i) {
            return compiled.get(i.name());
        }
        Condition.Quantified q = (Condition.Quantified) c;
        List<String> names = IdentifierPattern.expand(q, compiled.keySet());
        Node[] ops = names.stream().map(compiled::get).toArray(Node[]::new);
        if (q.count() == Condition.Quantified.ALL) {
            return new Node.And(ops);
        }
        if (q.count() == 1) {
            return new Node.Or(ops);
        }
        if (q.count() > ops.length) {
            return Node.Const.FALSE;
        }
        return new Node.AtLeast(q.count(), ops);
    }

    private Node search(SearchIdentifier s) throws SigmaException {
        if (s instanceof SearchIdentifier.FieldMap m) {
            return fieldMap(m);
        }
        if (s instanceof SearchIdentifier.MapList l) {
            Node[] ops = new Node[l.maps().size()];
            for (int i = 0; i < ops.length; i++) {
                ops[i] = fieldMap(l.maps().get(i));
            }
            return new Node.Or(ops);
        }
        return keywords(((SearchIdentifier.Keywords) s).item());
    }

    private Node fieldMap(SearchIdentifier.FieldMap m) throws SigmaException {
        List<Node> ands = new ArrayList<>();
        for (SearchIdentifier.FieldItem item : m.items()) {
            ands.add(item.field().isEmpty() ? keywords(item) : item(item));
        }
        return ands.size() == 1 ? ands.get(0) : new Node.And(ands.toArray(new Node[0]));
    }

    private FieldAccess access(String ruleField, String mapped) {
        Set<String> names = new LinkedHashSet<>();
        names.add(mapped);
        names.addAll(pipeline.aliasesOf(ruleField));
        names.addAll(pipeline.aliasesOf(mapped));
        return ctx.access(ruleField, names.toArray(new String[0]));
    }

    private static List<ValueModifier> modifiers(SearchIdentifier.FieldItem item) {
        List<ValueModifier> out = new ArrayList<>();
        for (String m : item.modifiers()) {
            out.add(ValueModifier.parse(m).orElseThrow());
        }
        return out;
    }

    private Node item(SearchIdentifier.FieldItem item) throws SigmaException {
        List<ValueModifier> mods = modifiers(item);
        int line = item.line();
        String ruleField = item.field();
        String mapped = variant.fields().getOrDefault(ruleField, ruleField);
        FieldAccess f = access(ruleField, mapped);
        boolean all = mods.contains(ValueModifier.ALL);
        boolean cased = mods.contains(ValueModifier.CASED);
        boolean neq = mods.contains(ValueModifier.NEQ);
        if (all && item.values().size() < 2 && !mods.contains(ValueModifier.BASE64OFFSET)) {
            // Specification: "Single item values are not allowed to have an all modifier"; harmless, so accepted.
            all = false;
        }
        if (!variant.records(mapped)) {
            return Node.Const.UNAVAILABLE;
        }
        if (mods.contains(ValueModifier.EXISTS)) {
            if (item.values().size() != 1 || !(item.values().get(0) instanceof Boolean b)) {
                throw new SigmaException(line, "modifier.existsValue", ruleField);
            }
            return new Node.ExistsTest(f, b);
        }
        if (mods.contains(ValueModifier.FIELDREF)) {
            return fieldref(item, mods, f, all, cased, neq);
        }
        List<Node> nodes = new ArrayList<>();
        if (mods.contains(ValueModifier.RE)) {
            boolean i = mods.contains(ValueModifier.I);
            boolean mm = mods.contains(ValueModifier.M);
            boolean s = mods.contains(ValueModifier.S);
            for (ValueModifier m : mods) {
                if (!EnumSetOf.RE_COMPATIBLE.contains(m)) {
                    throw new SigmaException(line, "modifier.notWithRe", m.sigmaName());
                }
            }
            for (Object v : item.values()) {
                if (v == null) {
                    nodes.add(new Node.NullTest(f));
                    continue;
                }
                try {
                    nodes.add(new Node.RegexTest(f, ctx.regex(v.toString(), i, mm, s)));
                } catch (IllegalArgumentException e) {
                    throw new SigmaException(line, "modifier.badRegex", v, e.getCause() instanceof
                            java.util.regex.PatternSyntaxException p ? p.getDescription() : e.getMessage());
                }
            }
            return combine(nodes, all, neq, f);
        }
        if (mods.contains(ValueModifier.I) || mods.contains(ValueModifier.M) || mods.contains(ValueModifier.S)) {
            throw new SigmaException(line, "modifier.reFlagWithoutRe");
        }
        if (mods.contains(ValueModifier.CIDR)) {
            for (Object v : item.values()) {
                IpNetwork net = v == null ? null : IpNetwork.parse(v.toString());
                if (net == null) {
                    throw new SigmaException(line, "modifier.badCidr", v);
                }
                nodes.add(new Node.CidrTest(f, net));
            }
            return combine(nodes, all, neq, f);
        }
        TimePart part = null;
        Comparison op = null;
        for (ValueModifier m : mods) {
            if (m.isTimePart()) {
                part = TimePart.valueOf(m.name());
            } else if (m.isComparison()) {
                op = Comparison.valueOf(m.name());
            }
        }
        if (part != null || op != null) {
            for (Object v : item.values()) {
                double d = v instanceof Number n ? n.doubleValue() : Numbers.toDouble(v);
                if (Double.isNaN(d)) {
                    throw new SigmaException(line, "modifier.notNumber", v, ruleField + "|" + String.join("|", item.modifiers()));
                }
                nodes.add(new Node.CompareTest(f, op == null ? Comparison.EQ : op, d, part));
            }
            return combine(nodes, all, neq, f);
        }
        for (Object v : item.values()) {
            nodes.add(stringValue(v, mods, f, cased, line, ruleField));
        }
        return combine(nodes, all, neq, f);
    }

    private static final class EnumSetOf {
        static final Set<ValueModifier> RE_COMPATIBLE = Set.of(ValueModifier.RE, ValueModifier.I, ValueModifier.M,
                ValueModifier.S, ValueModifier.ALL, ValueModifier.NEQ, ValueModifier.CASED);
    }

    private static Node combine(List<Node> nodes, boolean all, boolean neq, FieldAccess f) {
        Node n = nodes.size() == 1 ? nodes.get(0)
                : all && !neq ? new Node.And(nodes.toArray(new Node[0])) : new Node.Or(nodes.toArray(new Node[0]));
        return neq ? new Node.NotEqual(f, n) : n;
    }

    private Node fieldref(SearchIdentifier.FieldItem item, List<ValueModifier> mods, FieldAccess f, boolean all,
                          boolean cased, boolean neq) throws SigmaException {
        TextPattern.Kind kind = mods.contains(ValueModifier.CONTAINS) ? TextPattern.Kind.CONTAINS
                : mods.contains(ValueModifier.STARTSWITH) ? TextPattern.Kind.STARTSWITH
                : mods.contains(ValueModifier.ENDSWITH) ? TextPattern.Kind.ENDSWITH : TextPattern.Kind.EQUALS;
        List<Node> nodes = new ArrayList<>();
        for (Object v : item.values()) {
            if (!(v instanceof String other) || other.isEmpty()) {
                throw new SigmaException(item.line(), "modifier.fieldrefValue");
            }
            String mappedOther = variant.fields().getOrDefault(other, other);
            if (!variant.records(mappedOther)) {
                nodes.add(Node.Const.UNAVAILABLE);
                continue;
            }
            nodes.add(new Node.FieldRefTest(f, access(other, mappedOther), kind, cased));
        }
        return combine(nodes, all, neq, f);
    }

    private Node stringValue(Object v, List<ValueModifier> mods, FieldAccess f, boolean cased, int line,
                             String ruleField) throws SigmaException {
        if (v == null) {
            return new Node.NullTest(f);
        }
        boolean plainModifiers = mods.stream().allMatch(m -> m == ValueModifier.ALL || m == ValueModifier.NEQ);
        if (v instanceof Long l && plainModifiers) {
            return new Node.IntegerTest(f, l);
        }
        List<Node> ors = new ArrayList<>();
        for (SigmaString s : strings(v, mods, line, ruleField)) {
            ors.add(leaf(f, s, cased));
        }
        return ors.size() == 1 ? ors.get(0) : new Node.Or(ors.toArray(new Node[0]));
    }

    /** A value after placeholder expansion, pipeline value rewrites and the modifier chain, left to right. */
    private List<SigmaString> strings(Object v, List<ValueModifier> mods, int line, String ruleField)
            throws SigmaException {
        List<String> texts = new ArrayList<>();
        if (v instanceof String s) {
            if (mods.contains(ValueModifier.EXPAND)) {
                texts.addAll(expand(s, line));
            } else {
                texts.add(s);
            }
        } else {
            texts.add(Text.of(v));
        }
        List<SigmaString> out = new ArrayList<>();
        for (String text : texts) {
            Map<String, String> rewrite = variant.values().get(ruleField);
            if (rewrite != null) {
                String to = rewrite.get(text.toLowerCase(Locale.ROOT));
                if (to != null) {
                    text = to;
                }
            }
            SigmaString base = v instanceof String ? SigmaString.parse(text) : SigmaString.literal(text);
            List<ValueEncodings.Encoded> values = new ArrayList<>();
            values.add(new ValueEncodings.Encoded(base, false));
            for (ValueModifier m : mods) {
                List<ValueEncodings.Encoded> next = new ArrayList<>();
                for (ValueEncodings.Encoded e : values) {
                    try {
                        switch (m) {
                            case UTF16LE, WIDE, UTF16BE, UTF16 -> next.add(ValueEncodings.utf16(e, m));
                            case BASE64 -> next.add(ValueEncodings.base64(e));
                            case BASE64OFFSET -> next.addAll(ValueEncodings.base64offset(e));
                            case WINDASH -> next.add(new ValueEncodings.Encoded(ValueEncodings.windash(e.value()), e.bytes()));
                            case CONTAINS -> next.add(new ValueEncodings.Encoded(e.value().prependRun().appendRun(), e.bytes()));
                            case STARTSWITH -> next.add(new ValueEncodings.Encoded(e.value().appendRun(), e.bytes()));
                            case ENDSWITH -> next.add(new ValueEncodings.Encoded(e.value().prependRun(), e.bytes()));
                            case ALL, CASED, NEQ, EXPAND -> next.add(e);
                            default -> throw new SigmaException(line, "modifier.notForText", m.sigmaName());
                        }
                    } catch (IllegalStateException wildcard) {
                        throw new SigmaException(line, "modifier.encodeWildcards", m.sigmaName(), text);
                    }
                }
                values = next;
            }
            for (ValueEncodings.Encoded e : values) {
                out.add(e.value());
            }
        }
        return out;
    }

    private List<String> expand(String s, int line) throws SigmaException {
        Matcher m = PLACEHOLDER.matcher(s);
        if (!m.find()) {
            return List.of(s);
        }
        List<String> values = placeholders.get(m.group(1));
        if (values == null || values.isEmpty()) {
            throw new SigmaException(line, "modifier.placeholderWithoutValues", m.group(1));
        }
        List<String> out = new ArrayList<>();
        for (String v : values) {
            String replaced = s.substring(0, m.start()) + v + s.substring(m.end());
            out.addAll(expand(replaced, line));
            if (out.size() > 10_000) {
                throw new SigmaException(line, "modifier.placeholdersTooMany", 10_000);
            }
        }
        return out;
    }

    /** One final string pattern: an Aho–Corasick literal when possible, else a glob. */
    private Node leaf(FieldAccess f, SigmaString s, boolean cased) {
        int dashes = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.at(i) == SigmaString.ANY_DASH) {
                dashes++;
            }
        }
        if (dashes > 0 && Math.pow(5, dashes) <= WINDASH_EXPANSION_LIMIT) {
            List<Node> ors = new ArrayList<>();
            for (SigmaString variantString : windashVariants(s)) {
                ors.add(leaf(f, variantString, cased));
            }
            return new Node.Or(ors.toArray(new Node[0]));
        }
        TextPattern p = TextPattern.of(s, cased);
        if (p.isLiteral() && !p.literal.isEmpty()) {
            byte where = switch (p.kind) {
                case EQUALS -> Scratch.WHOLE;
                case STARTSWITH -> Scratch.AT_START;
                case ENDSWITH -> Scratch.AT_END;
                default -> Scratch.ANYWHERE;
            };
            return ctx.literal(f, p.literal, cased, where);
        }
        if (p.isLiteral() && p.kind == TextPattern.Kind.EQUALS) {
            return new Node.EmptyTest(f);
        }
        return new Node.PatternTest(f, p);
    }

    private static List<SigmaString> windashVariants(SigmaString s) {
        List<int[]> acc = new ArrayList<>();
        acc.add(new int[s.length()]);
        for (int i = 0; i < s.length(); i++) {
            int c = s.at(i);
            if (c == SigmaString.ANY_DASH) {
                List<int[]> next = new ArrayList<>();
                for (int[] a : acc) {
                    for (char d : SigmaString.DASHES.toCharArray()) {
                        int[] copy = Arrays.copyOf(a, a.length);
                        copy[i] = d;
                        next.add(copy);
                    }
                }
                acc = next;
            } else {
                for (int[] a : acc) {
                    a[i] = c;
                }
            }
        }
        List<SigmaString> out = new ArrayList<>();
        for (int[] a : acc) {
            out.add(SigmaString.of(a));
        }
        return out;
    }

    private Node keywords(SearchIdentifier.FieldItem item) throws SigmaException {
        List<ValueModifier> mods = modifiers(item);
        boolean cased = mods.contains(ValueModifier.CASED);
        List<ValueModifier> stringMods = new ArrayList<>(mods);
        if (!stringMods.contains(ValueModifier.CONTAINS) && !stringMods.contains(ValueModifier.STARTSWITH)
                && !stringMods.contains(ValueModifier.ENDSWITH)) {
            // keywords are a full-text search: a value without position modifiers may occur anywhere in a field
            stringMods.add(ValueModifier.CONTAINS);
        }
        List<TextPattern> patterns = new ArrayList<>();
        for (Object v : item.values()) {
            if (v == null) {
                throw new SigmaException(item.line(), "search.nullKeyword");
            }
            for (SigmaString s : strings(v, stringMods, item.line(), "")) {
                patterns.add(TextPattern.of(s, cased));
            }
        }
        boolean all = mods.contains(ValueModifier.ALL);
        return new Node.KeywordTest(patterns.toArray(new TextPattern[0]), all,
                ctx.keywordMemo(Node.KeywordTest.memoKey(patterns, all)));
    }
}
