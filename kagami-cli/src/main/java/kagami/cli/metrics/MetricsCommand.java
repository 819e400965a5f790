package kagami.cli.metrics;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Callable;

import kagami.cli.Cli;
import kagami.cli.ExitCodes;
import kagami.core.i18n.Messages;
import kagami.hunt.FieldValues;
import kagami.hunt.input.SkippedInput;
import kagami.hunt.metrics.EventMetrics;
import kagami.hunt.metrics.MetricsText;
import kagami.hunt.summary.Highlighter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kagami metrics}: what a collection of event logs holds, per channel, event id, computer and input. */
@Command(name = "metrics", mixinStandardHelpOptions = true, resourceBundle = "kagami.cli.usage")
public final class MetricsCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;
    @Parameters(arity = "1..*", paramLabel = "PATH", descriptionKey = "metrics.paths")
    List<Path> inputs;
    @Option(names = "--top", defaultValue = "30", paramLabel = "N", descriptionKey = "metrics.top")
    int top;
    @Option(names = {"-U", "--utc"}, descriptionKey = "hunt.utc")
    boolean utc;

    @Override
    public Integer call() throws IOException {
        EventMetrics metrics = new EventMetrics();
        List<SkippedInput> skipped = EventSources.readAll(inputs, metrics);
        ZoneId zone = utc ? ZoneOffset.UTC : ZoneId.systemDefault();
        PrintWriter out = spec.commandLine().getOut();
        out.print(new MetricsText(Messages.load("kagami.hunt.messages", Cli.locale()), Highlighter.PLAIN, zone)
                .render(metrics.report(), top));
        return report(skipped, spec.commandLine().getErr());
    }

    /** Lists what could not be read on stderr; the exit code says whether anything was. */
    static int report(List<SkippedInput> skipped, PrintWriter err) {
        Messages m = Messages.load("kagami.hunt.messages", Cli.locale());
        boolean errors = false;
        for (SkippedInput s : skipped) {
            if (s.reason() == SkippedInput.Reason.UNKNOWN_FORMAT || !s.incomplete()) {
                continue;
            }
            errors = true;
            err.println(FieldValues.oneLine(s.name()) + ": " + m.get("skip." + s.reason().name())
                    + (s.detail().isEmpty() ? "" : " (" + FieldValues.oneLine(s.detail()) + ")"));
        }
        err.flush();
        return errors ? ExitCodes.INPUT_ERROR : ExitCodes.OK;
    }
}
