package kagami.cli.hunt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import kagami.cli.ExitCodes;
import kagami.cli.Kagami;

/** {@code kagami hunt} end to end on SigmaHQ regression events, against golden output files. */
class HuntCommandTest {
    static final Path SHARED = Path.of(System.getProperty("kagami.shared"));
    static final Path SIGMA = SHARED.resolve("testdata/sigma");
    static final Path CASES = SIGMA.resolve("regression_data/rules/windows/process_creation");

    static String run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Kagami.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(code).as(err.toString()).isEqualTo(ExitCodes.OK);
        return out.toString().replace(SHARED.toString(), "$SHARED");
    }

    static String golden(String name) throws IOException {
        try (InputStream in = HuntCommandTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    String[] args(String format, String profile) {
        return new String[] {"--lang", "en", "hunt",
            CASES.resolve("proc_creation_win_renamed_adfind/df55196f-f105-44d3-a675-e9dfb6cc2f2b.json").toString(),
            CASES.resolve("proc_creation_win_certutil_decode/cc9cbe82-7bc0-4ef5-bc23-bbfb83947be7.json").toString(),
            "--rules", SIGMA.resolve("rules").toString(), "--format", format, "--profile", profile};
    }

    @Test
    void csvStandardProfileMatchesGoldenFile() throws IOException {
        assertThat(run(args("csv", "standard"))).isEqualTo(golden("standard.csv"));
    }

    @Test
    void jsonlVerboseProfileMatchesGoldenFile() throws IOException {
        assertThat(run(args("jsonl", "verbose"))).isEqualTo(golden("verbose.jsonl"));
    }

    @Test
    void minLevelAndOutputFile(@TempDir Path dir) throws IOException {
        String[] a = args("csv", "standard");
        String[] withOut = java.util.Arrays.copyOf(a, a.length + 4);
        withOut[a.length] = "--min-level";
        withOut[a.length + 1] = "critical";
        withOut[a.length + 2] = "-o";
        withOut[a.length + 3] = dir.resolve("out.csv").toString();
        assertThat(run(withOut)).isEmpty();
        assertThat(Files.readAllLines(dir.resolve("out.csv"))).hasSize(1); // header only: no critical rule fired
    }

    @Test
    void csvCellsCannotBecomeSpreadsheetFormulas() {
        assertThat(HuntCommand.csv("=cmd|' /C calc'!A0")).isEqualTo("'=cmd|' /C calc'!A0");
        assertThat(HuntCommand.csv("a,\"b\"")).isEqualTo("\"a,\"\"b\"\"\"");
    }
}
