package kagami.cli.dump;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xml.sax.InputSource;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import kagami.cli.ExitCodes;
import kagami.cli.Kagami;
import kagami.core.i18n.Messages;

/** {@code kagami dump}, run in-process through {@link Kagami#run}. */
class DumpCommandTest {
    private static final Path EDGE = Path.of(System.getProperty("kagami.shared"), "testdata", "evtx", "edge-cases");

    @TempDir
    Path tmp;

    record Run(int exit, String out, String err) {
    }

    static Run kagami(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Kagami.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(exit, out.toString(), err.toString());
    }

    private static String edge(String name) {
        return EDGE.resolve(name).toString();
    }

    @Test
    void writesOneJsonObjectPerLineByDefault() throws IOException {
        Run r = kagami("--lang", "en", "dump", edge("sysmon.evtx"));
        assertThat(r.exit()).isEqualTo(ExitCodes.OK);
        String[] lines = r.out().split("\n");
        assertThat(lines).hasSize(358);
        assertThat(lines[0]).startsWith("{\"Event\":{\"#attributes\":{\"xmlns\":");
        assertThat(lines[0]).contains("\"EventRecordID\":1742", "\"Image\":\"C:\\\\Windows\\\\SysWOW64\\\\PING.EXE\"");
        for (String line : lines) {
            assertThat(jsonValues(line)).isEqualTo(1);
        }
        assertThat(r.err()).contains("1 file, 358 records (0 recovered), no warnings");
    }

    @Test
    void jsonFormatIsOneArray() throws IOException {
        Run r = kagami("dump", "--format", "json", edge("security.evtx"), edge("sysmon.evtx"));
        assertThat(r.exit()).isEqualTo(ExitCodes.OK);
        JsonParser p = new JsonFactory().createParser(r.out());
        assertThat(p.nextToken()).isEqualTo(JsonToken.START_ARRAY);
        int records = 0;
        while (p.nextToken() == JsonToken.START_OBJECT) {
            p.skipChildren();
            records++;
        }
        assertThat(p.currentToken()).isEqualTo(JsonToken.END_ARRAY);
        assertThat(p.nextToken()).isNull();
        assertThat(records).isEqualTo(2261 + 358);
    }

    @Test
    void xmlFormatIsEventElementsAsWindowsRendersThem() throws Exception {
        Run r = kagami("dump", "--format", "xml", edge("system.evtx"));
        assertThat(r.exit()).isEqualTo(ExitCodes.OK);
        Matcher m = Pattern.compile("<Event[ >].*?</Event>", Pattern.DOTALL).matcher(r.out());
        int n = 0;
        var builder = DocumentBuilderFactory.newInstance().newDocumentBuilder();
        while (m.find()) {
            builder.parse(new InputSource(new java.io.StringReader(m.group())));
            n++;
        }
        assertThat(n).isEqualTo(1881);
        assertThat(r.out()).contains("<EventID Qualifiers=\"32768\">6009</EventID>");
    }

    @Test
    void separateAttributesGivesTheHayabusaShape() {
        Run r = kagami("dump", "--separate-attributes", edge("sysmon.evtx"));
        String first = r.out().lines().findFirst().orElseThrow();
        assertThat(first).contains("\"Event_attributes\":{\"xmlns\":", "\"Provider_attributes\":{\"Name\":\"Microsoft-Windows-Sysmon\"",
                "\"TimeCreated_attributes\":{\"SystemTime\":\"2017-12-26T13:10:29.136879Z\"}", "\"EventID\":1,");
        assertThat(first).doesNotContain("#attributes");
    }

    @Test
    void outputFileHoldsWhatStandardOutputWould() throws IOException {
        Path out = tmp.resolve("out.jsonl");
        Run r = kagami("dump", "-o", out.toString(), edge("new-user-security.evtx"));
        assertThat(r.exit()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).isEmpty();
        assertThat(Files.readString(out, StandardCharsets.UTF_8)).isEqualTo(kagami("dump", edge("new-user-security.evtx")).out());
    }

    @Test
    void anOutputThatCannotBeWrittenStopsTheRunWithOneMessage() {
        // /dev/full fails every write with ENOSPC: the writer thread's failure must reach the reading thread, which
        // stops instead of parsing on (or waiting for a writer that has given up).
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isWritable(Path.of("/dev/full")));
        Run r = kagami("--lang", "en", "dump", "--threads", "1", "-o", "/dev/full", edge("security.evtx"),
                edge("system.evtx"), edge("sysmon.evtx"));
        assertThat(r.exit()).isEqualTo(ExitCodes.INPUT_ERROR);
        assertThat(r.err()).contains("cannot write the output (No space left on device)");
        assertThat(r.err()).doesNotContain("records,");
        assertNoStackTrace(r);
    }

    @Test
    void directoriesAreWalkedAndOnlyEvtxFilesRead() throws IOException {
        Path dir = tmp.resolve("evidence/host1");
        Files.createDirectories(dir);
        Files.copy(EDGE.resolve("new-user-security.evtx"), dir.resolve("a.bin"));
        Files.copy(EDGE.resolve("Security_short_selected.evtx"), tmp.resolve("evidence/b.evtx"));
        Files.writeString(dir.resolve("notes.txt"), "not a log");
        Run r = kagami("dump", tmp.resolve("evidence").toString());
        assertThat(r.exit()).isEqualTo(ExitCodes.OK);
        assertThat(r.out().lines().count()).isEqualTo(4 + 7);
        assertThat(r.err()).contains("2 files").doesNotContain("notes.txt");
    }

    @Test
    void aFileThatIsNotEvtxIsNamedAndTheOthersAreStillRead() throws IOException {
        Path text = tmp.resolve("readme.evtx");
        Files.writeString(text, "hello, not an event log");
        Run r = kagami("--lang", "en", "dump", text.toString(), edge("new-user-security.evtx"));
        assertThat(r.exit()).isEqualTo(ExitCodes.INPUT_ERROR);
        assertThat(r.err()).contains(text + ": not an EVTX file");
        assertThat(r.out().lines().count()).isEqualTo(4);
        assertNoStackTrace(r);
    }

    @Test
    void aMissingFileIsAnInputError() {
        Run r = kagami("--lang", "en", "dump", tmp.resolve("nope.evtx").toString(), edge("new-user-security.evtx"));
        assertThat(r.exit()).isEqualTo(ExitCodes.INPUT_ERROR);
        assertThat(r.err()).contains("nope.evtx: no such file or directory");
        assertThat(r.out().lines().count()).isEqualTo(4);
    }

    @Test
    void aDamagedFileGivesItsIntactRecordsWithWarningsAndExitsZero() {
        Run r = kagami("--lang", "en", "dump", edge("sample_with_a_bad_chunk_magic.evtx"));
        assertThat(r.exit()).isEqualTo(ExitCodes.OK);
        assertThat(r.out().lines().count()).isGreaterThanOrEqualTo(270);
        assertThat(r.err()).contains("warning: ", "offset 0x61000", "offset 0x2fc0");
        assertThat(r.out()).contains("\"#recovered\":{\"offset\":");
        assertNoStackTrace(r);
    }

    @Test
    void strictTurnsWarningsIntoExitCodeThree() {
        assertThat(kagami("dump", "--strict", edge("sample_with_a_bad_chunk_magic.evtx")).exit()).isEqualTo(ExitCodes.STRICT_WARNINGS);
        assertThat(kagami("dump", "--strict", edge("security.evtx")).exit()).isEqualTo(ExitCodes.OK);
    }

    @Test
    void checksumsAreReportedOnlyWhenAsked() throws IOException {
        Path copy = tmp.resolve("flipped.evtx");
        byte[] b = Files.readAllBytes(EDGE.resolve("new-user-security.evtx"));
        b[4096 + 512 + 100] ^= 0x01; // inside the first record: the chunk's record CRC no longer matches
        Files.write(copy, b);
        Run plain = kagami("--lang", "en", "dump", copy.toString());
        assertThat(plain.err()).doesNotContain("checksum");
        Run checked = kagami("--lang", "en", "dump", "--validate-checksums", copy.toString());
        assertThat(checked.exit()).isEqualTo(ExitCodes.OK);
        assertThat(checked.err()).contains("checksum of a chunk's records does not match");
        assertThat(kagami("dump", "--validate-checksums", "--strict", edge("Application_no_crc32.evtx")).exit())
                .as("chunks flagged as having no CRC32 are not checked").isEqualTo(ExitCodes.OK);
    }

    @Test
    void carvingRecoversRecordsFromSlackAndMarksThem() {
        Run plain = kagami("dump", edge("2-vss_0-Microsoft-Windows-TerminalServices-RemoteConnectionManager%4Operational.evtx"));
        Run carved = kagami("dump", "--carve", edge("2-vss_0-Microsoft-Windows-TerminalServices-RemoteConnectionManager%4Operational.evtx"));
        assertThat(carved.out().lines().count()).isGreaterThan(plain.out().lines().count());
        assertThat(carved.out().lines().filter(l -> l.contains("\"#recovered\"")).count())
                .isGreaterThan(plain.out().lines().filter(l -> l.contains("\"#recovered\"")).count());
    }

    @Test
    void threadsDoNotChangeTheOutput() {
        String one = kagami("dump", "--threads", "1", edge("security.evtx")).out();
        String four = kagami("dump", "--threads", "4", edge("security.evtx")).out();
        assertThat(four).isEqualTo(one);
    }

    @Test
    void badThreadCountIsAUsageError() {
        assertThat(kagami("dump", "--threads", "0", edge("security.evtx")).exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(kagami("dump", "--format", "yaml", edge("security.evtx")).exit()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void refusesToWriteOverAnInput() throws IOException {
        Path evidence = tmp.resolve("copy.evtx");
        Files.copy(EDGE.resolve("new-user-security.evtx"), evidence);
        Run r = kagami("dump", "-o", evidence.toString(), evidence.toString());
        assertThat(r.exit()).isEqualTo(ExitCodes.INPUT_ERROR);
        assertThat(Files.readAllBytes(evidence)).isEqualTo(Files.readAllBytes(EDGE.resolve("new-user-security.evtx")));
    }

    @Test
    void speaksJapanese() throws IOException {
        Path text = tmp.resolve("x.evtx");
        Files.writeString(text, "not evtx");
        Run r = kagami("--lang", "ja", "dump", text.toString(), edge("sample_with_a_bad_chunk_magic.evtx"));
        assertThat(r.err()).contains("EVTX ファイルではありません", "警告: ", "ファイル 1 件");
    }

    @Test
    void helpIsBilingual() {
        assertThat(kagami("--lang", "en", "dump", "--help").out()).contains("--carve", "slack space");
        assertThat(kagami("--lang", "ja", "dump", "--help").out()).contains("--carve", "スラック");
    }

    @Test
    void everyMessageHasBothLanguages() {
        assertThat(Messages.missingTranslations("kagami.cli.dump.messages")).isEmpty();
        assertThat(Messages.missingTranslations("kagami.cli.usage")).isEmpty();
        assertThat(Messages.missingTranslations("kagami.evtx.messages")).isEmpty();
    }

    private static void assertNoStackTrace(Run r) {
        assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    private static int jsonValues(String text) throws IOException {
        JsonParser p = new JsonFactory().createParser(text);
        int n = 0;
        while (p.nextToken() != null) {
            p.skipChildren();
            n++;
        }
        return n;
    }

    static List<String> lines(String s) {
        return new ArrayList<>(s.lines().toList());
    }
}
