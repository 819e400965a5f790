package kagami.intel.taxii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import kagami.core.IndicatorType;
import kagami.intel.IndicatorFilter;
import kagami.intel.Observable;
import kagami.intel.stix.StixBundle;
import kagami.intel.stix.StixIds;
import kagami.intel.stix.pattern.PatternObservables;
import kagami.intel.store.IntelStore;

class TaxiiClientTest {
    @TempDir
    Path dir;
    TaxiiTestServer server;
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @BeforeEach
    void start() throws Exception {
        server = new TaxiiTestServer();
        server.collections.put("mirrorface", new ArrayList<>(entries(0, 25)));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    static List<TaxiiTestServer.Entry> entries(int from, int to) {
        List<TaxiiTestServer.Entry> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            ObjectNode o = StixBundle.MAPPER.createObjectNode();
            String ts = "2025-0" + (1 + i % 9) + "-01T00:00:00.000Z";
            o.put("type", "indicator");
            o.put("spec_version", "2.1");
            o.put("id", StixIds.kagami("indicator", "taxii-test-" + i));
            o.put("created", ts);
            o.put("modified", ts);
            o.put("pattern", PatternObservables.patternFor(new Observable(IndicatorType.DOMAIN, "c2-" + i + ".example.net")));
            o.put("pattern_type", "stix");
            o.put("valid_from", ts);
            // date_added in microseconds, as TAXII 2.1 §3.4 requires for added_after precision
            out.add(new TaxiiTestServer.Entry(T0.plusNanos(1000L * i), o));
        }
        return out;
    }

    private TaxiiClient client() {
        return new TaxiiClient(new TaxiiClient.Auth.None(), Duration.ofSeconds(10));
    }

    private static int domains(IntelStore s) throws Exception {
        return s.indicators(IndicatorFilter.all()).size();
    }

    @Test
    void discoversApiRootAndCollections() throws Exception {
        TaxiiClient c = client();
        List<java.net.URI> roots = c.discover(server.base());
        assertThat(roots).containsExactly(server.apiRoot());
        assertThat(c.apiRoot(roots.get(0)).path("title").asText()).isEqualTo("test root");
        assertThat(c.collections(roots.get(0))).extracting(TaxiiClient.Collection::id).containsExactly("mirrorface");
    }

    @Test
    void pullsEveryPageFollowingNextCursors() throws Exception {
        try (IntelStore s = IntelStore.open(dir.resolve("t.db"))) {
            TaxiiClient.PullResult r = client().pull(s, server.apiRoot(), "mirrorface", Optional.empty(), 0,
                    IntelStore.ImportOptions.defaults());
            assertThat(r.pages()).isEqualTo(3);
            assertThat(r.objects()).isEqualTo(25);
            assertThat(domains(s)).isEqualTo(25);
            assertThat(server.objectQueries.get(1)).startsWith("next=").doesNotContain("added_after");
            assertThat(r.addedAfter()).contains(T0.plusNanos(24_000).toString());
        }
    }

    @Test
    void pagesByDateAddedWhenTheServerGivesNoNextCursor() throws Exception {
        server.sendNext = false;
        try (IntelStore s = IntelStore.open(dir.resolve("t.db"))) {
            TaxiiClient.PullResult r = client().pull(s, server.apiRoot(), "mirrorface", Optional.empty(), 0,
                    IntelStore.ImportOptions.defaults());
            assertThat(r.pages()).isEqualTo(3);
            assertThat(domains(s)).isEqualTo(25);
            assertThat(server.objectQueries.get(1)).isEqualTo("added_after=" + T0.plusNanos(9_000).toString()
                    .replace(":", "%3A"));
        }
    }

    @Test
    void resumesAfterTheLastCommittedPageWhenAPullBreaksOff() throws Exception {
        server.failRequest = 3;
        try (IntelStore s = IntelStore.open(dir.resolve("t.db"))) {
            assertThatThrownBy(() -> client().pull(s, server.apiRoot(), "mirrorface", Optional.empty(), 0,
                    IntelStore.ImportOptions.defaults())).isInstanceOf(TaxiiException.class).hasMessageContaining("500");
            assertThat(domains(s)).isEqualTo(20);
            server.failRequest = 0;
            server.objectQueries.clear();
            TaxiiClient.PullResult r = client().pull(s, server.apiRoot(), "mirrorface", Optional.empty(), 0,
                    IntelStore.ImportOptions.defaults());
            assertThat(server.objectQueries.get(0)).contains("added_after=2026-01-01T00%3A00%3A00.000019Z");
            assertThat(r.objects()).isEqualTo(5);
            assertThat(domains(s)).isEqualTo(25);
            // Objects added to the collection later are all a third pull fetches.
            server.collections.get("mirrorface").addAll(entries(25, 28));
            TaxiiClient.PullResult later = client().pull(s, server.apiRoot(), "mirrorface", Optional.empty(), 0,
                    IntelStore.ImportOptions.defaults());
            assertThat(later.objects()).isEqualTo(3);
            assertThat(later.added()).isEqualTo(3);
            assertThat(domains(s)).isEqualTo(28);
        }
    }

    @Test
    void sendsHttpBasicCredentialsAndReportsRejectedOnes() throws Exception {
        server.basicUser = "analyst";
        server.basicPassword = "s3cret:with colon";
        try (IntelStore s = IntelStore.open(dir.resolve("t.db"))) {
            TaxiiClient wrong = new TaxiiClient(new TaxiiClient.Auth.Basic("analyst", "nope"), Duration.ofSeconds(5));
            assertThatThrownBy(() -> wrong.pull(s, server.apiRoot(), "mirrorface", Optional.empty(), 0,
                    IntelStore.ImportOptions.defaults()))
                    .isInstanceOfSatisfying(TaxiiException.class, e -> assertThat(e.status()).isEqualTo(401))
                    .hasMessageContaining("authentication");
            TaxiiClient right = new TaxiiClient(new TaxiiClient.Auth.Basic("analyst", "s3cret:with colon"),
                    Duration.ofSeconds(5));
            assertThat(right.pull(s, server.apiRoot(), "mirrorface", Optional.empty(), 0,
                    IntelStore.ImportOptions.defaults()).objects()).isEqualTo(25);
        }
    }

    @Test
    void sendsAnApiKeyHeader() throws Exception {
        server.apiKeyHeader = "X-API-Key";
        server.apiKey = "k-123";
        try (IntelStore s = IntelStore.open(dir.resolve("t.db"))) {
            TaxiiClient none = client();
            assertThatThrownBy(() -> none.collections(server.apiRoot())).isInstanceOf(TaxiiException.class);
            TaxiiClient keyed = new TaxiiClient(new TaxiiClient.Auth.ApiKey("X-API-Key", "k-123"),
                    Duration.ofSeconds(5));
            assertThat(keyed.pull(s, server.apiRoot(), "mirrorface", Optional.empty(), 0,
                    IntelStore.ImportOptions.defaults()).objects()).isEqualTo(25);
        }
    }

    @Test
    void sinceOverridesTheSavedPosition() throws Exception {
        try (IntelStore s = IntelStore.open(dir.resolve("t.db"))) {
            TaxiiClient.PullResult r = client().pull(s, server.apiRoot(), "mirrorface",
                    Optional.of(T0.plusNanos(19_000).toString()), 0, IntelStore.ImportOptions.defaults());
            assertThat(r.objects()).isEqualTo(5);
        }
    }

    @Test
    void unknownCollectionIsAClearError() {
        assertThatThrownBy(() -> client().objects(server.apiRoot(), "nope", Optional.empty(), Optional.empty(), 0))
                .isInstanceOf(TaxiiException.class).hasMessageContaining("not found");
        assertThatThrownBy(() -> client().objects(server.apiRoot(), "../x", Optional.empty(), Optional.empty(), 0))
                .isInstanceOf(TaxiiException.class);
    }

    /** An object of {@code type} with {@code modified}, added to the collection at {@code added}. */
    private static TaxiiTestServer.Entry entry(String type, String name, String modified, Instant added) {
        ObjectNode o = StixBundle.MAPPER.createObjectNode();
        o.put("type", type);
        o.put("spec_version", "2.1");
        o.put("id", StixIds.kagami(type, name));
        o.put("created", "2025-01-01T00:00:00.000Z");
        o.put("modified", modified);
        o.put("name", name);
        if (type.equals("malware")) {
            o.put("is_family", true);
        } else {
            o.put("pattern", PatternObservables.patternFor(new Observable(IndicatorType.DOMAIN, name + ".example")));
            o.put("pattern_type", "stix");
            o.put("valid_from", "2025-01-01T00:00:00.000Z");
        }
        return new TaxiiTestServer.Entry(added, o);
    }

    /** A collection of 12 indicators (one in three versions) and 3 malware objects, added one microsecond apart. */
    private void mixedCollection() {
        List<TaxiiTestServer.Entry> e = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            e.add(entry("indicator", "ind" + i, "2025-02-01T00:00:00.000Z", T0.plusNanos(1000L * i)));
        }
        for (int i = 0; i < 3; i++) {
            e.add(entry("malware", "mal" + i, "2025-02-01T00:00:00.000Z", T0.plusNanos(1000L * (20 + i))));
        }
        e.add(entry("indicator", "ind0", "2025-03-01T00:00:00.000Z", T0.plusNanos(30_000)));
        e.add(entry("indicator", "ind0", "2025-04-01T00:00:00.000Z", T0.plusNanos(31_000)));
        server.collections.put("mixed", e);
    }

    private static String ind0() {
        return StixIds.kagami("indicator", "ind0");
    }

    @Test
    void matchTypeIsSentOnEveryPageAndOnlyThoseObjectsArrive() throws Exception {
        mixedCollection();
        server.maxPage = 2;
        try (IntelStore s = IntelStore.open(dir.resolve("t.db"))) {
            TaxiiClient.PullResult r = client().pull(s, server.apiRoot(), "mixed",
                    ObjectFilter.of(List.of("malware"), List.of(), List.of()), Optional.empty(), 0,
                    IntelStore.ImportOptions.defaults());
            assertThat(r.objects()).isEqualTo(3);
            assertThat(r.pages()).isEqualTo(2);
            assertThat(s.stats(T0).objectsByType()).containsOnlyKeys("malware");
            // TAXII 2.1 §3.4: the next page is the same original query plus next.
            assertThat(server.objectQueries).hasSize(2).allMatch(q -> q.startsWith("match%5Btype%5D=malware"));
            assertThat(server.objectQueries.get(1)).contains("&next=");
        }
    }

    @Test
    void matchIdAndVersionSelectObjectsAndVersions() throws Exception {
        mixedCollection();
        try (IntelStore s = IntelStore.open(dir.resolve("t.db"))) {
            String ind5 = StixIds.kagami("indicator", "ind5");
            TaxiiClient.PullResult two = client().pull(s, server.apiRoot(), "mixed",
                    ObjectFilter.of(List.of(), List.of(ind0(), ind5), List.of()), Optional.empty(), 0,
                    IntelStore.ImportOptions.defaults());
            // Without match[version] the server sends the latest version only (§3.4.1 default "last").
            assertThat(two.objects()).isEqualTo(2);
            assertThat(s.versions(ind0())).extracting(o -> o.get("modified").asText())
                    .containsExactly("2025-04-01T00:00:00.000Z");
            assertThat(server.objectQueries.get(0)).contains("match%5Bid%5D=" + ind0() + "," + ind5);

            TaxiiClient.PullResult all = client().pull(s, server.apiRoot(), "mixed",
                    ObjectFilter.of(List.of("indicator"), List.of(ind0()), List.of("all")), Optional.empty(), 0,
                    IntelStore.ImportOptions.defaults());
            assertThat(all.objects()).isEqualTo(3);
            assertThat(s.versions(ind0())).hasSize(3);
            assertThat(server.objectQueries.get(1)).contains("match%5Bversion%5D=all");
        }
        try (IntelStore s = IntelStore.open(dir.resolve("first.db"))) {
            client().pull(s, server.apiRoot(), "mixed", ObjectFilter.of(List.of(), List.of(ind0()),
                    List.of("first")), Optional.empty(), 0, IntelStore.ImportOptions.defaults());
            assertThat(s.versions(ind0())).extracting(o -> o.get("modified").asText())
                    .containsExactly("2025-02-01T00:00:00.000Z");
        }
        try (IntelStore s = IntelStore.open(dir.resolve("at.db"))) {
            client().pull(s, server.apiRoot(), "mixed", ObjectFilter.of(List.of(), List.of(ind0()),
                    List.of("2025-03-01T00:00:00.000Z")), Optional.empty(), 0, IntelStore.ImportOptions.defaults());
            assertThat(s.versions(ind0())).extracting(o -> o.get("modified").asText())
                    .containsExactly("2025-03-01T00:00:00.000Z");
        }
    }

    @Test
    void filtersAreKeptWithAddedAfterWhenTheServerPagesByDate() throws Exception {
        mixedCollection();
        server.maxPage = 4;
        server.sendNext = false;
        try (IntelStore s = IntelStore.open(dir.resolve("t.db"))) {
            TaxiiClient.PullResult r = client().pull(s, server.apiRoot(), "mixed",
                    ObjectFilter.of(List.of("indicator"), List.of(), List.of()), Optional.of(T0.toString()), 0,
                    IntelStore.ImportOptions.defaults());
            // ind1-ind11, and ind0 whose latest version was added last
            assertThat(r.objects()).isEqualTo(12);
            assertThat(r.pages()).isEqualTo(3);
            assertThat(server.objectQueries).allMatch(q -> q.contains("added_after=")
                    && q.contains("match%5Btype%5D=indicator"));
        }
    }

    @Test
    void aFilteredPullKeepsItsOwnResumePoint() throws Exception {
        mixedCollection();
        try (IntelStore s = IntelStore.open(dir.resolve("t.db"))) {
            ObjectFilter malware = ObjectFilter.of(List.of("malware"), List.of(), List.of());
            client().pull(s, server.apiRoot(), "mixed", malware, Optional.empty(), 0,
                    IntelStore.ImportOptions.defaults());
            // The whole collection was never pulled: an unfiltered pull starts from the beginning.
            TaxiiClient.PullResult everything = client().pull(s, server.apiRoot(), "mixed", Optional.empty(), 0,
                    IntelStore.ImportOptions.defaults());
            assertThat(everything.objects()).isEqualTo(15);
            assertThat(server.objectQueries.get(1)).doesNotContain("added_after");
            TaxiiClient.PullResult again = client().pull(s, server.apiRoot(), "mixed", malware, Optional.empty(), 0,
                    IntelStore.ImportOptions.defaults());
            assertThat(again.objects()).isZero();
            assertThat(server.objectQueries.get(server.objectQueries.size() - 1)).contains("added_after="
                    + T0.plusNanos(22_000).toString()
                    .replace(":", "%3A"));
        }
    }

    @Test
    void objectsOfAServerThatIgnoresTheFilterAreLeftOut() throws Exception {
        mixedCollection();
        server.ignoreMatch = true;
        try (IntelStore s = IntelStore.open(dir.resolve("t.db"))) {
            TaxiiClient.PullResult r = client().pull(s, server.apiRoot(), "mixed",
                    ObjectFilter.of(List.of("malware"), List.of(), List.of()), Optional.empty(), 0,
                    IntelStore.ImportOptions.defaults());
            assertThat(r.objects()).isEqualTo(3);
            assertThat(s.stats(T0).objectsByType()).containsOnlyKeys("malware");
            assertThat(r.warnings()).anyMatch(w -> w.key().equals("taxii.outsideFilter"));
        }
    }

    @Test
    void filterValuesAreCheckedBeforeTheyReachTheQuery() throws Exception {
        assertThatThrownBy(() -> ObjectFilter.of(List.of("indicator&limit=1"), List.of(), List.of()))
                .isInstanceOf(TaxiiException.class).hasMessageContaining("match[type]");
        assertThatThrownBy(() -> ObjectFilter.of(List.of(), List.of("indicator--nope"), List.of()))
                .isInstanceOf(TaxiiException.class).hasMessageContaining("match[id]");
        assertThatThrownBy(() -> ObjectFilter.of(List.of(), List.of(), List.of("newest")))
                .isInstanceOf(TaxiiException.class).hasMessageContaining("match[version]");
        assertThat(ObjectFilter.NONE.key()).isEmpty();
        assertThat(ObjectFilter.of(List.of(), List.of(), List.of("last")).key()).isEmpty();
    }
}
