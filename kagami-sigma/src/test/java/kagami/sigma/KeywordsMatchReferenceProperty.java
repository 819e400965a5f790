package kagami.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Keyword lists (a search identifier that is a plain list: "search the whole record") in random rules × random
 * events: the compiled engine (shift table or automaton per list, per-event results shared between identical
 * lists, numeric fields skipped when no keyword can occur in a number) agrees with a plain reading of the
 * specification: a keyword occurs when some field value, as text, contains it, case-insensitively unless
 * {@code cased}; {@code |all} needs every keyword somewhere in the event.
 */
class KeywordsMatchReferenceProperty {
    /** Characters with case pairs, folding oddities (Kelvin sign, dotted/dotless i, long s), digits and '-'. */
    static final String CHARS = "abAB:kK12-\u0130\u0131\u017F\u212A\u00E9 ";
    static final List<String> FIELDS = List.of("A", "B", "C", "D");

    record Search(List<String> keywords, boolean all, boolean cased) {
    }

    record Case(Search first, Search second, String condition, Map<String, Object> event) {
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<String> keyword = Arbitraries.oneOf(
                Arbitraries.strings().withChars(CHARS).ofMinLength(1).ofMaxLength(6),
                Arbitraries.strings().withChars("12-").ofMinLength(1).ofMaxLength(3));
        Arbitrary<Search> search = Combinators.combine(keyword.list().ofMinSize(1).ofMaxSize(4),
                Arbitraries.of(true, false), Arbitraries.frequency(Tuple.of(7, false), Tuple.of(3, true)))
                .as(Search::new);
        Arbitrary<Object> value = Arbitraries.oneOf(
                Arbitraries.strings().withChars(CHARS).ofMaxLength(14).map(s -> (Object) s),
                Arbitraries.longs().between(-2_000, 2_000_000).map(l -> (Object) l),
                Arbitraries.of(Boolean.TRUE, Boolean.FALSE).map(b -> (Object) b),
                Arbitraries.strings().withChars(CHARS).ofMaxLength(8).list().ofMaxSize(3).map(l -> (Object) l))
                .injectNull(0.1);
        Arbitrary<Map<String, Object>> event = Arbitraries.maps(Arbitraries.of(FIELDS), value).ofMaxSize(4);
        return Combinators.combine(search, search,
                Arbitraries.of("k1", "k1 and k2", "k1 or k2", "k1 and not k2", "k1 or k1"), event).as(Case::new);
    }

    @Property(tries = 600)
    void compiledKeywordSearchAgreesWithReference(@ForAll("cases") Case c) {
        String det = "k1:\n" + list(c.first()) + "k2:\n" + list(c.second()) + "condition: " + c.condition();
        boolean k1 = found(c.first(), c.event());
        boolean k2 = found(c.second(), c.event());
        boolean expected = switch (c.condition()) {
            case "k1 and k2" -> k1 && k2;
            case "k1 or k2" -> k1 || k2;
            case "k1 and not k2" -> k1 && !k2;
            default -> k1;
        };
        assertThat(Rules.fires(det, c.event())).as(det + "\nevent " + c.event()).isEqualTo(expected);
    }

    private static String list(Search s) {
        String mods = (s.cased() ? "|cased" : "") + (s.all() ? "|all" : "");
        StringBuilder b = new StringBuilder();
        String indent = "  ";
        if (!mods.isEmpty()) {
            b.append("  '").append(mods).append("':\n");
            indent = "    ";
        }
        for (String k : s.keywords()) {
            b.append(indent).append("- '").append(k.replace("'", "''")).append("'\n");
        }
        return b.toString();
    }

    /** Every value of the event as text, the way all Kagami consumers write it (Long decimal, lists by element). */
    static List<String> texts(Map<String, Object> event) {
        List<String> out = new ArrayList<>();
        for (Object v : event.values()) {
            if (v instanceof List<?> l) {
                for (Object o : l) {
                    if (o != null) {
                        out.add(o.toString());
                    }
                }
            } else if (v != null) {
                out.add(v.toString());
            }
        }
        return out;
    }

    static boolean found(Search s, Map<String, Object> event) {
        List<String> texts = texts(event);
        List<Boolean> each = new ArrayList<>();
        for (String k : s.keywords()) {
            boolean in = false;
            for (String t : texts) {
                for (int i = 0; i + k.length() <= t.length() && !in; i++) {
                    in = t.regionMatches(!s.cased(), i, k, 0, k.length());
                }
            }
            each.add(in);
        }
        boolean all = s.all() && s.keywords().size() > 1;
        return all ? !each.contains(false) : each.contains(true);
    }
}
