package kagami.intel.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import kagami.core.IndicatorType;
import kagami.core.Tlp;
import kagami.intel.IndicatorFilter;
import kagami.intel.IntelFormatException;
import kagami.intel.IntelIndicator;
import kagami.intel.Observable;
import kagami.intel.TestStores;
import kagami.intel.blocklist.PlainLists;
import kagami.intel.csv.CsvIndicators;
import kagami.intel.loki.LokiIocs;
import kagami.intel.misp.MispEvents;

class IntelStoreTest {
    @TempDir
    Path dir;
    static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

    private static String indicator(String id, String modified, String pattern, String extra) {
        return "{\"type\":\"bundle\",\"id\":\"bundle--11111111-1111-4111-8111-111111111111\",\"objects\":[{"
                + "\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\"" + id + "\",\"created\":"
                + "\"2025-01-01T00:00:00Z\",\"modified\":\"" + modified + "\",\"pattern\":\"" + pattern + "\","
                + "\"pattern_type\":\"stix\",\"valid_from\":\"2025-01-01T00:00:00Z\"" + extra + "}]}";
    }

    static final String ID = "indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f";

    @Test
    void aNewerVersionReplacesTheOldOneWhichStaysInHistory() throws Exception {
        try (IntelStore s = IntelStore.open(dir.resolve("v.db"))) {
            TestStores.importStix(s, indicator(ID, "2025-01-01T00:00:00Z", "[domain-name:value = 'old.example']", ""));
            IntelStore.ImportResult r = TestStores.importStix(s, indicator(ID, "2025-02-01T00:00:00Z",
                    "[domain-name:value = 'new.example']", ",\"confidence\":90"));
            assertThat(r.updated()).isEqualTo(1);
            List<IntelIndicator> all = s.indicators(IndicatorFilter.all());
            assertThat(all).singleElement().satisfies(i -> {
                assertThat(i.observables()).containsExactly(new Observable(IndicatorType.DOMAIN, "new.example"));
                assertThat(i.confidence()).hasValue(90);
            });
            assertThat(s.search("old.example")).isEmpty();
            // An older version arriving late does not win (STIX 2.1 §3.6), but is kept as history.
            IntelStore.ImportResult late = TestStores.importStix(s, indicator(ID, "2025-01-15T00:00:00Z",
                    "[domain-name:value = 'middle.example']", ""));
            assertThat(late.unchanged()).isEqualTo(1);
            assertThat(s.search("new.example")).hasSize(1);
            assertThat(s.versions(ID)).hasSize(3);
        }
    }

    @Test
    void revokedAndExpiredIndicatorsAreNotActive() throws Exception {
        try (IntelStore s = IntelStore.open(dir.resolve("r.db"))) {
            TestStores.importStix(s, indicator(ID, "2025-01-01T00:00:00Z", "[ipv4-addr:value = '203.0.113.5']",
                    ",\"valid_until\":\"2025-06-01T00:00:00Z\""));
            assertThat(s.indicators(IndicatorFilter.all().withActiveAt(NOW))).isEmpty();
            assertThat(s.indicators(IndicatorFilter.all().withActiveAt(Instant.parse("2025-03-01T00:00:00Z"))))
                    .hasSize(1);
            TestStores.importStix(s, indicator(ID, "2025-02-01T00:00:00Z", "[ipv4-addr:value = '203.0.113.5']",
                    ",\"revoked\":true"));
            assertThat(s.indicators(IndicatorFilter.all().withActiveAt(Instant.parse("2025-03-01T00:00:00Z"))))
                    .isEmpty();
            assertThat(s.stats(NOW).revoked()).isEqualTo(1);
        }
    }

    @Test
    void expiryGivesNetworkIndicatorsALifetimeAndPurgesTheExpired() throws Exception {
        try (IntelStore s = IntelStore.open(dir.resolve("e.db"))) {
            s.importFrom("l", "list", IntelStore.ImportOptions.defaults(), PlainLists.reader(new BufferedReader(
                    new StringReader("203.0.113.9\nevil.example\n" + "A".repeat(64) + "\n")), "l", Optional.empty(),
                    Instant.parse("2025-01-01T00:00:00Z")));
            IntelStore.ExpiryResult r = s.expire(NOW, Map.of(IndicatorType.IPV4, Duration.ofDays(30),
                    IndicatorType.DOMAIN, Duration.ofDays(3650)), false);
            assertThat(r.lifetimesSet()).isEqualTo(2);
            assertThat(r.expired()).isEqualTo(1);
            assertThat(s.indicators(IndicatorFilter.activeNow())).extracting(i -> i.observables().get(0).type())
                    .containsExactlyInAnyOrder(IndicatorType.DOMAIN, IndicatorType.SHA256);
            IntelStore.ExpiryResult purge = s.expire(NOW, Map.of(), true);
            assertThat(purge.purged()).isEqualTo(1);
            assertThat(s.indicators(IndicatorFilter.all())).hasSize(2);
        }
    }

    @Test
    void theSameValueFromTwoFormatsIsOneObservable() throws Exception {
        try (IntelStore s = IntelStore.open(dir.resolve("d.db"))) {
            s.importFrom("a", "list", IntelStore.ImportOptions.defaults(), PlainLists.reader(new BufferedReader(
                    new StringReader("WWW.Evil[.]Example.\n0.0.0.0 www.evil.example\n")), "a", Optional.empty(), NOW));
            s.importFrom("b.csv", "csv", IntelStore.ImportOptions.defaults(), CsvIndicators.reader(new StringReader(
                    "ioc,type\nhxxps://www.evil.example/x,url\nwww.evil.example,hostname\n"), "b.csv", Map.of(),
                    Optional.empty(), ',', NOW));
            assertThat(s.stats(NOW).observablesByType()).containsEntry("domain", 1L).containsEntry("url", 1L);
            assertThat(s.indicators(IndicatorFilter.all())).hasSize(2);
        }
    }

    @Test
    void aMalformedRecordRollsBackTheWholeImportAndSaysWhere() throws Exception {
        try (IntelStore s = IntelStore.open(dir.resolve("m.db"))) {
            String csv = "type,value,confidence\ndomain,ok.example,50\nipv4,300.1.1.1,50\ndomain,ok2.example,50\n";
            assertThatThrownBy(() -> s.importFrom("bad.csv", "csv", IntelStore.ImportOptions.defaults(),
                    CsvIndicators.reader(new StringReader(csv), "bad.csv", Map.of(), Optional.empty(), ',', NOW)))
                    .isInstanceOfSatisfying(IntelFormatException.class, e -> {
                        assertThat(e.location().text(Locale.ENGLISH)).isEqualTo("bad.csv: line 3");
                        assertThat(e.location().text(Locale.JAPANESE)).isEqualTo("bad.csv: 3 行目");
                        assertThat(e.field()).contains("value");
                        assertThat(e.reason(Locale.ENGLISH)).contains("octet 300");
                        assertThat(e.reason(Locale.JAPANESE)).contains("オクテット 300");
                    });
            assertThat(s.indicators(IndicatorFilter.all())).isEmpty();
            assertThat(s.stats(NOW).imports()).isZero();
            // With --continue-on-error the good rows go in and the bad one is reported.
            IntelStore.ImportResult r = s.importFrom("bad.csv", "csv", IntelStore.ImportOptions.defaults()
                    .withContinueOnError(true), CsvIndicators.reader(new StringReader(csv), "bad.csv", Map.of(),
                    Optional.empty(), ',', NOW));
            assertThat(r.errors()).hasSize(1);
            assertThat(s.indicators(IndicatorFilter.all())).hasSize(2);
        }
    }

    @Test
    void stixErrorsNameTheObjectAndTheField() throws Exception {
        try (IntelStore s = IntelStore.open(dir.resolve("s.db"))) {
            assertThatThrownBy(() -> TestStores.importStix(s, indicator(ID, "2025-01-01T00:00:00Z",
                    "[domain-name:value = 'x.example'", "")))
                    .isInstanceOfSatisfying(IntelFormatException.class, e -> {
                        assertThat(e.location().text(Locale.ENGLISH)).isEqualTo("test: object 1 (" + ID + ")");
                        assertThat(e.field()).contains("pattern");
                    });
            assertThatThrownBy(() -> TestStores.importStix(s, indicator(ID, "2024-01-01T00:00:00Z",
                    "[domain-name:value = 'x.example']", ""))).hasMessageContaining("field 'modified'")
                    .hasMessageContaining("earlier than created");
            assertThatThrownBy(() -> TestStores.importStix(s, indicator("indicator--nope", "2025-01-01T00:00:00Z",
                    "[domain-name:value = 'x.example']", ""))).hasMessageContaining("field 'id'");
            assertThatThrownBy(() -> TestStores.importStix(s, indicator(ID, "2025-01-01T00:00:00Z",
                    "[domain-name:value = 'x.example']", ",\"confidence\":101"))).hasMessageContaining("confidence");
            assertThatThrownBy(() -> TestStores.importStix(s, "{\"type\":\"bundle\",\"objects\":[{\"type\":"))
                    .hasMessageContaining("malformed JSON").hasMessageContaining("line 1");
            assertThatThrownBy(() -> TestStores.importStix(s, "[" .repeat(2000) + "]".repeat(2000)))
                    .isInstanceOf(IntelFormatException.class);
            assertThat(s.indicators(IndicatorFilter.all())).isEmpty();
        }
    }

    @Test
    void mispAndLokiErrorsNameTheRecord() throws Exception {
        try (IntelStore s = IntelStore.open(dir.resolve("x.db"))) {
            String event = "{\"Event\":{\"info\":\"t\",\"Attribute\":[{\"type\":\"domain\",\"value\":\"ok.example\"},"
                    + "{\"type\":\"md5\",\"value\":\"abc\"}]}}";
            assertThatThrownBy(() -> s.importFrom("e", "misp", IntelStore.ImportOptions.defaults(),
                    MispEvents.reader(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), "e.json", NOW)))
                    .hasMessageContaining("e.json: Attribute 2").hasMessageContaining("field 'value'");
            Path loki = dir.resolve("filename-iocs.txt");
            Files.writeString(loki, "# LODEINFO\n\\\\K7SysMn1\\.dll$;80\n\\\\x[.dll;70\n");
            assertThatThrownBy(() -> s.importFrom("l", "loki", IntelStore.ImportOptions.defaults(),
                    LokiIocs.reader(loki, NOW))).hasMessageContaining("filename-iocs.txt: line 3")
                    .hasMessageContaining("regex");
            assertThat(s.indicators(IndicatorFilter.all())).isEmpty();
        }
    }

    @Test
    void mispFeedManifestCannotReachOutsideTheFeedFolder() throws Exception {
        Path feed = Files.createDirectories(dir.resolve("feed"));
        Files.writeString(feed.resolve("manifest.json"), "{\"../../etc/passwd\":{}}");
        try (IntelStore s = IntelStore.open(dir.resolve("f.db"))) {
            assertThatThrownBy(() -> s.importFrom("f", "misp-feed", IntelStore.ImportOptions.defaults(),
                    MispEvents.feedReader(feed, NOW))).hasMessageContaining("not an event UUID");
        }
    }

    @Test
    void unmarkedObjectsGetTheImportDefaultTlp() throws Exception {
        try (IntelStore s = IntelStore.open(dir.resolve("t.db"))) {
            s.importFrom("l", "list", IntelStore.ImportOptions.defaults().withDefaultTlp(Tlp.RED), PlainLists.reader(
                    new BufferedReader(new StringReader("evil.example\n")), "l", Optional.empty(), NOW));
            assertThat(s.indicators(IndicatorFilter.all().withMaxTlp(Tlp.AMBER))).isEmpty();
            assertThat(s.indicators(IndicatorFilter.all())).singleElement()
                    .satisfies(i -> assertThat(i.tlp()).isEqualTo(Tlp.RED));
        }
    }

    @Test
    void searchFindsWhatTheFullMatcherFinds() throws Exception {
        try (IntelStore s = IntelStore.open(dir.resolve("search.db"))) {
            kagami.intel.pack.ContentPacks.load(s, kagami.intel.pack.ContentPacks.MIRRORFACE);
            TestStores.importStix(s, new String(Files.readAllBytes(TestStores.shared("stix", "examples",
                    "threat-reports", "apt1.json")), StandardCharsets.UTF_8));
            var full = s.matcher(IndicatorFilter.all());
            List<String> probes = new java.util.ArrayList<>();
            for (IntelIndicator i : s.indicators(IndicatorFilter.all())) {
                for (Observable o : i.observables()) {
                    String v = o.value().replace("*", "x");
                    probes.add(v);
                    probes.add(v.toUpperCase(java.util.Locale.ROOT));
                    probes.add("sub." + v);
                    probes.add("http://" + v + "/p");
                    probes.add("C:\\Temp\\" + v);
                }
            }
            probes.addAll(List.of("223.167.1.2", "C:\\Users\\a\\AppData\\Local\\Temp\\31558.txt", "HKCU\\COM3"));
            for (String p : probes) {
                var expected = new java.util.HashSet<>(full.lookupAny(p).stream().map(m -> m.indicator().id() + " "
                        + m.observable() + " " + m.how()).toList());
                var actual = new java.util.HashSet<>(s.search(p).stream().map(m -> m.indicator().id() + " "
                        + m.observable() + " " + m.how()).toList());
                assertThat(actual).as(p).isEqualTo(expected);
            }
        }
    }

    @Test
    void aStoreFromANewerKagamiIsRefused() throws Exception {
        Path db = dir.resolve("n.db");
        IntelStore.open(db).close();
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db);
             var st = c.createStatement()) {
            st.execute("PRAGMA user_version = 99");
        }
        assertThatThrownBy(() -> IntelStore.open(db)).isInstanceOf(IntelStoreException.class)
                .hasMessageContaining("newer than this Kagami");
    }

    /** Schema 1 kept one TAXII resume point per collection; schema 2 keys it by filter too and keeps the old ones. */
    @Test
    void aVersion1StoreIsMigratedKeepingItsTaxiiResumePoints() throws Exception {
        Path file = dir.resolve("v1.db");
        String v1;
        try (var in = IntelStore.class.getResourceAsStream("V1__indicator_store.sql")) {
            v1 = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file); var st = c.createStatement()) {
            for (String stmt : v1.replaceAll("(?m)^--.*$", "").split(";")) {
                if (!stmt.isBlank()) {
                    st.execute(stmt);
                }
            }
            st.execute("INSERT INTO taxii_state VALUES ('https://taxii.example/api1/', 'c1', "
                    + "'2026-01-01T00:00:00.000019Z', '2026-01-02T00:00:00.000Z')");
            st.execute("PRAGMA user_version = 1");
        }
        try (IntelStore s = IntelStore.open(file)) {
            assertThat(s.schemaVersion()).isEqualTo(2);
            assertThat(s.taxiiAddedAfter("https://taxii.example/api1/", "c1", ""))
                    .contains("2026-01-01T00:00:00.000019Z");
            assertThat(s.taxiiAddedAfter("https://taxii.example/api1/", "c1", "match[type]=malware")).isEmpty();
            assertThat(s.integrityCheck()).isEqualTo("ok");
        }
    }
}
