package kagami.cli.rules;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import kagami.cli.Cli;
import kagami.cli.ExitCodes;
import kagami.hunt.rules.RulePackageInstaller;
import kagami.hunt.rules.RuleStore;
import kagami.sigma.LoadError;
import kagami.sigma.LoadOptions;
import kagami.sigma.RuleSet;
import kagami.sigma.SigmaRules;
import kagami.sigma.compile.CompiledRuleSet;
import kagami.sigma.logsource.Pipeline;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kagami rules update --from DIR|ZIP|URL}: installs a SigmaHQ release package (or any Sigma rule folder or
 * zip) into the user's rule store, where {@code kagami hunt} finds it. The package is loaded and compiled before it
 * replaces the installed one; rules that do not load are listed.
 */
@Command(name = "update", mixinStandardHelpOptions = true, resourceBundle = "kagami.cli.usage")
public final class RulesUpdateCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;
    @Option(names = "--from", required = true, paramLabel = "DIR|ZIP|URL", descriptionKey = "rules.update.from")
    String from;
    @Option(names = "--store", paramLabel = "DIR", descriptionKey = "rules.update.store")
    Path store;
    @Option(names = "--name", defaultValue = RuleStore.SIGMAHQ, paramLabel = "NAME", descriptionKey = "rules.update.name")
    String name;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path root = store != null ? store : RuleStore.root();
        int[] counts = new int[3];
        java.util.concurrent.atomic.AtomicReference<List<LoadError>> problems =
                new java.util.concurrent.atomic.AtomicReference<>(List.of());
        RulePackageInstaller installer = new RulePackageInstaller(root, RulePackageInstaller.Limits.defaults());
        RulePackageInstaller.Report report;
        try {
            report = installer.install(from, name, staged -> {
                RuleSet rules = SigmaRules.load(List.of(staged), LoadOptions.defaults());
                CompiledRuleSet compiled = rules.compile(Pipeline.windows());
                problems.set(rules.allErrors(compiled));
                counts[0] = compiled.ruleCount() + compiled.correlations().size();
                counts[1] = problems.get().size();
                counts[2] = compiled.inactiveRules().size();
                if (counts[0] == 0) {
                    throw new RulePackageInstaller.PackageException(Cli.messages().get("rules.update.noRules", from));
                }
            });
        } catch (RulePackageInstaller.PackageException | kagami.core.io.LimitExceededException e) {
            err.println("kagami: " + Cli.messages().get("rules.update.rejected", from, e.getMessage()));
            return ExitCodes.INPUT_ERROR;
        }
        for (LoadError e : problems.get()) {
            err.println(Cli.messages().get("rules.update.ruleFailed", e.toString()));
        }
        out.println(Cli.messages().get("rules.update.done", report.files(), report.installedAt(), counts[0],
                counts[1], counts[2]));
        if (!report.sha256().isEmpty()) {
            out.println("sha256: " + report.sha256());
        }
        out.flush();
        return ExitCodes.OK;
    }
}
