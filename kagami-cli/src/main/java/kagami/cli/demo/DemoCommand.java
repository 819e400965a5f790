package kagami.cli.demo;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import kagami.cli.Cli;
import kagami.cli.ExitCodes;
import kagami.cli.hunt.HuntCommand;
import kagami.core.i18n.Messages;
import kagami.hunt.demo.DemoDataSet;
import kagami.hunt.demo.DemoManifest;
import kagami.hunt.demo.DemoScore;
import kagami.hunt.demo.LogFormat;
import kagami.sigma.SigmaException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code kagami demo}: generates the MirrorFace-style intrusion data set ({@link DemoDataSet}), hunts it with the
 * bundled rule pack through {@code kagami hunt} itself (same options, same code), writes the timeline, the HTML
 * report and an ATT&CK Navigator layer, and scores the hunt against the data set's ground truth: which attack steps
 * were detected by the rules expected to catch them, and whether anything high or critical fired on the benign
 * background.
 *
 * <p>Output folder layout (default {@code ./kagami-demo}, beside where the user runs it, so the files are easy to
 * find and survive the run): {@code logs/<host>/<channel>.jsonl} (or {@code .evtx} with {@code --format evtx}),
 * {@code manifest.json}, {@code timeline.csv},
 * {@code report.html}, {@code attack-navigator.json}.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, resourceBundle = "kagami.cli.usage", sortOptions = false)
public final class DemoCommand implements Callable<Integer> {
    static final String BUNDLE = "kagami.cli.demo.messages";
    static final String LOGS = "logs";
    static final String TIMELINE = "timeline.csv";
    static final String REPORT = "report.html";
    static final String NAVIGATOR = "attack-navigator.json";

    @Option(names = "--out", paramLabel = "DIR", descriptionKey = "demo.out")
    Path out = Path.of("kagami-demo");

    @Option(names = "--seed", paramLabel = "N", descriptionKey = "demo.seed")
    long seed = DemoDataSet.DEFAULT_SEED;

    @Option(names = "--format", paramLabel = "jsonl|evtx", descriptionKey = "demo.format")
    LogFormat format = LogFormat.JSONL;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException, SigmaException {
        Messages m = Messages.load(BUNDLE, Cli.locale());
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path manifestFile = out.resolve(DemoManifest.FILE_NAME);
        if (!emptyOrEarlierDemo(out, manifestFile)) {
            err.println("kagami: " + m.get("demo.error.notEmpty", out));
            return ExitCodes.USAGE;
        }
        Path logs = out.resolve(LOGS);
        err.println(m.get("demo.generating", out));
        err.flush();
        DemoManifest manifest = DemoDataSet.write(logs, manifestFile, seed, format);
        err.println(m.get("demo.generated", manifest.totalEvents(), manifest.hosts().size(), manifest.files().size(),
                manifest.steps().size()));
        err.flush();

        // The hunt a user would type; only --no-installed-rules keeps the result independent of this machine.
        HuntCommand hunt = new HuntCommand();
        CommandLine huntLine = new CommandLine(hunt);
        huntLine.setOut(stdout);
        huntLine.setErr(err);
        huntLine.parseArgs(logs.toString(), "--no-installed-rules", "-o", out.resolve(TIMELINE).toString(),
                "--html", out.resolve(REPORT).toString(), "--navigator", out.resolve(NAVIGATOR).toString());
        DemoScore score = new DemoScore(manifest, logs);
        int code = hunt.hunt(score);
        DemoScore.Result result = score.result();

        printScore(stdout, m, result, manifestFile);
        printFiles(stdout, m, logs, manifestFile);
        stdout.flush();
        if (code != ExitCodes.OK) {
            return code;
        }
        if (!result.complete()) {
            err.println("kagami: " + m.get("demo.incomplete"));
            return ExitCodes.INTERNAL;
        }
        return ExitCodes.OK;
    }

    /** Never mixes the demo into a folder of the user's: it must be absent, empty, or an earlier demo's. */
    private static boolean emptyOrEarlierDemo(Path dir, Path manifestFile) throws IOException {
        if (!Files.exists(dir)) {
            return true;
        }
        if (!Files.isDirectory(dir)) {
            return false;
        }
        if (Files.isRegularFile(manifestFile)) {
            return true;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            return !entries.iterator().hasNext();
        }
    }

    private static void printScore(PrintWriter o, Messages m, DemoScore.Result r, Path manifestFile) {
        boolean ja = "ja".equals(Cli.locale().getLanguage());
        DateTimeFormatter time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)
                .withZone(ZoneId.systemDefault());
        o.println();
        o.println(m.get("demo.score.title", manifestFile));
        for (DemoScore.StepResult s : r.steps()) {
            DemoManifest.AttackStep step = s.step();
            String host = step.host().contains(".") ? step.host().substring(0, step.host().indexOf('.')) : step.host();
            o.println(m.get(s.detected() ? "demo.score.detected" : "demo.score.missedStep", time.format(step.time()),
                    host, ja ? step.titleJa() : step.title(), String.join(" ", step.techniques())));
            if (!s.fired().isEmpty()) {
                o.println(m.get("demo.score.by", titles(s.fired())));
            }
            if (!s.missed().isEmpty()) {
                o.println(m.get("demo.score.missing", titles(s.missed())));
            }
        }
        o.println();
        o.println(m.get("demo.score.summary", r.stepsDetected(), r.steps().size(), r.benignDetections(),
                r.noiseCount()));
        for (DemoScore.Noise n : r.noise()) {
            o.println(m.get("demo.score.noise", n.level().name().toLowerCase(Locale.ROOT), n.title(),
                    n.event() == null ? "-" : n.event().file() + " #" + n.event().recordId()));
        }
    }

    private static String titles(List<DemoManifest.ExpectedRule> rules) {
        return String.join("; ", rules.stream().map(DemoManifest.ExpectedRule::title).toList());
    }

    private void printFiles(PrintWriter o, Messages m, Path logs, Path manifestFile) {
        o.println();
        o.println(m.get("demo.files"));
        o.println(m.get(format == LogFormat.EVTX ? "demo.file.logsEvtx" : "demo.file.logs", logs));
        o.println(m.get("demo.file.manifest", manifestFile));
        o.println(m.get("demo.file.timeline", out.resolve(TIMELINE)));
        o.println(m.get("demo.file.report", out.resolve(REPORT)));
        o.println(m.get("demo.file.navigator", out.resolve(NAVIGATOR)));
        o.println();
        o.println(m.get("demo.next", logs));
    }
}
