package kagami.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import kagami.core.Verdict;
import kagami.mail.sender.Organisation;

/** The shared mail corpus: 100 real phishing mails (2022-2026) and 100 legitimate ones (2002). */
class MailCorpusTest {
    static final Path MAIL = Path.of(System.getProperty("kagami.shared", "../../shared"), "testdata", "mail");
    static final Path OFFICE = Path.of(System.getProperty("kagami.shared", "../../shared"), "testdata", "office");
    static List<MailReport> phishing;
    static List<MailReport> ham;

    /** The receiving side of the phishing corpus was Microsoft 365, whose Authentication-Results we trust. */
    static MailAnalyser m365() {
        return new MailAnalyser(MailConfig.defaults(Locale.ENGLISH).withOrganisation(new Organisation(Set.of(),
                List.of(), Set.of(Organisation.MICROSOFT_365), java.util.Optional.empty())));
    }

    static List<MailReport> run(MailAnalyser a, Path dir) throws Exception {
        List<MailReport> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(f -> f.toString().endsWith(".eml")).sorted().toList()) {
                a.analyseFile(p, out::add);
            }
        }
        return out;
    }

    @BeforeAll
    static void analyseCorpus() throws Exception {
        phishing = run(m365(), MAIL.resolve("phishing"));
        ham = run(m365(), MAIL.resolve("ham"));
    }

    static double flagged(List<MailReport> rs) {
        return rs.stream().filter(r -> r.verdict().level() != Verdict.Level.CLEAN).count() / (double) rs.size();
    }

    @Test
    void everyMessageOfTheCorpusGetsAVerdict() {
        assertThat(phishing).hasSize(100);
        assertThat(ham).hasSize(100);
        assertThat(ham).allSatisfy(r -> assertThat(r.verdict().subject()).isNotEmpty());
    }

    @Test
    void phishingIsFlaggedAndHamIsNot() {
        // Floors of the measured figures (docs/BENCHMARKS.md): a regression in any signal shows here.
        assertThat(flagged(phishing)).isGreaterThanOrEqualTo(0.90);
        assertThat(flagged(ham)).isLessThanOrEqualTo(0.02);
    }

    @Test
    void phishingIsFlaggedAndHamIsNotWithTheDefaultConfiguration() throws Exception {
        // Without trusting anyone's Authentication-Results, as a user runs it on a mail at hand.
        MailAnalyser a = new MailAnalyser(MailConfig.defaults(Locale.ENGLISH));
        assertThat(flagged(run(a, MAIL.resolve("phishing")))).isGreaterThanOrEqualTo(0.90);
        assertThat(flagged(run(a, MAIL.resolve("ham")))).isLessThanOrEqualTo(0.02);
    }

    @Test
    void isoHoldingAnExecutableIsMaliciousWithItsPathAndHashes() {
        MailReport r = phishing.stream().filter(x -> x.file().endsWith("sample-1266.eml")).findFirst().orElseThrow();
        assertThat(r.verdict().level()).isEqualTo(Verdict.Level.MALICIOUS);
        Set<String> ids = r.verdict().reasons().stream().map(Verdict.Reason::id).collect(Collectors.toSet());
        assertThat(ids).contains("attachment.executable", "attachment.disk_image");
        Artefact exe = r.artefacts().stream().filter(a -> a.type().equals("exe")).findFirst().orElseThrow();
        assertThat(exe.path()).startsWith("quotation.iso > ");
        assertThat(exe.sha256()).isEqualTo("f74d3364ef9d3e3df4173a7f12d48348af44bf150c0ffcd01f0054e86ebb7e0e");
        assertThat(exe.size()).isEqualTo(53_248);
        assertThat(exe.content()).isEmpty();
    }

    @Test
    void doubleExtensionHtmlAttachmentIsFlagged() {
        MailReport r = phishing.stream().filter(x -> x.file().endsWith("sample-1261.eml")).findFirst().orElseThrow();
        assertThat(r.verdict().reasons()).extracting(Verdict.Reason::id)
                .contains("attachment.double_extension", "attachment.html");
        assertThat(r.verdict().level()).isEqualTo(Verdict.Level.MALICIOUS);
    }

    @Test
    void hamFromMboxFilesIsReadWithItsHeaders() {
        assertThat(ham).allSatisfy(r -> assertThat(r.from()).contains("@"));
    }

    @Test
    void outlookMessagesAreRead() throws Exception {
        MailAnalyser a = new MailAnalyser(MailConfig.defaults(Locale.ENGLISH));
        List<MailReport> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(OFFICE.resolve("poi/hsmf"))) {
            for (Path p : s.sorted().toList()) {
                a.analyseFile(p, out::add);
            }
        }
        assertThat(out).hasSize(14);
        MailReport pdf = out.stream().filter(r -> r.file().endsWith("attachment_msg_pdf.msg")).findFirst().orElseThrow();
        assertThat(pdf.subject()).isEqualTo("test email");
        assertThat(pdf.artefacts()).extracting(Artefact::type).contains("pdf");
        MailReport simple = out.stream().filter(r -> r.file().endsWith("simple_test_msg.msg")).findFirst()
                .orElseThrow();
        assertThat(simple.subject()).isEqualTo("test message");
        assertThat(simple.from()).contains("@");
        assertThat(out).allSatisfy(r -> assertThat(r.verdict().reasons()).noneMatch(x -> x.id().startsWith(
                "incomplete.parse.message")));
    }

    @Test
    void tnefAttachmentsAreUnpacked() throws Exception {
        byte[] dat = Files.readAllBytes(OFFICE.resolve("poi/hmef/quick-winmail.dat"));
        byte[] eml = new kagami.mail.standin.MailBuilder().from("Sender", "sender@example.org").subject("tnef")
                .body("see attached").attach("winmail.dat", "application/ms-tnef", dat).build();
        List<MailReport> out = new ArrayList<>();
        new MailAnalyser(MailConfig.defaults(Locale.ENGLISH)).analyseStream("tnef.eml",
                new java.io.ByteArrayInputStream(eml), out::add);
        assertThat(out.get(0).artefacts()).hasSizeGreaterThan(1);
        assertThat(out.get(0).artefacts().get(1).path()).startsWith("winmail.dat > ");
    }
}
