package kagami.evtx;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Damaged files: every intact record, one warning per problem with its file offset, never a loop or a crash. */
class RecoveryTest {
    @TempDir
    Path tmp;

    /** Record counts of the two Debian oracles on the edge cases ({@code shared/testdata/README.md}). */
    static Stream<Arguments> oracleCounts() {
        return Stream.of(
                Arguments.of("2-system-Microsoft-Windows-LiveId%4Operational.evtx", 399, 399),
                Arguments.of("2-vss_0-Microsoft-Windows-RemoteDesktopServices-RdpCoreTS%4Operational.evtx", 1910, 95),
                Arguments.of("2-vss_0-Microsoft-Windows-TerminalServices-RemoteConnectionManager%4Operational.evtx", 1774, 188),
                Arguments.of("2-vss_7-System.evtx", 1160, 1160),
                Arguments.of("Application_no_crc32.evtx", 17, 17),
                Arguments.of("E_ShadowCopy6_windows_system32_winevt_logs_Microsoft-Windows-CAPI2%4Operational.evtx", 89, 0),
                Arguments.of("E_Windows_system32_winevt_logs_Microsoft-Windows-CAPI2%4Operational.evtx", 24, 0),
                Arguments.of("E_Windows_system32_winevt_logs_Microsoft-Windows-Shell-Core%4Operational.evtx", 1146, 1146),
                Arguments.of("MSExchange_Management_wec.evtx", 0, 0),
                Arguments.of("Microsoft-Windows-HelloForBusiness%4Operational.evtx", 5, 6),
                Arguments.of("Microsoft-Windows-LanguagePackSetup%4Operational.evtx", 16, 16),
                Arguments.of("Security_short_selected.evtx", 7, 7),
                Arguments.of("Security_with_size_t.evtx", 636, 636),
                Arguments.of("issue_201.evtx", 0, 0),
                Arguments.of("new-user-security.evtx", 4, 4),
                Arguments.of("post-Security.evtx", 126, 126),
                Arguments.of("sample-with-irregular-bool-values.evtx", 3028, 3028),
                Arguments.of("sample-with-zero-data-size-event.evtx", 335, 335),
                Arguments.of("sample_with_a_bad_chunk_magic.evtx", 267, 270),
                Arguments.of("security.evtx", 2261, 2261),
                Arguments.of("security_bad_string_cache.evtx", 2261, 2261),
                Arguments.of("sysmon.evtx", 358, 358),
                Arguments.of("system.evtx", 1881, 1881));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oracleCounts")
    void returnsAtLeastAsManyRecordsAsTheBetterOracle(String file, int evtxexport, int pythonEvtx) {
        int ours = TestData.records(TestData.edgeCase(file)).size();
        System.out.println(file + ": kagami " + ours + ", evtxexport " + evtxexport + ", python-evtx " + pythonEvtx);
        assertThat(ours).isGreaterThanOrEqualTo(Math.max(evtxexport, pythonEvtx));
    }

    @Test
    void badChunkMagicIsSkippedWithAWarningAndItsRecordsRecovered() throws IOException {
        byte[] b = Files.readAllBytes(TestData.edgeCase("security.evtx"));
        int chunk1 = 4096 + 65536;
        b[chunk1] = 'X';
        List<EvtxWarning> warnings = new ArrayList<>();
        List<EvtxRecord> records = read(b, warnings, EvtxOptions.defaults());
        assertThat(warnings).extracting(EvtxWarning::kind).containsExactly(EvtxWarning.Kind.CHUNK_BAD_SIGNATURE);
        assertThat(warnings.get(0).offset()).isEqualTo(chunk1);
        assertThat(records.stream().filter(r -> r.fileOffset() > chunk1 && r.fileOffset() < chunk1 + 65536))
                .isNotEmpty().allMatch(EvtxRecord::recovered);
        assertThat(records).hasSize(2261);
    }

    @Test
    void zeroSizeRecordDoesNotLoopAndTheRestIsRecovered() {
        List<EvtxWarning> warnings = new ArrayList<>();
        List<EvtxRecord> records = TestData.records(TestData.edgeCase("sample-with-zero-data-size-event.evtx"),
                EvtxOptions.defaults().withWarnings(warnings::add));
        assertThat(warnings).singleElement().satisfies(w -> {
            assertThat(w.kind()).isEqualTo(EvtxWarning.Kind.RECORD_BAD_SIZE);
            assertThat(w.offset()).isEqualTo(0x1820);
            assertThat(w.detail()).contains("record 3 has size 0");
        });
        assertThat(records).hasSize(449);
        assertThat(records.stream().filter(EvtxRecord::recovered)).hasSize(114);
        assertThat(records.get(2).recordId()).isEqualTo(4);
    }

    @Test
    void aRecordWhoseSizeCopyDiffersIsKeptWhenWhole() throws IOException {
        byte[] b = Files.readAllBytes(TestData.edgeCase("new-user-security.evtx"));
        int first = 4096 + 512;
        int size = le(b).getInt(first + 4);
        le(b).putInt(first + size - 4, 12345);
        List<EvtxWarning> warnings = new ArrayList<>();
        List<EvtxRecord> records = read(b, warnings, EvtxOptions.defaults());
        assertThat(warnings).singleElement().satisfies(w -> {
            assertThat(w.kind()).isEqualTo(EvtxWarning.Kind.RECORD_SIZE_MISMATCH);
            assertThat(w.offset()).isEqualTo(first);
        });
        assertThat(records).hasSize(4);
        assertThat(records.get(0).recovered()).isTrue();
        assertThat(records.get(1).recovered()).isTrue();
    }

    @Test
    void aRecordWithMalformedBinaryXmlIsSkippedAndTheNextOneRead() throws IOException {
        byte[] b = Files.readAllBytes(TestData.edgeCase("new-user-security.evtx"));
        int first = 4096 + 512;
        b[first + 24] = 0x1f; // not a token
        List<EvtxWarning> warnings = new ArrayList<>();
        List<EvtxRecord> records = read(b, warnings, EvtxOptions.defaults());
        assertThat(warnings).singleElement().satisfies(w -> {
            assertThat(w.kind()).isEqualTo(EvtxWarning.Kind.RECORD_DAMAGED);
            assertThat(w.offset()).isEqualTo(first + 24);
            assertThat(w.detail()).contains("unknown Binary XML token 0x1f");
        });
        assertThat(records).hasSize(3).noneMatch(EvtxRecord::recovered);
    }

    @Test
    void freeSpaceOffsetPastTheChunkEndIsClampedWithAWarning() throws IOException {
        byte[] b = Files.readAllBytes(TestData.edgeCase("new-user-security.evtx"));
        le(b).putInt(4096 + 48, 0x7fff0000);
        List<EvtxWarning> warnings = new ArrayList<>();
        List<EvtxRecord> records = read(b, warnings, EvtxOptions.defaults());
        assertThat(warnings).extracting(EvtxWarning::kind).containsExactly(EvtxWarning.Kind.FREE_SPACE_OFFSET);
        assertThat(warnings.get(0).offset()).isEqualTo(4096 + 48);
        assertThat(records).hasSize(4);
    }

    @Test
    void checksumMismatchesAreReportedOnlyWhenValidating() throws IOException {
        byte[] b = Files.readAllBytes(TestData.edgeCase("new-user-security.evtx"));
        b[4096 + 512 + 200] ^= 0x40;  // inside record data
        b[4096 + 130] ^= 0x01;        // inside the common-string table of the chunk header
        b[30] ^= 0x01;                // inside the file header
        List<EvtxWarning> plain = new ArrayList<>();
        read(b, plain, EvtxOptions.defaults());
        assertThat(plain).noneMatch(w -> w.kind().name().contains("CHECKSUM"));
        List<EvtxWarning> checked = new ArrayList<>();
        read(b, checked, EvtxOptions.defaults().withValidateChecksums(true));
        assertThat(checked).extracting(EvtxWarning::kind).contains(EvtxWarning.Kind.FILE_HEADER_CHECKSUM,
                EvtxWarning.Kind.CHUNK_HEADER_CHECKSUM, EvtxWarning.Kind.CHUNK_DATA_CHECKSUM);
    }

    @Test
    void intactFilesPassChecksumValidation() {
        List<EvtxWarning> warnings = new ArrayList<>();
        TestData.records(TestData.edgeCase("security.evtx"), EvtxOptions.defaults().withValidateChecksums(true)
                .withWarnings(warnings::add));
        assertThat(warnings).isEmpty();
    }

    @Test
    void aFileCutInsideAChunkGivesTheRecordsBeforeTheCut() throws IOException {
        byte[] whole = Files.readAllBytes(TestData.edgeCase("security.evtx"));
        int cut = 4096 + 65536 + 30000;
        List<EvtxWarning> warnings = new ArrayList<>();
        List<EvtxRecord> records = read(java.util.Arrays.copyOf(whole, cut), warnings, EvtxOptions.defaults());
        assertThat(warnings).extracting(EvtxWarning::kind).contains(EvtxWarning.Kind.CHUNK_TRUNCATED);
        assertThat(records).allMatch(r -> r.fileOffset() < cut);
        assertThat(records.size()).isGreaterThan(91);
    }

    @Test
    void carvingRecoversRecordsFromSlackFlagsThemAndDropsCopiesOfLiveRecords() throws IOException {
        List<SyntheticEvtx.Slot> slots = List.of(new SyntheticEvtx.Slot("Message", 0x01, false));
        SyntheticEvtx.Chunk chunk = new SyntheticEvtx.Chunk();
        for (int id = 1; id <= 3; id++) {
            chunk.record(id, 131587674291368792L, "carve", slots, List.of(new SyntheticEvtx.Value(0x01, SyntheticEvtx.utf16z("live " + id))));
        }
        int liveEnd = chunk.pos;
        // Two more records, then the free-space offset is moved back before them: they become slack.
        chunk.record(4, 131587674291368792L, "carve", slots, List.of(new SyntheticEvtx.Value(0x01, SyntheticEvtx.utf16z("old 4"))));
        int copyOfTwo = chunk.pos;
        chunk.record(2, 131587674291368792L, "carve", slots, List.of(new SyntheticEvtx.Value(0x01, SyntheticEvtx.utf16z("stale 2"))));
        chunk.lastId = 3;
        byte[] c = chunk.finish();
        le(c).putInt(48, liveEnd);
        byte[] file = SyntheticEvtx.file(c);

        List<EvtxRecord> plain = read(file, new ArrayList<>(), EvtxOptions.defaults());
        assertThat(plain).extracting(EvtxRecord::recordId).containsExactly(1L, 2L, 3L);

        List<EvtxRecord> carved = read(file, new ArrayList<>(), EvtxOptions.defaults().withCarve(true));
        assertThat(carved).extracting(EvtxRecord::recordId).containsExactly(1L, 2L, 3L, 4L);
        assertThat(carved.get(3).recovered()).isTrue();
        assertThat(carved.get(3).fileOffset()).isEqualTo(4096 + liveEnd);
        assertThat(carved.get(3).toXml()).contains("old 4");
        assertThat(carved).noneMatch(r -> r.toXml().contains("stale 2"));
        assertThat(copyOfTwo).isGreaterThan(liveEnd);
    }

    @Test
    void aReferenceToAnotherTemplatesBytesIsRefused() throws IOException {
        // Point the second record's template back-reference at nothing valid: the template identifier check
        // refuses it instead of rendering the record with whatever lies there.
        byte[] b = Files.readAllBytes(TestData.edgeCase("new-user-security.evtx"));
        ByteBuffer le = le(b);
        int first = 4096 + 512;
        int second = first + le.getInt(first + 4);
        int binxml = second + 24;
        assertThat(b[binxml]).isEqualTo((byte) 0x0f);
        assertThat(b[binxml + 4]).isEqualTo((byte) 0x0c);
        le.putInt(binxml + 6, le.getInt(binxml + 6) ^ 0x5a5a5a5a);
        List<EvtxWarning> warnings = new ArrayList<>();
        List<EvtxRecord> records = read(b, warnings, EvtxOptions.defaults());
        assertThat(records).hasSize(3);
        assertThat(warnings).singleElement().satisfies(w -> assertThat(w.detail()).contains("template identifier"));
    }

    @Test
    void recordsCarvedWithATemplateWhoseBytesWereReusedAreNotRecovered() throws IOException {
        // In this SigmaHQ sample the slack after the live record holds six older records that still parse, but their
        // EventData templates now read names from misaligned bytes ("ata\u0000\u0019…", megabytes of JSON each):
        // noise, not records. Only the live record is returned.
        Path sample = TestData.regressionFiles().stream()
                .filter(p -> p.getFileName().toString().startsWith("c43a5405")).findFirst().orElseThrow();
        List<EvtxRecord> carved = new ArrayList<>();
        try (EvtxReader r = EvtxReader.open(sample, EvtxOptions.defaults().withCarve(true))) {
            r.map(rec -> rec, carved::add);
        }
        assertThat(carved).singleElement().satisfies(rec -> assertThat(rec.recovered()).isFalse());
        // Over all the regression data, every record carving returns has XML names only, and none is noise-sized.
        for (Path p : TestData.regressionFiles()) {
            for (EvtxRecord rec : TestData.records(p, EvtxOptions.defaults().withCarve(true))) {
                assertThat(rec.toJson(JsonStyle.NESTED_ATTRIBUTES).length()).as("%s", rec).isLessThan(64 * 1024);
            }
        }
    }

    @Test
    void warningsSpeakBothLanguages() {
        assertThat(kagami.core.i18n.Messages.missingTranslations("kagami.evtx.messages")).isEmpty();
        EvtxWarning w = new EvtxWarning("x.evtx", 4096, EvtxWarning.Kind.CHUNK_BAD_SIGNATURE, "chunk 0");
        assertThat(w.message(java.util.Locale.ENGLISH)).isEqualTo(
                "x.evtx: offset 0x1000: a chunk has no valid signature; it was scanned for records (chunk 0)");
        assertThat(w.message(java.util.Locale.JAPANESE)).startsWith("x.evtx: オフセット 0x1000: チャンクのシグネチャが不正です");
        for (EvtxWarning.Kind k : EvtxWarning.Kind.values()) {
            assertThat(new EvtxWarning("f", 0, k, "d").message(java.util.Locale.JAPANESE)).doesNotContain("[warning.");
        }
    }

    private List<EvtxRecord> read(byte[] file, List<EvtxWarning> warnings, EvtxOptions options) throws IOException {
        Path p = Files.createTempFile(tmp, "damaged", ".evtx");
        Files.write(p, file);
        return TestData.records(p, options.withWarnings(warnings::add));
    }

    private static ByteBuffer le(byte[] b) {
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    }
}
