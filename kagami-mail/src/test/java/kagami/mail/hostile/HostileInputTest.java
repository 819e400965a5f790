package kagami.mail.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import kagami.core.Verdict;
import kagami.mail.MailAnalyser;
import kagami.mail.MailConfig;
import kagami.mail.MailReport;
import kagami.mail.standin.MailBuilder;
import kagami.mail.standin.ShellLinkBuilder;

/**
 * Hostile input, run in its own JVM with a 512 MiB heap (surefire execution {@code hostile-512m}): bombs,
 * deep nesting, a 200 MB attachment, malformed MIME and broken documents must each end in NOT_FULLY_ANALYSED
 * with the reason — never an exception, never an out-of-memory, never "clean".
 */
@Tag("hostile")
class HostileInputTest {
    static final Path SHARED = Path.of(System.getProperty("kagami.shared", "../../shared"), "testdata");
    final MailAnalyser analyser = new MailAnalyser(MailConfig.defaults(Locale.ENGLISH));

    MailReport analyse(byte[] eml) throws IOException {
        List<MailReport> out = new ArrayList<>();
        analyser.analyseStream("hostile.eml", new ByteArrayInputStream(eml), out::add);
        assertThat(out).hasSize(1);
        return out.get(0);
    }

    static MailReport assertIncomplete(MailReport r, String reasonPrefix) {
        assertThat(r.verdict().level()).isEqualTo(Verdict.Level.NOT_FULLY_ANALYSED);
        assertThat(r.verdict().reasons()).extracting(Verdict.Reason::id).anyMatch(id -> id.startsWith(reasonPrefix));
        return r;
    }

    static byte[] mailWith(String name, byte[] attachment) {
        return new MailBuilder().from("Sender", "sender@example.org").subject("attachment").body("see attached")
                .attach(name, "application/octet-stream", attachment).build();
    }

    /** A ZIP of one entry made of {@code size} zero bytes, deflated at the highest ratio. */
    static byte[] zerosZip(String name, long size) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            z.setLevel(Deflater.BEST_COMPRESSION);
            z.putNextEntry(new ZipEntry(name));
            byte[] zeros = new byte[1 << 20];
            for (long done = 0; done < size; done += zeros.length) {
                z.write(zeros, 0, (int) Math.min(zeros.length, size - done));
            }
            z.closeEntry();
        }
        return out.toByteArray();
    }

    static byte[] zipOf(int copies, String prefix, byte[] member) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            z.setLevel(Deflater.BEST_COMPRESSION);
            for (int i = 0; i < copies; i++) {
                z.putNextEntry(new ZipEntry(prefix + i + ".zip"));
                z.write(member);
                z.closeEntry();
            }
        }
        return out.toByteArray();
    }

    @Test
    void highRatioZipBombStopsAtTheRatioLimit() throws Exception {
        byte[] bomb = zerosZip("zeros.bin", 40L << 20);
        assertThat(bomb.length).isLessThan(100_000);
        MailReport r = assertIncomplete(analyse(mailWith("bomb.zip", bomb)), "incomplete.limit.ratio");
        assertThat(r.verdict().reasons()).anyMatch(x -> x.evidence().contains("bomb.zip > zeros.bin"));
    }

    @Test
    void hugeSingleMemberStopsAtTheMemberLimit() throws Exception {
        byte[] bomb = zerosZip("big.bin", 600L << 20);
        assertIncomplete(analyse(mailWith("big.zip", bomb)), "incomplete.limit.");
    }

    @Test
    void nestedZipBombStopsAtABudgetLimit() throws Exception {
        byte[] level = zerosZip("0.bin", 30L << 20);
        for (int depth = 0; depth < 4; depth++) {
            level = zipOf(16, "l" + depth + "_", level);
        }
        assertThat(level.length).as("the bomb itself stays small").isLessThan(1 << 20);
        assertIncomplete(analyse(mailWith("42.zip", level)), "incomplete.limit.");
    }

    @Test
    void thirtyLevelsOfNestingStopAtTheDepthLimit() throws Exception {
        byte[] inner = new ShellLinkBuilder().target("C:\\", "Windows", "notepad.exe").build();
        String name = "a.lnk";
        for (int i = 0; i < 30; i++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ZipOutputStream z = new ZipOutputStream(out)) {
                z.putNextEntry(new ZipEntry(name));
                z.write(inner);
                z.closeEntry();
            }
            inner = out.toByteArray();
            name = "level" + i + ".zip";
        }
        MailReport r = assertIncomplete(analyse(mailWith("nested.zip", inner)), "incomplete.limit.depth");
        assertThat(r.verdict().reasons()).anyMatch(x -> x.evidence().startsWith("nested.zip > level28.zip > "));
    }

    @Test
    void twoHundredMegabyteAttachmentIsHashedAndReportedNotKept(@TempDir Path dir) throws Exception {
        Path eml = dir.resolve("big.eml");
        long size = 200L << 20;
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(eml), 1 << 16)) {
            out.write(("From: <sender@example.org>\r\nTo: <a@example.org>\r\nSubject: big\r\nMIME-Version: 1.0\r\n"
                    + "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\n"
                    + "hello\r\n--b\r\nContent-Type: application/octet-stream; name=\"big.bin\"\r\n"
                    + "Content-Transfer-Encoding: base64\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] block = new byte[57 * 1024];
            for (int i = 0; i < block.length; i++) {
                block[i] = (byte) (i * 31 + 7);
            }
            java.util.Base64.Encoder enc = java.util.Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII));
            for (long done = 0; done < size; done += block.length) {
                int n = (int) Math.min(block.length, size - done);
                byte[] chunk = n == block.length ? block : Arrays.copyOf(block, n);
                sha.update(chunk);
                out.write(enc.encode(chunk));
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.write("--b--\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        List<MailReport> out = new ArrayList<>();
        analyser.analyseFile(eml, out::add);
        MailReport r = assertIncomplete(out.get(0), "incomplete.limit.part_size");
        assertThat(r.artefacts()).hasSize(1);
        assertThat(r.artefacts().get(0).size()).isEqualTo(size);
        assertThat(r.artefacts().get(0).sha256()).isEqualTo(HexFormat.of().formatHex(sha.digest()));
    }

    @Test
    void multipartWhoseBoundaryNeverAppearsIsMalformed() throws Exception {
        byte[] eml = ("From: <a@example.org>\r\nSubject: x\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"missing\"\r\n\r\n--other\r\nContent-Type: text/plain\r\n"
                + "\r\nhidden\r\n--other--\r\n").getBytes(StandardCharsets.US_ASCII);
        assertIncomplete(analyse(eml), "incomplete.mime.malformed");
    }

    @Test
    void tenThousandNestedMultipartsStopAtTheNestingLimit() throws Exception {
        StringBuilder sb = new StringBuilder("From: <a@example.org>\r\nSubject: deep\r\nMIME-Version: 1.0\r\n");
        int depth = 10_000;
        for (int i = 0; i < depth; i++) {
            sb.append("Content-Type: multipart/mixed; boundary=\"b").append(i).append("\"\r\n\r\n--b").append(i)
                    .append("\r\n");
        }
        sb.append("Content-Type: text/plain\r\n\r\nx\r\n");
        assertIncomplete(analyse(sb.toString().getBytes(StandardCharsets.US_ASCII)), "incomplete.limit.mime_depth");
    }

    @Test
    void overlongLineStopsAtTheLineLimit() throws Exception {
        String header = "From: <a@example.org>\r\nX-Long: " + "a".repeat(3 << 20) + "\r\nSubject: x\r\n\r\nbody\r\n";
        MailReport r = analyse(header.getBytes(StandardCharsets.US_ASCII));
        assertThat(r.verdict().level()).isEqualTo(Verdict.Level.NOT_FULLY_ANALYSED);
        assertThat(r.verdict().reasons()).extracting(Verdict.Reason::id)
                .anyMatch(id -> id.startsWith("incomplete.limit.mime") || id.startsWith("incomplete.mime"));
    }

    @Test
    void tooManyPartsStopAtThePartLimit() throws Exception {
        StringBuilder sb = new StringBuilder("From: <a@example.org>\r\nSubject: parts\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n");
        for (int i = 0; i < 2000; i++) {
            sb.append("--b\r\nContent-Type: application/octet-stream; name=\"p").append(i).append(".bin\"\r\n\r\nx\r\n");
        }
        sb.append("--b--\r\n");
        assertIncomplete(analyse(sb.toString().getBytes(StandardCharsets.US_ASCII)), "incomplete.limit.mime_parts");
    }

    @Test
    void brokenDocumentsArchivesShortcutsAndPdfsAreNotFullyAnalysed() throws Exception {
        byte[] doc = Files.readAllBytes(SHARED.resolve("office/poi/document/SimpleMacro.doc"));
        byte[] docm = Files.readAllBytes(SHARED.resolve("office/poi/document/SimpleMacro.docm"));
        byte[] lnk = Files.readAllBytes(SHARED.resolve("lnk/lnkparse3/sample13.lnk"));
        byte[] pdfHead = "%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R /OpenAction 3 0 R >>\nendobj\n2 0 obj\n<<"
                .getBytes(StandardCharsets.US_ASCII);
        Object[][] cases = {
            {"broken.doc", Arrays.copyOf(doc, 5000), "incomplete.parse"},
            {"broken.docm", Arrays.copyOf(docm, docm.length / 2), "incomplete.parse"},
            {"broken.zip", Arrays.copyOf(zerosZip("a.txt", 1 << 20), 300), "incomplete.parse"},
            {"broken.lnk", Arrays.copyOf(lnk, 300), "incomplete.parse.lnk"},
            {"broken.pdf", pdfHead, "incomplete.parse.pdf"},
        };
        for (Object[] c : cases) {
            MailReport r = analyse(mailWith((String) c[0], (byte[]) c[1]));
            assertThat(r.verdict().level()).as((String) c[0]).isEqualTo(Verdict.Level.NOT_FULLY_ANALYSED);
            assertThat(r.verdict().reasons()).as((String) c[0]).extracting(Verdict.Reason::id)
                    .anyMatch(id -> id.startsWith((String) c[2]));
        }
    }

    @Test
    void randomBytesAsAMessageGiveAReportNotAnException() throws Exception {
        byte[] junk = new byte[1 << 20];
        new java.util.Random(5).nextBytes(junk);
        MailReport r = analyse(junk);
        assertThat(r.verdict()).isNotNull();
        assertThat(r.verdict().level()).isNotEqualTo(Verdict.Level.MALICIOUS);
    }
}
