package kagami.hunt.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import kagami.core.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The EVTX reader of the hunt on the shared edge-case files (real EVTX written by Windows). */
class EvtxEventReaderTest {
    static final Path EDGE = Path.of(System.getProperty("kagami.shared"), "testdata", "evtx", "edge-cases");

    @TempDir
    Path dir;

    private static InputSource source(Path p) throws IOException {
        return new InputSource(p.toString(), InputKind.EVTX, Files.size(p), Optional.of(p), () -> Files.newInputStream(p));
    }

    private static List<String> keys(List<Event> events) {
        return events.stream().map(e -> e.origin().offset() + "#" + e.recordId() + "@" + e.timestamp()).toList();
    }

    @Test
    void readsEveryRecordInFileOrderWhateverTheThreadCount() throws IOException {
        InputSource s = source(EDGE.resolve("security.evtx"));
        List<Event> one = new ArrayList<>();
        ReadResult r1 = new EvtxEventReader(1, false, Locale.ENGLISH).read(s, one::add);
        List<String> four = new ArrayList<>();
        ReadResult r4 = new EvtxEventReader(4, false, Locale.ENGLISH).read(s,
                e -> e.origin().offset() + "#" + e.recordId() + "@" + e.timestamp(), four::add);
        assertThat(r1.events()).isEqualTo(2261).isEqualTo(one.size());
        assertThat(r1.complete()).isTrue();
        assertThat(r1.badRecords()).isZero();
        assertThat(r4.events()).isEqualTo(2261);
        assertThat(four).isEqualTo(keys(one));
        assertThat(one).extracting(e -> e.origin().offset()).isSorted();
        assertThat(one.get(0).channel()).isEqualTo("Security");
        assertThat(one.get(0).fieldOrNull("EventID")).isInstanceOf(Long.class);
    }

    @Test
    void dropsNullResultsOfTheWork() throws IOException {
        List<Long> ids = new ArrayList<>();
        ReadResult r = new EvtxEventReader(2, false, Locale.ENGLISH).read(source(EDGE.resolve("sysmon.evtx")),
                e -> e.eventId() == 1 ? e.recordId() : null, ids::add);
        assertThat(r.events()).isEqualTo(358);
        assertThat(ids).isNotEmpty().hasSizeLessThan(358).isSorted();
    }

    @Test
    void reportsProgressChunkByChunkUpToTheFileSize() throws IOException {
        Path file = EDGE.resolve("security.evtx");
        List<Long> steps = new ArrayList<>();
        new EvtxEventReader(2, false, Locale.ENGLISH).read(source(file), e -> null, r -> { }, steps::add);
        assertThat(steps).hasSizeGreaterThan(10).allSatisfy(n -> assertThat(n).isPositive());
        assertThat(steps.stream().mapToLong(Long::longValue).sum()).isEqualTo(Files.size(file));
    }

    @Test
    void firstEventGivesTheChannelForThePrefilter() throws IOException {
        Optional<Event> first = new EvtxEventReader(2, false, Locale.ENGLISH).firstEvent(source(EDGE.resolve("sysmon.evtx")));
        assertThat(first).map(Event::channel).contains("Microsoft-Windows-Sysmon/Operational");
        Path headerOnly = dir.resolve("no-chunks.evtx");
        Files.write(headerOnly, java.util.Arrays.copyOf(Files.readAllBytes(EDGE.resolve("security.evtx")), 4096));
        assertThat(new EvtxEventReader(2, false, Locale.ENGLISH).firstEvent(source(headerOnly))).isEmpty();
    }

    @Test
    void damageIsReportedWithOffsetsInTheUsersLanguage() throws IOException {
        InputSource s = source(EDGE.resolve("sample_with_a_bad_chunk_magic.evtx"));
        ReadResult en = new EvtxEventReader(2, false, Locale.ENGLISH).read(s, e -> { });
        ReadResult ja = new EvtxEventReader(2, false, Locale.JAPANESE).read(s, e -> { });
        assertThat(en.events()).as("at least what evtxexport recovers").isGreaterThanOrEqualTo(267);
        assertThat(en.badRecords()).isPositive();
        assertThat(en.warnings()).isNotEmpty().allSatisfy(w -> assertThat(w).startsWith("offset 0x")
                .doesNotContain(EDGE.toString()));
        assertThat(ja.warnings().get(0)).startsWith("オフセット 0x");
    }

    @Test
    void archiveMembersAreNamedAsTheUserSeesThem() throws IOException {
        Path zip = dir.resolve("case.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
            z.putNextEntry(new ZipEntry("logs/Sysmon.evtx"));
            z.write(Files.readAllBytes(EDGE.resolve("sysmon.evtx")));
        }
        try (Inputs.Expansion x = Inputs.expand(List.of(zip), InputLimits.defaults(), dir.resolve("tmp"))) {
            InputSource member = x.sources().get(0);
            List<Event> events = new ArrayList<>();
            new EvtxEventReader(2, false, Locale.ENGLISH).read(member, events::add);
            assertThat(events).hasSize(358).allSatisfy(e -> assertThat(e.origin().source())
                    .isEqualTo(zip + "!logs/Sysmon.evtx"));
            assertThat(events.get(0).fieldOrNull("Event.System.Channel"))
                    .as("the nested document stays reachable").isEqualTo("Microsoft-Windows-Sysmon/Operational");
        }
    }

    @Test
    void aFileThatIsNotEvtxCannotBeReadAtAll() throws IOException {
        Path fake = dir.resolve("fake.evtx");
        try (OutputStream o = Files.newOutputStream(fake)) {
            o.write("not an event log".getBytes(StandardCharsets.US_ASCII));
        }
        assertThatThrownBy(() -> new EvtxEventReader(1, false, Locale.ENGLISH).read(source(fake), e -> { }))
                .isInstanceOf(IOException.class).hasMessageContaining("not an EVTX file");
    }
}
