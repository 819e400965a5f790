package kagami.hunt.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import kagami.core.Detection;
import kagami.hunt.Fixtures;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden files for every bundled profile in CSV and JSONL: the detections are built in code
 * ({@link Fixtures#sample}), the expected bytes sit in {@code src/test/resources/kagami/hunt/timeline/golden/}.
 * Regenerate after an intended change with {@code -Dkagami.golden.update=true} and review the diff.
 */
class TimelineGoldenTest {
    @TempDir
    Path spill;

    static Stream<Arguments> profilesAndFormats() {
        List<Arguments> a = new ArrayList<>();
        for (String p : TimelineProfile.bundled().keySet()) {
            a.add(Arguments.of(p, "csv"));
            a.add(Arguments.of(p, "jsonl"));
        }
        return a.stream();
    }

    @ParameterizedTest(name = "{0}.{1}")
    @MethodSource("profilesAndFormats")
    void timelineMatchesGoldenFile(String profileName, String format) throws IOException {
        Map<String, TimelineProfile> profiles = TimelineProfile.bundled();
        TimelineProfile profile = profiles.get(profileName);
        StringWriter out = new StringWriter();
        RenderOptions options = RenderOptions.defaults();
        TimelineSink sink = format.equals("csv") ? new CsvTimelineWriter(out, profile, options)
                : new JsonlTimelineWriter(out, profile, options);
        Timeline timeline = new Timeline(new Timeline.Options(true, true, TimeWindow.ALL, spill, 1 << 20),
                List.of(sink));
        TimelineRecords records = TimelineRecords.bundled();
        for (Detection d : Fixtures.sample()) {
            timeline.add(records.of(d));
        }
        Timeline.Counts counts = timeline.finish();
        assertThat(counts.duplicates()).isEqualTo(1);

        String name = "golden/" + profileName + "." + format;
        if (Boolean.getBoolean("kagami.golden.update")) {
            Path target = Path.of(System.getProperty("kagami.root"), "kagami-hunt/src/test/resources/kagami/hunt/timeline",
                    name);
            Files.createDirectories(target.getParent());
            Files.writeString(target, out.toString(), StandardCharsets.UTF_8);
        }
        try (InputStream in = getClass().getResourceAsStream(name)) {
            assertThat(in).as("golden file " + name + " (run with -Dkagami.golden.update=true to create it)")
                    .isNotNull();
            assertThat(out.toString()).isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
