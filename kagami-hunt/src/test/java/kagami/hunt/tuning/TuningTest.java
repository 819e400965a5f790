package kagami.hunt.tuning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;

import kagami.core.Level;
import org.junit.jupiter.api.Test;

class TuningTest {
    @Test
    void levelTuningOverridesNamedRulesOnly() throws IOException {
        LevelTuning t = LevelTuning.parse(new BufferedReader(new StringReader(
                "id,new_level\n# comment\nAAA-1, crit  # raise\nbbb-2\tinformational\n")));
        assertThat(t.apply("aaa-1", Level.LOW)).isEqualTo(Level.CRITICAL);
        assertThat(t.apply("BBB-2", Level.HIGH)).isEqualTo(Level.INFORMATIONAL);
        assertThat(t.apply("ccc", Level.MEDIUM)).isEqualTo(Level.MEDIUM);
        assertThatThrownBy(() -> LevelTuning.parse(new BufferedReader(new StringReader("x, severe\n"))))
                .hasMessageContaining("line 1").hasMessageContaining("severe");
    }

    @Test
    void exclusionsListRuleIdsWithComments() throws IOException {
        RuleExclusions x = RuleExclusions.parse(new BufferedReader(new StringReader(
                "\uFEFF# noisy here\n0001-abc # Some Title\n\n")));
        assertThat(x.excludes("0001-ABC")).isTrue();
        assertThat(x.excludes("0002")).isFalse();
        assertThat(x.size()).isEqualTo(1);
    }
}
