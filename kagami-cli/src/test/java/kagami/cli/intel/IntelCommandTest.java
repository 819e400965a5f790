package kagami.cli.intel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import kagami.cli.ExitCodes;
import kagami.cli.Kagami;
import kagami.core.i18n.Messages;

class IntelCommandTest {
    @TempDir
    Path dir;

    record Result(int code, String out, String err) {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Kagami.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    private String db() {
        return dir.resolve("intel.db").toString();
    }

    @Test
    void initLoadsTheMirrorFacePackAndSearchFindsItsIndicators() {
        Result init = run("--lang", "en", "intel", "init", "--db", db());
        assertThat(init.code()).isEqualTo(ExitCodes.OK);
        assertThat(init.out()).contains("mirrorface.stix.json").contains("121 indicators");
        Result hit = run("--lang", "en", "intel", "search", "--db", db(), "sub.www.ninesmn[.]com");
        assertThat(hit.code()).isEqualTo(ExitCodes.FINDINGS);
        assertThat(hit.out()).contains("parent domain").contains("www.ninesmn.com");
        Result miss = run("--lang", "en", "intel", "search", "--db", db(), "example.org");
        assertThat(miss.code()).isEqualTo(ExitCodes.OK);
        assertThat(miss.out()).contains("no indicator matches");
    }

    @Test
    void japaneseOutputWhenAsked() {
        run("intel", "init", "--db", db());
        Result r = run("--lang", "ja", "intel", "stats", "--db", db());
        assertThat(r.out()).contains("インジケーター: 121 件");
        Result help = run("--lang", "ja", "intel", "--help");
        assertThat(help.out()).contains("インジケーターストア");
    }

    @Test
    void jsonOutputsParse() throws Exception {
        run("intel", "init", "--db", db());
        ObjectMapper m = new ObjectMapper();
        JsonNode stats = m.readTree(run("intel", "stats", "--db", db(), "--format", "json").out());
        assertThat(stats.get("indicators").asInt()).isEqualTo(121);
        JsonNode list = m.readTree(run("intel", "list", "--db", db(), "--types", "ipv4", "--format", "json").out());
        assertThat(list).hasSize(4);
        JsonNode search = m.readTree(run("intel", "search", "--db", db(), "--format", "json", "K7SysMn1.DLL").out());
        assertThat(search.get(0).get("related").toString()).contains("LODEINFO");
    }

    @Test
    void aBadFileIsRolledBackWithAnExitCodeAndTheLocation() throws Exception {
        Path csv = dir.resolve("feed.csv");
        Files.writeString(csv, "value,type\nok.example,domain\nbad value,domain\n");
        Result r = run("--lang", "en", "intel", "import", "--db", db(), csv.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.INPUT_ERROR);
        assertThat(r.err()).contains("feed.csv: line 3, field 'value'").contains("nothing from");
        assertThat(run("intel", "list", "--db", db()).out()).isEmpty();
        Result cont = run("--lang", "en", "intel", "import", "--db", db(), "--continue-on-error", csv.toString());
        assertThat(cont.code()).isEqualTo(ExitCodes.INPUT_ERROR);
        assertThat(run("intel", "list", "--db", db()).out()).contains("ok.example");
    }

    /** The engine's reasons are in the user's language too, with the line or object and the field. */
    @Test
    void aFailingImportSaysWhereAndWhyInJapanese() throws Exception {
        Path csv = dir.resolve("feed.csv");
        Files.writeString(csv, "value,type\nok.example,domain\n300.1.1.1,ipv4\n");
        Result r = run("--lang", "ja", "intel", "import", "--db", db(), csv.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.INPUT_ERROR);
        assertThat(r.err()).contains("kagami: feed.csv: 3 行目、フィールド「value」: 不正な ipv4「300.1.1.1」: "
                + "オクテット 300 が 255 を超えています").contains("何も取り込んでいません");
        Result en = run("--lang", "en", "intel", "import", "--db", db(), csv.toString());
        assertThat(en.err()).contains("kagami: feed.csv: line 3, field 'value': invalid ipv4 '300.1.1.1': "
                + "octet 300 is greater than 255");

        Path stix = dir.resolve("bad.json");
        Files.writeString(stix, """
                {"type": "bundle", "id": "bundle--0b6f4c3e-5d0a-4a3e-9d6e-2f7b8a9c1d2e", "objects": [{
                  "type": "indicator", "spec_version": "2.1", "id": "indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f",
                  "created": "2025-01-01T00:00:00Z", "modified": "2025-01-01T00:00:00Z", "valid_from": "2025-01-01T00:00:00Z",
                  "pattern_type": "stix", "pattern": "[domain-name:value = 'x.example'"}]}
                """);
        Result s = run("--lang", "ja", "intel", "import", "--db", db(), stix.toString());
        assertThat(s.code()).isEqualTo(ExitCodes.INPUT_ERROR);
        assertThat(s.err()).contains("bad.json: 1 番目のオブジェクト（indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f）、"
                + "フィールド「pattern」: 「]」が必要ですが、パターンが終わっています（33 文字目）");
        Result bad = run("--lang", "ja", "intel", "import", "--db", db(), "--columns", "value", csv.toString());
        assertThat(bad.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(bad.err()).contains("--columns: 列の対応「value」が field=column の形式ではありません");
    }

    @Test
    void importDetectsFormatsAndExportWritesBlocklists() throws Exception {
        Path stix = Path.of(System.getProperty("kagami.shared"), "testdata", "stix", "examples", "threat-reports",
                "poisonivy.json");
        Result r = run("--lang", "en", "intel", "import", "--db", db(), "--tlp", "green", stix.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).contains("(stix)");
        Result nft = run("--lang", "en", "intel", "export", "--db", db(), "-f", "nftables");
        assertThat(nft.code()).isEqualTo(ExitCodes.OK);
        assertThat(nft.out()).contains("table inet kagami").contains("113.10.246.30");
        Result hosts = run("--lang", "en", "intel", "export", "--db", db(), "-f", "hosts", "--max-tlp", "clear");
        assertThat(hosts.out()).doesNotContain("0.0.0.0 ");
        Path out = dir.resolve("out.json");
        assertThat(run("intel", "export", "--db", db(), "-f", "stix", "-o", out.toString()).code())
                .isEqualTo(ExitCodes.OK);
        assertThat(Files.readString(out)).contains("\"type\" : \"bundle\"");
        Result bad = run("--lang", "en", "intel", "export", "--db", db(), "-f", "pdf");
        assertThat(bad.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(bad.err()).contains("unknown format 'pdf'");
    }

    @Test
    void pullWithoutItsSecretIsAUsageError() {
        Result r = run("--lang", "en", "intel", "pull", "--db", db(), "--taxii", "http://127.0.0.1:9/taxii2/",
                "--user", "u", "--password-env", "KAGAMI_TEST_UNSET_VARIABLE", "--collection", "x");
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("KAGAMI_TEST_UNSET_VARIABLE");
    }

    /** The command lists show one line per intel command: the usage headers, not the long descriptions. */
    @Test
    void commandListsShowOneLineHeaders() {
        for (String lang : new String[] {"en", "ja"}) {
            assertOneLine(run("--lang", lang, "--help").out(), "intel");
            String intelHelp = run("--lang", lang, "intel", "--help").out();
            for (String sub : new String[] {"init", "import", "export", "search", "list", "stats", "expire", "pull"}) {
                assertOneLine(intelHelp, sub);
            }
        }
    }

    /** The entry of {@code command} in a picocli command list is one line: the next line is another entry. */
    private static void assertOneLine(String help, String command) {
        String[] lines = help.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].matches("  " + command + " +\\S.*")) {
                assertThat(i + 1 < lines.length ? lines[i + 1] : "").as(command + " in\n" + help)
                        .doesNotMatch(" {5,}\\S.*");
                return;
            }
        }
        throw new AssertionError(command + " not listed in\n" + help);
    }

    @Test
    void aBadMatchFilterIsAUsageErrorBeforeAnyRequest() {
        Result r = run("--lang", "ja", "intel", "pull", "--db", db(), "--taxii", "http://127.0.0.1:9/taxii2/",
                "--collection", "x", "--match-type", "indicator,a&limit=1");
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("「a&limit=1」は STIX のオブジェクト型ではありません（match[type]）");
    }

    @Test
    void everyMessageExistsInBothLanguages() {
        assertThat(Messages.missingTranslations("kagami.cli.intel.messages")).isEmpty();
        assertThat(Messages.missingTranslations("kagami.cli.usage")).isEmpty();
    }
}
