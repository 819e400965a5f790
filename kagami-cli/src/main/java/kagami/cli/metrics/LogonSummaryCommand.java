package kagami.cli.metrics;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Callable;

import kagami.cli.Cli;
import kagami.core.i18n.Messages;
import kagami.hunt.input.SkippedInput;
import kagami.hunt.metrics.LogonSummary;
import kagami.hunt.metrics.MetricsText;
import kagami.hunt.summary.Highlighter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kagami logon-summary}: successful and failed logons, explicit-credential logons, session reconnects and
 * RDP logons, per account, computer and source, with counts and first/last times.
 */
@Command(name = "logon-summary", mixinStandardHelpOptions = true, resourceBundle = "kagami.cli.usage")
public final class LogonSummaryCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;
    @Parameters(arity = "1..*", paramLabel = "PATH", descriptionKey = "metrics.paths")
    List<Path> inputs;
    @Option(names = {"-U", "--utc"}, descriptionKey = "hunt.utc")
    boolean utc;

    @Override
    public Integer call() throws IOException {
        LogonSummary logons = new LogonSummary();
        List<SkippedInput> skipped = EventSources.readAll(inputs, logons);
        ZoneId zone = utc ? ZoneOffset.UTC : ZoneId.systemDefault();
        PrintWriter out = spec.commandLine().getOut();
        out.print(new MetricsText(Messages.load("kagami.hunt.messages", Cli.locale()), Highlighter.PLAIN, zone)
                .render(logons));
        return MetricsCommand.report(skipped, spec.commandLine().getErr());
    }
}
