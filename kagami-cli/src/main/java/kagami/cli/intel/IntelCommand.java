package kagami.cli.intel;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import kagami.cli.Cli;
import kagami.core.i18n.Messages;
import kagami.intel.IntelMessage;
import kagami.intel.store.IntelStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kagami intel}: the indicator store and everything that reads or writes it. The work is done by
 * kagami-intel; this package parses options, prints in the user's language and picks exit codes.
 */
@Command(name = "intel",
        mixinStandardHelpOptions = true,
        subcommands = {
            InitCommand.class, ImportCommand.class, ExportCommand.class, SearchCommand.class, ListCommand.class,
            StatsCommand.class, ExpireCommand.class, PullCommand.class
        })
public final class IntelCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code --db FILE}, shared by every intel subcommand. */
    static final class DbOption {
        @Option(names = "--db", paramLabel = "FILE", descriptionKey = "intel.db")
        Path db;

        Path path() {
            return db != null ? db : IntelStore.defaultPath();
        }

        IntelStore open() throws IOException {
            return IntelStore.open(path());
        }
    }

    /** The intel texts in the chosen language. */
    static Messages text() {
        return Messages.load("kagami.cli.intel.messages", Cli.locale());
    }

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    static void warn(PrintWriter err, IntelMessage message) {
        err.println(text().get("intel.warning", message.text(Cli.locale())));
    }

    static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
