package kagami.cli.intel;

import java.util.concurrent.Callable;

import kagami.cli.Cli;
import kagami.cli.ExitCodes;
import kagami.intel.IntelException;
import picocli.CommandLine;

/**
 * What every {@code kagami intel} subcommand shares: an error of the indicator engine (a bad input, a store that
 * cannot be opened, a TAXII server that refuses) is one line in the user's language and exit code 2.
 */
abstract class IntelSubcommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public final Integer call() throws Exception {
        try {
            return execute();
        } catch (IntelException e) {
            spec.commandLine().getErr().println("kagami: " + e.describe(Cli.locale()));
            if (System.getenv("KAGAMI_DEBUG") != null) {
                e.printStackTrace(spec.commandLine().getErr());
            }
            return ExitCodes.INPUT_ERROR;
        }
    }

    /** The subcommand's work; returns the exit code. */
    abstract Integer execute() throws Exception;
}
