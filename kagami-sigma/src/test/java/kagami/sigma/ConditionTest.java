package kagami.sigma;

import static kagami.sigma.Rules.fires;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** Condition forms of the Sigma specification: and/or/not, parentheses, precedence, x of, them, lists. */
class ConditionTest {
    static final String SEARCHES = "sel_a:\n  A: '1'\nsel_b:\n  B: '1'\n_x:\n  X: '1'\n";

    static boolean eval(String condition, Map<String, Object> fields) {
        return fires(SEARCHES + "condition: " + condition, fields);
    }

    @Test
    void andOrNotWithPrecedence() {
        assertThat(eval("sel_a and sel_b", Map.of("A", "1", "B", "1"))).isTrue();
        assertThat(eval("sel_a and sel_b", Map.of("A", "1"))).isFalse();
        assertThat(eval("sel_a or sel_b", Map.of("B", "1"))).isTrue();
        assertThat(eval("not sel_a", Map.of("B", "1"))).isTrue();
        // or binds looser than and: A or (B and X)
        assertThat(eval("sel_a or sel_b and _x", Map.of("A", "1"))).isTrue();
        assertThat(eval("(sel_a or sel_b) and _x", Map.of("A", "1"))).isFalse();
        // not binds tighter than and
        assertThat(eval("not sel_a and sel_b", Map.of("A", "1", "B", "1"))).isFalse();
    }

    @Test
    void oneOfAndAllOfWithWildcards() {
        assertThat(eval("1 of sel_*", Map.of("B", "1"))).isTrue();
        assertThat(eval("all of sel_*", Map.of("B", "1"))).isFalse();
        assertThat(eval("all of sel_*", Map.of("A", "1", "B", "1"))).isTrue();
        assertThat(eval("1 of *_b", Map.of("B", "1"))).isTrue();
    }

    @Test
    void themSkipsUnderscoreIdentifiers() {
        assertThat(eval("1 of them", Map.of("X", "1"))).isFalse();
        assertThat(eval("all of them", Map.of("A", "1", "B", "1"))).isTrue();
        assertThat(eval("1 of them and _x", Map.of("A", "1", "X", "1"))).isTrue();
    }

    @Test
    void conditionListIsOred() {
        assertThat(fires(SEARCHES + "condition:\n  - sel_a\n  - sel_b", Map.of("B", "1"))).isTrue();
        assertThat(fires(SEARCHES + "condition:\n  - sel_a\n  - sel_b", Map.of("X", "1"))).isFalse();
    }

    @Test
    void listOfMapsIsOredAndMapIsAnded() {
        String d = "s:\n  - A: '1'\n    B: '1'\n  - X: '1'\ncondition: s";
        assertThat(fires(d, Map.of("A", "1"))).isFalse();
        assertThat(fires(d, Map.of("A", "1", "B", "1"))).isTrue();
        assertThat(fires(d, Map.of("X", "1"))).isTrue();
    }

    @Test
    void unknownIdentifierIsALoadError() {
        RuleSet r = SigmaRules.parse(Rules.rule("s:\n  A: 1\ncondition: s and nope"), "x.yml", LoadOptions.defaults());
        assertThat(r.errors()).singleElement().satisfies(e -> {
            assertThat(e.reason()).contains("nope");
            assertThat(e.line()).isEqualTo(8);
        });
    }
}
