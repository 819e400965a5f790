package kagami.hunt.demo;

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
import java.util.Set;
import java.util.stream.Stream;
import kagami.core.i18n.Messages;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoDataSetTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Where the rules expected by a step look (Sigma taxonomy: category → Sysmon event id, service → channel). */
    private static final Map<String, String> CATEGORY_EVENTS = Map.of(
            "process_creation", "Microsoft-Windows-Sysmon/Operational#1", "network_connection", "Microsoft-Windows-Sysmon/Operational#3",
            "image_load", "Microsoft-Windows-Sysmon/Operational#7", "create_remote_thread", "Microsoft-Windows-Sysmon/Operational#8",
            "process_access", "Microsoft-Windows-Sysmon/Operational#10", "file_event", "Microsoft-Windows-Sysmon/Operational#11",
            "registry_set", "Microsoft-Windows-Sysmon/Operational#13", "dns_query", "Microsoft-Windows-Sysmon/Operational#22",
            "ps_script", "Microsoft-Windows-PowerShell/Operational#4104");
    private static final Map<String, String> SERVICE_CHANNELS = Map.of("security", "Security", "system", "System",
            "taskscheduler", "Microsoft-Windows-TaskScheduler/Operational",
            "firewall-as", "Microsoft-Windows-Windows Firewall With Advanced Security/Firewall");

    @TempDir
    static Path out;
    private static DemoManifest manifest;

    @BeforeAll
    static void generate() throws IOException {
        manifest = DemoDataSet.write(out, DemoDataSet.DEFAULT_SEED);
    }

    @Test
    void sameSeedGivesByteIdenticalFiles(@TempDir Path again) throws IOException {
        DemoDataSet.write(again, DemoDataSet.DEFAULT_SEED);
        List<Path> first = files(out);
        assertThat(files(again).stream().map(again::relativize).map(Path::toString).toList())
                .isEqualTo(first.stream().map(out::relativize).map(Path::toString).toList());
        for (Path f : first) {
            assertThat(Files.readAllBytes(again.resolve(out.relativize(f)))).as("%s", out.relativize(f)).isEqualTo(Files.readAllBytes(f));
        }
    }

    @Test
    void otherSeedGivesOtherIdsButTheSameStory(@TempDir Path other) throws IOException {
        DemoManifest m = DemoDataSet.write(other, 7L);
        assertThat(m.steps().stream().map(DemoManifest.AttackStep::id).toList())
                .isEqualTo(manifest.steps().stream().map(DemoManifest.AttackStep::id).toList());
        Path sysmon = Path.of("TT-WS01", "Microsoft-Windows-Sysmon%4Operational.jsonl");
        assertThat(Files.readAllBytes(other.resolve(sysmon))).isNotEqualTo(Files.readAllBytes(out.resolve(sysmon)));
    }

    @Test
    void coversFiveHostsOverFiveDaysWithEveryChannel() {
        assertThat(manifest.hosts()).hasSize(5);
        assertThat(manifest.files()).extracting(DemoManifest.LogFile::channel).contains("Microsoft-Windows-Sysmon/Operational",
                "Security", "System", "Microsoft-Windows-PowerShell/Operational", "Microsoft-Windows-TaskScheduler/Operational");
        assertThat(manifest.files().stream().mapToInt(DemoManifest.LogFile::events).sum()).isEqualTo(manifest.totalEvents());
        assertThat(manifest.totalEvents()).isGreaterThan(2000);
        assertThat(manifest.files()).allSatisfy(f -> assertThat(f.first()).isAfterOrEqualTo(manifest.start()))
                .allSatisfy(f -> assertThat(f.last()).isBefore(manifest.end()));
    }

    @Test
    void everyEventParsesWithItsHeaderAndEachFileIsInTimeAndRecordOrder() throws IOException {
        for (DemoManifest.LogFile f : manifest.files()) {
            List<String> lines = Files.readAllLines(out.resolve(f.path()), StandardCharsets.UTF_8);
            assertThat(lines).as(f.path()).hasSize(f.events());
            String previousTime = "";
            long previousRecord = -1;
            for (String line : lines) {
                JsonNode system = JSON.readTree(line).at("/Event/System");
                assertThat(system.path("Channel").asText()).as(f.path()).isEqualTo(f.channel());
                assertThat(system.path("Computer").asText()).as(f.path()).isEqualTo(f.host());
                JsonNode id = system.path("EventID");
                assertThat(id.isObject() ? id.path("#text").asInt() : id.asInt()).as(f.path()).isPositive();
                String time = system.at("/TimeCreated/#attributes/SystemTime").asText();
                assertThat(time).as(f.path()).matches("2025-06-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}Z").isGreaterThanOrEqualTo(previousTime);
                long record = system.path("EventRecordID").asLong();
                assertThat(record).as(f.path()).isEqualTo(previousRecord < 0 ? record : previousRecord + 1);
                previousTime = time;
                previousRecord = record;
            }
        }
    }

    @Test
    void everyAttackStepIsPresentWithEventsAndExpectedRules() throws IOException {
        Map<String, Map<Long, JsonNode>> byFile = new HashMap<>();
        for (DemoManifest.LogFile f : manifest.files()) {
            Map<Long, JsonNode> records = new HashMap<>();
            for (String line : Files.readAllLines(out.resolve(f.path()), StandardCharsets.UTF_8)) {
                JsonNode e = JSON.readTree(line);
                records.put(e.at("/Event/System/EventRecordID").asLong(), e);
            }
            byFile.put(f.path(), records);
        }
        assertThat(manifest.steps()).extracting(DemoManifest.AttackStep::id).containsExactly(
                "01-lnk-delivery", "02-anel-sideload", "03-msbuild-task-persistence", "04-noopldr-msbuild-injection",
                "05-registry-payload", "06-noopdoor-firewall-rule", "07-discovery-burst", "08-mirrorstealer", "09-lsass-dump",
                "10-rubeus-kerberoast", "11-wmic-lateral-movement", "12-ntds-shadow-copy", "13-smb-tool-transfer",
                "14-rdp-to-file-server", "15-defender-disabled", "16-sandbox-feature-enabled", "17-sandbox-staging-and-config",
                "18-sandbox-system-task", "19-sandbox-launched-as-system", "20-noopdoor-relaunch-passive-connection",
                "21-gost-proxy", "22-vscode-tunnel", "23-vscode-tunnel-service", "24-vscode-tunnel-shell",
                "25-decode-renamed-winrar", "26-archive-research-share", "27-exfiltration-pscp", "28-log-clearing");
        String previous = "";
        for (DemoManifest.AttackStep s : manifest.steps()) {
            assertThat(s.time().toString()).as("%s in time order", s.id()).isGreaterThanOrEqualTo(previous);
            previous = s.time().toString();
            assertThat(s.title()).as(s.id()).isNotBlank().doesNotStartWith("[");
            assertThat(s.titleJa()).as(s.id()).isNotBlank().doesNotStartWith("[");
            assertThat(s.techniques()).as(s.id()).isNotEmpty().allSatisfy(t -> assertThat(t).matches("T\\d{4}(\\.\\d{3})?"));
            assertThat(s.expectedRules()).as(s.id()).isNotEmpty()
                    .allSatisfy(r -> assertThat(r.id()).matches("[0-9a-f-]{36}"));
            assertThat(s.events()).as(s.id()).isNotEmpty();
            Set<String> present = new HashSet<>();
            for (DemoManifest.EventRef ref : s.events()) {
                JsonNode e = byFile.get(ref.file()).get(ref.recordId());
                assertThat(e).as("%s %s", s.id(), ref).isNotNull();
                JsonNode system = e.at("/Event/System");
                assertThat(system.path("Computer").asText()).as(s.id()).isEqualTo(s.host());
                JsonNode id = system.path("EventID");
                present.add(system.path("Channel").asText() + "#" + (id.isObject() ? id.path("#text").asInt() : id.asInt()));
                present.add(system.path("Channel").asText());
            }
            for (DemoManifest.ExpectedRule r : s.expectedRules()) {
                assertThat(present).as("%s has an event where %s looks", s.id(), r.name()).contains(logsourceOf(r.name()));
            }
        }
        assertThat(manifest.steps().stream().flatMap(s -> s.expectedCorrelations().stream()).map(DemoManifest.ExpectedRule::name))
                .contains("mr_lnk_sideload_persistence", "mr_sandbox_enable_drop_launch", "mr_recon_burst",
                        "mr_credential_access_then_lateral", "mr_archive_then_exfil", "mr_vscode_tunnel_setup",
                        "mr_exfil_then_log_clearing");
    }

    @Test
    void manifestJsonListsTheStepsAndTheBackgroundIsTheRest() throws IOException {
        JsonNode m = JSON.readTree(out.resolve(DemoManifest.FILE_NAME).toFile());
        assertThat(m.path("seed").asLong()).isEqualTo(DemoDataSet.DEFAULT_SEED);
        assertThat(m.path("steps")).hasSize(manifest.steps().size());
        assertThat(m.at("/steps/0/expectedRules/0/id").asText()).isEqualTo(manifest.steps().get(0).expectedRules().get(0).id());
        assertThat(manifest.attackEvents()).hasSizeLessThan(manifest.totalEvents() / 5);
    }

    @Test
    void stepTitlesExistInEnglishAndJapanese() {
        assertThat(Messages.missingTranslations("kagami.hunt.demo.messages")).isEmpty();
    }

    /** The channel (and event id) a bundled rule reads, from its logsource in the pack. */
    private static String logsourceOf(String ruleName) throws IOException {
        Path pack = Path.of(System.getProperty("kagami.root", "."), "content", "sigma", "mirrorface");
        try (Stream<Path> s = Files.list(pack)) {
            for (Path p : s.filter(x -> x.toString().endsWith(".yml")).toList()) {
                String text = Files.readString(p, StandardCharsets.UTF_8);
                if (text.contains("\nname: " + ruleName + "\n")) {
                    for (Map.Entry<String, String> c : CATEGORY_EVENTS.entrySet()) {
                        if (text.contains("    category: " + c.getKey() + "\n")) {
                            return c.getValue();
                        }
                    }
                    for (Map.Entry<String, String> c : SERVICE_CHANNELS.entrySet()) {
                        if (text.contains("    service: " + c.getKey() + "\n")) {
                            return c.getValue();
                        }
                    }
                    throw new IllegalStateException("no known logsource in " + p);
                }
            }
        }
        throw new IllegalStateException("rule " + ruleName + " not in the pack");
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return new ArrayList<>(s.filter(Files::isRegularFile).sorted().toList());
        }
    }
}
