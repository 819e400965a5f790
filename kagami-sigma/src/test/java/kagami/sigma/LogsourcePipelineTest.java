package kagami.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import kagami.core.Event;
import kagami.sigma.compile.CompiledRuleSet;
import kagami.sigma.logsource.LogsourceVariant;
import kagami.sigma.logsource.Pipeline;
import kagami.sigma.rule.LogSource;

/** Runtime logsource resolution with field and value rewrites, candidate indexing, serialisation. */
class LogsourcePipelineTest {
    static final String PROC = """
            title: cmd spawned by office
            id: p1
            logsource: {product: windows, category: process_creation}
            detection:
              sel:
                Image|endswith: '\\cmd.exe'
                ParentImage|endswith: '\\winword.exe'
              condition: sel
            level: high
            """;

    static Event event(String channel, int id, Map<String, Object> fields) {
        Event.Builder b = Event.builder().channel(channel).eventId(id).field("EventID", (long) id);
        fields.forEach(b::field);
        return b.build();
    }

    @Test
    void processCreationAlsoMatchesSecurity4688WithRenamedFields() {
        CompiledRuleSet c = Rules.compile(PROC);
        assertThat(c.variantCount()).isEqualTo(2);
        Map<String, Object> sysmon = Map.of("Image", "C:\\Windows\\System32\\cmd.exe",
                "ParentImage", "C:\\Program Files\\Microsoft Office\\WINWORD.EXE");
        assertThat(Rules.match(c, event("Microsoft-Windows-Sysmon/Operational", 1, sysmon))).hasSize(1);
        Map<String, Object> security = Map.of("NewProcessName", "C:\\Windows\\System32\\cmd.exe",
                "ParentProcessName", "C:\\Program Files\\Microsoft Office\\WINWORD.EXE");
        assertThat(Rules.match(c, event("Security", 4688, security))).hasSize(1);
        // the same fields in the wrong event are not looked at: the rule is indexed under Sysmon 1 and Security 4688
        assertThat(Rules.match(c, event("Security", 4624, security))).isEmpty();
        assertThat(Rules.match(c, event("Microsoft-Windows-Sysmon/Operational", 3, sysmon))).isEmpty();
    }

    @Test
    void valueRewriteMapsIntegrityLevelToTheMandatoryLabelSid() {
        CompiledRuleSet c = Rules.compile(PROC.replace("ParentImage|endswith: '\\winword.exe'", "IntegrityLevel: High"));
        assertThat(Rules.match(c, event("Security", 4688, Map.of("NewProcessName", "x\\cmd.exe",
                "MandatoryLabel", "S-1-16-12288")))).hasSize(1);
        assertThat(Rules.match(c, event("Microsoft-Windows-Sysmon/Operational", 1, Map.of("Image", "x\\cmd.exe",
                "IntegrityLevel", "High")))).hasSize(1);
    }

    @Test
    void filterOnAFieldTheSourceDoesNotRecordDropsThatSourceInsteadOfFiringMore() {
        String rule = PROC.replace("  condition: sel", "  filter:\n    OriginalFileName: 'Cmd.Exe'\n  condition: sel and not filter");
        CompiledRuleSet c = Rules.compile(rule);
        assertThat(c.variantCount()).isEqualTo(1); // Sysmon only: 4688 has no OriginalFileName to filter on
        String positive = PROC.replace("Image|endswith: '\\cmd.exe'", "OriginalFileName: 'Cmd.Exe'");
        // an ANDed unavailable field just never matches there: the 4688 variant is dropped as always false
        assertThat(Rules.compile(positive).variantCount()).isEqualTo(1);
    }

    @Test
    void categoryConditionsAndDefenderFieldAliases() {
        String add = """
                title: key created
                id: r1
                logsource: {product: windows, category: registry_add}
                detection:
                  sel: {TargetObject|contains: '\\Run\\'}
                  condition: sel
                """;
        CompiledRuleSet c = Rules.compile(add);
        Map<String, Object> key = Map.of("TargetObject", "HKU\\S\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\\x");
        assertThat(Rules.match(c, event("Microsoft-Windows-Sysmon/Operational", 12,
                Map.of("EventType", "CreateKey", "TargetObject", key.get("TargetObject"))))).hasSize(1);
        assertThat(Rules.match(c, event("Microsoft-Windows-Sysmon/Operational", 12,
                Map.of("EventType", "DeleteKey", "TargetObject", key.get("TargetObject"))))).isEmpty();
        String av = """
                title: eicar
                id: d1
                logsource: {product: windows, service: windefend}
                detection:
                  sel: {ThreatName|contains: 'EICAR'}
                  condition: sel
                """;
        assertThat(Rules.match(Rules.compile(av), event("Microsoft-Windows-Windows Defender/Operational", 1116,
                Map.of("Threat Name", "Virus:DOS/EICAR_Test_File")))).hasSize(1);
    }

    @Test
    void kernelFileCategoriesHaveNoEventLogSource() {
        assertThat(Pipeline.windows().resolve(new LogSource("windows", "", "file_access"))).isEmpty();
        List<LogsourceVariant> unknown = Pipeline.windows().resolve(new LogSource("windows", "", "nonesuch"));
        assertThat(unknown).singleElement().satisfies(v -> assertThat(v.mapped()).isFalse());
        assertThat(Pipeline.windows().resolve(new LogSource("linux", "", "process_creation"))).isEmpty();
    }

    @Test
    void compiledRuleSetSurvivesSerialisation() throws IOException, ClassNotFoundException {
        CompiledRuleSet c = Rules.compile(PROC + "---\n" + """
                title: re
                id: x2
                logsource: {product: windows, category: process_creation}
                detection:
                  sel: {CommandLine|re|i: 'FOO[0-9]+'}
                  condition: sel
                """);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(c);
        }
        CompiledRuleSet copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (CompiledRuleSet) in.readObject();
        }
        Event e = event("Microsoft-Windows-Sysmon/Operational", 1, Map.of("Image", "a\\cmd.exe",
                "ParentImage", "b\\winword.exe", "CommandLine", "x foo12"));
        assertThat(Rules.match(copy, e)).extracting(d -> d.ruleId()).containsExactlyInAnyOrder("p1", "x2");
        assertThat(Rules.match(c, e)).hasSize(2);
    }
}
