package kagami.cli.intel;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import kagami.cli.Cli;
import kagami.cli.ExitCodes;
import kagami.core.IndicatorType;
import kagami.core.Tlp;
import kagami.intel.IntelFormatException;
import kagami.intel.IntelMessage;
import kagami.intel.IntelReader;
import kagami.intel.blocklist.PlainLists;
import kagami.intel.csv.CsvIndicators;
import kagami.intel.loki.LokiIocs;
import kagami.intel.misp.MispEvents;
import kagami.intel.stix.StixExchange;
import kagami.intel.store.IntelStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kagami intel import FILE...}: each file is one transaction — wholly imported or, at the first bad record,
 * not at all (unless {@code --continue-on-error}).
 */
@Command(name = "import", mixinStandardHelpOptions = true)
final class ImportCommand extends IntelSubcommand {
    enum Format { AUTO, STIX, MISP, MISP_FEED, CSV, LOKI, LIST }

    @Mixin
    IntelCommand.DbOption db;

    @Parameters(paramLabel = "FILE", arity = "1..*", descriptionKey = "intel.import.files")
    List<Path> files;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", descriptionKey = "intel.import.format",
            converter = FormatConverter.class)
    Format format = Format.AUTO;

    @Option(names = "--tlp", paramLabel = "TLP", descriptionKey = "intel.import.tlp", converter = TlpConverter.class)
    Tlp tlp = Tlp.AMBER;

    @Option(names = "--continue-on-error", descriptionKey = "intel.import.continueOnError")
    boolean continueOnError;

    @Option(names = "--type", paramLabel = "TYPE", descriptionKey = "intel.import.type",
            converter = TypeConverter.class)
    IndicatorType type;

    @Option(names = "--columns", paramLabel = "FIELD=COLUMN,...", descriptionKey = "intel.import.columns")
    String columns;

    @Option(names = "--delimiter", paramLabel = "CHAR", descriptionKey = "intel.import.delimiter")
    String delimiter = ",";

    @Override
    Integer execute() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        var t = IntelCommand.text();
        Map<CsvIndicators.Field, String> mapping = Map.of();
        if (columns != null) {
            try {
                mapping = CsvIndicators.ColumnMapping.parseSpec(columns, "--columns");
            } catch (IntelFormatException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.describe(Cli.locale()));
            }
        }
        char delim = switch (delimiter) {
            case "\\t", "tab", "\t" -> '\t';
            default -> {
                if (delimiter.length() != 1) {
                    throw new CommandLine.ParameterException(spec.commandLine(),
                            t.get("intel.error.delimiter", delimiter));
                }
                yield delimiter.charAt(0);
            }
        };
        int code = ExitCodes.OK;
        IntelStore.ImportOptions options = IntelStore.ImportOptions.defaults().withDefaultTlp(tlp)
                .withContinueOnError(continueOnError);
        try (IntelStore store = db.open()) {
            for (Path file : files) {
                if (!Files.exists(file)) {
                    err.println("kagami: " + t.get("intel.error.noFile", file));
                    code = ExitCodes.INPUT_ERROR;
                    continue;
                }
                Format f = format == Format.AUTO ? detect(file) : format;
                try {
                    IntelStore.ImportResult r = importFile(store, file, f, options, mapping, delim);
                    for (IntelMessage w : r.warnings()) {
                        IntelCommand.warn(err, w);
                    }
                    for (IntelFormatException e : r.errors()) {
                        err.println("kagami: " + t.get("intel.import.skippedRecord", e.describe(Cli.locale())));
                    }
                    out.println(t.get("intel.import.done", file, IntelCommand.lower(f), r.objects(), r.added(),
                            r.updated(), r.unchanged(), r.indicators()));
                    if (!r.errors().isEmpty()) {
                        err.println("kagami: " + t.get("intel.import.skipped", r.errors().size()));
                        code = ExitCodes.INPUT_ERROR;
                    }
                } catch (IntelFormatException e) {
                    err.println("kagami: " + e.describe(Cli.locale()));
                    err.println("kagami: " + t.get("intel.import.rolledBack", file));
                    code = ExitCodes.INPUT_ERROR;
                }
            }
        }
        return code;
    }

    private IntelStore.ImportResult importFile(IntelStore store, Path file, Format f, IntelStore.ImportOptions options,
                                               Map<CsvIndicators.Field, String> mapping, char delim)
            throws IOException {
        Instant now = Instant.now();
        String name = file.toString();
        String fmt = f.name().toLowerCase(Locale.ROOT).replace('_', '-');
        if (f == Format.MISP_FEED) {
            return store.importFrom(name, fmt, options, MispEvents.feedReader(file, now));
        }
        if (f == Format.LOKI) {
            return store.importFrom(name, fmt, options, LokiIocs.reader(file, now));
        }
        try (InputStream in = Files.newInputStream(file)) {
            IntelReader reader = switch (f) {
                case STIX -> StixExchange.reader(in, file.getFileName().toString());
                case MISP -> MispEvents.reader(in, file.getFileName().toString(), now);
                case CSV -> CsvIndicators.reader(new BufferedReader(new java.io.InputStreamReader(in,
                        StandardCharsets.UTF_8)), file.getFileName().toString(), mapping, Optional.ofNullable(type),
                        delim, now);
                default -> PlainLists.reader(new BufferedReader(new java.io.InputStreamReader(in,
                        StandardCharsets.UTF_8)), file.getFileName().toString(), Optional.ofNullable(type), now);
            };
            return store.importFrom(name, fmt, options, reader);
        }
    }

    /** The format of a file from its name and first bytes. */
    static Format detect(Path file) throws IOException {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (Files.isDirectory(file)) {
            if (Files.exists(file.resolve("manifest.json"))) {
                return Format.MISP_FEED;
            }
            return Format.LOKI;
        }
        if (LokiIocs.kindOf(file).isPresent() && n.endsWith(".txt")) {
            return Format.LOKI;
        }
        if (n.endsWith(".csv") || n.endsWith(".tsv")) {
            return Format.CSV;
        }
        byte[] head = new byte[4096];
        int len;
        try (InputStream in = Files.newInputStream(file)) {
            len = in.readNBytes(head, 0, head.length);
        }
        String s = new String(head, 0, len, StandardCharsets.UTF_8).stripLeading();
        if (s.startsWith("{") || s.startsWith("[")) {
            return s.contains("\"Event\"") || s.contains("\"Attribute\"") ? Format.MISP : Format.STIX;
        }
        return Format.LIST;
    }

    static final class FormatConverter implements CommandLine.ITypeConverter<Format> {
        @Override
        public Format convert(String value) {
            try {
                return Format.valueOf(value.toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(IntelCommand.text().get("intel.error.format", value,
                        "auto, stix, misp, misp-feed, csv, loki, list"));
            }
        }
    }

    static final class TlpConverter implements CommandLine.ITypeConverter<Tlp> {
        @Override
        public Tlp convert(String value) {
            return Tlp.parse(value).orElseThrow(() -> new CommandLine.TypeConversionException(
                    IntelCommand.text().get("intel.error.tlp", value)));
        }
    }

    static final class TypeConverter implements CommandLine.ITypeConverter<IndicatorType> {
        @Override
        public IndicatorType convert(String value) {
            try {
                return IndicatorType.valueOf(value.toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                List<String> names = new ArrayList<>();
                for (IndicatorType t : IndicatorType.values()) {
                    names.add(IntelCommand.lower(t));
                }
                throw new CommandLine.TypeConversionException(IntelCommand.text().get("intel.error.type", value,
                        String.join(", ", names)));
            }
        }
    }
}
