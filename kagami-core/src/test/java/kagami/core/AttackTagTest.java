package kagami.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AttackTagTest {
    @Test
    void parsesTechniquesTacticsGroupsAndSoftware() {
        assertThat(AttackTag.parse("attack.t1059.001")).contains(new AttackTag(AttackTag.Kind.TECHNIQUE, "T1059.001"));
        assertThat(AttackTag.parse("attack.initial_access")).contains(new AttackTag(AttackTag.Kind.TACTIC, "initial-access"));
        assertThat(AttackTag.parse("attack.g1054")).contains(new AttackTag(AttackTag.Kind.GROUP, "G1054"));
        assertThat(AttackTag.parse("attack.s0275")).contains(new AttackTag(AttackTag.Kind.SOFTWARE, "S0275"));
    }

    @Test
    void ignoresOtherNamespaces() {
        assertThat(AttackTag.parse("cve.2023-27997")).isEmpty();
        assertThat(AttackTag.parse("detection.emerging-threats")).isEmpty();
        assertThat(AttackTag.parse("attack.t12")).isEmpty();
    }

    @Test
    void parentTechniqueDropsSubTechnique() {
        assertThat(AttackTag.parse("attack.t1059.001").orElseThrow().parentTechnique()).isEqualTo("T1059");
    }
}
