package kagami.cli.intel;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import kagami.cli.ExitCodes;
import kagami.core.IndicatorType;
import kagami.core.Tlp;
import kagami.intel.IndicatorFilter;
import kagami.intel.IntelIndicator;
import kagami.intel.blocklist.Blocklists;
import kagami.intel.blocklist.WarningList;
import kagami.intel.csv.CsvIndicators;
import kagami.intel.loki.LokiIocs;
import kagami.intel.misp.MispEvents;
import kagami.intel.stix.StixExchange;
import kagami.intel.store.IntelStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code kagami intel export --format F}: exchange formats and blocklists, with filters. */
@Command(name = "export", mixinStandardHelpOptions = true)
final class ExportCommand extends IntelSubcommand {
    static final List<String> FORMATS = List.of("stix", "misp", "misp-feed", "csv", "loki", "hosts", "rpz",
            "domains", "ips", "nftables", "iptables", "ip6tables", "suricata", "edl");

    @Mixin
    IntelCommand.DbOption db;

    @Option(names = {"-f", "--format"}, required = true, paramLabel = "FORMAT", descriptionKey = "intel.export.format")
    String format;

    @Option(names = {"-o", "--output"}, paramLabel = "PATH", descriptionKey = "intel.export.output")
    Path output;

    @Option(names = "--types", paramLabel = "TYPE,...", split = ",", descriptionKey = "intel.export.types",
            converter = ImportCommand.TypeConverter.class)
    List<IndicatorType> types;

    @Option(names = "--max-tlp", paramLabel = "TLP", descriptionKey = "intel.export.maxTlp",
            converter = ImportCommand.TlpConverter.class)
    Tlp maxTlp = Tlp.RED;

    @Option(names = "--min-confidence", paramLabel = "N", descriptionKey = "intel.export.minConfidence")
    Integer minConfidence;

    @Option(names = "--since", paramLabel = "DATE", descriptionKey = "intel.export.since")
    String since;

    @Option(names = "--include-expired", descriptionKey = "intel.export.includeExpired")
    boolean includeExpired;

    @Option(names = "--no-context", descriptionKey = "intel.export.noContext")
    boolean noContext;

    @Option(names = "--force", descriptionKey = "intel.export.force")
    boolean force;

    @Option(names = "--edl-type", paramLabel = "domain|ip|url", descriptionKey = "intel.export.edlType")
    Blocklists.EdlKind edlKind = Blocklists.EdlKind.DOMAIN;

    @Option(names = "--serial", paramLabel = "N", descriptionKey = "intel.export.serial")
    Long serial;

    @Override
    Integer execute() throws Exception {
        var t = IntelCommand.text();
        String f = format.toLowerCase(Locale.ROOT);
        if (!FORMATS.contains(f)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    t.get("intel.error.format", format, String.join(", ", FORMATS)));
        }
        if ((f.equals("misp-feed") || f.equals("loki")) && output == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), t.get("intel.error.needsFolder", f));
        }
        if (minConfidence != null && (minConfidence < 0 || minConfidence > 100)) {
            throw new CommandLine.ParameterException(spec.commandLine(), t.get("intel.error.confidence"));
        }
        Blocklists.Format blocklist = Blocklists.Format.parse(f).orElse(null);
        IndicatorFilter filter = IndicatorFilter.all().withMaxTlp(maxTlp);
        if (types != null) {
            filter = filter.withTypes(EnumSet.copyOf(types));
        }
        if (minConfidence != null) {
            filter = filter.withMinConfidence(minConfidence);
        }
        if (since != null) {
            filter = filter.withModifiedSince(parseSince(since));
        }
        Instant now = Instant.now();
        if (!includeExpired) {
            filter = filter.withActiveAt(now);
        }
        if (noContext || blocklist != null) {
            filter = filter.withContext(false);
        }
        PrintWriter err = spec.commandLine().getErr();
        String where = output == null ? "-" : output.toString();
        try (IntelStore store = db.open()) {
            List<IntelIndicator> indicators = store.indicators(filter);
            if (blocklist != null) {
                WarningList w = WarningList.loadDefault();
                Blocklists.Options o = Blocklists.Options.defaults(w).withForce(force).withEdlKind(edlKind)
                        .withSerial(serial != null ? serial : Long.parseLong(DateTimeFormatter.ofPattern("yyyyMMddHH")
                                .withZone(ZoneOffset.UTC).format(now)));
                Blocklists.Result r;
                try (Writer wr = writer()) {
                    r = Blocklists.write(blocklist, indicators, o, wr);
                }
                err.println(t.get("intel.export.done", r.entries(), f, where));
                if (r.warningListed() > 0) {
                    err.println(t.get("intel.export.warningListed", r.warningListed()));
                    for (Blocklists.LeftOut l : r.leftOut()) {
                        err.println("  " + l.observable().value() + " (" + l.entry().value() + ": "
                                + l.entry().why(kagami.cli.Cli.locale()) + ")");
                    }
                }
                if (r.notApplicable() > 0) {
                    err.println(t.get("intel.export.notApplicable", r.notApplicable()));
                }
                return ExitCodes.OK;
            }
            int n;
            switch (f) {
                case "stix" -> {
                    Set<String> ids = new HashSet<>();
                    indicators.forEach(i -> ids.add(i.id()));
                    try (OutputStream os = stream()) {
                        n = StixExchange.write(store, ids, maxTlp, os, null, true);
                    }
                }
                case "misp", "misp-feed" -> {
                    var event = MispEvents.event(indicators, store, maxTlp, MispEvents.eventUuid(store.path()
                            .toAbsolutePath().toString()), "Kagami indicator export", now);
                    if (f.equals("misp-feed")) {
                        MispEvents.writeFeed(event, output);
                    } else {
                        try (OutputStream os = stream()) {
                            MispEvents.write(event, os);
                        }
                    }
                    n = event.path("Event").path("Attribute").size();
                    for (var o : event.path("Event").path("Object")) {
                        n += o.path("Attribute").size();
                    }
                }
                case "loki" -> {
                    LokiIocs.write(indicators, output, "Kagami indicator export (Loki / THOR IoC format)");
                    LokiIocs.Files3 l = LokiIocs.lines(indicators);
                    n = l.hashes().size() + l.filenames().size() + l.c2().size();
                }
                default -> {
                    try (Writer wr = writer()) {
                        n = CsvIndicators.write(indicators, wr);
                    }
                }
            }
            err.println(t.get("intel.export.done", n, f, where));
        }
        return ExitCodes.OK;
    }

    static Instant parseSince(String s) {
        try {
            return CsvIndicators.parseDate(s);
        } catch (RuntimeException e) {
            if (s.matches("\\d+d")) {
                return Instant.now().minus(java.time.Duration.ofDays(Long.parseLong(s.substring(0, s.length() - 1))));
            }
            throw new CommandLine.TypeConversionException(IntelCommand.text().get("intel.error.date", s));
        }
    }

    private OutputStream stream() throws IOException {
        if (output == null) {
            return new FilterStdout(spec.commandLine().getOut());
        }
        Path parent = output.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        return Files.newOutputStream(output);
    }

    private Writer writer() throws IOException {
        return new OutputStreamWriter(stream(), StandardCharsets.UTF_8);
    }

    /** Writes bytes through the command's out writer (tests capture it), never closing it. */
    private static final class FilterStdout extends OutputStream {
        private final PrintWriter out;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

        FilterStdout(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void write(int b) {
            buffer.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            buffer.write(b, off, len);
            if (buffer.size() > 1 << 20) {
                flush();
            }
        }

        @Override
        public void flush() {
            // Split only at a newline so a multi-byte UTF-8 character is never cut.
            byte[] all = buffer.toByteArray();
            int cut = all.length;
            while (cut > 0 && all[cut - 1] != '\n') {
                cut--;
            }
            out.write(new String(all, 0, cut, StandardCharsets.UTF_8));
            out.flush();
            buffer.reset();
            buffer.write(all, cut, all.length - cut);
        }

        @Override
        public void close() {
            byte[] rest = buffer.toByteArray();
            out.write(new String(rest, StandardCharsets.UTF_8));
            out.flush();
            buffer.reset();
        }
    }
}
