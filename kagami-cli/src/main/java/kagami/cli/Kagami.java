package kagami.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.UnsupportedEncodingException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;
import java.util.ResourceBundle;

import kagami.core.i18n.Messages;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code kagami} command. Subcommands live in packages named after what they do ({@code kagami.cli.dump} ...);
 * this class only wires them, picks the language and maps failures to {@link ExitCodes}.
 */
@Command(name = "kagami",
        mixinStandardHelpOptions = true,
        versionProvider = Kagami.Version.class,
        resourceBundle = "kagami.cli.usage",
        subcommands = {
            CommandLine.HelpCommand.class,
            kagami.cli.rules.RulesCommand.class,
            kagami.cli.hunt.HuntCommand.class,
            kagami.cli.dump.DumpCommand.class,
            kagami.cli.metrics.MetricsCommand.class,
            kagami.cli.metrics.LogonSummaryCommand.class,
            kagami.cli.mail.MailCommand.class,
            kagami.cli.intel.IntelCommand.class,
            kagami.cli.demo.DemoCommand.class,
        })
public final class Kagami implements Runnable {

    @Option(names = "--lang", paramLabel = "ja|en", scope = CommandLine.ScopeType.INHERIT,
            descriptionKey = "lang")
    String lang;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        Cli.processStdout(out, new java.io.FileOutputStream(java.io.FileDescriptor.out));
        System.exit(run(args, out, new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true)));
    }

    /** Runs the CLI with the given streams; returns the exit code. Used by {@link #main} and by tests. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        Locale locale;
        try {
            locale = Messages.resolve(languageArgument(args));
        } catch (IllegalArgumentException e) {
            err.println("kagami: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        Cli.setLocale(locale);
        CommandLine cmd = new CommandLine(new Kagami());
        cmd.setResourceBundle(ResourceBundle.getBundle("kagami.cli.usage",
                "ja".equals(locale.getLanguage()) ? Locale.JAPANESE : Locale.ROOT,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES)));
        cmd.setOut(out);
        cmd.setErr(err);
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        cmd.setParameterExceptionHandler((ex, a) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("kagami: " + ex.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, c.getErr());
            c.getErr().println(Cli.messages().get("usage.hint", c.getCommandSpec().qualifiedName()));
            return ExitCodes.USAGE;
        });
        cmd.setExecutionExceptionHandler((ex, c, parsed) -> {
            c.getErr().println("kagami: " + Cli.describe(ex));
            if (System.getenv("KAGAMI_DEBUG") != null) {
                ex.printStackTrace(c.getErr());
            }
            return ex instanceof IOException || ex instanceof UncheckedIOException
                    ? ExitCodes.INPUT_ERROR : ExitCodes.INTERNAL;
        });
        // picocli shows the help and exits 0 when --help comes with words it does not know ("kagami hnut --help");
        // a misspelt command must fail like any other bad command line, so unmatched words are checked first.
        cmd.setExecutionStrategy(parsed -> {
            for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
                if (!p.unmatched().isEmpty()) {
                    throw new CommandLine.UnmatchedArgumentException(p.commandSpec().commandLine(), p.unmatched());
                }
            }
            return new CommandLine.RunLast().execute(parsed);
        });
        int code = cmd.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** The value of {@code --lang} if present, found before picocli parses, so help texts are localised too. */
    private static String languageArgument(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--lang") && i + 1 < args.length) {
                return args[i + 1];
            }
            if (args[i].startsWith("--lang=")) {
                return args[i].substring("--lang=".length());
            }
            if (args[i].equals("--")) {
                break;
            }
        }
        return null;
    }

    /** Reads the version Maven wrote into {@code version.properties}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties p = new Properties();
            try (InputStream in = Kagami.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            }
            return new String[] {
                "kagami " + p.getProperty("version", "unknown"),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"
            };
        }
    }
}
