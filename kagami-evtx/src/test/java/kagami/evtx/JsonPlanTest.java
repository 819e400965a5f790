package kagami.evtx;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import kagami.evtx.binxml.TemplateCache;
import kagami.evtx.render.JsonRenderer;
import kagami.evtx.render.Utf8Output;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Arbitrary;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The JSON renderer's plans (a template's output recorded once per kind of values, then replayed) give exactly
 * what walking the template tree gives: for every record of the shared corpus, in both JSON styles, read in file
 * order so that later records replay plans recorded from earlier ones; and for records of mutated chunks, whose
 * values change type, size and emptiness under the same templates.
 */
class JsonPlanTest {
    static Stream<Path> files() {
        return Stream.concat(TestData.edgeCaseFiles().stream(), TestData.regressionFiles().stream());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void plannedJsonEqualsTheTreeRenderersOnEveryRecord(Path file) {
        List<EvtxRecord> records = TestData.records(file, EvtxOptions.defaults().withThreads(1).withCarve(true));
        long replayedBefore = JsonRenderer.plannedRecords();
        assertEveryRecordRendersAlike(records);
        long replayed = JsonRenderer.plannedRecords() - replayedBefore;
        // Plans are taken: each record is rendered three times per style, and the third render replays a plan for
        // every record of ordinary size (every template of the corpus can be planned; a few carved records render
        // to megabytes of JSON, past the bound on a plan's literal text, and are rendered from their tree).
        long ordinary = records.stream().filter(r -> r.toJson(JsonStyle.NESTED_ATTRIBUTES).length() < 32 * 1024).count();
        assertThat(replayed).as("records rendered from plans").isGreaterThanOrEqualTo(2L * ordinary);
    }

    @Property(tries = 150)
    void plannedJsonEqualsTheTreeRenderersOnMutatedChunks(@ForAll("mutations") List<ChunkFuzzTest.Mutation> mutations,
            @ForAll("seedIndex") int seed) {
        byte[] chunk = ChunkFuzzTest.seed(seed);
        for (ChunkFuzzTest.Mutation m : mutations) {
            m.apply(chunk);
        }
        EvtxOptions options = EvtxOptions.defaults().withThreads(1).withCarve(true);
        List<EvtxRecord> records = new ArrayList<>(
                Chunk.read(chunk, chunk.length, 0, 4096, "fuzz.evtx", options, new TemplateCache(), null, false).records());
        // The unmutated chunk first, so that its plans are recorded and then replayed on the mutated records.
        byte[] original = ChunkFuzzTest.seed(seed);
        records.addAll(0, Chunk.read(original, original.length, 0, 4096, "seed.evtx", options, new TemplateCache(),
                null, false).records());
        assertEveryRecordRendersAlike(records);
    }

    private static void assertEveryRecordRendersAlike(List<EvtxRecord> records) {
        Utf8Output planned = new Utf8Output();
        Utf8Output tree = new Utf8Output();
        for (boolean separate : new boolean[] {false, true}) {
            for (EvtxRecord r : records) {
                // Three renders: a signature is planned when seen the second time, and replayed from the third.
                for (int pass = 0; pass < 3; pass++) {
                    planned.reset();
                    tree.reset();
                    planned.write('#');     // a plan must not depend on where the record starts in the buffer
                    JsonRenderer.render(r.content(), planned, separate);
                    JsonRenderer.renderTree(r.content(), tree, separate);
                    assertThat(Arrays.copyOfRange(planned.array(), 1, planned.size()))
                            .as("%s, separate attributes %s", r, separate).isEqualTo(tree.toByteArray());
                }
            }
        }
    }

    @Provide
    Arbitrary<List<ChunkFuzzTest.Mutation>> mutations() {
        return new ChunkFuzzTest().mutations();
    }

    @Provide
    Arbitrary<Integer> seedIndex() {
        return new ChunkFuzzTest().seedIndex();
    }
}
