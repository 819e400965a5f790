package kagami.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import kagami.sigma.compile.CompiledRuleSet;

/** Meta filters (Sigma filters specification): ANDed-NOT into the rules they name, by id or name or logsource. */
class MetaFilterTest {
    static final String RULE = """
            title: whoami
            id: 5a1c2f0e-0000-4000-8000-000000000001
            name: whoami_exec
            logsource: {product: windows, category: process_creation}
            detection:
              sel: {Image|endswith: '\\\\whoami.exe'}
              condition: sel
            level: medium
            """;

    static boolean fires(String yaml, Map<String, Object> fields) {
        CompiledRuleSet c = Rules.compile(yaml);
        return !Rules.match(c, Rules.event(fields)).isEmpty();
    }

    @Test
    void filterNamingTheRuleByIdSuppressesItsMatches() {
        String filter = """
                title: admin jump host
                logsource: {product: windows, category: process_creation}
                filter:
                  rules: [5a1c2f0e-0000-4000-8000-000000000001]
                  sel: {Computer: 'JUMP01'}
                  condition: sel
                """;
        String yaml = RULE + "---\n" + filter;
        assertThat(fires(yaml, Map.of("Image", "C:\\Windows\\System32\\whoami.exe", "Computer", "JUMP01"))).isFalse();
        assertThat(fires(yaml, Map.of("Image", "C:\\Windows\\System32\\whoami.exe", "Computer", "WS07"))).isTrue();
    }

    @Test
    void filterByNameAndFilterForAnotherRuleLeaveEachOther() {
        String byName = """
                title: by name
                logsource: {product: windows}
                filter:
                  rules: whoami_exec
                  sel: {User|contains: 'svc_'}
                  condition: sel
                """;
        String other = """
                title: other
                logsource: {product: windows}
                filter:
                  rules: [some-other-rule]
                  sel: {Image|endswith: '\\\\whoami.exe'}
                  condition: sel
                """;
        String yaml = RULE + "---\n" + byName + "---\n" + other;
        assertThat(fires(yaml, Map.of("Image", "x\\whoami.exe", "User", "CORP\\svc_backup"))).isFalse();
        assertThat(fires(yaml, Map.of("Image", "x\\whoami.exe", "User", "CORP\\alice"))).isTrue();
    }

    @Test
    void filterWithoutRulesAppliesToRulesOfItsLogsource() {
        String all = """
                title: all process creation
                logsource: {product: windows, category: process_creation}
                filter:
                  sel: {ParentImage|endswith: '\\\\sccm.exe'}
                  condition: sel
                """;
        String yaml = RULE + "---\n" + all;
        assertThat(fires(yaml, Map.of("Image", "x\\whoami.exe", "ParentImage", "c:\\sccm.exe"))).isFalse();
        assertThat(fires(yaml.replace("category: process_creation}\nfilter", "category: image_load}\nfilter"),
                Map.of("Image", "x\\whoami.exe", "ParentImage", "c:\\sccm.exe"))).isTrue();
    }

    @Test
    void nOfWithCountsBetweenOneAndAll() {
        String d = "a:\n  A: '1'\nb:\n  B: '1'\nc:\n  C: '1'\ncondition: 2 of a or 2 of them";
        String three = "a:\n  A: '1'\nb:\n  B: '1'\nc:\n  C: '1'\ncondition: 2 of them";
        assertThat(Rules.fires(three, Map.of("A", "1", "C", "1"))).isTrue();
        assertThat(Rules.fires(three, Map.of("A", "1"))).isFalse();
        assertThat(Rules.fires(d, Map.of("A", "1"))).isFalse();
    }
}
