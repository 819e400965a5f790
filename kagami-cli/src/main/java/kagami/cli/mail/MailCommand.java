package kagami.cli.mail;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.core.JsonGenerator;

import kagami.cli.Cli;
import kagami.cli.ExitCodes;
import kagami.core.Verdict;
import kagami.core.i18n.Messages;
import kagami.mail.Artefact;
import kagami.mail.MailAnalyser;
import kagami.mail.MailConfig;
import kagami.mail.MailReport;
import kagami.mail.lists.MailLists;
import kagami.mail.report.HtmlReport;
import kagami.mail.report.JsonReport;
import kagami.mail.verdict.Weights;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code kagami mail}: triage of reported mails (.eml, mbox, .msg, Maildir and folders, or stdin) into clean /
 * suspicious / malicious / not fully analysed, with the weighted reasons behind each verdict.
 */
@Command(name = "mail", mixinStandardHelpOptions = true, sortOptions = false)
public final class MailCommand implements java.util.concurrent.Callable<Integer> {

    /** Output formats. */
    public enum Format { text, json, jsonl, html }

    /** Levels --fail-on accepts. */
    public enum FailOn { suspicious, malicious, incomplete }

    @Parameters(paramLabel = "PATH", arity = "1..*", descriptionKey = "mail.paths")
    List<String> paths;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", descriptionKey = "mail.format")
    Format format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", descriptionKey = "mail.output")
    Path output;

    @Option(names = "--extract", paramLabel = "DIR", descriptionKey = "mail.extract")
    Path extract;

    @Option(names = "--org", paramLabel = "FILE", descriptionKey = "mail.org")
    Path org;

    @Option(names = "--weights", paramLabel = "FILE", descriptionKey = "mail.weights")
    Path weights;

    @Option(names = "--lists", paramLabel = "DIR", descriptionKey = "mail.lists")
    Path lists;

    @Option(names = "--lures", paramLabel = "DIR", descriptionKey = "mail.lures")
    Path lures;

    @Option(names = "--password", paramLabel = "PASSWORD", descriptionKey = "mail.password")
    List<String> passwords = new ArrayList<>();

    @Option(names = "--fail-on", paramLabel = "LEVEL", descriptionKey = "mail.failOn")
    FailOn failOn;

    @Option(names = "--threads", paramLabel = "N", descriptionKey = "mail.threads")
    int threads = Runtime.getRuntime().availableProcessors();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Locale locale = Cli.locale();
        MailConfig config = MailConfig.defaults(locale);
        if (org != null) {
            MailConfig.OrganisationFile of = MailConfig.readOrganisation(org);
            config = config.withOrganisation(of.organisation()).withExtraPasswords(of.passwords());
        }
        if (weights != null) {
            config = config.withWeights(Weights.defaults().overriddenBy(weights));
        }
        if (lists != null || lures != null) {
            config = config.withLists(MailLists.load(lists, lures));
        }
        config = config.withExtraPasswords(passwords).keepingContent(extract != null);
        MailAnalyser analyser = new MailAnalyser(config);
        Messages m = Messages.load("kagami.mail.messages", locale);

        List<Path> files = new ArrayList<>();
        boolean stdin = false;
        int exit = ExitCodes.OK;
        PrintWriter err = spec.commandLine().getErr();
        for (String p : paths) {
            if (p.equals("-")) {
                stdin = true;
                continue;
            }
            Path path = Path.of(p);
            if (!Files.exists(path)) {
                err.println("kagami mail: " + Cli.messages().get("error.noSuchFile", p));
                exit = ExitCodes.INPUT_ERROR;
                continue;
            }
            files.addAll(MailAnalyser.files(path));
        }
        Writer out = output == null ? spec.commandLine().getOut()
                : new OutputStreamWriter(Files.newOutputStream(output), StandardCharsets.UTF_8);
        boolean colour = output == null && format == Format.text && System.console() != null
                && System.getenv("NO_COLOR") == null;
        TextReport text = new TextReport(m, colour);
        List<MailReport> all = new ArrayList<>();
        JsonGenerator array = format == Format.json ? JsonReport.arrayWriter(out) : null;
        if (array != null) {
            array.writeStartArray();
        }
        int[] counts = new int[Verdict.Level.values().length];
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        try {
            List<Future<List<MailReport>>> futures = new ArrayList<>();
            for (Path f : files) {
                futures.add(pool.submit(() -> {
                    List<MailReport> rs = new ArrayList<>();
                    analyser.analyseFile(f, rs::add);
                    return rs;
                }));
            }
            List<List<MailReport>> batches = new ArrayList<>();
            for (int i = 0; i < futures.size(); i++) {
                try {
                    batches.add(futures.get(i).get());
                } catch (java.util.concurrent.ExecutionException e) {
                    err.println("kagami mail: " + files.get(i) + ": " + Cli.describe(e.getCause()));
                    exit = ExitCodes.INPUT_ERROR;
                }
            }
            if (stdin) {
                List<MailReport> rs = new ArrayList<>();
                analyser.analyseStream("-", System.in, rs::add);
                batches.add(rs);
            }
            int index = 0;
            for (List<MailReport> batch : batches) {
                for (MailReport r : batch) {
                    index++;
                    counts[r.verdict().level().ordinal()]++;
                    switch (format) {
                        case text -> text.write(r, out);
                        case jsonl -> JsonReport.writeLine(r, out);
                        case json -> JsonReport.write(r, array);
                        case html -> all.add(r);
                    }
                    if (extract != null) {
                        Extraction.write(extract, index, r);
                    }
                    if (failOn != null && reaches(r, failOn) && exit == ExitCodes.OK) {
                        exit = ExitCodes.FINDINGS;
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
        if (array != null) {
            array.writeEndArray();
            array.flush();
            out.write('\n');
        }
        if (format == Format.html) {
            HtmlReport.write(all, m, out);
        }
        if (format == Format.text) {
            int total = 0;
            for (int c : counts) {
                total += c;
            }
            out.write(m.get("report.summary", total, counts[Verdict.Level.MALICIOUS.ordinal()],
                    counts[Verdict.Level.SUSPICIOUS.ordinal()], counts[Verdict.Level.NOT_FULLY_ANALYSED.ordinal()],
                    counts[Verdict.Level.CLEAN.ordinal()]) + "\n");
        }
        out.flush();
        if (output != null) {
            out.close();
        }
        return exit;
    }

    private static boolean reaches(MailReport r, FailOn f) {
        Verdict.Level l = r.verdict().level();
        return switch (f) {
            case malicious -> l == Verdict.Level.MALICIOUS || r.assessed() == Verdict.Level.MALICIOUS;
            case suspicious -> l != Verdict.Level.CLEAN;
            case incomplete -> l == Verdict.Level.NOT_FULLY_ANALYSED || l == Verdict.Level.MALICIOUS;
        };
    }

    /** Writes artefacts for analysts under names that can never execute. */
    static final class Extraction {
        private Extraction() {
        }

        static void write(Path dir, int index, MailReport r) throws IOException {
            if (r.artefacts().stream().noneMatch(a -> a.content().isPresent())) {
                return;
            }
            Path d = dir.resolve(String.format("%04d", index));
            Files.createDirectories(d);
            StringBuilder manifest = new StringBuilder();
            manifest.append("# ").append(r.file()).append('\n');
            int n = 0;
            for (Artefact a : r.artefacts()) {
                if (a.content().isEmpty()) {
                    continue;
                }
                n++;
                String safe = String.format("%03d_%s", n, defangedName(a.name()));
                Files.write(d.resolve(safe), a.content().get());
                manifest.append(safe).append('\t').append(a.sha256()).append('\t').append(a.type()).append('\t')
                        .append(a.path()).append('\n');
            }
            Files.writeString(d.resolve("MANIFEST.tsv"), manifest.toString(), StandardCharsets.UTF_8);
        }

        /**
         * A file name that keeps the original readable but cannot run: bidi controls and path characters
         * removed, every dot but the last turned into {@code _}, and {@code .bin} appended after the original
         * extension ({@code invoice.pdf.exe} → {@code invoice_pdf_exe.bin}).
         */
        static String defangedName(String name) {
            String base = name.replace('\\', '/');
            base = base.substring(base.lastIndexOf('/') + 1);
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < base.length() && sb.length() < 120; i++) {
                char c = base.charAt(i);
                if (Character.isLetterOrDigit(c) || c == '-' || c == '_') {
                    sb.append(c);
                } else {
                    sb.append('_');
                }
            }
            String s = sb.toString();
            return (s.isEmpty() ? "artefact" : s) + ".bin";
        }
    }
}
