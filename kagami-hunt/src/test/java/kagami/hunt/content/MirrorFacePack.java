package kagami.hunt.content;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import kagami.core.Detection;
import kagami.core.Event;
import kagami.core.WindowsEventJson;
import kagami.sigma.LoadOptions;
import kagami.sigma.RuleSet;
import kagami.sigma.SigmaRules;
import kagami.sigma.compile.CompiledRuleSet;
import kagami.sigma.compile.Matcher;
import kagami.sigma.correlation.Correlator;
import kagami.sigma.logsource.Pipeline;
import kagami.sigma.rule.RuleMeta;

/** The bundled MirrorFace pack loaded into the real Sigma engine with the Windows logsource pipeline. */
final class MirrorFacePack {
    static final Path DIR = Path.of(System.getProperty("kagami.root", "."), "content", "sigma", "mirrorface");

    final RuleSet rules;
    final CompiledRuleSet compiled;

    private MirrorFacePack(RuleSet rules, CompiledRuleSet compiled) {
        this.rules = rules;
        this.compiled = compiled;
    }

    static MirrorFacePack load() throws IOException {
        RuleSet rules = SigmaRules.load(List.of(DIR), LoadOptions.defaults());
        return new MirrorFacePack(rules, rules.compile(Pipeline.windows()));
    }

    /** Detections of the detection rules alone (no correlation) for each event of {@code file}. */
    List<Detection> matchEach(Path file) throws IOException {
        List<Detection> out = new ArrayList<>();
        Matcher m = compiled.newMatcher();
        for (Event e : read(file)) {
            m.match(e, out::add);
        }
        return out;
    }

    /** Hunts {@code events} (sorted here by time, then record) with detection and correlation rules. */
    List<Detection> hunt(List<Event> events) {
        List<Event> sorted = new ArrayList<>(events);
        sorted.sort(Comparator.comparing(Event::timestamp).thenComparing(e -> e.origin().source()).thenComparingLong(Event::recordId));
        Matcher m = compiled.newMatcher();
        Correlator c = new Correlator(compiled);
        List<Detection> out = new ArrayList<>();
        Consumer<Detection> sink = out::add;
        for (Event e : sorted) {
            List<Detection> fired = new ArrayList<>();
            m.match(e, fired::add);
            for (Detection d : fired) {
                c.accept(d, sink);
            }
        }
        c.finish(sink);
        return out;
    }

    /** The {@code name} of the detection or correlation rule with id {@code ruleId}. */
    String name(String ruleId) {
        return compiled.rule(ruleId).map(RuleMeta::name).orElseGet(() -> rules.correlationRules().stream()
                .filter(c -> c.meta().id().equals(ruleId)).map(c -> c.meta().name()).findFirst().orElse(ruleId));
    }

    static List<Event> read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return WindowsEventJson.readAll(in, file.toString());
        }
    }
}
