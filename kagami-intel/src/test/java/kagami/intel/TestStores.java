package kagami.intel;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import kagami.intel.stix.StixExchange;
import kagami.intel.store.IntelStore;

/** Helpers shared by the tests: shared test data and quick imports. */
public final class TestStores {
    private TestStores() {
    }

    public static Path shared(String first, String... more) {
        return Path.of(System.getProperty("kagami.shared"), "testdata").resolve(Path.of(first, more));
    }

    public static IntelStore.ImportResult importStix(IntelStore store, String json) throws IOException {
        return store.importFrom("test", "stix", IntelStore.ImportOptions.defaults(),
                StixExchange.reader(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test"));
    }
}
