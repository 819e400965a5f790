package kagami.sigma.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import kagami.core.Detection;
import kagami.core.Event;
import kagami.core.WindowsEventJson;
import kagami.evtx.EvtxOptions;
import kagami.evtx.EvtxReader;
import kagami.evtx.EvtxRecord;
import kagami.sigma.LoadOptions;
import kagami.sigma.RuleSet;
import kagami.sigma.SigmaRules;
import kagami.sigma.compile.CompiledRuleSet;
import kagami.sigma.compile.Matcher;
import kagami.sigma.correlation.Correlator;
import kagami.sigma.logsource.Pipeline;

/**
 * Whole-process throughput of the Sigma engine on real input, the way a hunt runs it: events read (EVTX through
 * kagami-evtx, or evtx-crate JSON lines) and turned into {@link Event}s, then matched against all rules and fed to
 * the correlator. Each round runs the same input twice, interleaved: once reading only (the "dump" cost of the
 * input) and once reading and matching, and reports events per second of wall time and of CPU time (all threads
 * of this process, less sensitive to other work on the machine).
 *
 * <p>Usage: {@code Throughput ROUNDS RULE_DIR... -- INPUT...}
 */
public final class Throughput {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private Throughput() {
    }

    public static void main(String[] args) throws IOException {
        int rounds = Integer.parseInt(args[0]);
        List<Path> rules = new ArrayList<>();
        List<Path> inputs = new ArrayList<>();
        boolean in = false;
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--")) {
                in = true;
            } else {
                (in ? inputs : rules).add(Path.of(args[i]));
            }
        }
        long t0 = System.nanoTime();
        long c0 = processCpu();
        RuleSet set = SigmaRules.load(rules, LoadOptions.defaults());
        CompiledRuleSet compiled = set.compile(Pipeline.windows());
        long t1 = System.nanoTime();
        long c1 = processCpu();
        System.out.printf(Locale.ROOT, "load+compile %d rules (%d failed): %.2f s wall, %.2f s cpu (cold JVM)%n",
                compiled.ruleCount(), set.allErrors(compiled).size(), (t1 - t0) / 1e9, (c1 - c0) / 1e9);
        for (int r = 0; r < rounds; r++) {
            long[] read = run(inputs, e -> { });
            Matcher m = compiled.newMatcher();
            Correlator k = new Correlator(compiled);
            long[] detections = {0};
            Consumer<Detection> count = d -> detections[0]++;
            long[] hunt = run(inputs, e -> m.match(e, d -> k.accept(d, count)));
            k.finish(count);
            System.out.printf(Locale.ROOT, "[load %s] round %d: %d events; read only %.2f s wall %.2f s cpu (%.0f ev/s, %.0f ev/cpu-s);"
                    + " read+match %.2f s wall %.2f s cpu (%.0f ev/s, %.0f ev/cpu-s); %d detections;"
                    + " ratio wall %.2f cpu %.2f%n", loadAverage(), r + 1, read[0], read[1] / 1e9, read[2] / 1e9,
                    read[0] / (read[1] / 1e9), read[0] / (read[2] / 1e9), hunt[1] / 1e9, hunt[2] / 1e9,
                    hunt[0] / (hunt[1] / 1e9), hunt[0] / (hunt[2] / 1e9), detections[0],
                    (double) read[1] / hunt[1], (double) read[2] / hunt[2]);
        }
    }

    /** Events read and handed to {@code sink}; returns {events, wall ns, cpu ns}. */
    private static long[] run(List<Path> inputs, Consumer<Event> sink) throws IOException {
        long t = System.nanoTime();
        long c = processCpu();
        long n = 0;
        for (Path p : inputs) {
            if (EvtxReader.hasSignature(p)) {
                try (EvtxReader r = EvtxReader.open(p, EvtxOptions.defaults())) {
                    for (EvtxRecord rec : r) {
                        sink.accept(rec.toEvent());
                        n++;
                    }
                }
            } else {
                try (InputStream in = new BufferedInputStream(Files.newInputStream(p), 1 << 16)) {
                    n += WindowsEventJson.read(in, p.toString(), sink);
                }
            }
        }
        return new long[] {n, System.nanoTime() - t, processCpu() - c};
    }

    /** The 1-minute load average (other work on the machine), for the record. */
    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
