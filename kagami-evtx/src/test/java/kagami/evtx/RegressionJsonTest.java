package kagami.evtx;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * JSON truth: for every SigmaHQ regression {@code .evtx}, our JSON equals the evtx-crate JSON SigmaHQ stored
 * beside it ({@link CanonicalJson}, the rules of {@code shared/tools/evtx_json_compare.py}).
 */
class RegressionJsonTest {
    /**
     * The one stored reference that disagrees with its own {@code .evtx}: it says {@code Explorer.exe} where the
     * record (and both Debian oracles) say {@code Explorer.EXE}; see {@link #theReferenceThatWasEditedDisagreesWithItsEvtxOnly}.
     */
    private static final String EDITED_REFERENCE = "ad691d92-15f2-4181-9aa4-723c74f9ddc3";

    static Stream<Path> regressionFiles() {
        return TestData.regressionFiles().stream()
                .filter(p -> !p.getFileName().toString().startsWith(EDITED_REFERENCE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("regressionFiles")
    void jsonEqualsTheStoredEvtxCrateJson(Path evtx) throws IOException {
        List<Object> unmatched = unmatched(evtx, reference(evtx));
        assertThat(unmatched).as("reference records of %s without an equal Kagami record", evtx.getFileName()).isEmpty();
    }

    @Test
    void theReferenceThatWasEditedDisagreesWithItsEvtxOnly() throws IOException {
        Path evtx = TestData.regressionFiles().stream()
                .filter(p -> p.getFileName().toString().startsWith(EDITED_REFERENCE)).findFirst().orElseThrow();
        String reference = reference(evtx);
        assertThat(unmatched(evtx, reference)).hasSize(1);
        // With the reference corrected to what the record holds, everything matches...
        assertThat(unmatched(evtx, reference.replace("C:\\\\Windows\\\\Explorer.exe", "C:\\\\Windows\\\\Explorer.EXE"))).isEmpty();
        // ...and the record does hold that, as libevtx shows.
        assertThat(Oracle.evtxexport(evtx, "items")).contains("<Data Name=\"ParentCommandLine\">C:\\Windows\\Explorer.EXE</Data>");
    }

    private static String reference(Path evtx) throws IOException {
        Path json = evtx.resolveSibling(evtx.getFileName().toString().replaceAll("\\.evtx$", ".json"));
        return Files.readString(json, StandardCharsets.UTF_8);
    }

    private static List<Object> unmatched(Path evtx, String referenceJson) {
        Map<Object, Integer> ours = new HashMap<>();
        for (EvtxRecord r : TestData.records(evtx)) {
            for (Object o : CanonicalJson.events(r.toJson(JsonStyle.NESTED_ATTRIBUTES))) {
                ours.merge(o, 1, Integer::sum);
            }
        }
        List<Object> unmatched = new ArrayList<>();
        for (Object ref : CanonicalJson.events(referenceJson)) {
            Integer n = ours.get(ref);
            if (n == null || n == 0) {
                unmatched.add(ref);
            } else {
                ours.put(ref, n - 1);
            }
        }
        return unmatched;
    }
}
