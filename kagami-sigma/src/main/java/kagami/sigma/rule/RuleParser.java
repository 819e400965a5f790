package kagami.sigma.rule;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import kagami.core.Level;
import kagami.sigma.SigmaException;
import kagami.sigma.condition.Condition;
import kagami.sigma.condition.ConditionParser;
import kagami.sigma.condition.ConditionSyntaxException;
import kagami.sigma.modifier.ValueModifier;

/**
 * Turns one YAML document into a {@link SigmaDocument}, checking it against the Sigma 2.1 specification: required
 * keys, known modifiers, conditions that parse and name existing identifiers, and bounded values.
 */
public final class RuleParser {
    /** Longest single value accepted in a rule, in characters (real rules stay under a few hundred). */
    public static final int MAX_VALUE_CHARS = 64 * 1024;
    /** Most values in one rule. */
    public static final int MAX_VALUES = 100_000;

    private static final Pattern TIMESPAN = Pattern.compile("(\\d{1,9})([smhdw])");

    private RuleParser() {
    }

    /** Parses {@code doc}, read from {@code file} at {@code line}; {@code defaultLicense} applies when the rule names none. */
    public static SigmaDocument parse(Object doc, String file, int line, String defaultLicense) throws SigmaException {
        if (!(doc instanceof YamlMap map)) {
            throw new SigmaException("a Sigma document must be a YAML mapping", line);
        }
        RuleMeta meta = meta(map, file, line, defaultLicense);
        if (map.containsKey("correlation")) {
            return correlation(map, meta);
        }
        if (map.containsKey("filter")) {
            return filter(map, meta);
        }
        if (!map.containsKey("detection")) {
            throw new SigmaException("rule has no 'detection' section", map.line());
        }
        if (!(map.get("logsource") instanceof YamlMap)) {
            throw new SigmaException("rule has no 'logsource' mapping", map.lineOf("logsource"));
        }
        LogSource ls = logsource((YamlMap) map.get("logsource"));
        if (!(map.get("detection") instanceof YamlMap det)) {
            throw new SigmaException("'detection' must be a mapping of search identifiers and a condition",
                    map.lineOf("detection"));
        }
        Map<String, SearchIdentifier> searches = new LinkedHashMap<>();
        int[] valueCount = {0};
        for (Map.Entry<String, Object> e : det.entrySet()) {
            String k = e.getKey();
            if (k.equals("condition") || k.equals("timeframe")) {
                continue;
            }
            searches.put(k, search(k, e.getValue(), det.lineOf(k), valueCount));
        }
        List<String> texts = conditionTexts(det);
        List<Condition> conditions = conditions(texts, searches, det.lineOf("condition"));
        return new SigmaDocument.DetectionRule(meta, ls, searches, conditions, texts, strings(map, "fields"));
    }

    private static RuleMeta meta(YamlMap map, String file, int line, String defaultLicense) throws SigmaException {
        Object title = map.get("title");
        if (!(title instanceof String t) || t.isBlank()) {
            throw new SigmaException("rule has no 'title'", map.lineOf("title"));
        }
        Level level = Level.MEDIUM;
        Object lv = map.get("level");
        if (lv != null) {
            level = Level.parse(lv.toString()).orElseThrow(() -> new SigmaException("unknown level '" + lv
                    + "' (use informational, low, medium, high or critical)", map.lineOf("level")));
        }
        String author;
        Object a = map.get("author");
        if (a instanceof List<?> l) {
            List<String> parts = new ArrayList<>();
            for (Object o : l) {
                parts.add(String.valueOf(o));
            }
            author = String.join(", ", parts);
        } else {
            author = a == null ? "" : a.toString();
        }
        String license = str(map, "license");
        return new RuleMeta(str(map, "id"), str(map, "name"), t.trim(), str(map, "status").toLowerCase(Locale.ROOT),
                level, str(map, "description"), author, strings(map, "references"), strings(map, "tags"),
                strings(map, "falsepositives"), str(map, "date"), str(map, "modified"),
                license.isEmpty() ? defaultLicense : license, file, line);
    }

    private static String str(YamlMap map, String key) {
        Object o = map.get(key);
        return o == null ? "" : o.toString();
    }

    private static List<String> strings(YamlMap map, String key) throws SigmaException {
        Object o = map.get(key);
        List<String> out = new ArrayList<>();
        if (o == null) {
            return out;
        }
        if (o instanceof List<?> l) {
            for (Object x : l) {
                if (x instanceof Map<?, ?> || x instanceof List<?>) {
                    throw new SigmaException("'" + key + "' must be a list of plain values", map.lineOf(key));
                }
                if (x != null) {
                    out.add(x.toString());
                }
            }
        } else if (o instanceof Map<?, ?>) {
            throw new SigmaException("'" + key + "' must be a list of plain values", map.lineOf(key));
        } else {
            out.add(o.toString());
        }
        return out;
    }

    private static LogSource logsource(YamlMap m) {
        return new LogSource(str(m, "product"), str(m, "service"), str(m, "category"));
    }

    private static List<String> conditionTexts(YamlMap det) throws SigmaException {
        Object c = det.get("condition");
        int line = det.lineOf("condition");
        if (c == null) {
            throw new SigmaException("'detection' has no 'condition'", det.line());
        }
        List<String> texts = new ArrayList<>();
        if (c instanceof List<?> l) {
            for (Object o : l) {
                if (!(o instanceof String s)) {
                    throw new SigmaException("each condition must be a string", line);
                }
                texts.add(s);
            }
            if (texts.isEmpty()) {
                throw new SigmaException("'condition' list is empty", line);
            }
        } else if (c instanceof String s) {
            texts.add(s);
        } else {
            throw new SigmaException("'condition' must be a string or a list of strings", line);
        }
        return texts;
    }

    private static List<Condition> conditions(List<String> texts, Map<String, SearchIdentifier> searches, int line)
            throws SigmaException {
        List<Condition> out = new ArrayList<>();
        for (String t : texts) {
            Condition c;
            try {
                c = ConditionParser.parse(t);
            } catch (ConditionSyntaxException e) {
                throw new SigmaException(e.getMessage(), line);
            }
            checkReferences(c, searches.keySet(), line);
            out.add(c);
        }
        return out;
    }

    private static void checkReferences(Condition c, Set<String> names, int line) throws SigmaException {
        if (c instanceof Condition.And a) {
            for (Condition x : a.operands()) {
                checkReferences(x, names, line);
            }
        } else if (c instanceof Condition.Or o) {
            for (Condition x : o.operands()) {
                checkReferences(x, names, line);
            }
        } else if (c instanceof Condition.Not n) {
            checkReferences(n.operand(), names, line);
        } else if (c instanceof Condition.Identifier i) {
            if (!names.contains(i.name())) {
                throw new SigmaException("condition refers to '" + i.name()
                        + "', which is not a search identifier of 'detection'", line);
            }
        } else if (c instanceof Condition.Quantified q) {
            if (IdentifierPattern.expand(q, names).isEmpty()) {
                throw new SigmaException("'" + (q.count() == Condition.Quantified.ALL ? "all" : q.count())
                        + " of " + q.pattern() + "' matches no search identifier", line);
            }
        }
    }

    private static SearchIdentifier search(String name, Object v, int line, int[] valueCount) throws SigmaException {
        if (v instanceof YamlMap m) {
            return fieldMap(m, valueCount);
        }
        if (v instanceof List<?> l) {
            if (l.isEmpty()) {
                throw new SigmaException("search identifier '" + name + "' is an empty list", line);
            }
            boolean maps = l.get(0) instanceof YamlMap;
            if (maps) {
                List<SearchIdentifier.FieldMap> fm = new ArrayList<>();
                for (Object o : l) {
                    if (!(o instanceof YamlMap m)) {
                        throw new SigmaException("search identifier '" + name
                                + "' mixes maps and plain values in one list", line);
                    }
                    fm.add(fieldMap(m, valueCount));
                }
                return new SearchIdentifier.MapList(fm, line);
            }
            List<Object> values = new ArrayList<>();
            for (Object o : l) {
                if (o instanceof Map<?, ?> || o instanceof List<?>) {
                    throw new SigmaException("search identifier '" + name
                            + "' mixes maps and plain values in one list", line);
                }
                values.add(value(o, line, valueCount));
            }
            return new SearchIdentifier.Keywords(new SearchIdentifier.FieldItem("", List.of(), values, line), line);
        }
        if (v == null) {
            throw new SigmaException("search identifier '" + name + "' is empty", line);
        }
        return new SearchIdentifier.Keywords(
                new SearchIdentifier.FieldItem("", List.of(), List.of(value(v, line, valueCount)), line), line);
    }

    private static SearchIdentifier.FieldMap fieldMap(YamlMap m, int[] valueCount) throws SigmaException {
        List<SearchIdentifier.FieldItem> items = new ArrayList<>();
        if (m.isEmpty()) {
            throw new SigmaException("empty search map", m.line());
        }
        for (Map.Entry<String, Object> e : m.entrySet()) {
            int line = m.lineOf(e.getKey());
            String[] parts = e.getKey().split("\\|", -1);
            String field = parts[0].trim();
            List<String> mods = new ArrayList<>();
            for (int i = 1; i < parts.length; i++) {
                String mod = parts[i].trim().toLowerCase(Locale.ROOT);
                if (ValueModifier.parse(mod).isEmpty()) {
                    throw new SigmaException("unknown value modifier '" + parts[i] + "' in '" + e.getKey() + "'", line);
                }
                mods.add(mod);
            }
            List<Object> values = new ArrayList<>();
            Object v = e.getValue();
            if (v instanceof List<?> l) {
                if (l.isEmpty()) {
                    throw new SigmaException("'" + e.getKey() + "' has an empty list of values", line);
                }
                for (Object o : l) {
                    if (o instanceof Map<?, ?> || o instanceof List<?>) {
                        throw new SigmaException("'" + e.getKey() + "': values must be plain, not maps or lists", line);
                    }
                    values.add(value(o, line, valueCount));
                }
            } else if (v instanceof Map<?, ?>) {
                throw new SigmaException("'" + e.getKey() + "': a value must be plain or a list, not a map", line);
            } else {
                values.add(value(v, line, valueCount));
            }
            items.add(new SearchIdentifier.FieldItem(field, mods, values, line));
        }
        return new SearchIdentifier.FieldMap(items, m.line());
    }

    private static Object value(Object o, int line, int[] valueCount) throws SigmaException {
        if (++valueCount[0] > MAX_VALUES) {
            throw new SigmaException("rule has more than " + MAX_VALUES + " values", line);
        }
        if (o instanceof String s && s.length() > MAX_VALUE_CHARS) {
            throw new SigmaException("a value of " + s.length() + " characters exceeds the limit of "
                    + MAX_VALUE_CHARS, line);
        }
        return o;
    }

    private static SigmaDocument correlation(YamlMap map, RuleMeta meta) throws SigmaException {
        if (!(map.get("correlation") instanceof YamlMap c)) {
            throw new SigmaException("'correlation' must be a mapping", map.lineOf("correlation"));
        }
        Object t = c.get("type");
        SigmaDocument.CorrelationType type;
        try {
            type = SigmaDocument.CorrelationType.valueOf(String.valueOf(t).trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new SigmaException("unknown correlation type '" + t + "' (use event_count, value_count, temporal, "
                    + "temporal_ordered, value_sum, value_avg or value_percentile)", c.lineOf("type"));
        }
        List<String> rules = strings(c, "rules");
        if (rules.isEmpty()) {
            throw new SigmaException("correlation names no 'rules'", c.lineOf("rules"));
        }
        Object ts = c.get("timespan");
        if (ts == null) {
            ts = c.get("timeframe");
        }
        Matcher tm = ts == null ? null : TIMESPAN.matcher(ts.toString().trim());
        if (tm == null || !tm.matches()) {
            throw new SigmaException("correlation 'timespan' must be a number and a unit s, m, h, d or w (e.g. 10m); "
                    + "got '" + ts + "'", c.lineOf("timespan"));
        }
        long n = Long.parseLong(tm.group(1));
        Duration timespan = switch (tm.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofDays(7 * n);
        };
        Map<String, Double> cond = new LinkedHashMap<>();
        String field = "";
        Object co = c.get("condition");
        if (co instanceof YamlMap cm) {
            for (Map.Entry<String, Object> e : cm.entrySet()) {
                String op = e.getKey().toLowerCase(Locale.ROOT);
                if (op.equals("field")) {
                    field = String.valueOf(e.getValue());
                    continue;
                }
                if (!Set.of("gt", "gte", "lt", "lte", "eq", "neq").contains(op)) {
                    throw new SigmaException("unknown correlation condition '" + e.getKey()
                            + "' (use gt, gte, lt, lte, eq, neq, field)", cm.lineOf(e.getKey()));
                }
                if (!(e.getValue() instanceof Number num)) {
                    throw new SigmaException("correlation condition '" + op + "' needs a number", cm.lineOf(e.getKey()));
                }
                cond.put(op, num.doubleValue());
            }
        } else if (co != null) {
            throw new SigmaException("correlation 'condition' must be a mapping such as {gte: 10}", c.lineOf("condition"));
        }
        boolean temporal = type == SigmaDocument.CorrelationType.TEMPORAL
                || type == SigmaDocument.CorrelationType.TEMPORAL_ORDERED;
        if (cond.isEmpty() && !temporal) {
            throw new SigmaException("correlation type " + type.sigmaName() + " needs a 'condition'", c.line());
        }
        if (type.needsField() && field.isEmpty()) {
            throw new SigmaException("correlation type " + type.sigmaName() + " needs 'field' in its condition",
                    c.lineOf("condition"));
        }
        Map<String, Map<String, String>> aliases = new LinkedHashMap<>();
        if (c.get("aliases") instanceof YamlMap am) {
            for (Map.Entry<String, Object> e : am.entrySet()) {
                if (!(e.getValue() instanceof YamlMap per)) {
                    throw new SigmaException("alias '" + e.getKey() + "' must map rule names to field names",
                            am.lineOf(e.getKey()));
                }
                Map<String, String> m = new LinkedHashMap<>();
                for (Map.Entry<String, Object> pe : per.entrySet()) {
                    m.put(pe.getKey(), String.valueOf(pe.getValue()));
                }
                aliases.put(e.getKey(), Map.copyOf(m));
            }
        }
        Object gen = c.containsKey("generate") ? c.get("generate") : map.get("generate");
        return new SigmaDocument.CorrelationRule(meta, type, rules, new ArrayList<>(new LinkedHashSet<>(strings(c, "group-by"))),
                timespan, cond, field, aliases, Boolean.TRUE.equals(gen));
    }

    private static SigmaDocument filter(YamlMap map, RuleMeta meta) throws SigmaException {
        if (!(map.get("filter") instanceof YamlMap f)) {
            throw new SigmaException("'filter' must be a mapping", map.lineOf("filter"));
        }
        LogSource ls = map.get("logsource") instanceof YamlMap lm ? logsource(lm) : new LogSource("", "", "");
        List<String> rules = strings(f, "rules");
        Map<String, SearchIdentifier> searches = new LinkedHashMap<>();
        int[] valueCount = {0};
        for (Map.Entry<String, Object> e : f.entrySet()) {
            if (e.getKey().equals("rules") || e.getKey().equals("condition")) {
                continue;
            }
            searches.put(e.getKey(), search(e.getKey(), e.getValue(), f.lineOf(e.getKey()), valueCount));
        }
        List<Condition> conditions = conditions(conditionTexts(f), searches, f.lineOf("condition"));
        return new SigmaDocument.FilterRule(meta, ls, rules, searches, conditions);
    }
}
