package kagami.hunt.input;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import kagami.core.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputsTest {
    @TempDir
    Path dir;

    private static final byte[] EVTX_HEAD = "ElfFile\0rest-of-a-header".getBytes(StandardCharsets.ISO_8859_1);

    @Test
    void recognisesInputsByContentNotByName() {
        assertThat(InputSniffer.sniff(EVTX_HEAD, EVTX_HEAD.length)).isEqualTo(InputKind.EVTX);
        byte[] json = "\uFEFF\n  [{\"a\":1}]".getBytes(StandardCharsets.UTF_8);
        assertThat(InputSniffer.sniff(json, json.length)).isEqualTo(InputKind.JSON);
        assertThat(InputSniffer.sniff(new byte[] {0x1f, (byte) 0x8b, 8, 0}, 4)).isEqualTo(InputKind.GZIP);
        assertThat(InputSniffer.sniff(new byte[] {'P', 'K', 3, 4}, 4)).isEqualTo(InputKind.ZIP);
        assertThat(InputSniffer.sniff(new byte[] {'M', 'Z'}, 2)).isEqualTo(InputKind.UNKNOWN);
        assertThat(InputSniffer.sniff(new byte[0], 0)).isEqualTo(InputKind.EMPTY);
    }

    @Test
    void expandsFoldersGzipAndZipAndListsWhatItSkips() throws IOException {
        Path logs = Files.createDirectories(dir.resolve("case/logs"));
        Files.write(logs.resolve("Security.evtx.renamed.txt"), EVTX_HEAD);
        Files.writeString(logs.resolve("a.jsonl"), JsonEventReaderTest.NXLOG);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(logs.resolve("b.json.gz")))) {
            out.write(JsonEventReaderTest.ECS.getBytes(StandardCharsets.UTF_8));
        }
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(logs.resolve("c.zip")))) {
            zip.putNextEntry(new ZipEntry("inner/x.json"));
            zip.write(JsonEventReaderTest.NXLOG.getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("inner/System.evtx"));
            zip.write(EVTX_HEAD);
            zip.putNextEntry(new ZipEntry("readme.pdf"));
            zip.write("%PDF-1.7".getBytes(StandardCharsets.US_ASCII));
        }
        Files.write(logs.resolve("empty.evtx"), new byte[0]);
        try (Inputs.Expansion x = Inputs.expand(List.of(dir.resolve("case"), dir.resolve("missing")),
                InputLimits.defaults(), dir.resolve("tmp"))) {
            assertThat(x.sources()).extracting(InputSource::name).containsExactly(
                    logs.resolve("Security.evtx.renamed.txt").toString(),
                    logs.resolve("a.jsonl").toString(),
                    logs.resolve("b.json").toString(),
                    logs.resolve("c.zip") + "!inner/x.json",
                    logs.resolve("c.zip") + "!inner/System.evtx");
            assertThat(x.sources()).extracting(InputSource::kind)
                    .containsExactly(InputKind.EVTX, InputKind.JSON, InputKind.JSON, InputKind.JSON, InputKind.EVTX);
            InputSource evtxMember = x.sources().get(4);
            assertThat(evtxMember.file()).as("EVTX members are copied out for random access").isPresent();
            try (InputStream in = evtxMember.open()) {
                assertThat(in.readAllBytes()).isEqualTo(EVTX_HEAD);
            }
            List<Event> events = new ArrayList<>();
            JsonEventReader.bundled(java.util.Optional.empty()).read(x.sources().get(2), events::add);
            assertThat(events).hasSize(2);
            assertThat(x.skipped()).extracting(SkippedInput::reason).containsExactlyInAnyOrder(
                    SkippedInput.Reason.UNKNOWN_FORMAT, SkippedInput.Reason.EMPTY, SkippedInput.Reason.UNREADABLE);
        }
        try (var left = Files.list(dir.resolve("tmp"))) {
            assertThat(left).as("temporary copies are deleted").isEmpty();
        }
    }

    @Test
    void aDecompressionBombIsStoppedAndReportedNotTreatedAsClean() throws IOException {
        Path bomb = dir.resolve("bomb.json.gz");
        byte[] zeros = new byte[1 << 20];
        java.util.Arrays.fill(zeros, (byte) 'A');
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(bomb))) {
            out.write("{\"EventID\":1,\"x\":\"".getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < 64; i++) {
                out.write(zeros);
            }
        }
        InputLimits limits = new InputLimits(10, 32L << 20, 1L << 30, 100, 3);
        try (Inputs.Expansion x = Inputs.expand(List.of(bomb), limits, dir.resolve("tmp"))) {
            assertThat(x.sources()).hasSize(1);
            List<Event> events = new ArrayList<>();
            try {
                JsonEventReader.bundled(java.util.Optional.empty()).read(x.sources().get(0), events::add);
                org.assertj.core.api.Assertions.fail("the bomb was read to the end");
            } catch (kagami.core.io.LimitExceededException expected) {
                assertThat(expected.limit()).isIn("expansion ratio", "decompressed bytes per member");
            }
        }
    }

    @Test
    void tooManyArchiveMembersIsALimitNotAHang() throws IOException {
        Path many = dir.resolve("many.zip");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(many))) {
            for (int i = 0; i < 30; i++) {
                zip.putNextEntry(new ZipEntry("m" + i + ".json"));
                zip.write("{}".getBytes(StandardCharsets.US_ASCII));
            }
        }
        try (Inputs.Expansion x = Inputs.expand(List.of(many), new InputLimits(10, 1 << 20, 1 << 30, 100, 3),
                dir.resolve("tmp"))) {
            assertThat(x.sources()).hasSize(10);
            assertThat(x.skipped()).anyMatch(s -> s.reason() == SkippedInput.Reason.LIMIT_EXCEEDED);
        }
    }

    @Test
    void archivesNestedDeeperThanTheLimitAreReported() throws IOException {
        byte[] inner = JsonEventReaderTest.NXLOG.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 5; i++) {
            java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
            try (OutputStream out = new GZIPOutputStream(b)) {
                out.write(inner);
            }
            inner = b.toByteArray();
        }
        Path nested = dir.resolve("nested.gz");
        Files.write(nested, inner);
        try (Inputs.Expansion x = Inputs.expand(List.of(nested), InputLimits.defaults(), dir.resolve("tmp"))) {
            assertThat(x.sources()).isEmpty();
            assertThat(x.skipped()).extracting(SkippedInput::reason).contains(SkippedInput.Reason.LIMIT_EXCEEDED);
        }
    }
}
