package kagami.hunt.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import kagami.core.AttackTag;
import kagami.core.Detection;
import kagami.hunt.Fixtures;
import kagami.hunt.summary.HuntSummary;
import kagami.hunt.summary.RunFacts;
import kagami.hunt.timeline.TimeWindow;
import kagami.hunt.timeline.Timeline;
import kagami.hunt.timeline.TimelineRecords;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AttackCatalogTest {
    private final AttackCatalog attack = AttackCatalog.bundled();

    @Test
    void tacticsAreInMatrixOrder() {
        assertThat(attack.version()).isEqualTo("18");
        assertThat(attack.tactics()).extracting(AttackCatalog.Tactic::shortName).containsExactly(
                "reconnaissance", "resource-development", "initial-access", "execution", "persistence",
                "privilege-escalation", "defense-evasion", "credential-access", "discovery", "lateral-movement",
                "collection", "command-and-control", "exfiltration", "impact");
    }

    @Test
    void techniqueTagsLeadToTheirTactics() {
        List<AttackTag> tags = List.of(AttackTag.parse("attack.t1053.005").orElseThrow(),
                AttackTag.parse("attack.initial_access").orElseThrow(),
                AttackTag.parse("attack.t9999").orElseThrow());
        assertThat(attack.tacticsOf(tags)).extracting(AttackCatalog.Tactic::shortName)
                .containsExactly("initial-access", "execution", "persistence", "privilege-escalation");
        assertThat(attack.technique("T1574.001")).map(AttackCatalog.Technique::name).contains("DLL");
        assertThat(attack.technique("t1564.006")).map(AttackCatalog.Technique::tactics)
                .contains(List.of("defense-evasion"));
    }

    @Test
    void navigatorLayerDeclaresFormat45AndScoresDetectedTechniques(@TempDir Path dir) throws Exception {
        HuntSummary s = new HuntSummary(ZoneOffset.UTC, attack);
        Timeline t = new Timeline(new Timeline.Options(true, true, TimeWindow.ALL, dir, 1 << 20), List.of(s));
        for (Detection d : Fixtures.sample()) {
            t.add(TimelineRecords.bundled().of(d));
        }
        t.finish();
        StringWriter out = new StringWriter();
        new NavigatorLayer(attack).write(s.report(RunFacts.none()), "case 42", "hunt", out);
        Map<String, Object> layer = parse(out.toString());
        assertThat(layer).containsEntry("domain", "enterprise-attack").containsEntry("name", "case 42");
        @SuppressWarnings("unchecked")
        Map<String, Object> versions = (Map<String, Object>) layer.get("versions");
        assertThat(versions).containsEntry("layer", "4.5").containsEntry("attack", "18");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> techniques = (List<Map<String, Object>>) layer.get("techniques");
        assertThat(techniques).extracting(m -> m.get("techniqueID"))
                .containsExactlyInAnyOrder("T1078", "T1218.011", "T1219.001");
        assertThat(techniques).filteredOn(m -> m.get("techniqueID").equals("T1218.011"))
                .extracting(m -> m.get("score")).containsExactly(1L);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> parse(String json) throws Exception {
        try (JsonParser p = new JsonFactory().createParser(json)) {
            assertThat(p.nextToken()).isEqualTo(JsonToken.START_OBJECT);
            return (Map<String, Object>) read(p);
        }
    }

    private static Object read(JsonParser p) throws Exception {
        switch (p.currentToken()) {
            case START_OBJECT -> {
                Map<String, Object> m = new java.util.LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String k = p.currentName();
                    p.nextToken();
                    m.put(k, read(p));
                }
                return m;
            }
            case START_ARRAY -> {
                List<Object> l = new java.util.ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    l.add(read(p));
                }
                return l;
            }
            case VALUE_NUMBER_INT -> {
                return p.getLongValue();
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return p.getBooleanValue();
            }
            case VALUE_NULL -> {
                return Optional.empty();
            }
            default -> {
                return p.getText();
            }
        }
    }
}
