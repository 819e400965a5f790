package kagami.mail.office;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import kagami.mail.filetype.FileType;
import kagami.mail.verdict.Finding;

/**
 * Every document of {@code testdata/office} against what its SOURCE.md records: the VBA modules POI 5.5.1 finds
 * (count, names, total source characters), and the features the table names (XLM, DDE, encryption, external
 * relationships, RTF objects, OLE packages). Where we read more than POI's bare reader — PowerPoint 97-2003 VBA,
 * packages encrypted with the default password — the expected values are the ones SOURCE.md states for the
 * route that reaches them.
 */
class OfficeCorpusTest {
    static final Path OFFICE = Path.of(System.getProperty("kagami.shared", "../../shared"), "testdata", "office");
    static final Pattern ROW = Pattern.compile("^\\| `([^`]+)` \\| (\\d+) \\| (.*?) \\| (.*?) \\| `[0-9a-f]{16}` \\|$");
    static final Pattern VBA = Pattern.compile("VBA: modules=(\\d+) chars=(\\d+) names=\\[(.*)");

    /** SOURCE.md rows: file → POI result column. */
    static Map<String, String> poiColumn() throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(OFFICE.resolve("SOURCE.md"), StandardCharsets.UTF_8)) {
            Matcher m = ROW.matcher(line);
            if (m.matches()) {
                out.put(m.group(1), m.group(4));
            }
        }
        return out;
    }

    static OfficeReport analyse(String file) throws Exception {
        byte[] d = Files.readAllBytes(OFFICE.resolve(file));
        FileType t = FileType.detect(d, d.length);
        assertThat(OfficeAnalysis.handles(t, d)).as(file).isTrue();
        return new OfficeAnalysis(List.of()).analyse(d, t, file);
    }

    static Set<String> signals(OfficeReport r) {
        return r.findings().stream().map(Finding::signal).collect(Collectors.toSet());
    }

    /** Where SOURCE.md says POI's bare reader returns 0 but the macros are there and reachable. */
    static final Map<String, Integer> READ_BEYOND_POI = Map.of(
            "poi/slideshow/SimpleMacro.ppt", 1,
            "poi/slideshow/WithMacros.ppt", 1,
            "oletools/olevba/sample_with_vba.ppt", 1,
            "oletools/encrypted/autostart-encrypt-standardpassword.xlsm", 3,
            "oletools/encrypted/autostart-encrypt-standardpassword.xlsb", 3);

    @Test
    void vbaModulesMatchWhatSourceMdRecordsForEveryDocument() throws Exception {
        Map<String, String> rows = poiColumn();
        assertThat(rows).hasSize(72);
        int compared = 0;
        for (Map.Entry<String, String> row : rows.entrySet()) {
            String file = row.getKey();
            String poi = row.getValue();
            if (file.endsWith(".vba") || file.endsWith(".msg") || file.endsWith(".dat")) {
                continue;
            }
            OfficeReport r = analyse(file);
            Matcher m = VBA.matcher(poi);
            if (READ_BEYOND_POI.containsKey(file)) {
                assertThat(r.modules()).as(file).hasSize(READ_BEYOND_POI.get(file));
            } else if (m.find()) {
                int count = Integer.parseInt(m.group(1));
                assertThat(r.modules()).as(file + " module count").hasSize(count);
                assertThat(r.modules().stream().mapToInt(x -> x.source().length()).sum()).as(file + " chars")
                        .isEqualTo(Integer.parseInt(m.group(2)));
                List<String> names = new ArrayList<>(Arrays.asList(m.group(3).split(", ")));
                if (!m.group(3).endsWith("]")) {
                    names.remove(names.size() - 1); // SOURCE.md truncates long lists mid-name
                } else {
                    names.set(names.size() - 1, names.get(names.size() - 1).replace("]", ""));
                }
                names.removeIf(String::isEmpty);
                assertThat(r.modules().stream().map(VbaModule::name).toList()).as(file + " names")
                        .containsAll(names);
            } else if (poi.contains("Unexpected reserved character")) {
                assertThat(r.modules()).as(file).isEmpty();
                assertThat(r.problems()).as(file).extracting(OfficeReport.Problem::cause).contains("parse.vba");
            } else {
                assertThat(r.modules()).as(file + " (" + poi + ")").isEmpty();
                assertThat(signals(r)).as(file).doesNotContain("office.vba");
            }
            compared++;
        }
        assertThat(compared).isEqualTo(52);
    }

    @Test
    void simpleMacroSourcesEqualTheExpectedVbaFiles() throws Exception {
        for (String[] pair : new String[][] {{"poi/document/SimpleMacro.docm", "poi/document/SimpleMacro.vba"},
            {"poi/spreadsheet/SimpleMacro.xlsm", "poi/spreadsheet/SimpleMacro.vba"},
            {"poi/slideshow/SimpleMacro.ppt", "poi/slideshow/SimpleMacro.vba"},
            {"poi/diagram/SimpleMacro.vsdm", "poi/diagram/SimpleMacro.vba"}}) {
            String expected = Files.readString(OFFICE.resolve(pair[1]), StandardCharsets.ISO_8859_1).strip();
            String all = analyse(pair[0]).modules().stream().map(VbaModule::source).collect(Collectors.joining("\n"));
            assertThat(all.replace("\r\n", "\n")).as(pair[0]).contains(expected.replace("\r\n", "\n").lines()
                    .filter(l -> !l.isBlank()).findFirst().orElseThrow());
        }
    }

    @Test
    void featuresNamedInSourceMdAreFlagged() throws Exception {
        Map<String, Set<String>> expected = new LinkedHashMap<>();
        expected.put("poi/spreadsheet/xlmmacro.xlsm", Set.of("office.xlm"));
        expected.put("poi/spreadsheet/64420.xlsm", Set.of("office.xlm"));
        expected.put("oletools/excel4-macros/excel4_sample_macro.xls", Set.of("office.xlm"));
        expected.put("oletools/excel4-macros/excel4_sample_macro.xlsm", Set.of("office.xlm"));
        expected.put("oletools/excel4-macros/excel4_sample_macro.xlsb", Set.of("office.xlm"));
        expected.put("oletools/excel4-macros/excel4_sample_macro.slk", Set.of("office.xlm"));
        expected.put("oletools/msodde/dde-test.docx", Set.of("office.dde"));
        expected.put("oletools/msodde/dde-test.xlsx", Set.of("office.dde"));
        expected.put("oletools/oleobj/external_link/sample_with_external_link_to_doc.docx",
                Set.of("office.external_relationship"));
        expected.put("oletools/rtfobj/issue_251.rtf", Set.of("rtf.object"));
        expected.put("oletools/oleobj/sample_with_lnk_file.doc", Set.of("office.ole_package"));
        expected.put("oletools/oleobj/sample_with_calc_embedded.doc", Set.of("office.ole_package"));
        expected.put("oletools/encrypted/encrypted.doc", Set.of("office.encrypted"));
        expected.put("oletools/encrypted/encrypted.docx", Set.of("office.encrypted"));
        expected.put("oletools/encrypted/autostart-encrypt-standardpassword.xls",
                Set.of("office.vba", "office.vba.autoexec", "office.encrypted"));
        expected.put("oletools/encrypted/autostart-encrypt-standardpassword.xlsm",
                Set.of("office.vba", "office.vba.autoexec", "office.encrypted_default_password"));
        expected.put("oletools/encrypted/autostart-encrypt-standardpassword.xlsb",
                Set.of("office.vba", "office.vba.autoexec", "office.encrypted_default_password"));
        for (Map.Entry<String, Set<String>> e : expected.entrySet()) {
            assertThat(signals(analyse(e.getKey()))).as(e.getKey()).containsAll(e.getValue());
        }
        for (String clean : List.of("oletools/msodde/harmless-clean.docx", "oletools/msodde/harmless-clean.doc",
                "poi/document/cpansearch.perl.org_src_tobyink_acme-rundoc-0.001_word-lib_hello_world.docm")) {
            OfficeReport r = analyse(clean);
            assertThat(r.findings()).as(clean).isEmpty();
            assertThat(r.problems()).as(clean).isEmpty();
        }
    }

    @Test
    void embeddedShortcutInAWordDocumentIsTakenOutForAnalysis() throws Exception {
        OfficeReport r = analyse("oletools/oleobj/sample_with_lnk_file.doc");
        assertThat(r.embedded()).hasSize(1);
        byte[] lnk = r.embedded().get(0).content();
        assertThat(FileType.detect(lnk, lnk.length)).isEqualTo(FileType.LNK);
    }

    @Test
    void encryptedPackageWithUnknownPasswordIsReportedNotSilentlyEmpty() throws Exception {
        OfficeReport r = analyse("oletools/encrypted/encrypted.docx");
        assertThat(r.problems()).extracting(OfficeReport.Problem::cause).contains("encrypted.unknown_password");
    }

    @Test
    void mraptorFlagsOfTheAutostartSamples() throws Exception {
        OfficeReport r = analyse("oletools/encrypted/autostart-encrypt-standardpassword.xlsm");
        assertThat(r.macros().autoExec()).isTrue();
        assertThat(r.macros().flags()).startsWith("A");
        OfficeReport plain = analyse("poi/document/SimpleMacro.docm");
        assertThat(plain.macros().flags()).isEqualTo("---");
    }
}
