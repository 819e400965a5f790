package kagami.cli.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import kagami.cli.ExitCodes;
import kagami.cli.Kagami;

/** {@code kagami mail} end to end: formats, golden JSON, extraction under defanged names, exit codes, language. */
class MailCommandTest {
    static final Path SHARED = Path.of(System.getProperty("kagami.shared", "../../shared"), "testdata");
    static final Path DIR = Path.of("target", "mail-cli-test");
    static final Path MAIL = DIR.resolve("lnk-in-zip.eml");
    static final Path GOLDEN = Path.of("src/test/resources/kagami/cli/mail/lnk-in-zip.golden.json");

    @BeforeAll
    static void writeMail() throws IOException {
        Files.createDirectories(DIR);
        byte[] lnk = Files.readAllBytes(SHARED.resolve("lnk/lnkparse3/sample13.lnk"));
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(zip)) {
            ZipEntry e = new ZipEntry("invoice.pdf.lnk");
            e.setTime(315532800000L);
            z.putNextEntry(e);
            z.write(lnk);
            z.closeEntry();
        }
        String eml = "From: \"Research Institute\" <researcher.example@gmail.com>\r\nTo: <analyst@example.go.jp>\r\n"
                + "Subject: Invoice\r\nDate: Thu, 20 Jun 2024 09:12:00 +0900\r\nMessage-ID: <golden@example.org>\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\n"
                + "Content-Type: text/plain; charset=us-ascii\r\n\r\nPlease see the attached invoice.\r\n--b\r\n"
                + "Content-Type: application/zip; name=\"invoice.zip\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + Base64.getMimeEncoder().encodeToString(zip.toByteArray()) + "\r\n--b--\r\n";
        Files.writeString(MAIL, eml, StandardCharsets.US_ASCII);
    }

    static String[] run(int expectedExit, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Kagami.run(args, new PrintWriter(out), new PrintWriter(err));
        assertThat(code).as(err.toString()).isEqualTo(expectedExit);
        return new String[] {out.toString(), err.toString()};
    }

    @Test
    void jsonOutputMatchesTheGoldenFile() throws IOException {
        String json = run(ExitCodes.OK, "mail", "--lang", "en", "--format", "json", MAIL.toString())[0];
        if (Boolean.getBoolean("kagami.golden.update")) {
            Files.writeString(GOLDEN, json, StandardCharsets.UTF_8);
        }
        assertThat(json).isEqualTo(Files.readString(GOLDEN, StandardCharsets.UTF_8));
        assertThat(json).contains("\"verdict\" : \"malicious\"", "\"technique\" : \"T1059.003\"",
                "invoice.zip > invoice.pdf.lnk");
    }

    @Test
    void jsonLinesHaveOneObjectPerMessageWithTheSchemaFields() {
        String out = run(ExitCodes.OK, "mail", "--format", "jsonl", MAIL.toString(),
                SHARED.resolve("mail/ham/easy_ham_1__00065.fa593405941ce1f32a29e813493eacf2.eml").toString())[0];
        String[] lines = out.strip().split("\n");
        assertThat(lines).hasSize(2);
        for (String l : lines) {
            assertThat(l).startsWith("{\"schema\":\"kagami.mail.verdict/1\",\"file\":").contains("\"verdict\":",
                    "\"score\":", "\"reasons\":[");
        }
    }

    @Test
    void failOnMaliciousGivesExitCodeOne() {
        run(ExitCodes.FINDINGS, "mail", "--fail-on", "malicious", MAIL.toString());
    }

    @Test
    void textOutputSpeaksJapanese() {
        String out = run(ExitCodes.OK, "mail", "--lang", "ja", MAIL.toString())[0];
        assertThat(out).contains("悪性", "ショートカット", "T1059.003", "1 通");
    }

    @Test
    void htmlOutputIsSelfContainedAndEscaped() {
        String out = run(ExitCodes.OK, "mail", "--format", "html", MAIL.toString())[0];
        assertThat(out).startsWith("<!DOCTYPE html>").contains("invoice.zip &gt; invoice.pdf.lnk")
                .doesNotContain("<script");
    }

    @Test
    void extractionWritesDefangedNamesOnly() throws IOException {
        Path out = DIR.resolve("extracted");
        run(ExitCodes.OK, "mail", "--extract", out.toString(), MAIL.toString());
        try (var s = Files.walk(out)) {
            var names = s.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).toList();
            assertThat(names).contains("MANIFEST.tsv", "001_invoice_zip.bin", "002_invoice_pdf_lnk.bin");
            assertThat(names).allMatch(n -> n.endsWith(".bin") || n.equals("MANIFEST.tsv"));
        }
    }

    @Test
    void mboxMessagesAndStandardInputAreEachReported() throws IOException {
        Path mbox = DIR.resolve("two.mbox");
        String one = Files.readString(MAIL, StandardCharsets.US_ASCII);
        Files.writeString(mbox, "From a@b Thu Jan  1 00:00:00 1970\n" + one + "\nFrom c@d Thu Jan  1 00:00:00 1970\n"
                + "From: <c@example.org>\nSubject: second\n\nhello\n", StandardCharsets.US_ASCII);
        String out = run(ExitCodes.OK, "mail", "--format", "jsonl", mbox.toString())[0];
        assertThat(out.strip().split("\n")).hasSize(2);
        assertThat(out).contains("\"file\":\"" + mbox + "#2\"", "\"subject\":\"second\"");
        java.io.InputStream saved = System.in;
        try {
            System.setIn(new java.io.ByteArrayInputStream(one.getBytes(StandardCharsets.US_ASCII)));
            String fromStdin = run(ExitCodes.OK, "mail", "--format", "jsonl", "-")[0];
            assertThat(fromStdin).contains("\"file\":\"-\"", "\"verdict\":\"malicious\"");
        } finally {
            System.setIn(saved);
        }
    }

    @Test
    void missingFileIsAnInputError() {
        String err = run(ExitCodes.INPUT_ERROR, "mail", "no-such-file.eml")[1];
        assertThat(err).contains("no-such-file.eml");
    }
}
