package kagami.mail.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import kagami.mail.filetype.FileType;
import kagami.mail.standin.RarBuilder;

/** RAR 5.0 and 4.x listings from headers written as RARLAB's format notes describe them. */
class RarTest {
    static final String LURE = "【参考】選挙管理委員会宛文書（添書分）.exe";
    static final byte[] DECOY = "stand-in decoy document".getBytes(StandardCharsets.UTF_8);

    private static ArchiveContents open(byte[] rar) throws Exception {
        assertThat(FileType.detect(rar, rar.length)).isEqualTo(FileType.RAR);
        return Archives.open(FileType.RAR, "x.rar", rar, List.of(), new ExtractionBudget(ExtractionBudget.Limits.defaults()));
    }

    @Test
    void rar5ListsEveryMemberAndTakesOutStoredOnes() throws Exception {
        byte[] rar = new RarBuilder().stored("1.docx", DECOY).compressed("PART_01/" + LURE, 300)
                .compressed("PART_01/K7SysMn1.dll", 200).build();
        ArchiveContents c = open(rar);
        assertThat(c.format()).isEqualTo("rar");
        assertThat(c.names()).containsExactly("1.docx", "PART_01/" + LURE, "PART_01/K7SysMn1.dll");
        assertThat(c.members()).hasSize(1);
        assertThat(c.members().get(0).name()).isEqualTo("1.docx");
        assertThat(c.members().get(0).content()).isEqualTo(DECOY);
        assertThat(c.encrypted()).isFalse();
        assertThat(c.problem()).hasValueSatisfying(p -> {
            assertThat(p.cause()).isEqualTo("unsupported.rar");
            assertThat(p.detail()).contains("2 member(s)");
        });
    }

    @Test
    void rar4ListsUnicodeNamesAndTakesOutStoredOnes() throws Exception {
        byte[] rar = new RarBuilder().rar4().stored("1.docx", DECOY).compressed(LURE, 120).build();
        ArchiveContents c = open(rar);
        assertThat(c.names()).containsExactly("1.docx", LURE);
        assertThat(c.members()).extracting(ArchiveMember::name).containsExactly("1.docx");
        assertThat(c.members().get(0).content()).isEqualTo(DECOY);
        assertThat(c.problem().orElseThrow().cause()).isEqualTo("unsupported.rar");
    }

    @Test
    void anArchiveOfStoredMembersOnlyIsFullyAnalysed() throws Exception {
        for (RarBuilder b : new RarBuilder[] {new RarBuilder(), new RarBuilder().rar4()}) {
            ArchiveContents c = open(b.stored("a.txt", DECOY).stored("b.txt", new byte[0]).build());
            assertThat(c.members()).extracting(ArchiveMember::name).containsExactly("a.txt", "b.txt");
            assertThat(c.problem()).isEmpty();
        }
    }

    @Test
    void encryptedMembersAndEncryptedHeadersAreReportedAsEncrypted() throws Exception {
        for (RarBuilder b : new RarBuilder[] {new RarBuilder(), new RarBuilder().rar4()}) {
            ArchiveContents c = open(b.stored("readme.txt", DECOY).encrypted("payload.exe", 64).build());
            assertThat(c.names()).containsExactly("readme.txt", "payload.exe");
            assertThat(c.encrypted()).isTrue();
            assertThat(c.problem().orElseThrow().cause()).isEqualTo("encrypted.unknown_password");
        }
        for (RarBuilder b : new RarBuilder[] {new RarBuilder(), new RarBuilder().rar4()}) {
            ArchiveContents c = open(b.encryptedHeaders().compressed("hidden.exe", 10).build());
            assertThat(c.names()).isEmpty();
            assertThat(c.encrypted()).isTrue();
            assertThat(c.problem().orElseThrow().detail()).contains("encrypted headers");
        }
    }

    @Test
    void unicodeNamesDecodeEveryOpcode() {
        // OEM name "ab_d", then: high byte 0x30, flags 0b00_01_10_11 = low byte, low+high, whole unit, OEM run
        byte[] field = {'a', 'b', '_', 'd', 0, 0x30, 0x1b, 'x', 0x42, (byte) 0xE8, 0x4E, 0x00};
        // 0: 'x'; 1: 0x3042; 2: the unit 0x4EE8; 3: a run of 0 + 2 characters copied from the OEM name at the same
        // positions, cut at the OEM name's end (position 3: 'd')
        String s = Rar.unicodeName(field, 0, field.length);
        assertThat(s).isEqualTo("x\u3042\u4EE8d");
    }

    @Test
    void truncatedAndCorruptedArchivesAreParseProblemsNotCrashes() throws Exception {
        byte[] rar5 = new RarBuilder().stored("a.txt", DECOY).compressed(LURE, 50).build();
        byte[] rar4 = new RarBuilder().rar4().stored("a.txt", DECOY).compressed(LURE, 50).build();
        for (byte[] good : List.of(rar5, rar4)) {
            for (int n = 8; n < good.length; n += 3) {
                ArchiveContents c = open(Arrays.copyOf(good, n));
                // whatever was listed before the cut is kept; the cut is reported unless it fell between blocks
                assertThat(c.names().size()).isLessThanOrEqualTo(2);
            }
        }
        byte[] huge = new RarBuilder().stored("a.txt", DECOY).build();
        huge[12] = (byte) 0xff; // header size vint now runs on: a number past the end
        assertThat(open(huge).problem().orElseThrow().cause()).isEqualTo("parse.rar");
    }

    @Test
    void aSelfExtractingArchiveIsFoundOnlyWhereItsMainHeaderChecksOut() {
        for (RarBuilder b : new RarBuilder[] {new RarBuilder(), new RarBuilder().rar4()}) {
            byte[] rar = b.stored("a.txt", DECOY).build();
            byte[] sfx = new byte[3000 + rar.length];
            sfx[0] = 'M';
            sfx[1] = 'Z';
            System.arraycopy(rar, 0, sfx, 1200, 16); // a signature and a broken header inside the "module"
            sfx[1200 + 12] ^= 0x55;
            System.arraycopy(rar, 0, sfx, 3000, rar.length);
            assertThat(Rar.selfExtractingStart(sfx)).isEqualTo(3000);
            sfx[3000 + 12] ^= 0x55; // the real one's header no longer matches its CRC either
            assertThat(Rar.selfExtractingStart(sfx)).isEqualTo(-1);
        }
    }

    @Property(tries = 400)
    void anyByteFlippedStillGivesAnAnswer(@ForAll @IntRange(min = 7, max = 200) int at, @ForAll byte value,
            @ForAll boolean four) throws Exception {
        byte[] rar = (four ? new RarBuilder().rar4() : new RarBuilder()).stored("a.txt", DECOY)
                .compressed(LURE, 40).encrypted("b.exe", 16).build();
        rar[Math.min(at, rar.length - 1)] = value;
        ArchiveContents c = open(rar);
        assertThat(c.format()).isEqualTo("rar");
        assertThat(c.names().size()).isLessThanOrEqualTo(3);
        for (ArchiveMember m : c.members()) {
            assertThat(m.content().length).isLessThanOrEqualTo(rar.length);
        }
    }
}
