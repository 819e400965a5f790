package kagami.cli.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import kagami.cli.ExitCodes;
import kagami.cli.Kagami;

class RulesCommandTest {
    static final String GOOD = """
            title: Good rule
            id: 11111111-1111-4111-8111-111111111111
            status: test
            author: Alice
            tags: [attack.execution, attack.t1059.001]
            logsource: {product: windows, category: process_creation}
            detection:
              sel: {Image|endswith: '\\\\powershell.exe'}
              condition: sel
            level: high
            """;
    static final String BAD = """
            title: Bad rule
            logsource: {product: windows}
            detection:
              sel: {Image|bogus: x}
              condition: sel
            """;

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Kagami.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void validateReportsLoadedAndFailedAsJson(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("good.yml"), GOOD);
        Files.writeString(dir.resolve("bad.yml"), BAD);
        Run r = run("--lang", "en", "rules", "validate", dir.toString(), "--format", "json");
        assertThat(r.code()).isEqualTo(ExitCodes.INPUT_ERROR);
        assertThat(r.out().trim()).isEqualTo("{\"loaded\":1,\"failed\":[{\"path\":\""
                + dir.resolve("bad.yml").toString().replace("\\", "\\\\")
                + "\",\"line\":4,\"reason\":\"unknown value modifier 'bogus' in 'Image|bogus'\"}]}");
    }

    @Test
    void validateTextSucceedsOnGoodRules(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("good.yml"), GOOD);
        Run r = run("--lang", "ja", "rules", "validate", dir.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).contains("1 件のルールを読み込みました");
    }

    @Test
    void listFiltersByLevelStatusAndTag(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("good.yml"), GOOD);
        Files.writeString(dir.resolve("low.yml"), GOOD.replace("level: high", "level: low")
                .replace("11111111-1111-4111-8111-111111111111", "22222222-2222-4222-8222-222222222222")
                .replace("status: test", "status: stable").replace("attack.t1059.001", "attack.t1003"));
        assertThat(run("rules", "list", dir.toString(), "--level", "medium").out())
                .contains("11111111").doesNotContain("22222222");
        assertThat(run("rules", "list", dir.toString(), "--status", "stable").out())
                .contains("22222222").doesNotContain("11111111");
        assertThat(run("rules", "list", dir.toString(), "--tag", "attack.t1059").out())
                .contains("11111111").doesNotContain("22222222");
        Run json = run("rules", "list", dir.toString(), "--format", "json", "--tag", "attack.t1003");
        assertThat(json.out()).contains("\"author\":\"Alice\"").contains("\"level\":\"low\"");
        assertThat(run("rules", "list", dir.toString(), "--level", "severe").code()).isEqualTo(ExitCodes.USAGE);
    }
}
