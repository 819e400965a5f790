package kagami.evtx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import kagami.evtx.binxml.TemplateCache;
import kagami.evtx.render.JsonRenderer;
import kagami.evtx.render.Utf8Output;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The BinXml hot path, one 64 KiB chunk of a real log at a time: parsing (records, templates, values), and
 * rendering the parsed records to JSON, XML and {@code Event}s. Scores are per chunk; divide 64 KiB by the time
 * for MB/s. Run through {@code bench/jmh.sh}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-XX:+UseParallelGC", "-Xmx512m"})
public class BinXmlBenchmark {
    /** File and chunk index: Sysmon process events, Security logons, System service events. */
    @Param({"sysmon.evtx:1", "security.evtx:3", "system.evtx:1"})
    public String sample;

    private byte[] chunk;
    private List<EvtxRecord> records;
    private final Utf8Output out = new Utf8Output(1 << 20);
    private final EvtxOptions options = EvtxOptions.defaults().withThreads(1);
    private TemplateCache warmCache;

    @Setup
    public void load() throws IOException {
        String[] p = sample.split(":");
        Path file = Path.of(System.getProperty("kagami.shared", "../shared"), "testdata/evtx/edge-cases", p[0]);
        byte[] all = Files.readAllBytes(file);
        int from = 4096 + Integer.parseInt(p[1]) * 65536;
        chunk = Arrays.copyOfRange(all, from, from + 65536);
        warmCache = new TemplateCache();
        records = Chunk.read(chunk, chunk.length, 0, from, "bench", options, warmCache, null, false).records();
    }

    /** Parsing with the chunk's templates compiled from scratch (the first chunk that uses them). */
    @Benchmark
    public Object parseColdTemplates() {
        return Chunk.read(chunk, chunk.length, 0, 4096, "bench", options, new TemplateCache(), null, false);
    }

    /** Parsing with the templates already compiled by an earlier chunk (verified by GUID and bytes). */
    @Benchmark
    public Object parseWarmTemplates() {
        return Chunk.read(chunk, chunk.length, 0, 4096, "bench", options, warmCache, null, false);
    }

    /** JSON as {@code kagami dump} writes it: from plans recorded on the first records of each kind. */
    @Benchmark
    public int renderJson() throws IOException {
        out.reset();
        for (EvtxRecord r : records) {
            r.writeJson(out, JsonStyle.NESTED_ATTRIBUTES);
        }
        return out.size();
    }

    /** The same records by walking the template tree, without the JSON plans (what a plan saves). */
    @Benchmark
    public int renderJsonTree() {
        out.reset();
        for (EvtxRecord r : records) {
            JsonRenderer.renderTree(r.content(), out, false);
        }
        return out.size();
    }

    @Benchmark
    public int renderXml() throws IOException {
        out.reset();
        for (EvtxRecord r : records) {
            r.writeXml(out);
        }
        return out.size();
    }

    @Benchmark
    public void convertToEvents(Blackhole bh) {
        for (EvtxRecord r : records) {
            bh.consume(r.toEvent());
        }
    }

    /** Conversion plus building the nested document, for rules that address fields by dotted path. */
    @Benchmark
    public void convertToEventsWithDocument(Blackhole bh) {
        for (EvtxRecord r : records) {
            bh.consume(r.toEvent().document().size());
        }
    }
}
