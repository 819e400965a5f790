package kagami.intel.stix;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import kagami.core.IndicatorType;
import kagami.intel.IndicatorFilter;
import kagami.intel.IntelIndicator;
import kagami.intel.Observable;
import kagami.intel.TestStores;
import kagami.intel.store.IntelStore;

class StixExamplesImportTest {
    @TempDir
    Path dir;

    static Stream<Path> examples() throws Exception {
        try (Stream<Path> s = Files.walk(TestStores.shared("stix", "examples"))) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("examples")
    void everyOasisExampleImportsWithoutError(Path example) throws Exception {
        try (IntelStore store = IntelStore.open(dir.resolve("s.db")); InputStream in = Files.newInputStream(example)) {
            IntelStore.ImportResult r = store.importFrom(example.toString(), "stix",
                    IntelStore.ImportOptions.defaults(), StixExchange.reader(in, example.getFileName().toString()));
            assertThat(r.errors()).isEmpty();
            assertThat(r.objects()).isPositive();
            assertThat(r.added()).isEqualTo(r.objects());
        }
    }

    @Test
    void apt1IndicatorsBecomeMatchableObservables() throws Exception {
        Path apt1 = TestStores.shared("stix", "examples", "threat-reports", "apt1.json");
        try (IntelStore store = IntelStore.open(dir.resolve("s.db")); InputStream in = Files.newInputStream(apt1)) {
            store.importFrom("apt1", "stix", IntelStore.ImportOptions.defaults(), StixExchange.reader(in, "apt1"));
            List<IntelIndicator> all = store.indicators(IndicatorFilter.all());
            assertThat(all).hasSize(12);
            List<Observable> obs = all.stream().flatMap(i -> i.observables().stream()).toList();
            assertThat(obs).contains(new Observable(IndicatorType.CIDR, "223.166.0.0/15"),
                    new Observable(IndicatorType.DOMAIN, "hugesoft.org"),
                    new Observable(IndicatorType.MD5, "001DD76872D80801692FF942308C64E6"));
            assertThat(store.search("www.hugesoft.org")).extracting(m -> m.observable().value())
                    .containsExactly("hugesoft.org");
            assertThat(store.search("223.167.1.2")).hasSize(1);
            assertThat(all.stream().filter(i -> i.related().contains("HUC Packet Transmit Tool (HTRAN)")).count()).isEqualTo(4);
        }
    }

    @Test
    void reimportingTheSameBundleChangesNothing() throws Exception {
        Path ivy = TestStores.shared("stix", "examples", "threat-reports", "poisonivy.json");
        try (IntelStore store = IntelStore.open(dir.resolve("s.db"))) {
            IntelStore.ImportResult first;
            try (InputStream in = Files.newInputStream(ivy)) {
                first = store.importFrom("ivy", "stix", IntelStore.ImportOptions.defaults(),
                        StixExchange.reader(in, "ivy"));
            }
            IntelStore.ImportResult again;
            try (InputStream in = Files.newInputStream(ivy)) {
                again = store.importFrom("ivy", "stix", IntelStore.ImportOptions.defaults(),
                        StixExchange.reader(in, "ivy"));
            }
            assertThat(first.added()).isEqualTo(first.objects());
            assertThat(again.added()).isZero();
            assertThat(again.updated()).isZero();
            assertThat(again.unchanged()).isEqualTo(first.objects());
            // The malformed value "domain autuo.xicp.net" is reported, not silently dropped.
            assertThat(first.warnings()).anyMatch(w -> w.toString().contains("autuo.xicp.net"));
        }
    }
}
