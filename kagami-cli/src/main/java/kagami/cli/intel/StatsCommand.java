package kagami.cli.intel;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.Map;

import kagami.cli.ExitCodes;
import kagami.intel.store.IntelStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code kagami intel stats}: what the store holds. */
@Command(name = "stats", mixinStandardHelpOptions = true)
final class StatsCommand extends IntelSubcommand {
    @Mixin
    IntelCommand.DbOption db;

    @Option(names = "--format", paramLabel = "text|json", descriptionKey = "intel.format.textJson")
    String format = "text";

    @Override
    Integer execute() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        var t = IntelCommand.text();
        boolean json = ListCommand.json(format, spec);
        try (IntelStore store = db.open()) {
            IntelStore.Stats s = store.stats(Instant.now());
            if (json) {
                var o = IntelCommand.JSON.createObjectNode();
                o.put("store", store.path().toString());
                o.put("schema_version", store.schemaVersion());
                o.put("indicators", s.indicators());
                o.put("active", s.active());
                o.put("expired", s.expired());
                o.put("revoked", s.revoked());
                o.put("context", s.context());
                o.put("pattern_only", s.patternOnly());
                o.set("observables_by_type", IntelCommand.JSON.valueToTree(s.observablesByType()));
                o.set("objects_by_type", IntelCommand.JSON.valueToTree(s.objectsByType()));
                o.set("indicators_by_tlp", IntelCommand.JSON.valueToTree(s.indicatorsByTlp()));
                o.put("object_versions", s.versions());
                o.put("imports", s.imports());
                out.println(IntelCommand.JSON.writeValueAsString(o));
                return ExitCodes.OK;
            }
            out.println(t.get("intel.stats.store", store.path(), store.schemaVersion()));
            out.println(t.get("intel.stats.indicators", s.indicators(), s.active(), s.expired(), s.revoked(),
                    s.context(), s.patternOnly()));
            out.println(t.get("intel.stats.observables"));
            for (Map.Entry<String, Long> e : s.observablesByType().entrySet()) {
                out.println("  " + e.getKey() + "\t" + e.getValue());
            }
            out.println(t.get("intel.stats.objects"));
            for (Map.Entry<String, Long> e : s.objectsByType().entrySet()) {
                out.println("  " + e.getKey() + "\t" + e.getValue());
            }
            out.println(t.get("intel.stats.tlp"));
            for (Map.Entry<String, Long> e : s.indicatorsByTlp().entrySet()) {
                out.println("  " + e.getKey() + "\t" + e.getValue());
            }
            out.println(t.get("intel.stats.history", s.versions(), s.imports()));
        }
        return ExitCodes.OK;
    }
}
