package kagami.cli.hunt;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

import kagami.cli.Cli;
import kagami.cli.ExitCodes;
import kagami.cli.Kagami;
import kagami.core.Detection;
import kagami.core.Level;
import kagami.core.WindowsEventJson;
import kagami.core.i18n.Messages;
import kagami.hunt.Hunt;
import kagami.hunt.HuntContent;
import kagami.hunt.attack.AttackCatalog;
import kagami.hunt.attack.NavigatorLayer;
import kagami.hunt.input.EventReader;
import kagami.hunt.input.EvtxEventReader;
import kagami.hunt.input.FieldMapping;
import kagami.hunt.input.InputKind;
import kagami.hunt.input.InputLimits;
import kagami.hunt.input.InputSource;
import kagami.hunt.input.Inputs;
import kagami.hunt.input.JsonEventReader;
import kagami.hunt.input.SkippedInput;
import kagami.hunt.report.HtmlReport;
import kagami.hunt.report.ReportRows;
import kagami.hunt.rules.BundledRules;
import kagami.hunt.rules.HuntRules;
import kagami.hunt.rules.RuleSelection;
import kagami.hunt.rules.RuleStore;
import kagami.hunt.summary.HuntSummary;
import kagami.hunt.summary.ProgressModel;
import kagami.hunt.summary.RunFacts;
import kagami.hunt.summary.SummaryReport;
import kagami.hunt.summary.SummaryText;
import kagami.hunt.timeline.CsvTimelineWriter;
import kagami.hunt.timeline.DetailsTemplates;
import kagami.hunt.timeline.JsonlTimelineWriter;
import kagami.hunt.timeline.RenderOptions;
import kagami.hunt.timeline.TimeFormat;
import kagami.hunt.timeline.TimeWindow;
import kagami.hunt.timeline.Timeline;
import kagami.hunt.timeline.TimelineProfile;
import kagami.hunt.timeline.TimelineRecords;
import kagami.hunt.timeline.TimelineSink;
import kagami.hunt.tuning.LevelTuning;
import kagami.hunt.tuning.RuleExclusions;
import kagami.sigma.LoadOptions;
import kagami.sigma.RuleCache;
import kagami.sigma.SigmaException;
import kagami.sigma.logsource.Pipeline;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kagami hunt}: Sigma rules (the bundled MirrorFace pack, installed SigmaHQ rules, the user's own) over
 * event logs — EVTX, evtx-crate JSON, Winlogbeat / Elastic Agent (ECS), NXLog, flat JSON exports, gzip and ZIP of
 * these, recognised by content — giving a timeline (CSV or JSONL, columns by profile), a summary on the terminal,
 * and on request a self-contained HTML report and an ATT&CK Navigator layer.
 */
@Command(name = "hunt", mixinStandardHelpOptions = true, resourceBundle = "kagami.cli.usage", sortOptions = false)
public final class HuntCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "PATH", descriptionKey = "hunt.paths")
    List<Path> inputs;
    @Option(names = "--rules", paramLabel = "DIR", descriptionKey = "hunt.rules")
    List<Path> rules = new ArrayList<>();
    @Option(names = "--no-bundled-rules", descriptionKey = "hunt.noBundledRules")
    boolean noBundledRules;
    @Option(names = "--no-installed-rules", descriptionKey = "hunt.noInstalledRules")
    boolean noInstalledRules;
    @Option(names = "--min-level", defaultValue = "informational", paramLabel = "LEVEL", descriptionKey = "hunt.minLevel")
    String minLevel;
    @Option(names = "--exclude-status", paramLabel = "STATUS", descriptionKey = "hunt.excludeStatus")
    List<String> excludeStatus;
    @Option(names = "--tag", paramLabel = "TAG", descriptionKey = "hunt.tag")
    List<String> tags = new ArrayList<>();
    @Option(names = "--exclude-tag", paramLabel = "TAG", descriptionKey = "hunt.excludeTag")
    List<String> excludeTags = new ArrayList<>();
    @Option(names = "--level-tuning", paramLabel = "FILE", descriptionKey = "hunt.levelTuning")
    Path levelTuning;
    @Option(names = "--exclude-rules", paramLabel = "FILE", descriptionKey = "hunt.excludeRules")
    Path excludeRules;
    @Option(names = {"-o", "--output"}, paramLabel = "FILE", descriptionKey = "hunt.output")
    Path output;
    @Option(names = "--format", paramLabel = "csv|jsonl", descriptionKey = "hunt.format")
    String format;
    @Option(names = "--profile", defaultValue = "standard", paramLabel = "NAME", descriptionKey = "hunt.profile")
    String profile;
    @Option(names = "--profiles", paramLabel = "FILE", descriptionKey = "hunt.profiles")
    Path profilesFile;
    @Option(names = "--unsorted", descriptionKey = "hunt.unsorted")
    boolean unsorted;
    @Option(names = "--dedup", descriptionKey = "hunt.dedup")
    boolean dedup;
    @Option(names = "--timeline-start", paramLabel = "TIME", descriptionKey = "hunt.timelineStart")
    String timelineStart;
    @Option(names = "--timeline-end", paramLabel = "TIME", descriptionKey = "hunt.timelineEnd")
    String timelineEnd;
    @Option(names = {"-U", "--utc"}, descriptionKey = "hunt.utc")
    boolean utc;
    @Option(names = "--iso-time", descriptionKey = "hunt.isoTime")
    boolean isoTime;
    @Option(names = "--no-abbreviations", descriptionKey = "hunt.noAbbreviations")
    boolean noAbbreviations;
    @Option(names = "--html", paramLabel = "FILE", descriptionKey = "hunt.html")
    Path html;
    @Option(names = "--navigator", paramLabel = "FILE", descriptionKey = "hunt.navigator")
    Path navigator;
    @Option(names = "--field-mapping", paramLabel = "FILE", descriptionKey = "hunt.fieldMapping")
    Path fieldMapping;
    @Option(names = "--no-channel-filter", descriptionKey = "hunt.noChannelFilter")
    boolean noChannelFilter;
    @Option(names = "--threads", paramLabel = "N", descriptionKey = "hunt.threads")
    Integer threads;
    @Option(names = "--carve", descriptionKey = "hunt.carve")
    boolean carve;
    @Option(names = "--strict", descriptionKey = "hunt.strict")
    boolean strict;
    @Option(names = "--placeholders", paramLabel = "FILE", descriptionKey = "rules.placeholders")
    Path placeholders;
    @Option(names = "--pipeline", paramLabel = "FILE", descriptionKey = "rules.pipeline")
    Path pipeline;
    @Option(names = "--no-summary", descriptionKey = "hunt.noSummary")
    boolean noSummary;
    @Option(names = "--top", defaultValue = "5", paramLabel = "N", descriptionKey = "hunt.top")
    int top;
    @Option(names = "--fail-on", paramLabel = "LEVEL", descriptionKey = "hunt.failOn")
    String failOn;
    @Option(names = "--temp-dir", paramLabel = "DIR", descriptionKey = "hunt.tempDir")
    Path tempDir;

    @Override
    public Integer call() throws IOException, SigmaException {
        return hunt(d -> { });
    }

    /**
     * Runs the hunt as its options say, also giving every detection that reaches the timeline to {@code observer}
     * (from any thread). For commands built on hunt ({@code kagami demo}): they parse their hunt's arguments with
     * picocli into a new instance and call this, so they run exactly what {@code kagami hunt} runs.
     *
     * @return the exit code
     */
    public int hunt(Consumer<Detection> observer) throws IOException, SigmaException {
        Instant started = Instant.now();
        PrintWriter err = spec.commandLine().getErr();
        Level min = level(minLevel);
        Optional<Level> failLevel = failOn == null ? Optional.empty() : Optional.of(level(failOn));
        ZoneId zone = utc ? ZoneOffset.UTC : ZoneId.systemDefault();
        TimeWindow window = window(zone);
        Map<String, TimelineProfile> profiles = profilesFile == null ? TimelineProfile.bundled()
                : TimelineProfile.parse(Files.newBufferedReader(profilesFile, StandardCharsets.UTF_8));
        TimelineProfile chosen = profiles.get(profile);
        if (chosen == null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    Cli.messages().get("hunt.unknownProfile", profile, String.join(", ", profiles.keySet())));
        }
        boolean jsonl = format != null ? format.equalsIgnoreCase("jsonl") || format.equalsIgnoreCase("json")
                : output != null && output.getFileName().toString().toLowerCase(Locale.ROOT).matches(".*\\.jsonl?$");
        if (format != null && !jsonl && !format.equalsIgnoreCase("csv")) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    Cli.messages().get("hunt.badFormat", format));
        }

        HuntRules huntRules = loadRules(min, err);
        if (huntRules.loaded() == 0) {
            err.println("kagami: " + Cli.messages().get("hunt.noRules"));
            return ExitCodes.USAGE;
        }
        List<FieldMapping> mappings = new ArrayList<>();
        if (fieldMapping != null) {
            try (BufferedReader r = Files.newBufferedReader(fieldMapping, StandardCharsets.UTF_8)) {
                mappings.addAll(FieldMapping.parse(r));
            }
        }
        mappings.addAll(FieldMapping.bundled());
        Map<InputKind, EventReader> readers = new HashMap<>();
        readers.put(InputKind.JSON, new JsonEventReader(mappings, Optional.of(WindowsEventJson::toEvent)));
        int threadCount = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        if (threadCount < 1 || threadCount > 1024) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    Cli.messages().get("hunt.badThreads", threadCount));
        }
        readers.put(InputKind.EVTX, new EvtxEventReader(threadCount, carve, Cli.locale()));

        Path temp = tempDir != null ? tempDir : Path.of(System.getProperty("java.io.tmpdir"));
        RenderOptions render = RenderOptions.defaults().withZone(zone)
                .withTimeFormat(isoTime ? TimeFormat.ISO : TimeFormat.STANDARD).withAbbreviations(!noAbbreviations);
        AttackCatalog attack = AttackCatalog.bundled();
        Messages huntMessages = Messages.load("kagami.hunt.messages", Cli.locale());
        HuntSummary summary = new HuntSummary(zone, attack);
        ReportRows rows = html != null ? new ReportRows(HtmlReport.MAX_ROWS, render) : null;

        try (Inputs.Expansion expansion = Inputs.expand(inputs, InputLimits.defaults(), temp);
             Writer timelineOut = output == null ? new NonClosing(spec.commandLine().getOut())
                     : Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
            List<TimelineSink> sinks = new ArrayList<>();
            sinks.add(jsonl ? new JsonlTimelineWriter(timelineOut, chosen, render)
                    : new CsvTimelineWriter(timelineOut, chosen, render));
            sinks.add(summary);
            if (rows != null) {
                sinks.add(rows);
            }
            Timeline timeline = new Timeline(new Timeline.Options(!unsorted, dedup, window, temp, 64L << 20), sinks);
            TimelineRecords records = new TimelineRecords(DetailsTemplates.bundled(), attack, huntRules::dates);
            long totalBytes = 0;
            for (InputSource s : expansion.sources()) {
                totalBytes += Math.max(0, s.size());
            }
            ProgressModel progress = new ProgressModel(totalBytes, expansion.sources().size(), started);
            Hunt hunt = new Hunt(huntRules, readers, window, !noChannelFilter, threadCount);
            Hunt.Outcome outcome;
            try (AutoCloseable bar = Progress.start(progress, err, Cli.stderrIsTerminal() && !noSummary)) {
                outcome = hunt.run(expansion.sources(), expansion.skipped(), timeline, records, progress, observer);
            } catch (IOException | RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IOException(e);
            }
            Timeline.Counts counts = timeline.finish();
            RunFacts facts = Hunt.facts(outcome, huntRules, counts, Duration.between(started, Instant.now()));
            SummaryReport report = summary.report(facts);
            if (html != null) {
                try (Writer w = Files.newBufferedWriter(html, StandardCharsets.UTF_8)) {
                    new HtmlReport(huntMessages, zone, attack, version()).write(report, rows, Instant.now(), w);
                }
            }
            if (navigator != null) {
                try (Writer w = Files.newBufferedWriter(navigator, StandardCharsets.UTF_8)) {
                    new NavigatorLayer(attack).write(report, huntMessages.get("report.title"),
                            String.join(", ", inputs.stream().map(Path::toString).toList()), w);
                }
            }
            if (!noSummary) {
                err.print(new SummaryText(huntMessages, Ansi.choose(Cli.colours()), zone, attack, top).render(report));
                if (outcome.correlationOverflow() > 0) {
                    err.println(Cli.messages().get("hunt.correlationOverflow", outcome.correlationOverflow()));
                }
                err.flush();
            }
            // Same contract as `kagami dump`: an input left unread or cut short by a limit is an input error (2);
            // damage the reader got past (every intact record read, the damage listed with its offset) is a
            // warning — exit 0, or 3 under --strict. The summary lists both either way.
            boolean inputErrors = facts.skipped().stream().anyMatch(s -> s.reason() == SkippedInput.Reason.UNREADABLE
                    || s.reason() == SkippedInput.Reason.LIMIT_EXCEEDED
                    || s.reason() == SkippedInput.Reason.UNKNOWN_JSON_SHAPE);
            boolean damaged = facts.skipped().stream().anyMatch(s -> s.reason() == SkippedInput.Reason.DAMAGED);
            if (failLevel.isPresent()) {
                for (Level l : Level.values()) {
                    if (l.atLeast(failLevel.get()) && report.count(l) > 0) {
                        return ExitCodes.FINDINGS;
                    }
                }
            }
            if (inputErrors) {
                return ExitCodes.INPUT_ERROR;
            }
            return damaged && strict ? ExitCodes.STRICT_WARNINGS : ExitCodes.OK;
        }
    }

    private Level level(String text) {
        return Level.parse(text).orElseThrow(() -> new CommandLine.ParameterException(spec.commandLine(),
                Cli.messages().get("rules.list.badLevel", text)));
    }

    private TimeWindow window(ZoneId zone) {
        try {
            return new TimeWindow(
                    Optional.ofNullable(timelineStart).map(t -> TimeWindow.parseInstant(t, zone)),
                    Optional.ofNullable(timelineEnd).map(t -> TimeWindow.parseInstant(t, zone)));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private HuntRules loadRules(Level min, PrintWriter err) throws IOException, SigmaException {
        List<Path> paths = new ArrayList<>();
        if (!noBundledRules) {
            BundledRules.path().ifPresent(paths::add);
        }
        if (rules.isEmpty() && !noInstalledRules) {
            Path installed = RuleStore.root().resolve(RuleStore.SIGMAHQ);
            if (Files.isDirectory(installed)) {
                paths.add(installed);
            }
        } else {
            paths.addAll(rules);
        }
        LevelTuning tuning = LevelTuning.parse(HuntContent.bundled("hunt/level-tuning.txt"));
        if (levelTuning != null) {
            tuning = tuning.and(LevelTuning.parse(Files.newBufferedReader(levelTuning, StandardCharsets.UTF_8)));
        }
        RuleExclusions exclusions = RuleExclusions.parse(HuntContent.bundled("hunt/exclude-rules.txt"));
        if (excludeRules != null) {
            exclusions = exclusions.and(RuleExclusions.parse(Files.newBufferedReader(excludeRules,
                    StandardCharsets.UTF_8)));
        }
        Set<String> statuses = excludeStatus == null ? Set.of("deprecated", "unsupported")
                : new LinkedHashSet<>(excludeStatus);
        RuleSelection selection = new RuleSelection(min, statuses, tags, excludeTags, tuning, exclusions);
        Map<String, List<String>> values = placeholders == null ? Map.of() : LoadOptions.readPlaceholders(placeholders);
        Pipeline p = pipeline == null ? Pipeline.windows() : Pipeline.load(pipeline);
        if (paths.isEmpty()) {
            return selection.select(List.of(), LoadOptions.defaults(), p);
        }
        return selection.select(paths, LoadOptions.defaults().withPlaceholders(values), p, RuleCache.standard());
    }

    static String version() {
        Properties p = new Properties();
        try (InputStream in = Kagami.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            return "unknown";
        }
        return p.getProperty("version", "unknown");
    }

    /** Lets the output writer be closed without closing the terminal's stream. */
    static final class NonClosing extends Writer {
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
