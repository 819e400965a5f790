package kagami.intel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import kagami.core.IndicatorType;
import kagami.core.Tlp;
import kagami.intel.blocklist.Blocklists;
import kagami.intel.blocklist.PlainLists;
import kagami.intel.blocklist.WarningList;
import kagami.intel.csv.CsvIndicators;
import kagami.intel.loki.LokiIocs;
import kagami.intel.misp.MispEvents;
import kagami.intel.normalize.Normalizer;
import kagami.intel.stix.StixExchange;
import kagami.intel.store.IntelStore;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;

/**
 * import → export → import gives the same set, for every format Kagami both writes and reads: STIX 2.1, MISP
 * events, MISP feeds, CSV, Loki IoC files, and the plain-list blocklists (hosts, domains, ips). Each format is
 * compared on what it carries (a Loki hash line has no TLP; STIX carries everything, ids included).
 */
class RoundTripTest {
    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    private final java.util.Queue<Path> dirs = new java.util.concurrent.ConcurrentLinkedQueue<>();

    @AfterProperty
    void cleanUp() throws IOException {
        Path d;
        while ((d = dirs.poll()) != null) {
            try (var s = Files.walk(d)) {
                s.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
            }
        }
    }

    private Path tmp() throws IOException {
        Path d = Files.createTempDirectory("kagami-roundtrip");
        dirs.add(d);
        return d;
    }

    // ------------------------------------------------------------------------------------------------ generators

    private static Arbitrary<String> label() {
        return Arbitraries.strings().withCharRange('a', 'z').numeric().ofMinLength(1).ofMaxLength(10);
    }

    private static Arbitrary<String> domain() {
        return Combinators.combine(label().list().ofMinSize(1).ofMaxSize(3),
                Arbitraries.strings().withCharRange('a', 'z').ofMinLength(2).ofMaxLength(6))
                .as((l, tld) -> String.join(".", l) + "." + tld);
    }

    private static Arbitrary<String> hex(int n) {
        return Arbitraries.strings().withChars("0123456789ABCDEF").ofLength(n);
    }

    private static Arbitrary<String> text() {
        return Arbitraries.strings().withChars("abcXYZ 019_-=,;\"'日本語").ofMinLength(1).ofMaxLength(16)
                .map(String::strip).filter(s -> !s.isEmpty());
    }

    private static Arbitrary<String> fileName() {
        return Combinators.combine(Arbitraries.strings().withChars("abcXYZ019 _-参考").ofMinLength(1).ofMaxLength(10),
                Arbitraries.of(".exe", ".dll", ".txt", ".Exe.db"), Arbitraries.of("", "*", "?"))
                .as((n, ext, glob) -> n.strip().isEmpty() ? "x" + glob + ext : n.strip() + glob + ext);
    }

    private static Arbitrary<Observable> observable(Set<IndicatorType> types) {
        List<Arbitrary<Observable>> alts = new ArrayList<>();
        Function<IndicatorType, Boolean> has = types::contains;
        if (has.apply(IndicatorType.MD5)) {
            alts.add(hex(32).map(v -> new Observable(IndicatorType.MD5, v)));
        }
        if (has.apply(IndicatorType.SHA1)) {
            alts.add(hex(40).map(v -> new Observable(IndicatorType.SHA1, v)));
        }
        if (has.apply(IndicatorType.SHA256)) {
            alts.add(hex(64).map(v -> new Observable(IndicatorType.SHA256, v)));
        }
        if (has.apply(IndicatorType.SHA512)) {
            alts.add(hex(128).map(v -> new Observable(IndicatorType.SHA512, v)));
        }
        if (has.apply(IndicatorType.DOMAIN)) {
            alts.add(domain().map(v -> new Observable(IndicatorType.DOMAIN, v)));
            if (has.apply(IndicatorType.HOSTNAME)) {
                // HOSTNAME marks "wildcards allowed" here: *.domain
                alts.add(domain().map(v -> new Observable(IndicatorType.DOMAIN, "*." + v)));
            }
        }
        if (has.apply(IndicatorType.IPV4)) {
            alts.add(Arbitraries.integers().between(0, 255).map(i -> new Observable(IndicatorType.IPV4,
                    "198.51.100." + i)));
        }
        if (has.apply(IndicatorType.CIDR)) {
            alts.add(Arbitraries.integers().between(0, 255).map(i -> new Observable(IndicatorType.CIDR,
                    "100." + i + ".0.0/16")));
        }
        if (has.apply(IndicatorType.IPV6)) {
            alts.add(hex(4).map(h -> norm(IndicatorType.IPV6, "2001:db8::" + h)));
        }
        if (has.apply(IndicatorType.URL)) {
            alts.add(Combinators.combine(domain(), label()).as((d, p) -> new Observable(IndicatorType.URL,
                    "https://" + d + "/" + p + "?q=" + p)));
        }
        if (has.apply(IndicatorType.EMAIL_ADDRESS)) {
            alts.add(Combinators.combine(label(), domain()).as((l, d) -> new Observable(IndicatorType.EMAIL_ADDRESS,
                    l + "@" + d)));
        }
        if (has.apply(IndicatorType.FILE_NAME)) {
            alts.add(fileName().map(n -> new Observable(IndicatorType.FILE_NAME, n)));
        }
        if (has.apply(IndicatorType.FILE_PATH)) {
            alts.add(Combinators.combine(label().list().ofMinSize(1).ofMaxSize(3), fileName())
                    .as((dirs, n) -> new Observable(IndicatorType.FILE_PATH, "C:\\" + String.join("\\", dirs) + "\\"
                            + n)));
            alts.add(label().map(d -> new Observable(IndicatorType.FILE_PATH, "C:\\Users\\Public\\" + d + "\\")));
        }
        if (has.apply(IndicatorType.REGISTRY_KEY)) {
            alts.add(label().map(k -> new Observable(IndicatorType.REGISTRY_KEY,
                    "HKEY_CURRENT_USER\\Software\\" + k)));
        }
        if (has.apply(IndicatorType.MUTEX)) {
            alts.add(text().map(t -> new Observable(IndicatorType.MUTEX, t)));
        }
        if (has.apply(IndicatorType.USER_AGENT)) {
            alts.add(text().map(t -> new Observable(IndicatorType.USER_AGENT, "Mozilla/5.0 (" + t + ")")));
        }
        if (has.apply(IndicatorType.CERTIFICATE_SERIAL)) {
            alts.add(hex(16).map(h -> norm(IndicatorType.CERTIFICATE_SERIAL, h)));
        }
        if (has.apply(IndicatorType.ASN)) {
            alts.add(Arbitraries.integers().between(1, 400000).map(n -> new Observable(IndicatorType.ASN,
                    Integer.toString(n))));
        }
        if (has.apply(IndicatorType.JA3)) {
            alts.add(hex(32).map(h -> new Observable(IndicatorType.JA3, h)));
        }
        return Arbitraries.oneOf(alts);
    }

    private static Observable norm(IndicatorType t, String v) {
        try {
            return Normalizer.normalize(t, v);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Arbitrary<List<FlatIndicator>> indicators(Set<IndicatorType> types, boolean allowContext) {
        Arbitrary<Optional<Instant>> until = Arbitraries.integers().between(0, 3)
                .map(i -> i == 0 ? Optional.<Instant>empty() : Optional.of(NOW.plusSeconds(86400L * 365 * i)));
        Arbitrary<List<String>> kinds = allowContext ? Arbitraries.of(List.<String>of(),
                List.of("anomalous-activity"), List.of("malicious-activity", "attribution"))
                : Arbitraries.of(List.<String>of(), List.of("malicious-activity", "attribution"));
        Arbitrary<FlatIndicator> one = Combinators.combine(
                observable(types), text().injectNull(0.3), Arbitraries.integers().between(0, 100).injectNull(0.3),
                Arbitraries.of(Tlp.values()).injectNull(0.2), until, kinds,
                Arbitraries.of("", "https://example.org/report/1", "vendor feed"),
                Arbitraries.subsetOf("LODEINFO", "NOOPDOOR", "ANEL").map(s -> new ArrayList<>(new TreeSet<>(s))))
                .as((o, desc, conf, tlp, vu, kind, src, rel) -> new FlatIndicator(o, "", desc == null ? "" : desc,
                        conf == null ? OptionalInt.empty() : OptionalInt.of(conf), Optional.ofNullable(tlp),
                        Optional.of(Instant.parse("2025-01-08T00:00:00Z")), vu, kind, src, rel, Optional.empty(),
                        Optional.empty(), Optional.empty()));
        return one.list().ofMinSize(1).ofMaxSize(25);
    }

    @Provide
    Arbitrary<List<FlatIndicator>> everything() {
        return indicators(EnumSet.allOf(IndicatorType.class), true);
    }

    @Provide
    Arbitrary<List<FlatIndicator>> misp() {
        Set<IndicatorType> t = EnumSet.allOf(IndicatorType.class);
        t.remove(IndicatorType.CERTIFICATE_SERIAL);
        return indicators(t, true);
    }

    @Provide
    Arbitrary<List<FlatIndicator>> loki() {
        return indicators(EnumSet.of(IndicatorType.MD5, IndicatorType.SHA1, IndicatorType.SHA256,
                IndicatorType.FILE_NAME, IndicatorType.FILE_PATH, IndicatorType.IPV4, IndicatorType.IPV6,
                IndicatorType.CIDR, IndicatorType.DOMAIN), true);
    }

    @Provide
    Arbitrary<List<FlatIndicator>> lists() {
        return indicators(EnumSet.of(IndicatorType.DOMAIN, IndicatorType.IPV4, IndicatorType.IPV6,
                IndicatorType.CIDR), false);
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private IntelStore storeWith(List<FlatIndicator> set) throws IOException {
        IntelStore s = IntelStore.open(tmp().resolve("a.db"));
        s.importFrom("gen", "gen", IntelStore.ImportOptions.defaults(), sink -> {
            int n = 0;
            for (FlatIndicator f : set) {
                f.emit(sink, InputLocation.line("gen", ++n), NOW);
            }
        });
        return s;
    }

    private IntelStore empty() throws IOException {
        return IntelStore.open(tmp().resolve("b.db"));
    }

    private static void noErrors(IntelStore.ImportResult r) {
        assertThat(r.errors()).isEmpty();
    }

    /** What a format carries of an indicator, for comparing before and after. */
    private record Carried(String id, Set<Observable> observables, String name, String description, OptionalInt
            confidence, Tlp tlp, Instant validFrom, Optional<Instant> validUntil, Set<String> types, String source,
                           Set<String> related) {
    }

    private static Set<Carried> carried(IntelStore s, boolean withName, boolean withValidFrom) throws IOException {
        Set<Carried> out = new HashSet<>();
        for (IntelIndicator i : s.indicators(IndicatorFilter.all())) {
            out.add(new Carried(i.id(), new HashSet<>(i.observables()), withName ? i.name() : "", i.description(),
                    i.confidence(), i.tlp(), withValidFrom ? i.validFrom() : Instant.EPOCH, i.validUntil(),
                    new HashSet<>(i.indicatorTypes()), i.source(), new HashSet<>(i.related())));
        }
        return out;
    }

    private static Set<Observable> observables(IntelStore s) throws IOException {
        Set<Observable> out = new HashSet<>();
        for (IntelIndicator i : s.indicators(IndicatorFilter.all())) {
            out.addAll(i.observables());
        }
        return out;
    }

    private static Set<String> allIds(IntelStore s) throws IOException {
        Set<String> ids = new HashSet<>();
        s.forEachIndicator(IndicatorFilter.all(), i -> ids.add(i.id()));
        return ids;
    }

    // ------------------------------------------------------------------------------------------------ properties

    @Property(tries = 40)
    void stixRoundTripKeepsEveryIndicatorExactly(@ForAll("everything") List<FlatIndicator> set) throws IOException {
        try (IntelStore a = storeWith(set); IntelStore b = empty()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            StixExchange.write(a, allIds(a), Tlp.RED, out, null, false);
            noErrors(b.importFrom("x", "stix", IntelStore.ImportOptions.defaults(),
                    StixExchange.reader(new ByteArrayInputStream(out.toByteArray()), "x")));
            assertThat(b.indicators(IndicatorFilter.all())).isEqualTo(a.indicators(IndicatorFilter.all()));
            // A second round changes nothing (idempotent re-import).
            IntelStore.ImportResult again = b.importFrom("x", "stix", IntelStore.ImportOptions.defaults(),
                    StixExchange.reader(new ByteArrayInputStream(out.toByteArray()), "x"));
            assertThat(again.added() + again.updated()).isZero();
        }
    }

    @Property(tries = 40)
    void csvRoundTripKeepsWhatCsvCarries(@ForAll("everything") List<FlatIndicator> set) throws IOException {
        try (IntelStore a = storeWith(set); IntelStore b = empty()) {
            StringWriter w = new StringWriter();
            CsvIndicators.write(a.indicators(IndicatorFilter.all()), w);
            noErrors(b.importFrom("x.csv", "csv", IntelStore.ImportOptions.defaults(), CsvIndicators.reader(
                    new StringReader(w.toString()), "x.csv", Map.of(), Optional.empty(), ',', NOW)));
            assertThat(carried(b, true, true)).isEqualTo(carried(a, true, true));
            StringWriter w2 = new StringWriter();
            CsvIndicators.write(b.indicators(IndicatorFilter.all()), w2);
            assertThat(w2.toString()).isEqualTo(w.toString());
        }
    }

    @Property(tries = 40)
    void mispRoundTripKeepsWhatMispCarries(@ForAll("misp") List<FlatIndicator> set) throws IOException {
        try (IntelStore a = storeWith(set); IntelStore b = empty(); IntelStore c = IntelStore.open(tmp()
                .resolve("c.db"))) {
            var event = MispEvents.event(a.indicators(IndicatorFilter.all()), MispEvents.eventUuid("t"), "t", NOW);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            MispEvents.write(event, out);
            noErrors(b.importFrom("x", "misp", IntelStore.ImportOptions.defaults(),
                    MispEvents.reader(new ByteArrayInputStream(out.toByteArray()), "x", NOW)));
            assertThat(carried(b, false, false)).isEqualTo(carried(a, false, false));
            // The same event as a MISP feed folder (manifest.json + <uuid>.json).
            Path feed = tmp().resolve("feed");
            MispEvents.writeFeed(event, feed);
            noErrors(c.importFrom("feed", "misp-feed", IntelStore.ImportOptions.defaults(),
                    MispEvents.feedReader(feed, NOW)));
            assertThat(carried(c, false, false)).isEqualTo(carried(a, false, false));
        }
    }

    @Property(tries = 40)
    void lokiRoundTripKeepsTheObservables(@ForAll("loki") List<FlatIndicator> set) throws IOException {
        try (IntelStore a = storeWith(set); IntelStore b = empty()) {
            Path dir = tmp().resolve("loki");
            LokiIocs.write(a.indicators(IndicatorFilter.all()), dir, "test");
            noErrors(b.importFrom("loki", "loki", IntelStore.ImportOptions.defaults(), LokiIocs.reader(dir, NOW)));
            Set<Observable> expected = new HashSet<>(observables(a));
            expected.removeIf(Observable::wildcard);
            expected.addAll(observables(a).stream().filter(o -> o.type() != IndicatorType.DOMAIN && o.wildcard())
                    .toList());
            assertThat(observables(b)).isEqualTo(expected);
        }
    }

    @Property(tries = 40)
    void plainListsRoundTripKeepTheNetworkObservables(@ForAll("lists") List<FlatIndicator> set) throws IOException {
        try (IntelStore a = storeWith(set); IntelStore b = empty()) {
            Blocklists.Options o = Blocklists.Options.defaults(WarningList.empty());
            for (Blocklists.Format f : new Blocklists.Format[] {Blocklists.Format.HOSTS, Blocklists.Format.DOMAINS,
                Blocklists.Format.IPS}) {
                StringWriter w = new StringWriter();
                Blocklists.write(f, a.indicators(IndicatorFilter.all()), o, w);
                noErrors(b.importFrom(f.name(), "list", IntelStore.ImportOptions.defaults(), PlainLists.reader(
                        new BufferedReader(new StringReader(w.toString())), f.name(), Optional.empty(), NOW)));
            }
            Set<Observable> expected = new HashSet<>(observables(a));
            expected.removeIf(Observable::wildcard);
            assertThat(observables(b)).isEqualTo(expected);
        }
    }

    @Property(tries = 20)
    void csvExportSurvivesSpreadsheetInjectionGuard(@ForAll("everything") List<FlatIndicator> set)
            throws IOException {
        try (IntelStore a = storeWith(set)) {
            StringWriter w = new StringWriter();
            CsvIndicators.write(a.indicators(IndicatorFilter.all()), w);
            for (List<String> row : CsvIndicators.records(new StringReader(w.toString()), "x")) {
                for (String cell : row) {
                    assertThat(cell).doesNotStartWith("=").doesNotStartWith("+").doesNotStartWith("@");
                }
            }
            assertThat(w.toString().getBytes(StandardCharsets.UTF_8)).isNotEmpty();
        }
    }
}
