package kagami.evtx;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The shared test corpus (never copied into the repository). */
final class TestData {
    private TestData() {
    }

    static Path root() {
        String shared = System.getProperty("kagami.shared");
        assertThat(shared).as("system property kagami.shared (set by the parent pom)").isNotNull();
        Path p = Path.of(shared, "testdata");
        assertThat(p).as("shared test data").isDirectory();
        return p;
    }

    static Path edgeCases() {
        return root().resolve("evtx/edge-cases");
    }

    static Path edgeCase(String name) {
        Path p = edgeCases().resolve(name);
        assertThat(p).exists();
        return p;
    }

    static List<Path> edgeCaseFiles() {
        return list(edgeCases());
    }

    static List<Path> regressionFiles() {
        return list(root().resolve("sigma/regression_data"));
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.toString().endsWith(".evtx")).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** All records of a file, read with the given options. */
    static List<EvtxRecord> records(Path file, EvtxOptions options) {
        try (EvtxReader r = EvtxReader.open(file, options)) {
            List<EvtxRecord> out = new java.util.ArrayList<>();
            r.forEach(out::add);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<EvtxRecord> records(Path file) {
        return records(file, EvtxOptions.defaults().withThreads(1));
    }
}
