package kagami.cli.intel;

import java.io.PrintWriter;
import java.util.EnumSet;
import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import kagami.cli.ExitCodes;
import kagami.core.IndicatorType;
import kagami.intel.IndicatorFilter;
import kagami.intel.IntelIndicator;
import kagami.intel.Observable;
import kagami.intel.stix.StixObjects;
import kagami.intel.store.IntelStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code kagami intel list}: the indicators, one observable per line (or JSON). */
@Command(name = "list", mixinStandardHelpOptions = true)
final class ListCommand extends IntelSubcommand {
    @Mixin
    IntelCommand.DbOption db;

    @Option(names = "--types", paramLabel = "TYPE,...", split = ",", descriptionKey = "intel.export.types",
            converter = ImportCommand.TypeConverter.class)
    List<IndicatorType> types;

    @Option(names = "--limit", paramLabel = "N", descriptionKey = "intel.list.limit")
    int limit = Integer.MAX_VALUE;

    @Option(names = "--include-expired", descriptionKey = "intel.export.includeExpired")
    boolean includeExpired;

    @Option(names = "--format", paramLabel = "text|json", descriptionKey = "intel.format.textJson")
    String format = "text";

    static boolean json(String format, CommandLine.Model.CommandSpec spec) {
        if (!format.equals("json") && !format.equals("text")) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    IntelCommand.text().get("intel.error.format", format, "text, json"));
        }
        return format.equals("json");
    }

    static ObjectNode toJson(IntelIndicator i) {
        ObjectNode o = IntelCommand.JSON.createObjectNode();
        o.put("id", i.id());
        o.put("name", i.name());
        ArrayNode obs = o.putArray("observables");
        for (Observable x : i.observables()) {
            obs.addObject().put("type", x.typeName()).put("value", x.value());
        }
        o.put("pattern", i.pattern());
        o.put("pattern_type", i.patternType());
        ArrayNode types = o.putArray("indicator_types");
        i.indicatorTypes().forEach(types::add);
        o.put("context", i.context());
        if (i.confidence().isPresent()) {
            o.put("confidence", i.confidence().getAsInt());
        }
        o.put("tlp", i.tlp().label());
        o.put("valid_from", StixObjects.timestamp(i.validFrom()));
        i.validUntil().ifPresent(u -> o.put("valid_until", StixObjects.timestamp(u)));
        o.put("revoked", i.revoked());
        o.put("source", i.source());
        ArrayNode rel = o.putArray("related");
        i.related().forEach(rel::add);
        i.firstSeen().ifPresent(u -> o.put("first_seen", StixObjects.timestamp(u)));
        i.lastSeen().ifPresent(u -> o.put("last_seen", StixObjects.timestamp(u)));
        o.put("modified", StixObjects.timestamp(i.modified()));
        return o;
    }

    @Override
    Integer execute() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        boolean json = json(format, spec);
        IndicatorFilter f = includeExpired ? IndicatorFilter.all() : IndicatorFilter.activeNow();
        if (types != null) {
            f = f.withTypes(EnumSet.copyOf(types));
        }
        ArrayNode all = IntelCommand.JSON.createArrayNode();
        int[] n = {0};
        try (IntelStore store = db.open()) {
            store.forEachIndicator(f, i -> {
                if (n[0] >= limit) {
                    return;
                }
                n[0]++;
                if (json) {
                    all.add(toJson(i));
                } else if (i.observables().isEmpty()) {
                    out.println("pattern\t" + i.pattern() + "\t" + i.tlp().label() + "\t" + String.join(",",
                            i.related()));
                } else {
                    for (Observable o : i.observables()) {
                        out.println(o.typeName() + "\t" + o.value() + "\t" + i.tlp().label() + "\t"
                                + (i.context() ? "context" : "malicious") + "\t" + String.join(",", i.related()));
                    }
                }
            });
        }
        if (json) {
            out.println(IntelCommand.JSON.writeValueAsString(all));
        }
        return ExitCodes.OK;
    }
}
