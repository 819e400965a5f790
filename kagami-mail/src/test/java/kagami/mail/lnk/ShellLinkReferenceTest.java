package kagami.mail.lnk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * Field-by-field comparison of our MS-SHLLINK parser with three independent parsers on the 47 shared samples:
 * LnkParse3's stored JSON, YARA-X's stored lnk-module YAML, and Debian's liblnk {@code lnkinfo} run live.
 */
public class ShellLinkReferenceTest {
    static final Path LNK = Path.of(System.getProperty("kagami.shared", "../../shared"), "testdata", "lnk");

    static List<Path> samples() throws IOException {
        try (Stream<Path> s = Files.walk(LNK)) {
            return s.filter(p -> p.toString().endsWith(".lnk")).sorted().toList();
        }
    }

    @Test
    void all47SamplesParseAndOnlyTheEmptyFileIsRejected() throws Exception {
        List<Path> all = samples();
        assertThat(all).hasSize(47);
        int parsed = 0;
        for (Path p : all) {
            byte[] data = Files.readAllBytes(p);
            if (data.length == 0) {
                assertThatThrownBy(() -> ShellLink.parse(data)).isInstanceOf(LnkFormatException.class);
                continue;
            }
            ShellLink link = ShellLink.parse(data);
            assertThat(link.header()).as(p.toString()).isNotNull();
            parsed++;
        }
        assertThat(parsed).isEqualTo(46);
    }

    @Test
    void paddedWorkingDirectoryIsCappedAt260SoTheHiddenCmdPayloadIsRead() throws Exception {
        for (String f : List.of("lnkparse3/padded_cli_arguments.lnk", "yara-x/lnk-malformed-2.lnk")) {
            ShellLink link = ShellLink.parse(Files.readAllBytes(LNK.resolve(f)));
            assertThat(link.strings().workingDir().orElseThrow()).hasSize(260).startsWith("C:\\Windows\\System32 ");
            assertThat(link.strings().declaredOverflow()).get().asString().startsWith("WORKING_DIR=169");
            assertThat(link.strings().arguments().orElseThrow()).startsWith("/c \"set PATH=").contains("forfiles.exe");
            assertThat(link.target()).isEqualTo("C:\\Windows\\System32\\cmd.exe");
            assertThat(link.header().effectiveShowCommand()).isEqualTo(ShellLinkHeader.SW_SHOWMINNOACTIVE);
            assertThat(link.overlaySize()).isZero();
            assertThat(link.warnings()).isEmpty();
        }
    }

    @Test
    void matchesLnkParse3StoredOutput() throws Exception {
        ObjectMapper json = new ObjectMapper();
        int compared = 0;
        for (Path p : samples()) {
            if (!p.startsWith(LNK.resolve("lnkparse3"))) {
                continue;
            }
            String base = p.getFileName().toString().replace(".lnk", ".json");
            JsonNode ref = json.readTree(LNK.resolve("lnkparse3/expected").resolve(base).toFile());
            ShellLink link = ShellLink.parse(Files.readAllBytes(p));
            JsonNode data = ref.path("data");
            String at = p.getFileName().toString();
            assertThat(link.strings().arguments()).as(at + " arguments").isEqualTo(text(data, "command_line_arguments"));
            assertThat(link.strings().workingDir()).as(at + " working dir").isEqualTo(text(data, "working_directory"));
            assertThat(link.strings().iconLocation()).as(at + " icon").isEqualTo(text(data, "icon_location"));
            assertThat(link.strings().relativePath()).as(at + " relative path").isEqualTo(text(data, "relative_path"));
            assertThat(link.strings().name()).as(at + " description").isEqualTo(text(data, "description"));
            JsonNode li = ref.path("link_info");
            if (li.has("local_base_path")) {
                String expected = li.get("local_base_path").asText()
                        + (li.path("common_path_suffix").asText().isEmpty() ? "" : li.get("common_path_suffix").asText());
                String ours = link.linkInfo().orElseThrow().localBasePath() + link.linkInfo().get().commonPathSuffix();
                assertThat(ours).as(at + " local base path").isEqualTo(expected);
            }
            JsonNode tracker = ref.path("extra").path("DISTRIBUTED_LINK_TRACKER_BLOCK");
            if (tracker.has("machine_identifier")) {
                assertThat(link.extraData().tracker().orElseThrow().machineId()).as(at + " machine")
                        .isEqualTo(tracker.get("machine_identifier").asText());
            }
            JsonNode env = ref.path("extra").path("ENVIRONMENTAL_VARIABLES_LOCATION_BLOCK");
            if (env.has("target_unicode")) {
                assertThat(link.extraData().environmentTarget()).as(at + " env target")
                        .contains(env.get("target_unicode").asText().isEmpty() ? env.get("target_ansi").asText()
                                : env.get("target_unicode").asText());
            }
            compared++;
        }
        assertThat(compared).isEqualTo(34);
    }

    @Test
    void matchesYaraXStoredOutput() throws Exception {
        YAMLMapper yaml = new YAMLMapper();
        int compared = 0;
        for (Path p : samples()) {
            if (!p.startsWith(LNK.resolve("yara-x"))) {
                continue;
            }
            // YARA-X writes \' inside double-quoted scalars, which YAML 1.1 does not define; it means a quote.
            String text = Files.readString(LNK.resolve("yara-x").resolve(p.getFileName().toString()
                    .replace(".lnk", ".out.yaml")), StandardCharsets.ISO_8859_1).replace("\\'", "'");
            JsonNode ref = yaml.readTree(text);
            String at = p.getFileName().toString();
            if (!ref.path("is_lnk").asBoolean()) {
                assertThatThrownBy(() -> ShellLink.parse(Files.readAllBytes(p))).isInstanceOf(LnkFormatException.class);
                compared++;
                continue;
            }
            ShellLink link = ShellLink.parse(Files.readAllBytes(p));
            assertThat(link.strings().arguments()).as(at + " arguments").isEqualTo(text(ref, "cmd_line_args"));
            assertThat(link.strings().workingDir()).as(at + " working dir").isEqualTo(text(ref, "working_dir"));
            assertThat(link.strings().iconLocation()).as(at + " icon").isEqualTo(text(ref, "icon_location"));
            assertThat(link.strings().relativePath()).as(at + " relative").isEqualTo(text(ref, "relative_path"));
            assertThat(link.strings().name()).as(at + " name").isEqualTo(text(ref, "name"));
            if (ref.has("local_base_path")) {
                assertThat(link.linkInfo().orElseThrow().localBasePath()).as(at + " local base path")
                        .isEqualTo(ref.get("local_base_path").asText());
            }
            if (ref.has("tracker_data")) {
                assertThat(link.extraData().tracker().orElseThrow().machineId()).as(at + " machine")
                        .isEqualTo(ref.path("tracker_data").path("machine_id").asText());
            }
            if (ref.has("overlay_size")) {
                assertThat(link.overlaySize()).as(at + " overlay").isEqualTo(ref.get("overlay_size").asLong());
            }
            compared++;
        }
        assertThat(compared).isEqualTo(10);
    }

    /**
     * lnkinfo (liblnk 20181227) refuses six samples that Windows and the other parsers read: the two padded
     * malicious links (declared WORKING_DIR longer than stored), a block running past EOF, the CVE-2010-2568
     * control-panel shape, a truncated header variant and the empty file. For those we only require our parse.
     */
    static final List<String> LNKINFO_REFUSES = List.of("lnkparse3/extra_data.lnk",
            "lnkparse3/padded_cli_arguments.lnk", "yara-x/lnk-cve-2010-2568.lnk", "yara-x/lnk-empty.lnk",
            "yara-x/lnk-malformed-1.lnk", "yara-x/lnk-malformed-2.lnk");

    @Test
    void matchesLnkinfoRunLive() throws Exception {
        List<String> refused = new ArrayList<>();
        int compared = 0;
        for (Path p : samples()) {
            String rel = LNK.relativize(p).toString();
            Map<String, String> ref = lnkinfo(p);
            if (ref == null) {
                refused.add(rel);
                continue;
            }
            ShellLink link = ShellLink.parse(Files.readAllBytes(p));
            assertThat(link.strings().arguments()).as(rel + " arguments")
                    .isEqualTo(Optional.ofNullable(ref.get("Command line arguments")));
            assertThat(link.strings().workingDir()).as(rel + " working dir")
                    .isEqualTo(Optional.ofNullable(ref.get("Working directory")));
            // lnkinfo shows the IconEnvironmentDataBlock path in place of ICON_LOCATION when there is one.
            assertThat(link.extraData().iconEnvironment().or(() -> link.strings().iconLocation())).as(rel + " icon")
                    .isEqualTo(Optional.ofNullable(ref.get("Icon location")));
            assertThat(link.strings().relativePath()).as(rel + " relative")
                    .isEqualTo(Optional.ofNullable(ref.get("Relative path")));
            Optional<String> local = link.linkInfo().flatMap(LinkInfo::localPath);
            assertThat(local.map(ShellLinkReferenceTest::lnkinfoForm)).as(rel + " local path (target)")
                    .isEqualTo(Optional.ofNullable(ref.get("Local path")));
            Optional<String> net = link.linkInfo().flatMap(LinkInfo::networkPath);
            assertThat(net.map(ShellLinkReferenceTest::lnkinfoForm)).as(rel + " network path")
                    .isEqualTo(Optional.ofNullable(ref.get("Network path")));
            assertThat(link.extraData().environmentTarget()).as(rel + " env")
                    .isEqualTo(Optional.ofNullable(ref.get("Environment variables location")));
            compared++;
        }
        assertThat(refused).containsExactlyInAnyOrderElementsOf(LNKINFO_REFUSES);
        assertThat(compared).isEqualTo(41);
    }

    /** lnkinfo prints U+FFFD for bytes it cannot decode, as we do; nothing else to normalise. */
    static String lnkinfoForm(String s) {
        return s;
    }

    static Optional<String> text(JsonNode n, String field) {
        return n.has(field) && !n.get(field).isNull() ? Optional.of(n.get(field).asText()) : Optional.empty();
    }

    /** Runs {@code lnkinfo FILE}; null if it could not open the file. Fails clearly if lnkinfo is missing. */
    public static Map<String, String> lnkinfo(Path p) throws Exception {
        Process pr;
        try {
            pr = new ProcessBuilder("lnkinfo", p.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("lnkinfo (Debian liblnk-utils) is required: apt-get install liblnk-utils", e);
        }
        byte[] out = pr.getInputStream().readAllBytes();
        assertThat(pr.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String text = new String(out, StandardCharsets.UTF_8);
        if (text.contains("Unable to open")) {
            return null;
        }
        Map<String, String> fields = new HashMap<>();
        boolean inLinkInfo = false;
        for (String line : text.split("\n", -1)) {
            if (line.startsWith("Link information:")) {
                inLinkInfo = true;
                continue;
            }
            if (!line.startsWith("\t") && !line.isEmpty()) {
                inLinkInfo = false;
            }
            if (!inLinkInfo || !line.startsWith("\t") || line.startsWith("\t\t")) {
                continue;
            }
            int colon = line.indexOf(": ");
            if (colon < 0) {
                continue;
            }
            fields.put(line.substring(1, colon).trim(), line.substring(colon + 2));
        }
        return fields;
    }
}
