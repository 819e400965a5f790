package kagami.cli.intel;

import java.io.PrintWriter;
import java.time.Instant;

import kagami.cli.ExitCodes;
import kagami.intel.pack.ContentPacks;
import kagami.intel.store.IntelStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code kagami intel init}: creates the store (or brings its schema up to date) and loads the shipped packs. */
@Command(name = "init", mixinStandardHelpOptions = true)
final class InitCommand extends IntelSubcommand {
    @Mixin
    IntelCommand.DbOption db;

    @Option(names = "--no-pack", descriptionKey = "intel.init.noPack")
    boolean noPack;

    @Override
    Integer execute() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        var t = IntelCommand.text();
        try (IntelStore store = db.open()) {
            out.println(t.get("intel.init.created", db.path(), store.schemaVersion()));
            if (!noPack) {
                for (String pack : ContentPacks.ALL) {
                    IntelStore.ImportResult r = ContentPacks.load(store, pack);
                    out.println(t.get("intel.init.pack", pack.substring(pack.lastIndexOf('/') + 1), r.added(),
                            r.unchanged(), store.stats(Instant.now()).indicators()));
                }
            }
        }
        return ExitCodes.OK;
    }
}
