package kagami.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random rules × random events: the compiled engine (Aho–Corasick literals, globs, simplified and reordered
 * conditions) must agree with a plain interpreter of the specification written here independently.
 */
class CompiledMatchesReferenceProperty {
    static final List<String> FIELDS = List.of("A", "B", "C");
    static final List<String> MODIFIERS = List.of("", "|contains", "|startswith", "|endswith", "|contains|all");
    static final List<String> CONDITIONS = List.of("s1", "s1 and s2", "s1 or s2", "s1 and not s2",
            "not (s1 or s2)", "1 of s*", "all of s*", "1 of them", "s2 or not s1");

    record Item(String field, String modifier, List<String> values) {
    }

    record Case(List<List<Item>> selections, String condition, Map<String, Object> event) {
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<String> value = Arbitraries.strings().withChars("abAB-*?").ofMinLength(0).ofMaxLength(4);
        Arbitrary<Item> item = Combinators.combine(Arbitraries.of(FIELDS), Arbitraries.of(MODIFIERS),
                value.list().ofMinSize(1).ofMaxSize(3)).as(Item::new);
        Arbitrary<List<Item>> selection = item.list().ofMinSize(1).ofMaxSize(2)
                .filter(l -> l.stream().map(Item::field).distinct().count() == l.size());
        Arbitrary<Map<String, Object>> event = Arbitraries.maps(Arbitraries.of(FIELDS),
                Arbitraries.strings().withChars("abAB-x").ofMaxLength(6).map(s -> (Object) s)).ofMaxSize(3);
        return Combinators.combine(selection.list().ofSize(2), Arbitraries.of(CONDITIONS), event).as(Case::new);
    }

    @Property(tries = 400)
    void compiledEngineAgreesWithReferenceInterpreter(@ForAll("cases") Case c) {
        StringBuilder det = new StringBuilder();
        for (int i = 0; i < c.selections().size(); i++) {
            det.append("s").append(i + 1).append(":\n");
            for (Item it : c.selections().get(i)) {
                det.append("  ").append(it.field()).append(it.modifier()).append(":\n");
                for (String v : it.values()) {
                    det.append("    - '").append(v).append("'\n");
                }
            }
        }
        det.append("condition: ").append(c.condition());
        boolean engine = Rules.fires(det.toString(), c.event());
        boolean reference = Reference.condition(c.condition(), c.selections(), c.event());
        assertThat(engine).as(det + "\nevent " + c.event()).isEqualTo(reference);
    }

    /** The specification, read literally, without any of the engine's machinery. */
    static final class Reference {
        static boolean condition(String cond, List<List<Item>> sels, Map<String, Object> e) {
            boolean s1 = selection(sels.get(0), e);
            boolean s2 = selection(sels.get(1), e);
            return switch (cond) {
                case "s1" -> s1;
                case "s1 and s2", "all of s*" -> s1 && s2;
                case "s1 or s2", "1 of s*", "1 of them" -> s1 || s2;
                case "s1 and not s2" -> s1 && !s2;
                case "not (s1 or s2)" -> !(s1 || s2);
                default -> s2 || !s1;
            };
        }

        static boolean selection(List<Item> items, Map<String, Object> e) {
            for (Item it : items) {
                if (!item(it, e)) {
                    return false;
                }
            }
            return true;
        }

        static boolean item(Item it, Map<String, Object> e) {
            Object v = e.get(it.field());
            boolean all = it.modifier().endsWith("|all") && it.values().size() > 1;
            List<Boolean> results = new ArrayList<>();
            for (String value : it.values()) {
                String pattern = switch (it.modifier()) {
                    case "|contains", "|contains|all" -> "*" + value + "*";
                    case "|startswith" -> value + "*";
                    case "|endswith" -> "*" + value;
                    default -> value;
                };
                results.add(v != null && glob(pattern, v.toString()));
            }
            return all ? !results.contains(false) : results.contains(true);
        }

        static boolean glob(String pattern, String s) {
            StringBuilder re = new StringBuilder();
            for (char ch : pattern.toCharArray()) {
                if (ch == '*') {
                    re.append(".*");
                } else if (ch == '?') {
                    re.append('.');
                } else {
                    re.append(Pattern.quote(String.valueOf(ch)));
                }
            }
            return Pattern.compile(re.toString(), Pattern.DOTALL)
                    .matcher(s.toLowerCase(Locale.ROOT)).matches() || Pattern.compile(re.toString(),
                    Pattern.DOTALL | Pattern.CASE_INSENSITIVE).matcher(s).matches();
        }
    }

    static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
