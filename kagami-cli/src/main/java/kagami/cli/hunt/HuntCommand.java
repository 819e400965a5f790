package kagami.cli.hunt;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import kagami.cli.Cli;
import kagami.cli.ExitCodes;
import kagami.cli.rules.RuleSources;
import kagami.core.AttackTag;
import kagami.core.Detection;
import kagami.core.Event;
import kagami.core.Level;
import kagami.core.WindowsEventJson;
import kagami.sigma.LoadError;
import kagami.sigma.SigmaException;
import kagami.sigma.compile.Matcher;
import kagami.sigma.correlation.Correlator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kagami hunt} (minimal form): Sigma rules over Windows event records, one detection per output line,
 * sorted by time. Reads event records as evtx-crate JSON (the shape of {@code evtx_dump -o json} and of SigmaHQ's
 * regression data; single objects, concatenated objects or JSON lines). EVTX files are recognised by their
 * signature and read once the EVTX reader is part of the build.
 */
@Command(name = "hunt", mixinStandardHelpOptions = true, resourceBundle = "kagami.cli.usage")
public final class HuntCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;
    @Parameters(arity = "1..*", paramLabel = "PATH", descriptionKey = "hunt.paths")
    List<Path> inputs;
    @Option(names = "--rules", required = true, paramLabel = "DIR", descriptionKey = "hunt.rules")
    List<Path> rules;
    @Option(names = "--min-level", defaultValue = "informational", paramLabel = "LEVEL", descriptionKey = "hunt.minLevel")
    String minLevel;
    @Option(names = "--format", defaultValue = "csv", paramLabel = "csv|jsonl", descriptionKey = "hunt.format")
    Format format;
    @Option(names = {"-o", "--output"}, paramLabel = "FILE", descriptionKey = "hunt.output")
    Path output;
    @Option(names = "--profile", defaultValue = "standard", paramLabel = "standard|verbose", descriptionKey = "hunt.profile")
    Profile profile;
    @Option(names = "--placeholders", paramLabel = "FILE", descriptionKey = "rules.placeholders")
    Path placeholders;
    @Option(names = "--pipeline", paramLabel = "FILE", descriptionKey = "rules.pipeline")
    Path pipeline;

    enum Format { csv, jsonl }

    enum Profile { standard, verbose }

    private static final byte[] EVTX_MAGIC = "ElfFile\0".getBytes(StandardCharsets.US_ASCII);

    static final List<String> STANDARD = List.of("Timestamp", "RuleTitle", "Level", "Computer", "Channel", "EventID",
            "RecordID", "RuleID", "RuleFile", "EvtxFile", "RuleAuthor", "License");
    static final List<String> VERBOSE_EXTRA = List.of("Status", "MitreTags", "Provider", "Details");

    @Override
    public Integer call() throws IOException, SigmaException {
        Level min = Level.parse(minLevel).orElseThrow(() -> new CommandLine.ParameterException(spec.commandLine(),
                Cli.messages().get("rules.list.badLevel", minLevel)));
        PrintWriter err = spec.commandLine().getErr();
        long started = System.nanoTime();
        RuleSources.Loaded loaded = RuleSources.load(rules, placeholders, pipeline);
        for (LoadError e : loaded.rules().allErrors(loaded.compiled())) {
            err.println(Cli.messages().get("hunt.ruleSkipped", e.toString()));
        }
        Matcher matcher = loaded.compiled().newMatcher();
        Correlator correlator = new Correlator(loaded.compiled());
        List<Detection> detections = new ArrayList<>();
        List<Detection> raw = new ArrayList<>();
        int failedInputs = 0;
        long events = 0;
        int evtxSkipped = 0;
        for (Path file : files(inputs)) {
            try {
                if (isEvtx(file)) {
                    if (evtxSkipped++ == 0) {
                        err.println(Cli.messages().get("hunt.evtxUnavailable", file));
                    }
                    failedInputs++;
                    continue;
                }
                try (InputStream in = Files.newInputStream(file)) {
                    events += WindowsEventJson.read(in, file.toString(), (Event e) -> matcher.match(e, raw::add));
                }
            } catch (IOException e) {
                err.println(Cli.messages().get("hunt.inputFailed", file, Cli.describe(e)));
                failedInputs++;
            }
        }
        if (evtxSkipped > 1) {
            err.println(Cli.messages().get("hunt.evtxSkipped", evtxSkipped));
        }
        // correlations need event-time order across all inputs
        raw.sort(ORDER);
        for (Detection d : raw) {
            correlator.accept(d, detections::add);
        }
        correlator.finish(detections::add);
        detections.removeIf(d -> !d.level().atLeast(min));
        detections.sort(ORDER);
        try (Writer w = output == null ? new NonClosing(spec.commandLine().getOut())
                : Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
            write(detections, w);
        }
        err.println(Cli.messages().get("hunt.summary", events, detections.size(),
                loaded.compiled().ruleCount() + loaded.rules().correlationRules().size(),
                String.format(java.util.Locale.ROOT, "%.1f", (System.nanoTime() - started) / 1e9)));
        err.flush();
        return failedInputs > 0 ? ExitCodes.INPUT_ERROR : ExitCodes.OK;
    }

    static final Comparator<Detection> ORDER = Comparator.comparing(Detection::timestamp)
            .thenComparing(d -> d.events().isEmpty() ? "" : d.firstEvent().origin().source())
            .thenComparingLong(d -> d.events().isEmpty() ? 0 : d.firstEvent().origin().offset())
            .thenComparing(Detection::ruleId);

    private static List<Path> files(List<Path> inputs) throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path p : inputs) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.walk(p)) {
                    s.filter(Files::isRegularFile).filter(HuntCommand::isEventFile).sorted().forEach(out::add);
                }
            } else if (Files.exists(p)) {
                out.add(p);
            } else {
                throw new java.nio.file.NoSuchFileException(p.toString());
            }
        }
        return out;
    }

    private static boolean isEventFile(Path p) {
        String n = p.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return n.endsWith(".evtx") || n.endsWith(".json") || n.endsWith(".jsonl");
    }

    private static boolean isEvtx(Path p) throws IOException {
        try (InputStream in = Files.newInputStream(p)) {
            byte[] head = in.readNBytes(EVTX_MAGIC.length);
            return java.util.Arrays.equals(head, EVTX_MAGIC);
        }
    }

    private void write(List<Detection> detections, Writer w) throws IOException {
        List<String> columns = new ArrayList<>(STANDARD);
        if (profile == Profile.verbose) {
            columns.addAll(VERBOSE_EXTRA);
        }
        BufferedWriter out = new BufferedWriter(w);
        if (format == Format.csv) {
            out.write(String.join(",", columns));
            out.write("\r\n");
            for (Detection d : detections) {
                Map<String, String> row = row(d);
                List<String> cells = new ArrayList<>();
                for (String c : columns) {
                    cells.add(csv(row.get(c)));
                }
                out.write(String.join(",", cells));
                out.write("\r\n");
            }
        } else {
            JsonFactory f = new JsonFactory();
            for (Detection d : detections) {
                Map<String, String> row = row(d);
                StringWriter line = new StringWriter();
                try (JsonGenerator g = f.createGenerator(line)) {
                    g.writeStartObject();
                    for (String c : columns) {
                        g.writeStringField(c, row.get(c));
                    }
                    g.writeEndObject();
                }
                out.write(line.toString());
                out.write("\n");
            }
        }
        out.flush();
    }

    static Map<String, String> row(Detection d) {
        Event e = d.events().isEmpty() ? null : d.firstEvent();
        Map<String, String> r = new LinkedHashMap<>();
        r.put("Timestamp", d.timestamp().toString());
        r.put("RuleTitle", d.title());
        r.put("Level", d.level().sigmaName());
        r.put("Computer", e == null ? "" : e.host());
        r.put("Channel", e == null ? "" : e.channel());
        r.put("EventID", e == null || e.eventId() < 0 ? "" : Integer.toString(e.eventId()));
        r.put("RecordID", e == null || e.recordId() < 0 ? "" : Long.toString(e.recordId()));
        r.put("RuleID", d.ruleId());
        r.put("RuleFile", d.ruleFile());
        r.put("EvtxFile", e == null ? "" : e.origin().source());
        r.put("RuleAuthor", d.author());
        r.put("License", d.license());
        r.put("Status", d.status());
        List<String> mitre = new ArrayList<>();
        for (AttackTag t : d.attack()) {
            mitre.add(t.id());
        }
        r.put("MitreTags", String.join(" ", mitre));
        r.put("Provider", e == null ? "" : e.provider());
        List<String> details = new ArrayList<>();
        d.matchedFields().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(x -> details.add(x.getKey() + ": " + x.getValue()));
        r.put("Details", String.join(" ¦ ", details));
        return r;
    }

    /**
     * RFC 4180 quoting; a cell starting with {@code = + - @} gets a leading apostrophe so a spreadsheet shows
     * attacker-controlled text (command lines) instead of evaluating it as a formula (OWASP "CSV injection").
     */
    static String csv(String v) {
        if (v == null) {
            return "";
        }
        String s = v;
        if (!s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0) {
            s = "'" + s;
        }
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }

    /** Lets the output writer be closed without closing the terminal's stream. */
    private static final class NonClosing extends Writer {
        private final PrintWriter target;

        NonClosing(PrintWriter target) {
            this.target = target;
        }

        @Override
        public void write(char[] cbuf, int off, int len) {
            target.write(cbuf, off, len);
        }

        @Override
        public void flush() {
            target.flush();
        }

        @Override
        public void close() {
            target.flush();
        }
    }
}
