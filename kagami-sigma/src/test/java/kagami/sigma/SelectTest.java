package kagami.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import kagami.core.Detection;
import kagami.sigma.compile.CompiledRuleSet;
import kagami.sigma.rule.RuleMeta;

/** Choosing among compiled rules ({@link CompiledRuleSet#select}) behaves as compiling only the chosen ones. */
class SelectTest {
    static final String RULES = """
            title: whoami
            id: r-whoami
            logsource: {product: windows, category: process_creation}
            detection:
              sel: {Image|endswith: '\\\\whoami.exe'}
              condition: sel
            level: medium
            ---
            title: keywords anywhere
            id: r-keywords
            logsource: {product: windows}
            detection:
              keywords: ['whoami']
              condition: keywords
            level: high
            ---
            title: needs placeholder values
            id: r-expand
            logsource: {product: windows, service: security}
            detection:
              sel: {Computer|expand: '%dcs%'}
              condition: sel
            level: low
            ---
            title: many whoami
            id: c-whoami
            correlation:
              type: event_count
              rules: [r-whoami]
              group-by: [Computer]
              timespan: 1h
              condition: {gte: 2}
            level: high
            """;

    static CompiledRuleSet all() {
        RuleSet rs = SigmaRules.parse(RULES, "rules.yml", LoadOptions.defaults());
        assertThat(rs.errors()).isEmpty();
        return rs.compile(kagami.sigma.logsource.Pipeline.windows());
    }

    static List<String> fired(CompiledRuleSet c) {
        List<String> out = new java.util.ArrayList<>();
        c.newMatcher().match(Rules.event(Map.of("Image", "C:\\Windows\\System32\\whoami.exe")),
                (Detection d) -> out.add(d.ruleId()));
        return out;
    }

    @Test
    void selectedSetSeesOnlyTheChosenRules() {
        CompiledRuleSet all = all();
        assertThat(all.detectionRules()).extracting(RuleMeta::key).containsExactly("r-whoami", "r-keywords", "r-expand");
        assertThat(fired(all)).containsExactlyInAnyOrder("r-whoami", "r-keywords");
        assertThat(all.errors()).hasSize(1);

        CompiledRuleSet whoami = all.select(m -> m.key().equals("r-whoami"), m -> true);
        assertThat(fired(whoami)).containsExactly("r-whoami");
        assertThat(whoami.rules()).containsOnlyKeys("r-whoami");
        assertThat(whoami.ruleCount()).isEqualTo(1);
        assertThat(whoami.errors()).isEmpty();
        assertThat(whoami.correlations()).extracting(c -> c.meta().key()).containsExactly("c-whoami");
        assertThat(whoami.rule("r-keywords")).isEmpty();
        assertThat(whoami.detectionRules()).extracting(RuleMeta::key).containsExactly("r-whoami");

        CompiledRuleSet expandOnly = all.select(m -> m.key().equals("r-expand"), m -> false);
        assertThat(fired(expandOnly)).isEmpty();
        assertThat(expandOnly.errors()).hasSize(1);
        assertThat(expandOnly.correlations()).isEmpty();
        assertThat(expandOnly.select(m -> true, m -> true).ruleCount()).as("a selection only narrows").isZero();
    }

    @Test
    void channelsAreThoseOfTheChosenActiveRules() {
        CompiledRuleSet all = all();
        assertThat(all.channels()).as("the keyword rule runs on every channel").isEmpty();
        Set<String> whoami = all.select(m -> m.key().equals("r-whoami"), m -> true).channels().orElseThrow();
        assertThat(whoami).contains("microsoft-windows-sysmon/operational", "security");
        assertThat(all.select(m -> false, m -> true).channels()).contains(Set.of());
    }
}
