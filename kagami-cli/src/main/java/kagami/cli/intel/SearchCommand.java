package kagami.cli.intel;

import java.io.PrintWriter;
import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import kagami.cli.ExitCodes;
import kagami.intel.IndicatorFilter;
import kagami.intel.IntelIndicator;
import kagami.intel.match.IndicatorMatcher;
import kagami.intel.stix.StixObjects;
import kagami.intel.store.IntelStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kagami intel search VALUE}: which indicators a value hits, the way the engines match it (parent domains,
 * containing CIDR blocks, URL host, file-name globs). Exit code 1 when something matches, so scripts can test.
 */
@Command(name = "search", mixinStandardHelpOptions = true)
final class SearchCommand extends IntelSubcommand {
    @Mixin
    IntelCommand.DbOption db;

    @Parameters(paramLabel = "VALUE", arity = "1..*", descriptionKey = "intel.search.value")
    List<String> values;

    @Option(names = "--format", paramLabel = "text|json", descriptionKey = "intel.format.textJson")
    String format = "text";

    @Option(names = "--include-expired", descriptionKey = "intel.export.includeExpired")
    boolean includeExpired;

    @Override
    Integer execute() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        var t = IntelCommand.text();
        boolean json = ListCommand.json(format, spec);
        boolean any = false;
        ArrayNode all = IntelCommand.JSON.createArrayNode();
        try (IntelStore store = db.open()) {
            IndicatorFilter filter = includeExpired ? IndicatorFilter.all() : IndicatorFilter.activeNow();
            for (String v : values) {
                List<IndicatorMatcher.Match> hits = store.search(v, filter);
                any |= !hits.isEmpty();
                if (json) {
                    for (IndicatorMatcher.Match h : hits) {
                        ObjectNode o = ListCommand.toJson(h.indicator());
                        o.put("query", v);
                        o.put("matched_type", h.observable().typeName());
                        o.put("matched_value", h.observable().value());
                        o.put("how", IntelCommand.lower(h.how()));
                        all.add(o);
                    }
                    continue;
                }
                if (hits.isEmpty()) {
                    out.println(t.get("intel.search.none", v));
                    continue;
                }
                for (IndicatorMatcher.Match h : hits) {
                    IntelIndicator i = h.indicator();
                    out.println(t.get("intel.search.hit", v, h.observable().typeName(), h.observable().value(),
                            t.get("intel.how." + IntelCommand.lower(h.how()))));
                    out.println("    " + t.get("intel.search.detail", i.name(), String.join(", ", i.related()),
                            i.tlp().label(), StixObjects.timestamp(i.validFrom()),
                            i.context() ? t.get("intel.kind.context") : t.get("intel.kind.malicious")));
                    if (!i.source().isEmpty()) {
                        out.println("    " + t.get("intel.search.source", i.source()));
                    }
                }
            }
        }
        if (json) {
            out.println(IntelCommand.JSON.writeValueAsString(all));
        }
        return any ? ExitCodes.FINDINGS : ExitCodes.OK;
    }
}
