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

    /**
     * What Kagami keeps of MISP beyond attributes goes back out to MISP and in again unchanged: sightings (with their
     * organisations and types), objects (groupings with their non-indicator attributes and references), and the
     * intrusion sets, malware and techniques the indicators indicate (as galaxy tags).
     */
    @Property(tries = 30)
    void mispRoundTripKeepsSightingsObjectsAndGalaxies(@ForAll("misp") List<FlatIndicator> set, @ForAll long seed)
            throws IOException {
        try (IntelStore a = storeWith(set); IntelStore b = empty()) {
            addMispContext(a, new java.util.Random(seed));
            var event = MispEvents.event(a.indicators(IndicatorFilter.all()), a, Tlp.RED, MispEvents.eventUuid("t"),
                    "t", NOW);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            MispEvents.write(event, out);
            noErrors(b.importFrom("x", "misp", IntelStore.ImportOptions.defaults(),
                    MispEvents.reader(new ByteArrayInputStream(out.toByteArray()), "x", NOW)));
            assertThat(context(a, "grouping")).isNotEmpty();
            assertThat(carried(b, false, false)).isEqualTo(carried(a, false, false));
            assertThat(seen(b)).isEqualTo(seen(a));
            assertThat(context(b, "sighting")).isEqualTo(context(a, "sighting"));
            assertThat(context(b, "grouping")).isEqualTo(context(a, "grouping"));
            assertThat(context(b, "relationship")).isEqualTo(context(a, "relationship"));
            assertThat(context(b, "cluster")).isEqualTo(context(a, "cluster"));
        }
    }

    private static final String ORG_A = "identity--0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";

    /** Sightings, MISP-object groupings and galaxy clusters around the indicators of {@code s}, drawn from r. */
    private static void addMispContext(IntelStore s, java.util.Random r) throws IOException {
        List<IntelIndicator> inds = s.indicators(IndicatorFilter.all());
        s.importFrom("context", "stix", IntelStore.ImportOptions.defaults(), sink -> {
            String ts = "2025-01-08T00:00:00.000Z";
            var actor = kagami.intel.stix.StixObjects.create("intrusion-set",
                    kagami.intel.stix.StixIds.kagami("intrusion-set", "mirrorface"), ts);
            actor.put("name", "MirrorFace");
            var technique = kagami.intel.stix.StixObjects.create("attack-pattern",
                    kagami.intel.stix.StixIds.kagami("attack-pattern", "T1566.001"), ts);
            technique.put("name", "Spearphishing Attachment");
            var ref = technique.putArray("external_references").addObject();
            ref.put("source_name", "mitre-attack");
            ref.put("external_id", "T1566.001");
            var org = kagami.intel.stix.StixObjects.create("identity", ORG_A, ts);
            org.put("name", "Example CERT");
            org.put("identity_class", "organization");
            for (var o : List.of(actor, technique, org)) {
                sink.accept(o, InputLocation.of("context"), false);
            }
            List<String> free = new ArrayList<>();
            for (IntelIndicator i : inds) {
                free.add(i.id());
                for (var target : List.of(actor, technique)) {
                    if (r.nextInt(3) == 0) {
                        String to = target.get("id").asText();
                        var rel = kagami.intel.stix.StixObjects.create("relationship",
                                kagami.intel.stix.StixIds.kagami("relationship", i.id() + " indicates " + to), ts);
                        rel.put("relationship_type", "indicates");
                        rel.put("source_ref", i.id());
                        rel.put("target_ref", to);
                        sink.accept(rel, InputLocation.of("context"), false);
                    }
                }
                int n = r.nextInt(3);
                for (int k = 0; k < n; k++) {
                    String when = kagami.intel.stix.StixObjects.timestamp(Instant.parse("2025-02-01T00:00:00Z")
                            .plusSeconds(r.nextInt(10_000_000)));
                    var sg = kagami.intel.stix.StixObjects.create("sighting", "sighting--" + uuid(r), when);
                    sg.put("sighting_of_ref", i.id());
                    sg.put("count", 1);
                    sg.put("first_seen", when);
                    sg.put("last_seen", when);
                    sg.put("x_misp_sighting_type", List.of("seen", "false-positive", "true-positive")
                            .get(r.nextInt(3)));
                    if (r.nextBoolean()) {
                        sg.putArray("where_sighted_refs").add(ORG_A);
                    }
                    sink.accept(sg, InputLocation.of("context"), false);
                }
            }
            // Up to three MISP objects over disjoint sets of indicators, the first referring to the second.
            java.util.Collections.shuffle(free, r);
            List<String> groups = new ArrayList<>();
            for (int g = 0; g < 3 && !free.isEmpty(); g++) {
                int size = 1 + r.nextInt(Math.min(3, free.size()));
                List<String> refs = new ArrayList<>(free.subList(0, size));
                free.subList(0, size).clear();
                String id = "grouping--" + uuid(r);
                var grp = kagami.intel.stix.StixObjects.create("grouping", id, ts);
                grp.put("name", "file");
                grp.put("context", "unspecified");
                refs.forEach(grp.putArray("object_refs")::add);
                var x = grp.putObject("x_misp_object");
                x.put("name", "file");
                x.put("meta_category", "file");
                x.put("template_uuid", "688c46fb-5edb-40a3-8273-1af7923e2215");
                x.put("template_version", "24");
                var attrs = x.putArray("attributes");
                for (String ind : refs) {
                    var at = attrs.addObject();
                    at.put("object_relation", "rel-" + ind.substring(11, 15));
                    at.put("uuid", ind.substring(ind.indexOf("--") + 2));
                }
                var bytes = attrs.addObject();
                bytes.put("object_relation", "size-in-bytes");
                bytes.put("type", "size-in-bytes");
                bytes.put("value", Integer.toString(r.nextInt(1_000_000)));
                sink.accept(grp, InputLocation.of("context"), false);
                groups.add(id);
            }
            if (groups.size() >= 2) {
                var rel = kagami.intel.stix.StixObjects.create("relationship",
                        "relationship--" + uuid(r), ts);
                rel.put("relationship_type", "communicates-with");
                rel.put("source_ref", groups.get(0));
                rel.put("target_ref", groups.get(1));
                sink.accept(rel, InputLocation.of("context"), false);
            }
        });
    }

    /** A random version-4 UUID drawn from {@code r} (reproducible for a seed, unlike UUID.randomUUID). */
    private static java.util.UUID uuid(java.util.Random r) {
        return new java.util.UUID(r.nextLong() & ~0xf000L | 0x4000L, r.nextLong() & 0x3fffffffffffffffL
                | 0x8000000000000000L);
    }

    /** First and last seen of every indicator. */
    private static Map<String, List<Optional<Instant>>> seen(IntelStore s) throws IOException {
        Map<String, List<Optional<Instant>>> m = new java.util.HashMap<>();
        for (IntelIndicator i : s.indicators(IndicatorFilter.all())) {
            m.put(i.id(), List.of(i.firstSeen(), i.lastSeen()));
        }
        return m;
    }

    /** What the MISP round trip must keep of the objects of one kind, as comparable text. */
    private static Set<String> context(IntelStore s, String kind) throws IOException {
        Set<String> out = new HashSet<>();
        // Clusters travel through the indicators that indicate them: only those are compared.
        Set<String> indicated = new HashSet<>();
        s.forEachObject("relationship", Tlp.RED, (o, tlp) -> indicated.add(o.get("target_ref").asText()));
        s.forEachObject(Tlp.RED, (o, tlp) -> {
            String type = o.path("type").asText();
            switch (kind) {
                case "sighting" -> {
                    if (type.equals("sighting")) {
                        out.add(o.get("id").asText() + " " + o.get("sighting_of_ref").asText() + " "
                                + o.get("first_seen").asText() + " " + o.path("x_misp_sighting_type").asText() + " "
                                + o.path("where_sighted_refs"));
                    }
                }
                case "grouping" -> {
                    if (type.equals("grouping")) {
                        List<String> kept = new ArrayList<>();
                        o.at("/x_misp_object/attributes").forEach(x -> {
                            if (x.path("type").asText().equals("size-in-bytes")) {
                                kept.add(x.path("object_relation").asText() + "=" + x.path("value").asText());
                            }
                        });
                        out.add(o.get("id").asText() + " " + o.get("name").asText() + " " + o.get("object_refs") + " "
                                + kept);
                    }
                }
                case "relationship" -> {
                    if (type.equals("relationship")) {
                        out.add(o.get("source_ref").asText() + " " + o.get("relationship_type").asText() + " "
                                + o.get("target_ref").asText());
                    }
                }
                default -> {
                    if ((type.equals("intrusion-set") || type.equals("attack-pattern") || type.equals("malware"))
                            && indicated.contains(o.get("id").asText())) {
                        out.add(o.get("id").asText() + " " + o.get("name").asText());
                    }
                }
            }
        });
        return out;
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
