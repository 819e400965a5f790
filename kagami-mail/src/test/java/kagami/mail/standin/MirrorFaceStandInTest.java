package kagami.mail.standin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.poi.poifs.macros.Module;
import org.apache.poi.poifs.macros.VBAMacroReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import kagami.core.Verdict;
import kagami.mail.MailAnalyser;
import kagami.mail.MailConfig;
import kagami.mail.MailReport;
import kagami.mail.lnk.ShellLink;
import kagami.mail.sender.Organisation;

/**
 * Benign stand-ins for MirrorFace's spear-phishing mails (NPA/NISC advisory of 8 Jan 2025, ESET, JPCERT/CC),
 * generated here with the same features as the real ones, must be judged malicious for the right reasons.
 */
class MirrorFaceStandInTest {
    static final String RESEARCHER = "日本国際問題研究所 研究員 山田太郎";
    static final String GMAIL = "yamada.taro.research@gmail.com";
    static final String SUBJECT = "「国際情勢と日本外交」研究会のご案内";

    final MailAnalyser analyser = new MailAnalyser(MailConfig.defaults(Locale.ENGLISH));

    static MailReport analyse(MailAnalyser a, byte[] eml) throws IOException {
        List<MailReport> out = new ArrayList<>();
        a.analyseStream("standin.eml", new ByteArrayInputStream(eml), out::add);
        assertThat(out).hasSize(1);
        return out.get(0);
    }

    static Set<String> ids(MailReport r) {
        return r.verdict().reasons().stream().map(Verdict.Reason::id).collect(Collectors.toSet());
    }

    static String evidence(MailReport r, String id) {
        return r.verdict().reasons().stream().filter(x -> x.id().equals(id)).map(Verdict.Reason::evidence)
                .findFirst().orElse("");
    }

    @Test
    void zipHoldingAShortcutThatRunsPowerShellIsMalicious() throws Exception {
        byte[] lnk = ShellLinkBuilder.powershellLure().build();
        byte[] zip = new ZipBuilder().add("研究会資料.docx.lnk", lnk).build();
        byte[] eml = new MailBuilder().from(RESEARCHER, GMAIL).subject(SUBJECT)
                .body("お世話になっております。\n研究会の資料をお送りします。ご確認ください。\n")
                .attach("研究会資料.zip", "application/zip", zip).build();
        MailReport r = analyse(analyser, eml);
        assertThat(r.verdict().level()).isEqualTo(Verdict.Level.MALICIOUS);
        assertThat(ids(r)).contains("attachment.lnk", "lnk.target.powershell", "lnk.arguments.padded",
                "lnk.arguments.suspicious", "lnk.window.minimised", "lnk.icon_mismatch", "attachment.double_extension",
                "sender.freemail", "sender.freemail_claims_institution", "pattern.freemail_with_payload",
                "lure.mirrorface");
        assertThat(evidence(r, "lnk.target.powershell")).startsWith("研究会資料.zip > 研究会資料.docx.lnk")
                .contains("powershell.exe");
        Verdict.Reason ps = r.verdict().reasons().stream().filter(x -> x.id().equals("lnk.target.powershell"))
                .findFirst().orElseThrow();
        assertThat(ps.technique()).isEqualTo("T1059.001");
        assertThat(r.artefacts()).extracting(a -> a.path()).contains("研究会資料.zip > 研究会資料.docx.lnk");
    }

    @Test
    void cabinetAppendedToTheShortcutIsUnpackedAndItsProgramFound() throws Exception {
        byte[] mz = new byte[512];
        mz[0] = 'M';
        mz[1] = 'Z';
        for (boolean mszip : new boolean[] {true, false}) {
            CabinetBuilder cab = new CabinetBuilder().add("decoy.docx", "PK stand-in decoy".getBytes(StandardCharsets.UTF_8))
                    .add("ScnCfg32.Exe", mz);
            byte[] lnk = ShellLinkBuilder.powershellLure().overlay((mszip ? cab : cab.stored()).build()).build();
            byte[] zip = new ZipBuilder().add("招待状.pdf.lnk", lnk).build();
            byte[] eml = new MailBuilder().from(RESEARCHER, GMAIL).subject("大阪・関西万博のご招待")
                    .body("招待状を添付します。").attach("招待状.zip", "application/zip", zip).build();
            MailReport r = analyse(analyser, eml);
            assertThat(ids(r)).as(mszip ? "MSZIP" : "stored").contains("lnk.overlay", "attachment.executable");
            assertThat(evidence(r, "attachment.executable"))
                    .isEqualTo("招待状.zip > 招待状.pdf.lnk > [overlay].cab > ScnCfg32.Exe");
            assertThat(r.verdict().level()).isEqualTo(Verdict.Level.MALICIOUS);
        }
    }

    @Test
    void rarWithAnExecutableUnderAJapaneseDocumentNameIsFlaggedFromItsListing() throws Exception {
        // LiberalFace (Kaspersky 2022): a RAR whose member is an executable named like an official document
        for (boolean rar4 : new boolean[] {false, true}) {
            RarBuilder b = rar4 ? new RarBuilder().rar4() : new RarBuilder();
            byte[] rar = b.stored("1.docx", "stand-in decoy".getBytes(StandardCharsets.UTF_8))
                    .compressed("PART_01\\【参考】220628選挙管理委員会宛文書（添書分）.exe", 400).build();
            byte[] eml = new MailBuilder().from(RESEARCHER, GMAIL).subject("【参考】選挙管理委員会宛文書の送付")
                    .body("関係資料を送付いたします。ご確認ください。").attach("送付資料.rar", "application/x-rar-compressed", rar)
                    .build();
            MailReport r = analyse(analyser, eml);
            // the executable is listed, not unpacked: its name carries the signals, and the verdict says so
            assertThat(ids(r)).as(rar4 ? "RAR4" : "RAR5").contains("attachment.executable_name",
                    "attachment.fake_document", "incomplete.unsupported.rar");
            assertThat(evidence(r, "attachment.executable_name")).contains("送付資料.rar > PART_01").contains("exe");
            // the compressed member could not be looked into, so the verdict is "not fully analysed" (never clean),
            // with the listing's reasons; the stored decoy was taken out and analysed
            assertThat(r.verdict().level()).as(rar4 ? "RAR4" : "RAR5").isEqualTo(Verdict.Level.NOT_FULLY_ANALYSED);
            assertThat(r.artefacts()).extracting(a -> a.path()).contains("送付資料.rar > 1.docx");
        }
    }

    @Test
    void programDeliveredWithADllBesideItIsTheSideLoadingPattern() throws Exception {
        // ANEL (ESET 2024): _@_.zip with a signed McAfee program and the loader DLL it loads; stand-in bytes only
        byte[] mz = new byte[256];
        mz[0] = 'M';
        mz[1] = 'Z';
        byte[] zip = new ZipBuilder().add("_@_/ScnCfg32.Exe", mz).add("_@_/vsodscpl.dll", mz).build();
        byte[] eml = new MailBuilder().from(RESEARCHER, GMAIL).subject(SUBJECT).body("資料をお送りします。")
                .attach("_@_.zip", "application/zip", zip).build();
        MailReport r = analyse(analyser, eml);
        assertThat(ids(r)).contains("archive.sideloading_pair");
        assertThat(evidence(r, "archive.sideloading_pair")).isEqualTo("_@_.zip");
        Verdict.Reason pair = r.verdict().reasons().stream().filter(x -> x.id().equals("archive.sideloading_pair"))
                .findFirst().orElseThrow();
        assertThat(pair.technique()).isEqualTo("T1574.001");
        // LODEINFO (Kaspersky 2022) in a RAR whose members are only listed: the names are enough
        byte[] rar = new RarBuilder().compressed("NRTOLF.exe", 300).compressed("K7SysMn1.dll", 200).build();
        r = analyse(analyser, new MailBuilder().from(RESEARCHER, GMAIL).subject(SUBJECT).body("資料です。")
                .attach("GFIUFR.rar", "application/x-rar-compressed", rar).build());
        assertThat(ids(r)).contains("archive.sideloading_pair");
        // a program alone, or a DLL in another folder, is not the pattern
        byte[] apart = new ZipBuilder().add("bin/setup.exe", mz).add("lib/helper.dll", mz).build();
        r = analyse(analyser, new MailBuilder().from(RESEARCHER, GMAIL).subject(SUBJECT).body("資料です。")
                .attach("tools.zip", "application/zip", apart).build());
        assertThat(ids(r)).doesNotContain("archive.sideloading_pair").contains("attachment.executable");
    }

    @Test
    void selfExtractingRarIsOpenedAndItsSideLoadingPairFound() throws Exception {
        // LiberalFace (Kaspersky 2022): a RAR SFX program dropping a decoy, K7SysMon.exe and K7SysMn1.dll. Stand-in: an
        // "MZ" stub whose code holds the RAR signature bytes (as real SFX modules do), then the archive.
        for (boolean rar4 : new boolean[] {true, false}) {
            java.io.ByteArrayOutputStream exe = new java.io.ByteArrayOutputStream();
            byte[] stub = new byte[4096];
            stub[0] = 'M';
            stub[1] = 'Z';
            byte[] sig = {'R', 'a', 'r', '!', 0x1a, 0x07, 0x00, 0x11, 0x22, 0x73};
            System.arraycopy(sig, 0, stub, 1000, sig.length); // a signature without a valid header after it
            exe.writeBytes(stub);
            RarBuilder b = rar4 ? new RarBuilder().rar4() : new RarBuilder();
            exe.writeBytes(b.stored("1.docx", "stand-in decoy".getBytes(StandardCharsets.UTF_8))
                    .compressed("K7SysMon.exe", 300).compressed("K7SysMn1.dll", 200).build());
            byte[] zip = new ZipBuilder().add("PART_01/【参考】220628選挙管理委員会宛文書（添書分）.exe", exe.toByteArray()).build();
            MailReport r = analyse(analyser, new MailBuilder().from(RESEARCHER, GMAIL).subject(SUBJECT)
                    .body("資料をお送りします。").attach("資料.zip", "application/zip", zip).build());
            String sfx = "資料.zip > PART_01/【参考】220628選挙管理委員会宛文書（添書分）.exe > [sfx].rar";
            assertThat(r.artefacts()).extracting(a -> a.path()).as(rar4 ? "RAR4" : "RAR5").contains(sfx, sfx + " > 1.docx");
            assertThat(ids(r)).contains("attachment.executable", "archive.sideloading_pair");
            assertThat(evidence(r, "archive.sideloading_pair")).isEqualTo(sfx);
            assertThat(r.verdict().level()).isIn(Verdict.Level.MALICIOUS, Verdict.Level.NOT_FULLY_ANALYSED);
        }
        // the signature bytes alone, in a program without an archive, open nothing
        byte[] plain = new byte[4096];
        plain[0] = 'M';
        plain[1] = 'Z';
        System.arraycopy(new byte[] {'R', 'a', 'r', '!', 0x1a, 0x07, 0x01, 0x00, 1, 2, 3, 4, 5, 1}, 0, plain, 700, 14);
        MailReport r = analyse(analyser, new MailBuilder().from(RESEARCHER, GMAIL).subject(SUBJECT).body("x")
                .attach("tool.exe", "application/octet-stream", plain).build());
        assertThat(r.artefacts()).extracting(a -> a.path()).containsExactly("tool.exe");
    }

    @Test
    void builtShortcutIsReadTheSameByLnkinfo(@TempDir Path dir) throws Exception {
        byte[] lnk = ShellLinkBuilder.powershellLure().build();
        ShellLink ours = ShellLink.parse(lnk);
        assertThat(ours.warnings()).isEmpty();
        assertThat(ours.idList().orElseThrow().path())
                .isEqualTo("C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe");
        Path f = dir.resolve("standin.lnk");
        Files.write(f, lnk);
        Map<String, String> ref = kagami.mail.lnk.ShellLinkReferenceTest.lnkinfo(f);
        assertThat(ref).as("lnkinfo must open the built shortcut").isNotNull();
        assertThat(ref.get("Command line arguments")).isEqualTo(ours.strings().arguments().orElseThrow());
        assertThat(ref.get("Working directory")).isEqualTo("%TEMP%");
        assertThat(ref.get("Environment variables location"))
                .isEqualTo("%windir%\\System32\\WindowsPowerShell\\v1.0\\powershell.exe");
    }

    @Test
    void macroDocumentWithAutoOpenAndShellIsMalicious() throws Exception {
        byte[] docm = OfficeBuilder.docm(OfficeBuilder.lureMacro());
        byte[] eml = new MailBuilder().from(RESEARCHER, GMAIL).subject("取材のご依頼")
                .body("添付の依頼書をご確認のうえ、「コンテンツの有効化」をクリックしてください。\n")
                .attach("取材依頼書.docm", "application/vnd.ms-word.document.macroEnabled.12", docm).build();
        MailReport r = analyse(analyser, eml);
        assertThat(r.verdict().level()).isEqualTo(Verdict.Level.MALICIOUS);
        assertThat(ids(r)).contains("office.vba", "office.vba.autoexec", "office.vba.suspicious",
                "office.vba.obfuscation", "lure.enable_content", "attachment.macro_extension",
                "pattern.freemail_with_payload");
        assertThat(r.verdict().reasons().stream().filter(x -> x.id().equals("office.vba.suspicious")).findFirst()
                .orElseThrow().message()).contains("AWX");
    }

    @Test
    void builtVbaProjectIsReadByApachePoi() throws Exception {
        byte[] docm = OfficeBuilder.docm(OfficeBuilder.lureMacro());
        try (VBAMacroReader reader = new VBAMacroReader(new ByteArrayInputStream(docm))) {
            Map<String, Module> modules = reader.readMacroModules();
            assertThat(modules).containsOnlyKeys("ThisDocument", "NewMacros");
            assertThat(modules.get("NewMacros").getContent()).isEqualTo(OfficeBuilder.lureMacro());
            assertThat(modules.get("NewMacros").geModuleType()).isEqualTo(Module.ModuleType.Module);
        }
    }

    @Test
    void passwordProtectedZipWithThePasswordInTheJapaneseBodyIsOpenedAndMalicious() throws Exception {
        byte[] docm = OfficeBuilder.docm(OfficeBuilder.lureMacro());
        for (boolean aes : new boolean[] {true, false}) {
            ZipBuilder zb = new ZipBuilder().add("日米同盟の抑止力強化.docm", docm);
            byte[] zip = (aes ? zb.aes("Kenkyu2024") : zb.zipCrypto("Kenkyu2024")).build();
            byte[] eml = new MailBuilder().from(RESEARCHER, GMAIL).subject("日米同盟に関する資料")
                    .body("資料を暗号化ZIPでお送りします。\nパスワード：Kenkyu2024\nよろしくお願いいたします。\n")
                    .attach("資料.zip", "application/zip", zip).build();
            MailReport r = analyse(analyser, eml);
            assertThat(r.verdict().level()).as(aes ? "AES" : "ZipCrypto").isEqualTo(Verdict.Level.MALICIOUS);
            assertThat(ids(r)).contains("archive.encrypted", "archive.password_in_body", "office.vba.suspicious");
            assertThat(evidence(r, "office.vba.suspicious")).isEqualTo("資料.zip > 日米同盟の抑止力強化.docm");
            assertThat(r.artefacts().get(0).details()).containsEntry("archive.password", "Kenkyu2024");
        }
    }

    @Test
    void encryptedZipWithoutItsPasswordIsNotFullyAnalysedNeverClean() throws Exception {
        byte[] zip = new ZipBuilder().add("資料.docm", OfficeBuilder.docm(OfficeBuilder.lureMacro()))
                .aes("not-in-the-mail").build();
        byte[] eml = new MailBuilder().from(RESEARCHER, GMAIL).subject("資料")
                .body("パスワードは別途お送りします。\n").attach("資料.zip", "application/zip", zip).build();
        MailReport r = analyse(analyser, eml);
        assertThat(r.verdict().level()).isEqualTo(Verdict.Level.NOT_FULLY_ANALYSED);
        assertThat(ids(r)).contains("incomplete.encrypted.unknown_password", "archive.encrypted");
    }

    @Test
    void gmailSenderPosingAsThinkTankResearcherWithOneDriveLinkIsFlagged() throws Exception {
        byte[] eml = new MailBuilder().from(RESEARCHER, GMAIL).subject("国際情勢と日本外交")
                .body("先日の研究会の資料をOneDriveで共有します。\nhttps://1drv.ms/u/s!AkagamiStandIn\n").build();
        MailReport r = analyse(analyser, eml);
        assertThat(r.verdict().level()).isIn(Verdict.Level.SUSPICIOUS, Verdict.Level.MALICIOUS);
        assertThat(ids(r)).contains("sender.freemail_claims_institution", "url.file_sharing", "lure.mirrorface",
                "pattern.freemail_with_payload");
    }

    @Test
    void organisationConfigCatchesVipImpersonationAndLookalikeDomains() throws Exception {
        Organisation org = new Organisation(Set.of("mofa.go.jp"), List.of("外務 花子"), Set.of("mx.mofa.go.jp"),
                java.util.Optional.empty());
        MailAnalyser a = new MailAnalyser(MailConfig.defaults(Locale.JAPANESE).withOrganisation(org));
        byte[] eml = new MailBuilder().from("外務 花子", "hanako@mofa-go.jp").subject("至急確認願います")
                .header("Authentication-Results", "mx.mofa.go.jp; spf=fail smtp.mailfrom=mofa-go.jp; dkim=none; "
                        + "dmarc=fail header.from=mofa-go.jp")
                .header("Authentication-Results", "attacker.example; spf=pass; dkim=pass; dmarc=pass")
                .body("至急ご確認ください。").build();
        MailReport r = analyse(a, eml);
        assertThat(ids(r)).contains("sender.impersonates_vip", "sender.lookalike_domain", "auth.spf_fail",
                "auth.dmarc_fail");
        assertThat(r.verdict().level()).isEqualTo(Verdict.Level.MALICIOUS);
        assertThat(r.verdict().reasons().get(0).message()).matches(".*[\\u3040-\\u30ff\\u4e00-\\u9fff].*");
    }

    @Test
    void ordinaryJapaneseBusinessMailStaysClean() throws Exception {
        byte[] eml = new MailBuilder().from("佐藤 一郎", "ichiro.sato@example.co.jp").subject("来週の会議について")
                .body("お疲れさまです。来週の会議は予定どおり水曜日の10時からです。よろしくお願いします。\n")
                .header("In-Reply-To", "<prev@example.co.jp>").build();
        MailReport r = analyse(analyser, eml);
        assertThat(r.verdict().level()).isEqualTo(Verdict.Level.CLEAN);
        assertThat(new String(eml, StandardCharsets.US_ASCII)).contains("=?UTF-8?B?");
    }
}
