package kagami.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.commons.compress.archivers.sevenz.SevenZArchiveEntry;
import org.apache.commons.compress.archivers.sevenz.SevenZOutputFile;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionJavaScript;
import org.junit.jupiter.api.Test;

import kagami.core.Verdict;
import kagami.mail.sender.Organisation;
import kagami.mail.standin.MailBuilder;
import kagami.mail.standin.ShellLinkBuilder;

/** One attachment trick per test, each built here, each flagged with its own signal and evidence path. */
class AttachmentSignalsTest {
    final MailAnalyser analyser = new MailAnalyser(MailConfig.defaults(Locale.ENGLISH));

    MailReport analyse(MailAnalyser a, String name, byte[] content) throws IOException {
        byte[] eml = new MailBuilder().from("Sender", "sender@example.org").subject("document")
                .body("Please find the document attached.").attach(name, "application/octet-stream", content).build();
        List<MailReport> out = new ArrayList<>();
        a.analyseStream("t.eml", new ByteArrayInputStream(eml), out::add);
        return out.get(0);
    }

    static Set<String> ids(MailReport r) {
        return r.verdict().reasons().stream().map(Verdict.Reason::id).collect(Collectors.toSet());
    }

    @Test
    void htmlSmugglingAttachment() throws IOException {
        String html = "<html><body><script>var b=atob('TVqQAAMAAAAEAAAA');var a=new Uint8Array(b.length);"
                + "var blob=new Blob([a],{type:'application/octet-stream'});var l=document.createElement('a');"
                + "l.href=URL.createObjectURL(blob);l.download='invoice.iso';l.click();</script></body></html>";
        MailReport r = analyse(analyser, "invoice.html", html.getBytes(StandardCharsets.UTF_8));
        assertThat(ids(r)).contains("html.smuggling", "attachment.html", "html.script_in_attachment");
        assertThat(r.verdict().level()).isEqualTo(Verdict.Level.MALICIOUS);
    }

    @Test
    void oneNoteWithAnEmbeddedScript() throws IOException {
        ByteArrayOutputStream one = new ByteArrayOutputStream();
        one.writeBytes(new byte[] {(byte) 0xe4, 0x52, 0x5c, 0x7b, (byte) 0x8c, (byte) 0xd8, (byte) 0xa7, 0x4d,
            (byte) 0xae, (byte) 0xb1, 0x53, 0x78, (byte) 0xd0, 0x29, (byte) 0x96, (byte) 0xd3});
        one.writeBytes(new byte[64]);
        one.writeBytes(new byte[] {(byte) 0xe7, 0x16, (byte) 0xe3, (byte) 0xbd, 0x65, 0x26, 0x11, 0x45, (byte) 0xa4,
            (byte) 0xc4, (byte) 0x8d, 0x4d, 0x0b, 0x7a, (byte) 0x9e, (byte) 0xac});
        byte[] payload = "MZ stand-in, not a program".getBytes(StandardCharsets.US_ASCII);
        one.writeBytes(new byte[] {(byte) payload.length, 0, 0, 0, 0, 0, 0, 0});
        one.writeBytes(new byte[12]);
        one.writeBytes(payload);
        MailReport r = analyse(analyser, "notes.one", one.toByteArray());
        assertThat(ids(r)).contains("onenote.embedded_file", "attachment.executable");
        assertThat(r.artefacts()).extracting(Artefact::path).contains("notes.one > onenote-object-1.exe");
    }

    @Test
    void sevenZipAndTarGzAreUnpacked() throws IOException {
        byte[] lnk = ShellLinkBuilder.powershellLure().build();
        SeekableInMemoryByteChannel ch = new SeekableInMemoryByteChannel();
        try (SevenZOutputFile z = new SevenZOutputFile(ch)) {
            SevenZArchiveEntry e = new SevenZArchiveEntry();
            e.setName("doc.lnk");
            e.setSize(lnk.length);
            z.putArchiveEntry(e);
            z.write(lnk);
            z.closeArchiveEntry();
        }
        byte[] sevenZ = java.util.Arrays.copyOf(ch.array(), (int) ch.size());
        MailReport r = analyse(analyser, "doc.7z", sevenZ);
        assertThat(ids(r)).contains("attachment.lnk", "lnk.target.powershell");
        assertThat(r.artefacts()).extracting(Artefact::path).contains("doc.7z > doc.lnk");

        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        try (TarArchiveOutputStream t = new TarArchiveOutputStream(tar)) {
            TarArchiveEntry e = new TarArchiveEntry("inner/doc.lnk");
            e.setSize(lnk.length);
            t.putArchiveEntry(e);
            t.write(lnk);
            t.closeArchiveEntry();
        }
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream g = new java.util.zip.GZIPOutputStream(gz)) {
            g.write(tar.toByteArray());
        }
        MailReport t = analyse(analyser, "doc.tar.gz", gz.toByteArray());
        assertThat(t.artefacts()).extracting(Artefact::path).contains("doc.tar.gz > doc.tar > inner/doc.lnk");
        assertThat(ids(t)).contains("lnk.target.powershell");
    }

    @Test
    void rightToLeftOverrideAndDisguisedExecutable() throws IOException {
        byte[] mz = new byte[256];
        mz[0] = 'M';
        mz[1] = 'Z';
        MailReport r = analyse(analyser, "invoice\u202efdp.exe", mz);
        assertThat(ids(r)).contains("attachment.bidi_name", "attachment.executable");
        MailReport d = analyse(analyser, "report.pdf", mz);
        assertThat(ids(d)).contains("attachment.disguised_executable");
    }

    @Test
    void pdfRunningJavaScriptOnOpen() throws IOException {
        ByteArrayOutputStream pdf = new ByteArrayOutputStream();
        try (PDDocument doc = new PDDocument()) {
            doc.addPage(new PDPage());
            doc.getDocumentCatalog().setOpenAction(new PDActionJavaScript("app.alert('kagami stand-in');"));
            doc.save(pdf);
        }
        MailReport r = analyse(analyser, "form.pdf", pdf.toByteArray());
        assertThat(ids(r)).contains("pdf.open_action_javascript");
    }

    @Test
    void firstTimeSenderNeedsTheHistoryList() throws IOException {
        Organisation org = new Organisation(Set.of("example.go.jp"), List.of(), Set.of(),
                Optional.of(Set.of("known@example.org")));
        MailAnalyser a = new MailAnalyser(MailConfig.defaults(Locale.ENGLISH).withOrganisation(org));
        assertThat(ids(analyse(a, "a.txt", "hello".getBytes(StandardCharsets.US_ASCII)))).contains("sender.first_time");
        assertThat(ids(analyse(analyser, "a.txt", "hello".getBytes(StandardCharsets.US_ASCII))))
                .doesNotContain("sender.first_time");
    }

    @Test
    void remoteTemplateInjection() throws IOException {
        ByteArrayOutputStream docx = new ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(docx)) {
            for (String[] part : new String[][] {
                {"[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"},
                {"word/document.xml", "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"/>"},
                {"word/_rels/settings.xml.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
                    + "relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/"
                    + "2006/relationships/attachedTemplate\" Target=\"https://templates.example.net/t.dotm\" "
                    + "TargetMode=\"External\"/></Relationships>"}}) {
                z.putNextEntry(new java.util.zip.ZipEntry(part[0]));
                z.write(part[1].getBytes(StandardCharsets.UTF_8));
                z.closeEntry();
            }
        }
        MailReport r = analyse(analyser, "report.docx", docx.toByteArray());
        assertThat(ids(r)).contains("office.remote_template");
        assertThat(r.verdict().reasons().stream().filter(x -> x.id().equals("office.remote_template")).findFirst()
                .orElseThrow().message()).contains("hxxps://templates[.]example[.]net/t.dotm");
    }

    @Test
    void organisationFileIsRead(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws IOException {
        java.nio.file.Files.writeString(dir.resolve("known.txt"), "friend@example.org\n");
        java.nio.file.Path f = dir.resolve("org.conf");
        java.nio.file.Files.writeString(f, "# our organisation\ndomains: example.go.jp, example.jp\n"
                + "vips: \"山田 太郎\", Taro Yamada\nauthserv_ids: mx.example.go.jp, microsoft365\n"
                + "known_senders: known.txt\npasswords: infected2024\n", StandardCharsets.UTF_8);
        MailConfig.OrganisationFile of = MailConfig.readOrganisation(f);
        assertThat(of.organisation().domains()).containsExactly("example.go.jp", "example.jp");
        assertThat(of.organisation().vipNames()).containsExactly("山田 太郎", "Taro Yamada");
        assertThat(of.organisation().trustedAuthservIds()).contains("mx.example.go.jp", Organisation.MICROSOFT_365);
        assertThat(of.organisation().knownSenders()).contains(Set.of("friend@example.org"));
        assertThat(of.passwords()).containsExactly("infected2024");
        java.nio.file.Files.writeString(f, "domain: typo\n");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> MailConfig.readOrganisation(f))
                .hasMessageContaining("unknown key 'domain'");
    }

    @Test
    void rarWithCompressedMembersOrBrokenHeadersIsNotFullyAnalysed() throws IOException {
        byte[] compressed = new kagami.mail.standin.RarBuilder().compressed("report.pdf", 64).build();
        MailReport r = analyse(analyser, "doc.rar", compressed);
        assertThat(r.verdict().level()).isEqualTo(Verdict.Level.NOT_FULLY_ANALYSED);
        assertThat(ids(r)).contains("incomplete.unsupported.rar");
        byte[] broken = {'R', 'a', 'r', '!', 0x1a, 0x07, 0x01, 0x00, 0, 0, 0, 0};
        r = analyse(analyser, "doc.rar", broken);
        assertThat(r.verdict().level()).isEqualTo(Verdict.Level.NOT_FULLY_ANALYSED);
        assertThat(ids(r)).contains("incomplete.parse.rar");
    }
}
