package kagami.hunt.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import kagami.core.Detection;
import kagami.core.Event;
import kagami.core.Level;
import kagami.hunt.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TimelineTest {
    @TempDir
    Path dir;

    private static List<TimelineRecord> manyRecords(int n) {
        TimelineRecords f = TimelineRecords.bundled();
        List<TimelineRecord> out = new ArrayList<>();
        Instant t0 = Instant.parse("2024-05-01T00:00:00Z");
        for (int i = 0; i < n; i++) {
            // Many share a timestamp, file and offset differ: the order must still be total.
            Event e = Fixtures.sysmonProcess("WS" + (i % 7), t0.plusSeconds(i % 50), i, "C:\\x\\p" + i + ".exe",
                    "p" + i, "f" + (i % 3) + ".evtx", i * 100L);
            out.add(f.of(Fixtures.detection("rule-" + (i % 5), "Rule " + (i % 5), Level.values()[i % 5],
                    List.of("attack.t1059.001"), e)));
        }
        return out;
    }

    private String write(List<TimelineRecord> records, long budget) throws IOException {
        StringWriter out = new StringWriter();
        Timeline t = new Timeline(new Timeline.Options(true, false, TimeWindow.ALL, dir, budget),
                List.of(new CsvTimelineWriter(out, TimelineProfile.bundled().get("verbose"), RenderOptions.defaults())));
        for (TimelineRecord r : records) {
            t.add(r);
        }
        t.finish();
        return out.toString();
    }

    @Test
    void sortedOutputIsTheSameWhateverTheArrivalOrder() throws IOException {
        List<TimelineRecord> records = manyRecords(500);
        String expected = write(records, 64L << 20);
        List<TimelineRecord> shuffled = new ArrayList<>(records);
        Collections.shuffle(shuffled, new Random(42));
        assertThat(write(shuffled, 64L << 20)).isEqualTo(expected);
    }

    @Test
    void spillingToDiskGivesTheSameOutputAsSortingInMemory() throws IOException {
        List<TimelineRecord> records = manyRecords(2000);
        List<TimelineRecord> shuffled = new ArrayList<>(records);
        Collections.shuffle(shuffled, new Random(7));
        String inMemory = write(records, 64L << 20);
        StringWriter out = new StringWriter();
        Timeline t = new Timeline(new Timeline.Options(true, false, TimeWindow.ALL, dir, 32 * 1024),
                List.of(new CsvTimelineWriter(out, TimelineProfile.bundled().get("verbose"), RenderOptions.defaults())));
        for (TimelineRecord r : shuffled) {
            t.add(r);
        }
        Timeline.Counts c = t.finish();
        assertThat(c.spilledRuns()).isGreaterThan(5);
        assertThat(out.toString()).isEqualTo(inMemory);
        try (var left = Files.list(dir)) {
            assertThat(left).as("spill files are deleted").isEmpty();
        }
    }

    @Test
    void dedupDropsTheSameRecordReadFromAShadowCopy() throws IOException {
        TimelineRecords f = TimelineRecords.bundled();
        List<TimelineSink> none = List.of();
        Timeline sorted = new Timeline(new Timeline.Options(true, true, TimeWindow.ALL, dir, 1 << 20), none);
        Timeline streaming = new Timeline(new Timeline.Options(false, true, TimeWindow.ALL, dir, 1 << 20), none);
        for (Detection d : Fixtures.sample()) {
            sorted.add(f.of(d));
            streaming.add(f.of(d));
        }
        assertThat(sorted.finish().duplicates()).isEqualTo(1);
        assertThat(streaming.finish().duplicates()).isEqualTo(1);
    }

    @Test
    void timeWindowKeepsOnlyDetectionsInside() throws IOException {
        TimelineRecords f = TimelineRecords.bundled();
        TimeWindow w = new TimeWindow(Optional.of(Instant.parse("2024-05-01T01:02:00Z")),
                Optional.of(Instant.parse("2024-05-01T02:00:00Z")));
        List<TimelineRecord> got = new ArrayList<>();
        Timeline t = new Timeline(new Timeline.Options(true, false, w, dir, 1 << 20), List.of(got::add));
        for (Detection d : Fixtures.sample()) {
            t.add(f.of(d));
        }
        Timeline.Counts c = t.finish();
        assertThat(got).extracting(TimelineRecord::ruleTitle).containsOnly("Rundll32 Execution From Temp");
        assertThat(c.outsideWindow()).isEqualTo(2);
    }

    @Test
    void timeWindowParsesDatesInTheUsersZone() {
        assertThat(TimeWindow.parseInstant("2024-05-01", ZoneId.of("Asia/Tokyo")))
                .isEqualTo(Instant.parse("2024-04-30T15:00:00Z"));
        assertThat(TimeWindow.parseInstant("2024-05-01T09:00:00+09:00", ZoneId.of("UTC")))
                .isEqualTo(Instant.parse("2024-05-01T00:00:00Z"));
        assertThatThrownBy(() -> TimeWindow.parseInstant("yesterday", ZoneId.of("UTC")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("yesterday");
    }

    @Test
    void csvCellsThatSpreadsheetsWouldRunAreDefused() throws IOException {
        Event e = Event.builder().timestamp(Instant.EPOCH).host("=HYPERLINK(\"http://x.invalid\")").channel("System")
                .provider("p").eventId(1).build();
        TimelineRecord r = TimelineRecords.bundled().of(Fixtures.detection("r", "-2+3", Level.LOW, List.of(), e));
        StringWriter out = new StringWriter();
        CsvTimelineWriter w = new CsvTimelineWriter(out, TimelineProfile.bundled().get("minimal"),
                RenderOptions.defaults());
        w.accept(r);
        assertThat(out.toString()).contains("\"'=HYPERLINK(\"\"http://x.invalid\"\")\"").contains(",'-2+3,");
    }

    @Test
    void unknownPlaceholderInAProfileIsAnError() {
        assertThatThrownBy(() -> TimelineProfile.parse(new java.io.StringReader("p:\n  A: \"%NoSuchThing%\"\n")))
                .isInstanceOf(IOException.class).hasMessageContaining("%NoSuchThing%");
    }

    @Test
    void eventsWithoutTemplateShowAllTheirFieldsInDetails() {
        Event e = Event.builder().timestamp(Instant.EPOCH).host("h").channel("Custom").provider("Custom-Provider")
                .eventId(77).field("EventID", 77L).field("Alpha", "a").field("Data", List.of("x", "y")).build();
        TimelineRecord r = TimelineRecords.bundled().of(Fixtures.detection("r", "t", Level.LOW, List.of(), e));
        assertThat(r.details()).extracting(DetailField::label).containsExactly("Alpha", "Data[1]", "Data[2]");
        assertThat(r.extraFields()).isEmpty();
    }
}
