package kagami.content.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import kagami.core.AttackTag;
import kagami.core.Level;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Structural validation of the MirrorFace rule pack (content/sigma/mirrorface): what can be checked without a Sigma
 * engine. Replaying the test events through the engine is the job of the engine's rule-test runner.
 */
class MirrorFaceRulePackTest {
    /** Sigma specification, "Status". */
    private static final Set<String> STATUSES = Set.of("stable", "test", "experimental", "deprecated", "unsupported");
    /** ATT&CK v18 tactics as written in SigmaHQ tags (Sigma tags appendix, namespace attack). */
    private static final Set<String> TACTICS = Set.of("reconnaissance", "resource-development", "initial-access",
            "execution", "persistence", "privilege-escalation", "stealth", "defense-impairment", "credential-access",
            "discovery", "lateral-movement", "collection", "command-and-control", "exfiltration", "impact");
    /** Sigma taxonomy appendix: Windows categories backed by Sysmon / PowerShell, and the event ids they mean. */
    private static final Map<String, Set<Long>> SYSMON_CATEGORIES = Map.of(
            "process_creation", Set.of(1L), "network_connection", Set.of(3L), "image_load", Set.of(7L),
            "create_remote_thread", Set.of(8L), "process_access", Set.of(10L), "file_event", Set.of(11L),
            "registry_set", Set.of(13L), "dns_query", Set.of(22L));
    /** Sigma taxonomy appendix: Windows services and their channels. */
    private static final Map<String, String> SERVICES = Map.of(
            "security", "Security", "system", "System",
            "taskscheduler", "Microsoft-Windows-TaskScheduler/Operational",
            "firewall-as", "Microsoft-Windows-Windows Firewall With Advanced Security/Firewall",
            "windefend", "Microsoft-Windows-Windows Defender/Operational");
    private static final Set<String> CORRELATION_TYPES = Set.of("event_count", "value_count", "temporal", "temporal_ordered");
    private static final Pattern UUID4 = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    private static final Pattern DATE = Pattern.compile("\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])");
    private static final Pattern TIMESPAN = Pattern.compile("[1-9]\\d*[smhd]");
    private static final Pattern JAPANESE = Pattern.compile("[\\p{IsHiragana}\\p{IsKatakana}\\p{IsHan}]");
    private static final Pattern CONDITION_IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_*]*");
    private static final Set<String> CONDITION_WORDS = Set.of("and", "or", "not", "of", "all", "them");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<RuleFile> rules;

    @BeforeAll
    static void load() throws IOException {
        rules = RuleFile.loadAll(RuleFile.PACK);
    }

    private static List<RuleFile> detections() {
        return rules.stream().filter(r -> !r.isCorrelation()).toList();
    }

    private static List<RuleFile> correlations() {
        return rules.stream().filter(RuleFile::isCorrelation).toList();
    }

    @Test
    void packHoldsFortyToSeventyDetectionRulesAndSixToTenCorrelations() {
        assertThat(detections()).hasSizeBetween(40, 70);
        assertThat(correlations()).hasSizeBetween(6, 10);
    }

    @Test
    void everyRuleHasTheRequiredMetadataInBothLanguages() {
        for (RuleFile r : rules) {
            assertThat(r.string("title")).as("%s title", r).isNotBlank().hasSizeLessThanOrEqualTo(256);
            assertThat(r.string("id")).as("%s id", r).matches(UUID4);
            assertThat(r.string("name")).as("%s name", r).matches(r.isCorrelation() ? "mr_[a-z0-9_]+" : "mf_[a-z0-9_]+");
            assertThat(r.string("status")).as("%s status", r).isIn(STATUSES);
            assertThat(r.string("description")).as("%s description", r).isNotBlank();
            assertThat(r.string("title_ja")).as("%s title_ja", r).isNotBlank().containsPattern(JAPANESE);
            assertThat(r.string("description_ja")).as("%s description_ja", r).isNotBlank().containsPattern(JAPANESE);
            assertThat(r.string("license")).as("%s license", r).isEqualTo("Apache-2.0");
            assertThat(r.string("author")).as("%s author", r).isEqualTo("Kagami project");
            assertThat(isoDate(r.doc().get("date"))).as("%s date", r).matches(DATE);
            assertThat(r.list("references")).as("%s references", r).isNotEmpty()
                    .allSatisfy(u -> assertThat(u).asString().startsWith("https://"));
            assertThat(r.list("falsepositives")).as("%s falsepositives", r).isNotEmpty();
            assertThat(Level.parse(r.string("level"))).as("%s level", r).isPresent();
        }
    }

    @Test
    void idsNamesAndFileStemsAreUnique() {
        Set<Object> ids = new HashSet<>();
        Set<Object> names = new HashSet<>();
        for (RuleFile r : rules) {
            assertThat(ids.add(r.doc().get("id"))).as("duplicate id in %s", r).isTrue();
            assertThat(names.add(r.doc().get("name"))).as("duplicate name in %s", r).isTrue();
        }
    }

    @Test
    void attackTagsAreWellFormedAndNameTheGroup() {
        for (RuleFile r : rules) {
            List<AttackTag> tags = new ArrayList<>();
            for (Object t : r.list("tags")) {
                assertThat(t).as("%s tag", r).asString().matches("[a-z0-9]+\\.[a-z0-9.\\-]+");
                if (t.toString().startsWith("attack.")) {
                    Optional<AttackTag> parsed = AttackTag.parse(t.toString());
                    assertThat(parsed).as("%s: %s", r, t).isPresent();
                    tags.add(parsed.get());
                }
            }
            assertThat(tags).as("%s technique", r).anyMatch(t -> t.kind() == AttackTag.Kind.TECHNIQUE);
            assertThat(tags).as("%s tactic", r).anyMatch(t -> t.kind() == AttackTag.Kind.TACTIC);
            assertThat(tags).as("%s group", r).contains(new AttackTag(AttackTag.Kind.GROUP, "G1054"));
            tags.stream().filter(t -> t.kind() == AttackTag.Kind.TACTIC)
                    .forEach(t -> assertThat(t.id()).as("%s tactic", r).isIn(TACTICS));
        }
    }

    @Test
    void detectionRulesUseTheStandardWindowsLogsources() {
        for (RuleFile r : detections()) {
            Map<String, Object> ls = r.map("logsource");
            assertThat(ls.get("product")).as("%s product", r).isEqualTo("windows");
            Object category = ls.get("category");
            Object service = ls.get("service");
            assertThat(category == null ^ service == null).as("%s: exactly one of category and service", r).isTrue();
            if (category != null) {
                assertThat(category.equals("ps_script") || SYSMON_CATEGORIES.containsKey(category))
                        .as("%s category %s", r, category).isTrue();
            } else {
                assertThat(SERVICES).as("%s service", r).containsKey(service.toString());
            }
        }
    }

    @Test
    void everyConditionNamesOnlyDefinedSearchIdentifiers() {
        for (RuleFile r : detections()) {
            Map<String, Object> detection = r.map("detection");
            assertThat(detection.get("condition")).as("%s condition", r).isInstanceOf(String.class);
            Matcher m = CONDITION_IDENTIFIER.matcher(detection.get("condition").toString());
            while (m.find()) {
                String id = m.group();
                if (CONDITION_WORDS.contains(id) || id.matches("\\d+")) {
                    continue;
                }
                Pattern glob = Pattern.compile(id.replace("*", ".*"));
                assertThat(detection.keySet()).as("%s: %s", r, id).anyMatch(k -> !k.equals("condition") && glob.matcher(k).matches());
            }
        }
    }

    @Test
    void correlationsReferenceRulesOfThePackAndAreComplete() {
        Set<Object> detectionNames = new HashSet<>();
        detections().forEach(r -> detectionNames.add(r.doc().get("name")));
        for (RuleFile r : correlations()) {
            Map<String, Object> c = r.map("correlation");
            assertThat(c.get("type")).as("%s type", r).isIn(CORRELATION_TYPES);
            assertThat((List<?>) c.get("rules")).as("%s rules", r).isNotEmpty()
                    .allSatisfy(n -> assertThat(detectionNames).as("%s references", r).contains(n));
            assertThat((List<?>) c.get("group-by")).as("%s group-by", r).isNotEmpty();
            assertThat(String.valueOf(c.get("timespan"))).as("%s timespan", r).matches(TIMESPAN);
            assertThat(c.get("condition")).as("%s condition", r).isInstanceOf(Map.class);
            @SuppressWarnings("unchecked")
            Map<String, Object> cond = (Map<String, Object>) c.get("condition");
            assertThat(cond.keySet()).as("%s condition keys", r).isSubsetOf("gt", "gte", "lt", "lte", "eq", "neq", "field");
            if ("value_count".equals(c.get("type"))) {
                assertThat(cond).as("%s value_count field", r).containsKey("field");
            }
            assertThat(r.doc().get("generate")).as("%s generate", r).isEqualTo(Boolean.TRUE);
            assertThat(r.doc()).as("%s", r).doesNotContainKeys("logsource", "detection");
        }
    }

    @Test
    void everyDetectionRuleHasPositiveAndNegativeEventsInItsLogsource() throws IOException {
        for (RuleFile r : detections()) {
            List<Path> positives = testFiles(r, "positive", ".json");
            List<Path> negatives = testFiles(r, "negative", ".json");
            assertThat(positives).as("%s positives", r).isNotEmpty();
            assertThat(negatives).as("%s negatives", r).isNotEmpty();
            for (Path p : concat(positives, negatives)) {
                JsonNode event = JSON.readTree(Files.readString(p, StandardCharsets.UTF_8));
                assertWellFormedEvent(r, p, event);
                assertInLogsource(r, p, event);
            }
        }
    }

    @Test
    void everyCorrelationHasPositiveAndNegativeSequences() throws IOException {
        for (RuleFile r : correlations()) {
            for (String name : List.of("sequence-positive.jsonl", "sequence-negative.jsonl")) {
                Path p = r.testDir().resolve(name);
                assertThat(p).as("%s %s", r, name).isRegularFile();
                List<String> lines = Files.readAllLines(p, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
                assertThat(lines).as("%s %s", r, name).isNotEmpty();
                String previous = "";
                for (String line : lines) {
                    JsonNode event = JSON.readTree(line);
                    assertWellFormedEvent(r, p, event);
                    String time = event.at("/Event/System/TimeCreated/#attributes/SystemTime").asText();
                    assertThat(time).as("%s %s is time-ordered", r, name).isGreaterThanOrEqualTo(previous);
                    previous = time;
                }
            }
        }
    }

    @Test
    void declaredOverlapsNameRulesOfThePack() throws IOException {
        Map<String, RuleFile> byName = new HashMap<>();
        detections().forEach(r -> byName.put(r.string("name"), r));
        for (RuleFile r : detections()) {
            Path also = r.testDir().resolve("also-fires.txt");
            if (Files.exists(also)) {
                for (String line : Files.readAllLines(also, StandardCharsets.UTF_8)) {
                    String name = line.strip();
                    if (name.isEmpty() || name.startsWith("#")) {
                        continue;
                    }
                    assertThat(byName).as("%s also-fires", r).containsKey(name);
                    assertThat(name).as("%s also-fires itself", r).isNotEqualTo(r.string("name"));
                }
            }
        }
    }

    @Test
    void testFoldersBelongToRules() throws IOException {
        Set<String> stems = new HashSet<>();
        rules.forEach(r -> stems.add(r.stem()));
        try (Stream<Path> dirs = Files.list(RuleFile.PACK.resolve("tests"))) {
            dirs.forEach(d -> assertThat(stems).as("orphan test folder").contains(d.getFileName().toString()));
        }
    }

    private static void assertWellFormedEvent(RuleFile r, Path p, JsonNode event) {
        JsonNode system = event.at("/Event/System");
        assertThat(system.isObject()).as("%s: %s has Event.System", r, p.getFileName()).isTrue();
        assertThat(system.path("Channel").asText()).as("%s: %s Channel", r, p.getFileName()).isNotBlank();
        assertThat(system.path("Computer").asText()).as("%s: %s Computer", r, p.getFileName()).isNotBlank();
        assertThat(eventId(system)).as("%s: %s EventID", r, p.getFileName()).isPositive();
        assertThat(system.at("/TimeCreated/#attributes/SystemTime").asText()).as("%s: %s TimeCreated", r, p.getFileName())
                .matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}Z");
        assertThat(system.at("/Provider/#attributes/Name").asText()).as("%s: %s Provider", r, p.getFileName()).isNotBlank();
        assertThat(system.path("EventRecordID").canConvertToLong()).as("%s: %s EventRecordID", r, p.getFileName()).isTrue();
    }

    private static void assertInLogsource(RuleFile r, Path p, JsonNode event) {
        JsonNode system = event.at("/Event/System");
        Map<String, Object> ls = r.map("logsource");
        String channel = system.path("Channel").asText();
        Object category = ls.get("category");
        if ("ps_script".equals(category)) {
            assertThat(channel).as("%s: %s channel", r, p.getFileName()).isEqualTo("Microsoft-Windows-PowerShell/Operational");
            assertThat(eventId(system)).as("%s: %s event id", r, p.getFileName()).isEqualTo(4104L);
        } else if (category != null) {
            assertThat(channel).as("%s: %s channel", r, p.getFileName()).isEqualTo("Microsoft-Windows-Sysmon/Operational");
            assertThat(SYSMON_CATEGORIES.get(category)).as("%s: %s event id", r, p.getFileName()).contains(eventId(system));
        } else {
            assertThat(channel).as("%s: %s channel", r, p.getFileName()).isEqualTo(SERVICES.get(ls.get("service").toString()));
        }
    }

    /** YAML 1.1 loaders (SnakeYAML) turn an unquoted {@code 2026-11-25} into a timestamp; Sigma means a plain date. */
    private static String isoDate(Object v) {
        if (v instanceof java.util.Date d) {
            return d.toInstant().atZone(java.time.ZoneOffset.UTC).toLocalDate().toString();
        }
        return String.valueOf(v);
    }

    /** EventID is a number, or {"#attributes": {"Qualifiers": ...}, "#text": number} when it has qualifiers. */
    private static long eventId(JsonNode system) {
        JsonNode id = system.path("EventID");
        return id.isObject() ? id.path("#text").asLong(-1) : id.asLong(-1);
    }

    private static List<Path> testFiles(RuleFile r, String prefix, String suffix) throws IOException {
        if (!Files.isDirectory(r.testDir())) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(r.testDir())) {
            return s.filter(p -> {
                String n = p.getFileName().toString();
                return n.startsWith(prefix) && n.endsWith(suffix);
            }).sorted().toList();
        }
    }

    private static List<Path> concat(List<Path> a, List<Path> b) {
        List<Path> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
