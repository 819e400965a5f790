package kagami.evtx;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden files: one record of a sample beside its expected rendering in each output shape
 * ({@code src/test/resources/kagami/evtx/golden}). Set {@code -Dkagami.golden.update=true} to rewrite them after
 * a deliberate change, then review the diff.
 */
class GoldenOutputTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("sysmon.evtx", 0, "sysmon-1742"),
                Arguments.of("system.evtx", 0, "system-1"),
                Arguments.of("E_Windows_system32_winevt_logs_Microsoft-Windows-Shell-Core%4Operational.evtx", 160, "shell-core-161"),
                Arguments.of("MSExchange_Management_wec.evtx", 0, "wec-3229"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("cases")
    void rendersAsTheGoldenFiles(String file, int index, String golden) throws IOException {
        EvtxRecord r = TestData.records(TestData.edgeCase(file)).get(index);
        check(golden + ".xml", r.toXml());
        check(golden + ".json", r.toJson(JsonStyle.NESTED_ATTRIBUTES) + "\n");
        check(golden + ".separate.json", r.toJson(JsonStyle.SEPARATE_ATTRIBUTES) + "\n");
    }

    private static void check(String name, String actual) throws IOException {
        if (Boolean.getBoolean("kagami.golden.update")) {
            Path dir = Path.of(System.getProperty("kagami.root"), "kagami-evtx/src/test/resources/kagami/evtx/golden");
            Files.writeString(dir.resolve(name), actual, StandardCharsets.UTF_8);
            return;
        }
        try (InputStream in = GoldenOutputTest.class.getResourceAsStream("golden/" + name)) {
            assertThat(in).as("golden file " + name).isNotNull();
            assertThat(actual).as(name).isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
