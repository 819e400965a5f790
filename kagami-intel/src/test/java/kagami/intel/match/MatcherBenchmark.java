package kagami.intel.match;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import kagami.core.IndicatorType;
import kagami.core.Tlp;
import kagami.intel.IntelIndicator;
import kagami.intel.Observable;
import kagami.intel.store.BulkImport;

/**
 * Look-ups per second of {@link IndicatorMatcher} on a mixed workload (domains with parents, IPv4 incl. CIDR
 * blocks, SHA-256, URLs, file names; about a third of the queries hit), against the peer an engine would otherwise
 * use: the same look-ups as indexed SQLite queries (sqlite-jdbc, the store's own engine). Run by bench/intel.sh.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class MatcherBenchmark {
    @Param("1000000")
    int indicators;

    private static final int QUERIES = 1 << 14;
    private IndicatorMatcher matcher;
    private String[] queries;
    private IndicatorType[] kinds;
    private int next;
    private Connection sqlite;
    private PreparedStatement select;
    private Path dbFile;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        IndicatorMatcher.Builder b = IndicatorMatcher.builder();
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        dbFile = Files.createTempFile("kagami-bench", ".db");
        sqlite = DriverManager.getConnection("jdbc:sqlite:" + dbFile);
        try (Statement s = sqlite.createStatement()) {
            s.execute("PRAGMA journal_mode = WAL");
            s.execute("CREATE TABLE observable(type TEXT, value TEXT, indicator_id TEXT, PRIMARY KEY(type, value, "
                    + "indicator_id)) WITHOUT ROWID");
        }
        sqlite.setAutoCommit(false);
        try (PreparedStatement ins = sqlite.prepareStatement("INSERT INTO observable VALUES (?, ?, ?)")) {
            for (long i = 0; i < indicators; i++) {
                Observable o = BulkImport.observable(i);
                String id = "indicator--" + i;
                b.add(new IntelIndicator(id, "", "", "", "stix", List.of(o), List.of(), OptionalInt.empty(),
                        Tlp.CLEAR, t, Optional.empty(), false, "", List.of(), Optional.empty(), Optional.empty(), t, t));
                ins.setString(1, o.typeName());
                ins.setString(2, o.value());
                ins.setString(3, id);
                ins.addBatch();
                if (i % 10000 == 0) {
                    ins.executeBatch();
                }
            }
            ins.executeBatch();
        }
        // Blocks too, as real feeds have them.
        for (int i = 0; i < 1000; i++) {
            Observable o = new Observable(IndicatorType.CIDR, "100." + (i % 250) + "." + (i / 250) + ".0/24");
            b.add(new IntelIndicator("indicator--cidr" + i, "", "", "", "stix", List.of(o), List.of(),
                    OptionalInt.empty(), Tlp.CLEAR, t, Optional.empty(), false, "", List.of(), Optional.empty(),
                    Optional.empty(), t, t));
        }
        sqlite.commit();
        matcher = b.build();
        select = sqlite.prepareStatement("SELECT indicator_id FROM observable WHERE type = ? AND value = ?");
        Random r = new Random(42);
        queries = new String[QUERIES];
        kinds = new IndicatorType[QUERIES];
        for (int q = 0; q < QUERIES; q++) {
            long n = (long) (r.nextDouble() * indicators);
            boolean hit = r.nextInt(3) == 0;
            int k = r.nextInt(100);
            if (k < 40) {
                kinds[q] = IndicatorType.DOMAIN;
                long d = n - n % 5;
                queries[q] = hit ? "www." + BulkImport.observable(d).value() : "host-" + n + ".benign-" + (n % 89)
                        + ".example.com";
            } else if (k < 65) {
                kinds[q] = IndicatorType.IPV4;
                long d = n - n % 5 + 1;
                queries[q] = hit ? BulkImport.observable(d).value() : r.nextInt(3) == 0 ? "100." + r.nextInt(250)
                        + "." + r.nextInt(4) + "." + r.nextInt(256) : "203.0." + r.nextInt(256) + "." + r.nextInt(256);
            } else if (k < 80) {
                kinds[q] = IndicatorType.SHA256;
                long d = n - n % 5 + 2;
                queries[q] = hit ? BulkImport.observable(d).value() : String.format("%064X", r.nextLong());
            } else if (k < 90) {
                kinds[q] = IndicatorType.URL;
                long d = n - n % 5 + 3;
                queries[q] = hit ? BulkImport.observable(d).value() : "https://www.example.com/p/" + n;
            } else {
                kinds[q] = IndicatorType.FILE_NAME;
                long d = n - n % 5 + 4;
                queries[q] = hit ? BulkImport.observable(d).value() : "setup_" + n + ".exe";
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        select.close();
        sqlite.close();
        Files.deleteIfExists(dbFile);
        Files.deleteIfExists(Path.of(dbFile + "-wal"));
        Files.deleteIfExists(Path.of(dbFile + "-shm"));
    }

    /** One look-up through the matcher, the way hunt/scan call it (type known from the event field). */
    @Benchmark
    public int matcherMixed() {
        int q = next++ & (QUERIES - 1);
        String v = queries[q];
        return switch (kinds[q]) {
            case DOMAIN -> matcher.lookupDomain(v).size();
            case IPV4 -> matcher.lookupIp(v).size();
            case SHA256 -> matcher.lookupHash(v).size();
            case URL -> matcher.lookupUrl(v).size();
            default -> matcher.lookupFileName(v).size();
        };
    }

    /**
     * The peer: the same look-ups as indexed SQLite point queries (exact values only; parent domains are walked as
     * the matcher does, CIDR containment is not attempted — which flatters the peer).
     */
    @Benchmark
    public int sqliteMixed() throws Exception {
        int q = next++ & (QUERIES - 1);
        String v = queries[q];
        IndicatorType t = kinds[q];
        if (t == IndicatorType.DOMAIN) {
            int hits = 0;
            String s = v;
            while (s.indexOf('.') > 0) {
                hits += count("domain", s);
                s = s.substring(s.indexOf('.') + 1);
            }
            return hits;
        }
        return count(Observable.typeName(t), v);
    }

    private int count(String type, String value) throws Exception {
        select.setString(1, type);
        select.setString(2, value);
        int n = 0;
        try (ResultSet r = select.executeQuery()) {
            while (r.next()) {
                n++;
            }
        }
        return n;
    }
}
