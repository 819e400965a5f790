package kagami.cli.dump;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import kagami.cli.Cli;
import kagami.cli.ExitCodes;
import kagami.core.i18n.Messages;
import kagami.evtx.EvtxFormatException;
import kagami.evtx.EvtxOptions;
import kagami.evtx.EvtxReader;
import kagami.evtx.EvtxRecord;
import kagami.evtx.EvtxWarning;
import kagami.evtx.JsonStyle;
import kagami.evtx.render.Utf8Output;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kagami dump}: EVTX files to JSON lines, a JSON array or XML, fast and without giving up on damaged
 * files. Chunks are parsed and rendered on worker threads (with one thread, on the calling thread) and written on a
 * writer thread of their own; records come out in file order.
 */
@Command(name = "dump", mixinStandardHelpOptions = true, sortOptions = false)
public final class DumpCommand implements Callable<Integer> {
    private static final String BUNDLE = "kagami.cli.dump.messages";
    /**
     * Output buffers handed from the workers to the writer thread and back: a few per thread in flight and a few
     * queued for writing, so a run allocates no output memory once they have grown to the largest chunk.
     */
    private final java.util.concurrent.ConcurrentLinkedQueue<Utf8Output> buffers = new java.util.concurrent.ConcurrentLinkedQueue<>();

    @Parameters(arity = "1..*", paramLabel = "FILE|DIR", descriptionKey = "dump.inputs")
    List<Path> inputs;

    @Option(names = "--format", paramLabel = "jsonl|json|xml", descriptionKey = "dump.format")
    DumpFormat format = DumpFormat.JSONL;

    @Option(names = "--threads", paramLabel = "N", descriptionKey = "dump.threads")
    Integer threads;

    @Option(names = "--separate-attributes", descriptionKey = "dump.separateAttributes")
    boolean separateAttributes;

    @Option(names = "--carve", descriptionKey = "dump.carve")
    boolean carve;

    @Option(names = "--validate-checksums", descriptionKey = "dump.validateChecksums")
    boolean validateChecksums;

    @Option(names = "--strict", descriptionKey = "dump.strict")
    boolean strict;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT", descriptionKey = "dump.output")
    Path output;

    @Spec
    CommandSpec spec;

    private Messages messages;
    private PrintWriter err;
    private Progress progress;
    private long warnings;

    @Override
    public Integer call() throws IOException {
        int threadCount = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (threadCount < 1 || threadCount > 1024) {
            throw new ParameterException(spec.commandLine(), message("dump.error.threads", threadCount));
        }
        messages = Messages.load(BUNDLE, Cli.locale());
        err = spec.commandLine().getErr();
        long started = System.nanoTime();

        InputFiles in = InputFiles.resolve(inputs);
        boolean inputError = false;
        for (InputFiles.Problem p : in.problems) {
            error(message(p.messageKey(), p.path(), p.detail()));
            inputError = true;
        }
        if (output != null && writesOverAnInput(in)) {
            error(message("dump.error.outputIsInput", output));
            return ExitCodes.INPUT_ERROR;
        }
        long totalBytes = 0;
        for (Path p : in.evtx) {
            totalBytes += sizeOf(p);
        }
        if (Cli.stderrIsTerminal()) {
            progress = new Progress(err, totalBytes);
        }
        EvtxOptions options = EvtxOptions.defaults().withThreads(threadCount).withCarve(carve)
                .withValidateChecksums(validateChecksums).withWarnings(this::warn);
        Totals totals = new Totals();
        try (OutputStream out = open(); RecordSink sink = new RecordSink(out, format, buffers::offer)) {
            sink.begin();
            for (Path file : in.evtx) {
                if (!read(file, options, sink, totals)) {
                    inputError = true;
                }
            }
            sink.end();
        } catch (OutputFailure e) {
            if (progress != null) {
                progress.clear();
            }
            if (isBrokenPipe(e.getCause())) {
                return inputError ? ExitCodes.INPUT_ERROR : ExitCodes.OK;
            }
            error(message("dump.error.output", e.getCause().getMessage()));
            return ExitCodes.INPUT_ERROR;
        }
        if (progress != null) {
            progress.clear();
        }
        double seconds = Math.max(1e-9, (System.nanoTime() - started) / 1e9);
        err.println(message("dump.summary", totals.files, totals.records, totals.recovered, warnings,
                String.format(Locale.ROOT, "%.2f", seconds), String.format(Locale.ROOT, "%.1f", totals.bytes / 1e6 / seconds)));
        err.flush();
        if (inputError) {
            return ExitCodes.INPUT_ERROR;
        }
        return strict && warnings > 0 ? ExitCodes.STRICT_WARNINGS : ExitCodes.OK;
    }

    /** Totals over the files of a run. */
    private static final class Totals {
        long files;
        long records;
        long recovered;
        long bytes;
    }

    /** Reads one file into the sink; false when it could not be read at all. */
    private boolean read(Path file, EvtxOptions options, RecordSink sink, Totals totals) {
        long doneBefore = totals.bytes;
        try (EvtxReader reader = EvtxReader.open(file, options)) {
            JsonStyle style = separateAttributes ? JsonStyle.SEPARATE_ATTRIBUTES : JsonStyle.NESTED_ATTRIBUTES;
            reader.mapChunks(records -> render(records, style), rendered -> {
                sink.chunk(rendered);
                if (progress != null) {
                    long done = doneBefore + Math.min(reader.fileSize(), 4096L + 65536L * reader.chunksRead());
                    progress.update(done, totals.records + reader.recordCount());
                }
            });
            totals.files++;
            totals.records += reader.recordCount();
            totals.recovered += reader.recoveredCount();
            totals.bytes += reader.fileSize();
            return true;
        } catch (EvtxFormatException e) {
            error(message(e.reason() == EvtxFormatException.Reason.NOT_EVTX ? "dump.error.notEvtx" : "dump.error.truncated",
                    file, e.offset()));
            return false;
        } catch (OutputFailure e) {
            throw e;
        } catch (IOException | UncheckedIOException e) {
            error(message("dump.error.unreadable", file, e.getMessage()));
            return false;
        }
    }

    /** One chunk's records, rendered on a worker thread. */
    private Utf8Output render(List<EvtxRecord> records, JsonStyle style) {
        Utf8Output o = buffers.poll();
        if (o == null) {
            o = new Utf8Output(256 * 1024);
        }
        o.reset();
        try {
            boolean first = true;
            for (EvtxRecord r : records) {
                switch (format) {
                    case XML:
                        if (r.recovered()) {
                            o.ascii("<!-- recovered record, file offset " + r.fileOffset() + " -->\n");
                        }
                        r.writeXml(o);
                        o.write('\n');
                        break;
                    case JSON:
                        if (!first) {
                            o.ascii(",\n");
                        }
                        json(r, style, o);
                        break;
                    default:
                        json(r, style, o);
                        o.write('\n');
                }
                first = false;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return o;
    }

    /** A record's JSON; a recovered one gets a {@code "#recovered"} member beside {@code "Event"}. */
    private static void json(EvtxRecord r, JsonStyle style, Utf8Output o) throws IOException {
        r.writeJson(o, style);
        if (r.recovered()) {
            o.truncate(o.size() - 1);
            o.ascii(",\"#recovered\":{\"offset\":" + r.fileOffset() + "}}");
        }
    }

    /**
     * Writes the records with the separators of the format, through an {@link OutputWriter} (its own thread); the
     * rendered buffers go back to {@code reuse} once written.
     */
    private static final class RecordSink implements AutoCloseable {
        private static final byte[] ARRAY_START = "[\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        private static final byte[] SEPARATOR = ",\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

        private final OutputWriter writer;
        private final DumpFormat format;
        private final java.util.function.Consumer<Utf8Output> reuse;
        private boolean any;

        RecordSink(OutputStream out, DumpFormat format, java.util.function.Consumer<Utf8Output> reuse) {
            this.writer = new OutputWriter(out, reuse);
            this.format = format;
            this.reuse = reuse;
        }

        void begin() {
            if (format == DumpFormat.JSON) {
                write(ARRAY_START, null);
            }
        }

        /** Takes {@code rendered} over: it is written, then handed to {@code reuse}. */
        void chunk(Utf8Output rendered) {
            if (rendered.size() == 0) {
                reuse.accept(rendered);
                return;
            }
            write(format == DumpFormat.JSON && any ? SEPARATOR : null, rendered);
            any = true;
        }

        void end() {
            if (format == DumpFormat.JSON) {
                write((any ? "\n]\n" : "]\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII), null);
            }
            try {
                writer.finish();
            } catch (IOException e) {
                throw new OutputFailure(e);
            }
        }

        private void write(byte[] before, Utf8Output body) {
            try {
                writer.write(before, body);
            } catch (IOException e) {
                throw new OutputFailure(e);
            }
        }

        @Override
        public void close() {
            try {
                writer.close();
            } catch (IOException e) {
                throw new OutputFailure(e);
            }
        }
    }

    /** The output could not be written (disk full, closed pipe): not a problem of the inputs. */
    private static final class OutputFailure extends UncheckedIOException {
        private static final long serialVersionUID = 1L;

        OutputFailure(IOException cause) {
            super(cause);
        }
    }

    /**
     * The output. Records arrive a chunk at a time (about 100 KiB each), so they go straight to the file or pipe
     * without another buffer; the small separators between them are buffered.
     */
    private OutputStream open() throws IOException {
        if (output == null) {
            return new BufferedOutputStream(Cli.stdoutBytes(spec.commandLine().getOut()), 64 * 1024) {
                @Override
                public void close() throws IOException {
                    flush();
                }
            };
        }
        return new BufferedOutputStream(Files.newOutputStream(output), 64 * 1024);
    }

    private boolean writesOverAnInput(InputFiles in) {
        if (!Files.exists(output)) {
            return false;
        }
        for (Path p : in.evtx) {
            try {
                if (Files.isSameFile(p, output)) {
                    return true;
                }
            } catch (IOException e) {
                // unreadable input: reported when it is read
            }
        }
        return false;
    }

    private static long sizeOf(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }

    private static boolean isBrokenPipe(IOException e) {
        String m = e.getMessage();
        return m != null && (m.contains("Broken pipe") || m.contains("Stream closed"));
    }

    private void warn(EvtxWarning w) {
        warnings++;
        if (progress != null) {
            progress.clear();
        }
        err.println(message("dump.warning", w.message(Cli.locale())));
    }

    private void error(String line) {
        if (progress != null) {
            progress.clear();
        }
        err.println("kagami: " + line);
        err.flush();
    }

    private String message(String key, Object... args) {
        Messages m = messages != null ? messages : Messages.load(BUNDLE, Cli.locale());
        return m.get(key, args);
    }
}
