package kagami.cli.hunt;

import static kagami.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import kagami.cli.CliRun;
import kagami.cli.ExitCodes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hunt command end to end, on SigmaHQ's regression events and all 2,858 shared SigmaHQ rules. */
class HuntCommandTest {
    static final Path SIGMA = Path.of(System.getProperty("kagami.shared"), "testdata", "sigma");

    @TempDir
    static Path dir;
    static Path events;

    /** The regression data's JSON renderings (its EVTX copies hold the same events). */
    @BeforeAll
    static void collectJsonEvents() throws IOException {
        events = dir.resolve("events");
        Files.createDirectories(events);
        List<Path> json = new ArrayList<>();
        try (var s = Files.walk(SIGMA.resolve("regression_data"))) {
            s.filter(p -> p.toString().endsWith(".json")).sorted().forEach(json::add);
        }
        int i = 0;
        for (Path p : json) {
            Files.copy(p, events.resolve(String.format("%03d-%s", i++, p.getFileName())));
        }
        assertThat(json).hasSizeGreaterThan(150);
    }

    private static String[] huntArgs(Path out, String... extra) {
        List<String> a = new ArrayList<>(List.of("--lang", "en", "hunt", events.toString(),
                "--rules", SIGMA.resolve("rules").toString(), "--rules", SIGMA.resolve("rules-emerging-threats").toString(),
                "--rules", SIGMA.resolve("rules-threat-hunting").toString(), "--no-bundled-rules", "-U", "-o", out.toString()));
        a.addAll(List.of(extra));
        return a.toArray(String[]::new);
    }

    @Test
    void twoRunsGiveByteIdenticalTimelines() throws IOException {
        Path a = dir.resolve("a.csv");
        Path b = dir.resolve("b.csv");
        CliRun r1 = run(huntArgs(a, "--threads", "1"));
        CliRun r2 = run(huntArgs(b, "--threads", "2"));
        assertThat(r1.code()).as(r1.err()).isEqualTo(ExitCodes.OK);
        assertThat(r2.code()).isEqualTo(ExitCodes.OK);
        byte[] first = Files.readAllBytes(a);
        assertThat(first.length).isGreaterThan(10_000);
        assertThat(Files.readAllBytes(b)).isEqualTo(first);
        Path ja = dir.resolve("a.jsonl");
        Path jb = dir.resolve("b.jsonl");
        run(huntArgs(ja, "--profile", "verbose"));
        run(huntArgs(jb, "--profile", "verbose", "--threads", "2"));
        assertThat(Files.readAllBytes(jb)).isEqualTo(Files.readAllBytes(ja));
        // every regression event was written for a rule that matches it: the timeline names those rules
        assertThat(Files.readString(a)).contains("Timestamp,RuleTitle,Level,Computer,Channel,EventID,RecordID");
        assertThat(r1.err()).contains("Hunt summary").contains("Rules: ").doesNotContain("\u001b");
    }

    @Test
    void writesTheHtmlReportAndNavigatorLayerAndSummaryFigures() throws IOException {
        Path html = dir.resolve("r.html");
        Path layer = dir.resolve("layer.json");
        CliRun r = run(huntArgs(dir.resolve("t.csv"), "--html", html.toString(), "--navigator", layer.toString(),
                "--min-level", "high"));
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.OK);
        assertThat(Files.readString(html)).contains("kagami-data").contains("Content-Security-Policy");
        assertThat(Files.readString(layer)).contains("\"layer\" : \"4.5\"").contains("\"techniqueID\"");
        assertThat(r.err()).contains("Detections per level").contains("ATT&CK tactics seen");
        assertThat(Files.readString(dir.resolve("t.csv"))).doesNotContain(",med,").doesNotContain(",low,");
    }

    @Test
    void damagedInputsAreReportedWithExitCode2() throws IOException {
        Path bad = dir.resolve("bad");
        Files.createDirectories(bad);
        byte[] gz;
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        try (OutputStream o = new GZIPOutputStream(b)) {
            o.write("{\"Event\":{\"System\":{\"EventID\":1}}}\n".repeat(100).getBytes(StandardCharsets.UTF_8));
        }
        gz = b.toByteArray();
        Files.write(bad.resolve("cut.json.gz"), java.util.Arrays.copyOf(gz, gz.length / 2));
        CliRun r = run("--lang", "en", "hunt", bad.toString(), "--rules", SIGMA.resolve("rules/windows/process_creation")
                .toString(), "--no-bundled-rules", "-o", dir.resolve("bad.csv").toString());
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.INPUT_ERROR);
        assertThat(r.err()).contains("cut.json");
    }

    @Test
    void damageTheReaderGotPastIsAWarningThatStrictTurnsIntoExitCode3() {
        Path damaged = Path.of(System.getProperty("kagami.shared"), "testdata", "evtx", "edge-cases",
                "sample_with_a_bad_chunk_magic.evtx");
        String[] common = {"--lang", "en", "hunt", damaged.toString(), "--rules",
            SIGMA.resolve("rules/windows/builtin/security").toString(), "--no-bundled-rules", "--no-channel-filter",
            "-o", dir.resolve("damaged.csv").toString()};
        CliRun lenient = run(common);
        assertThat(lenient.code()).as(lenient.err()).isEqualTo(ExitCodes.OK);
        assertThat(lenient.err()).contains("damaged, read only in part");
        CliRun strict = run(concat(common, "--strict"));
        assertThat(strict.code()).as(strict.err()).isEqualTo(ExitCodes.STRICT_WARNINGS);
    }

    @Test
    void failOnGivesExitCode1WhenSomethingSevereIsFound() {
        CliRun r = run(huntArgs(dir.resolve("f.csv"), "--fail-on", "high", "--no-summary"));
        assertThat(r.code()).isEqualTo(ExitCodes.FINDINGS);
        assertThat(r.err()).doesNotContain("Hunt summary");
    }

    @Test
    void metricsAndLogonSummaryReadTheSameInputs() {
        CliRun m = run("--lang", "en", "metrics", events.toString(), "-U");
        assertThat(m.code()).as(m.err()).isEqualTo(ExitCodes.OK);
        assertThat(m.out()).contains("Events per channel").contains("Microsoft-Windows-Sysmon/Operational");
        CliRun l = run("--lang", "ja", "logon-summary", events.toString(), "-U");
        assertThat(l.code()).isEqualTo(ExitCodes.OK);
        assertThat(l.out()).contains("ログオンの概要");
    }

    @Test
    void rulesUpdateInstallsAZipThatHuntCanUse() throws IOException {
        Path zip = dir.resolve("pkg.zip");
        try (var z = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
            Path src = SIGMA.resolve("rules/windows/process_creation");
            try (var s = Files.list(src)) {
                for (Path p : s.sorted().limit(50).toList()) {
                    z.putNextEntry(new java.util.zip.ZipEntry("rules/windows/process_creation/" + p.getFileName()));
                    z.write(Files.readAllBytes(p));
                }
            }
        }
        Path store = dir.resolve("store");
        CliRun u = run("--lang", "en", "rules", "update", "--from", zip.toString(), "--store", store.toString());
        assertThat(u.code()).as(u.err()).isEqualTo(ExitCodes.OK);
        assertThat(u.out()).contains("Installed 50 files").contains("sha256: ");
        CliRun bad = run("--lang", "en", "rules", "update", "--from", dir.resolve("nope.zip").toString(), "--store",
                store.toString());
        assertThat(bad.code()).isNotEqualTo(ExitCodes.OK);
        assertThat(store.resolve("sigmahq/rules/windows/process_creation")).isDirectory();
    }

    @Test
    void edgeCaseEvtxFilesGiveByteIdenticalTimelinesWithOneAndTwoThreads() throws IOException {
        Path edge = Path.of(System.getProperty("kagami.shared"), "testdata", "evtx", "edge-cases");
        Path a = dir.resolve("edge-1.csv");
        Path b = dir.resolve("edge-2.csv");
        String[] common = {"--lang", "en", "hunt", edge.toString(), "--rules", SIGMA.resolve("rules").toString(),
            "--rules", SIGMA.resolve("rules-emerging-threats").toString(), "--rules",
            SIGMA.resolve("rules-threat-hunting").toString(), "-U", "--profile", "verbose"};
        CliRun r1 = run(concat(common, "--threads", "1", "-o", a.toString()));
        CliRun r2 = run(concat(common, "--threads", "2", "-o", b.toString()));
        // damaged files are read as far as they go and listed in the summary; as with `kagami dump`, that is a
        // warning (exit 0, 3 under --strict), not an input error
        assertThat(r1.code()).as(r1.err()).isEqualTo(ExitCodes.OK);
        assertThat(r2.code()).isEqualTo(ExitCodes.OK);
        assertThat(r1.err()).contains("sample_with_a_bad_chunk_magic.evtx: damaged, read only in part")
                .contains("LICENSE-MIT").doesNotContain("no EVTX reader");
        byte[] first = Files.readAllBytes(a);
        assertThat(Files.readAllBytes(b)).isEqualTo(first);
        String csv = new String(first, StandardCharsets.UTF_8);
        assertThat(csv.lines().count()).isGreaterThan(300);
        assertThat(csv).contains("security.evtx").contains("sysmon.evtx")
                .contains("LSASS Opened With Memory-Dump Access Rights");
        CliRun m = run("--lang", "en", "metrics", edge.resolve("sysmon.evtx").toString(), "-U");
        assertThat(m.code()).as(m.err()).isEqualTo(ExitCodes.OK);
        assertThat(m.out()).contains("Microsoft-Windows-Sysmon/Operational").contains("358");
        CliRun l = run("--lang", "en", "logon-summary", edge.resolve("security.evtx").toString(), "-U");
        assertThat(l.code()).as(l.err()).isEqualTo(ExitCodes.OK);
        assertThat(l.out()).contains("4624");
    }

    private static String[] concat(String[] a, String... b) {
        List<String> all = new ArrayList<>(List.of(a));
        all.addAll(List.of(b));
        return all.toArray(String[]::new);
    }
}
