package kagami.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

import kagami.core.Detection;
import kagami.core.Event;
import kagami.core.WindowsEventJson;
import kagami.sigma.compile.CompiledRuleSet;
import kagami.sigma.compile.Matcher;
import kagami.sigma.logsource.Pipeline;

/**
 * SigmaHQ's own regression data, end to end: all 2,858 Windows rules loaded at once, each test's events hunted,
 * and the test's rule must fire at least {@code match_count} times (info.yml; its {@code provider} is ignored).
 */
class SigmaHqRegressionTest {
    static final Path SIGMA = Path.of(System.getProperty("kagami.shared", "../../shared"), "testdata", "sigma");
    static RuleSet rules;
    static CompiledRuleSet compiled;

    static List<Path> ruleFolders() {
        return List.of(SIGMA.resolve("rules"), SIGMA.resolve("rules-emerging-threats"),
                SIGMA.resolve("rules-threat-hunting"));
    }

    @BeforeAll
    static void loadAll() throws IOException {
        rules = SigmaRules.load(ruleFolders(), LoadOptions.defaults());
        compiled = rules.compile(Pipeline.windows());
    }

    @Test
    void loadsEveryRuleExceptUnresolvedExpandPlaceholders() {
        List<LoadError> errors = rules.allErrors(compiled);
        assertThat(errors).allSatisfy(e -> assertThat(e.reason()).contains("placeholder").contains("no values"));
        assertThat(errors).hasSize(2);
        assertThat(rules.detectionRules()).hasSize(2858);
        assertThat(compiled.ruleCount()).isEqualTo(2856);
        assertThat(compiled.unmappedRules()).isEmpty();
    }

    @Test
    void everySigmaHqRegressionTestFiresItsRule() throws IOException {
        List<Path> infos;
        try (Stream<Path> s = Files.walk(SIGMA.resolve("regression_data"))) {
            infos = s.filter(p -> p.getFileName().toString().equals("info.yml")).sorted().toList();
        }
        int tests = 0;
        List<String> failures = new ArrayList<>();
        Matcher matcher = compiled.newMatcher();
        for (Path info : infos) {
            Map<String, Object> doc;
            try (InputStream in = Files.newInputStream(info)) {
                doc = new Yaml(new LoaderOptions()).load(in);
            }
            @SuppressWarnings("unchecked")
            String ruleId = ((List<Map<String, Object>>) doc.get("rule_metadata")).get(0).get("id").toString();
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> cases = (List<Map<String, Object>>) doc.get("regression_tests_info");
            if (cases == null) {
                continue;
            }
            for (Map<String, Object> c : cases) {
                if (!"evtx".equals(c.get("type"))) {
                    continue;
                }
                tests++;
                Path evtx = SIGMA.resolve(c.get("path").toString());
                Path json = evtx.resolveSibling(evtx.getFileName().toString().replace(".evtx", ".json"));
                List<Event> events;
                try (InputStream in = Files.newInputStream(json)) {
                    events = WindowsEventJson.readAll(in, json.toString());
                }
                int expected = c.get("match_count") instanceof Number n ? n.intValue() : 1;
                int[] fired = {0};
                for (Event e : events) {
                    matcher.match(e, (Detection d) -> {
                        if (d.ruleId().equals(ruleId)) {
                            fired[0]++;
                        }
                    });
                }
                if (fired[0] < expected) {
                    failures.add(ruleId + " " + json + ": fired " + fired[0] + " of " + expected);
                }
            }
        }
        assertThat(tests).isEqualTo(202);
        assertThat(failures).isEmpty();
    }
}
