package kagami.intel.store;

import java.nio.file.Path;
import java.time.Instant;

import kagami.core.IndicatorType;
import kagami.intel.FlatIndicator;
import kagami.intel.Observable;

/**
 * A child-process entry point for {@link CrashSafetyTest} and the import benchmark: imports {@code count} synthetic
 * indicators into the store at {@code args[0]} in one transaction. Prints {@code STARTED} once the transaction is
 * under way, so the parent knows when to kill it.
 */
public final class BulkImport {
    private BulkImport() {
    }

    /** The n-th synthetic observable: a mix of domains, IPv4 addresses, SHA-256 hashes, URLs and file names. */
    public static Observable observable(long n) {
        return switch ((int) (n % 5)) {
            case 0 -> new Observable(IndicatorType.DOMAIN, "c2-" + n + ".example-" + (n % 97) + ".net");
            case 1 -> new Observable(IndicatorType.IPV4, ((n >>> 16) & 0x3f) + 11 + "." + ((n >>> 8) & 255) + "."
                    + (n & 255) + ".7");
            case 2 -> new Observable(IndicatorType.SHA256, String.format("%064X", n * 0x9E3779B97F4A7C15L));
            case 3 -> new Observable(IndicatorType.URL, "http://host-" + n + ".example.org/p/" + n + ".php");
            default -> new Observable(IndicatorType.FILE_NAME, "payload_" + n + ".dll");
        };
    }

    public static void main(String[] args) throws Exception {
        Path db = Path.of(args[0]);
        long count = Long.parseLong(args[1]);
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        try (IntelStore store = IntelStore.open(db)) {
            long t0 = System.nanoTime();
            IntelStore.ImportResult r = store.importFrom("bulk", "bulk", IntelStore.ImportOptions.defaults(), sink -> {
                for (long i = 0; i < count; i++) {
                    FlatIndicator.of(observable(i)).emit(sink, kagami.intel.InputLocation.line("bulk", i), now);
                    if (i == 1000) {
                        System.out.println("STARTED");
                        System.out.flush();
                    }
                }
            });
            long ms = (System.nanoTime() - t0) / 1_000_000;
            System.out.println("IMPORTED " + r.indicators() + " in " + ms + " ms");
        }
    }
}
