package kagami.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import kagami.sigma.logsource.Pipeline;

/** Rules written to hurt the engine are rejected or bounded with a clear message; nothing hangs or crashes. */
class HostileRuleTest {

    static RuleSet parse(String yaml) {
        return SigmaRules.parse(yaml, "hostile.yml", LoadOptions.defaults());
    }

    @Test
    void catastrophicRegexRunsInLinearTime() {
        String rule = Rules.rule("s:\n  C|re: '^(a+)+$'\ncondition: s");
        String evil = "a".repeat(100_000) + "!";
        assertThat(Rules.match(Rules.compile(rule), Rules.event(Map.of("C", evil)))).isEmpty();
        assertThat(Rules.match(Rules.compile(rule), Rules.event(Map.of("C", "aaaa")))).hasSize(1);
    }

    @Test
    void regexOutsideRe2IsBoundedOnTheFallbackEngine() {
        // back-reference: not expressible in RE2, exponential in a backtracking engine on this input
        String rule = Rules.rule("s:\n  C|re: '^((a+)+)\\1$'\ncondition: s");
        var compiled = Rules.compile(rule);
        assertThat(compiled.regexFallbacks()).isEqualTo(1);
        assertThat(Rules.match(compiled, Rules.event(Map.of("C", "a".repeat(5000) + "b")))).isEmpty();
        assertThat(Rules.match(compiled, Rules.event(Map.of("C", "aaaa")))).hasSize(1);
    }

    @Test
    void tenMegabyteValueIsRejected() {
        String big = "x".repeat(10 * 1024 * 1024);
        RuleSet r = parse(Rules.rule("s:\n  C: '" + big + "'\ncondition: s"));
        assertThat(r.detectionRules()).isEmpty();
        assertThat(r.errors()).singleElement().satisfies(e -> assertThat(e.reason()).contains("characters"));
    }

    @Test
    void largeButAllowedValueStillCompiles() {
        String v = "y".repeat(60_000);
        var c = Rules.compile(Rules.rule("s:\n  C|contains: '" + v + "'\ncondition: s"));
        assertThat(Rules.match(c, Rules.event(Map.of("C", "<" + v + ">")))).hasSize(1);
    }

    @Test
    void conditionNestedTenThousandDeepIsRejected() {
        String cond = "(".repeat(10_000) + "s" + ")".repeat(10_000);
        RuleSet r = parse(Rules.rule("s:\n  C: x\ncondition: '" + cond + "'"));
        assertThat(r.errors()).singleElement().satisfies(e -> assertThat(e.reason()).contains("nested deeper"));
        String nots = "not ".repeat(10_000) + "s";
        RuleSet r2 = parse(Rules.rule("s:\n  C: x\ncondition: '" + nots + "'"));
        assertThat(r2.errors()).singleElement().satisfies(e -> assertThat(e.reason()).contains("nested deeper"));
    }

    @Test
    void yamlNestedTenThousandDeepIsRejected() {
        String deep = "[".repeat(10_000) + "]".repeat(10_000);
        RuleSet r = parse("title: t\nlogsource: {product: windows}\ndetection:\n  s:\n    C: " + deep + "\n  condition: s\n");
        assertThat(r.documents()).isEmpty();
        assertThat(r.errors()).hasSize(1);
    }

    @Test
    void billionLaughsIsRejected() {
        StringBuilder b = new StringBuilder("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int i = 1; i < 10; i++) {
            b.append("a").append(i).append(": &a").append(i).append(" [");
            for (int j = 0; j < 9; j++) {
                b.append(j > 0 ? ", " : "").append("*a").append(i - 1);
            }
            b.append("]\n");
        }
        b.append("title: bomb\nlogsource: {product: windows}\ndetection:\n  s:\n    C: *a9\n  condition: s\n");
        RuleSet r = parse(b.toString());
        assertThat(r.documents()).isEmpty();
        assertThat(r.errors()).singleElement().satisfies(e -> assertThat(e.reason()).containsIgnoringCase("alias"));
    }

    @Test
    void doublingAliasChainWithinTheAliasLimitIsStillBounded() {
        StringBuilder b = new StringBuilder("a0: &a0 [x, x]\n");
        for (int i = 1; i < 16; i++) {
            b.append("a").append(i).append(": &a").append(i).append(" [*a").append(i - 1).append(", *a")
                    .append(i - 1).append("]\n");
        }
        b.append("title: t\nlogsource: {product: windows}\ndetection:\n  s:\n    C: x\n  condition: s\n");
        RuleSet r = parse(b.toString());
        assertThat(r.documents()).isEmpty();
        assertThat(r.errors()).singleElement().satisfies(e -> assertThat(e.reason()).contains("expands to more than"));
    }

    @Test
    void garbageAndWrongShapesGiveErrorsNotExceptions() {
        assertThat(parse("\u0000\u0001\u0002: [").errors()).hasSize(1);
        assertThat(parse("- a\n- b\n").errors()).singleElement()
                .satisfies(e -> assertThat(e.reason()).contains("mapping"));
        assertThat(parse(Rules.rule("s:\n  C|nosuchmodifier: x\ncondition: s")).errors()).singleElement()
                .satisfies(e -> assertThat(e.reason()).contains("nosuchmodifier"));
        assertThat(parse(Rules.rule("s:\n  C: x\ncondition: s | count() > 5")).errors()).singleElement()
                .satisfies(e -> assertThat(e.reason()).contains("correlation"));
        var bad = parse(Rules.rule("s:\n  C|re: '(unclosed'\ncondition: s")).compile(Pipeline.windows());
        assertThat(bad.errors()).singleElement().satisfies(e -> assertThat(e.reason()).contains("regular expression"));
    }
}
