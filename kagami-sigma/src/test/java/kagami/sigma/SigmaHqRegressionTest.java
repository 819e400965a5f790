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
import kagami.evtx.EvtxOptions;
import kagami.evtx.EvtxReader;
import kagami.evtx.EvtxRecord;
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

    /** One regression case of info.yml: the rule, the EVTX file and the expected number of matches. */
    record Case(String ruleId, Path evtx, int expected) {
        Path json() {
            return evtx.resolveSibling(evtx.getFileName().toString().replace(".evtx", ".json"));
        }
    }

    static List<Case> cases() throws IOException {
        List<Path> infos;
        try (Stream<Path> s = Files.walk(SIGMA.resolve("regression_data"))) {
            infos = s.filter(p -> p.getFileName().toString().equals("info.yml")).sorted().toList();
        }
        List<Case> out = new ArrayList<>();
        for (Path info : infos) {
            Map<String, Object> doc;
            try (InputStream in = Files.newInputStream(info)) {
                doc = new Yaml(new LoaderOptions()).load(in);
            }
            @SuppressWarnings("unchecked")
            String ruleId = ((List<Map<String, Object>>) doc.get("rule_metadata")).get(0).get("id").toString();
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> tests = (List<Map<String, Object>>) doc.get("regression_tests_info");
            if (tests == null) {
                continue;
            }
            for (Map<String, Object> c : tests) {
                if ("evtx".equals(c.get("type"))) {
                    // info.yml's provider is boilerplate (always Sysmon) and ignored; the channel is the event's
                    int expected = c.get("match_count") instanceof Number n ? n.intValue() : 1;
                    out.add(new Case(ruleId, SIGMA.resolve(c.get("path").toString()), expected));
                }
            }
        }
        return out;
    }

    static int fired(Matcher matcher, String ruleId, List<Event> events) {
        int[] fired = {0};
        for (Event e : events) {
            matcher.match(e, (Detection d) -> {
                if (d.ruleId().equals(ruleId)) {
                    fired[0]++;
                }
            });
        }
        return fired[0];
    }

    /** The issue's acceptance test: each test's .evtx read by kagami-evtx, hunted with every rule loaded. */
    @Test
    void everySigmaHqRegressionTestFiresItsRuleOnItsEvtxFile() throws IOException {
        List<Case> cases = cases();
        List<String> failures = new ArrayList<>();
        Matcher matcher = compiled.newMatcher();
        for (Case c : cases) {
            List<Event> events = new ArrayList<>();
            try (EvtxReader r = EvtxReader.open(c.evtx(), EvtxOptions.defaults())) {
                for (EvtxRecord rec : r) {
                    events.add(rec.toEvent());
                }
            }
            int n = fired(matcher, c.ruleId(), events);
            if (n < c.expected()) {
                failures.add(c.ruleId() + " " + c.evtx() + ": fired " + n + " of " + c.expected());
            }
        }
        assertThat(cases).hasSize(202);
        assertThat(failures).isEmpty();
    }

    /** The same on the evtx-crate JSON renderings of the events (the JSON input path). */
    @Test
    void everySigmaHqRegressionTestFiresItsRuleOnItsJsonRendering() throws IOException {
        List<Case> cases = cases();
        List<String> failures = new ArrayList<>();
        Matcher matcher = compiled.newMatcher();
        for (Case c : cases) {
            List<Event> events;
            try (InputStream in = Files.newInputStream(c.json())) {
                events = WindowsEventJson.readAll(in, c.json().toString());
            }
            int n = fired(matcher, c.ruleId(), events);
            if (n < c.expected()) {
                failures.add(c.ruleId() + " " + c.json() + ": fired " + n + " of " + c.expected());
            }
        }
        assertThat(cases).hasSize(202);
        assertThat(failures).isEmpty();
    }

    @Test
    void oneCompiledRuleSetServesFourThreadsWithTheSameResults() throws Exception {
        List<Event> events = new ArrayList<>();
        try (Stream<Path> s = Files.walk(SIGMA.resolve("regression_data"))) {
            for (Path p : s.filter(x -> x.toString().endsWith(".json")).sorted().toList()) {
                try (InputStream in = Files.newInputStream(p)) {
                    WindowsEventJson.read(in, p.toString(), events::add);
                }
            }
        }
        List<String> expected = fire(events);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<List<String>>> runs = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                runs.add(pool.submit(() -> fire(events)));
            }
            for (java.util.concurrent.Future<List<String>> r : runs) {
                assertThat(r.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(expected).hasSizeGreaterThan(202);
    }

    private static List<String> fire(List<Event> events) {
        Matcher m = compiled.newMatcher();
        List<String> out = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            for (Event e : events) {
                m.match(e, d -> out.add(d.ruleId() + "@" + e.recordId() + " " + d.matchedFields()));
            }
        }
        return out;
    }

    /** Every detection (rule, record, evidence) of every regression event, in order. */
    static List<String> allDetections(CompiledRuleSet c) throws IOException {
        List<String> out = new ArrayList<>();
        Matcher matcher = c.newMatcher();
        for (Case k : cases()) {
            try (EvtxReader r = EvtxReader.open(k.evtx(), EvtxOptions.defaults())) {
                for (EvtxRecord rec : r) {
                    Event e = rec.toEvent();
                    matcher.match(e, (Detection d) -> out.add(k.evtx().getFileName() + " " + e.recordId() + " "
                            + d.ruleId() + " " + d.level() + " " + d.matchedFields()));
                }
            }
        }
        return out;
    }

    /** The rule cache and the selection of rules change no detection, on all rules and SigmaHQ's own events. */
    @Test
    void cachedAndSelectedRulesDetectExactlyWhatCompiledRulesDetect(@org.junit.jupiter.api.io.TempDir Path tmp)
            throws IOException {
        List<String> expected = allDetections(compiled);
        assertThat(expected).hasSizeGreaterThan(202);
        RuleCache cache = RuleCache.in(tmp);
        assertThat(cache.load(ruleFolders(), LoadOptions.defaults(), Pipeline.windows()).fromCache()).isFalse();
        LoadedRules cached = cache.load(ruleFolders(), LoadOptions.defaults(), Pipeline.windows());
        assertThat(cached.fromCache()).isTrue();
        assertThat(cached.allErrors()).isEqualTo(rules.allErrors(compiled));
        assertThat(allDetections(cached.compiled())).isEqualTo(expected);

        java.util.function.Predicate<kagami.sigma.rule.RuleMeta> high =
                m -> m.level() != null && m.level().atLeast(kagami.core.Level.HIGH);
        List<kagami.sigma.rule.SigmaDocument.DetectionRule> onlyHigh = rules.detectionRules().stream()
                .filter(r -> high.test(r.meta())).toList();
        CompiledRuleSet compiledHigh = CompiledRuleSet.compile(onlyHigh, rules.filters(), List.of(),
                Pipeline.windows(), Map.of());
        CompiledRuleSet selectedHigh = cached.compiled().select(high, m -> false);
        assertThat(selectedHigh.rules()).isEqualTo(compiledHigh.rules());
        assertThat(selectedHigh.ruleCount()).isEqualTo(compiledHigh.ruleCount());
        assertThat(selectedHigh.variantCount()).isEqualTo(compiledHigh.variantCount());
        assertThat(selectedHigh.errors()).isEqualTo(compiledHigh.errors());
        assertThat(selectedHigh.inactiveRules()).isEqualTo(compiledHigh.inactiveRules());
        assertThat(selectedHigh.correlations()).isEmpty();
        assertThat(allDetections(selectedHigh)).isEqualTo(allDetections(compiledHigh)).isNotEmpty()
                .hasSizeLessThan(expected.size());
    }
}
