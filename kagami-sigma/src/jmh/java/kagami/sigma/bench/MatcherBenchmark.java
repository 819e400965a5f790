package kagami.sigma.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import kagami.core.Event;
import kagami.core.WindowsEventJson;
import kagami.sigma.LoadOptions;
import kagami.sigma.SigmaRules;
import kagami.sigma.compile.CompiledRuleSet;
import kagami.sigma.compile.Matcher;
import kagami.sigma.logsource.Pipeline;

/**
 * Sigma matching cost per event with all 2,858 SigmaHQ Windows rules, on the real events of SigmaHQ's regression
 * data (mostly Sysmon process creation, each built to fire at least one rule: a worst case for matching), against
 * the same loop with an empty rule set. Also the cost of loading and compiling the whole rule set.
 *
 * <p>Run: {@code bench/sigma-jmh.sh} (needs {@code -Dkagami.shared=...}, set by the script).
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class MatcherBenchmark {
    static Path sigma() {
        return Path.of(System.getProperty("kagami.shared", "../shared"), "testdata", "sigma");
    }

    static List<Path> ruleFolders() {
        Path s = sigma();
        return List.of(s.resolve("rules"), s.resolve("rules-emerging-threats"), s.resolve("rules-threat-hunting"));
    }

    Event[] events;
    Matcher all;
    Matcher none;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        List<Event> list = new ArrayList<>();
        try (Stream<Path> s = Files.walk(sigma().resolve("regression_data"))) {
            for (Path p : s.filter(x -> x.toString().endsWith(".json")).sorted().toList()) {
                try (InputStream in = Files.newInputStream(p)) {
                    WindowsEventJson.read(in, p.toString(), list::add);
                }
            }
        }
        events = list.toArray(new Event[0]);
        all = SigmaRules.load(ruleFolders(), LoadOptions.defaults()).compile(Pipeline.windows()).newMatcher();
        none = SigmaRules.parse("", "empty", LoadOptions.defaults()).compile(Pipeline.windows()).newMatcher();
    }

    /** Events per second through all rules (score is per operation = one pass over every event). */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public void allRules(Blackhole bh) {
        for (Event e : events) {
            all.match(e, bh::consume);
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public void noRules(Blackhole bh) {
        for (Event e : events) {
            none.match(e, bh::consume);
        }
    }

    /** Loading (YAML) and compiling all rules, cold start of each iteration's work. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 2)
    @Measurement(iterations = 5)
    public CompiledRuleSet loadAndCompileAllRules() throws IOException {
        return SigmaRules.load(ruleFolders(), LoadOptions.defaults()).compile(Pipeline.windows());
    }
}
