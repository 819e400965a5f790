package kagami.cli.rules;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import kagami.sigma.LoadOptions;
import kagami.sigma.RuleSet;
import kagami.sigma.SigmaException;
import kagami.sigma.SigmaRules;
import kagami.sigma.compile.CompiledRuleSet;
import kagami.sigma.logsource.Pipeline;

/** Loading and compiling rules the way every command does: folders, placeholder file, pipeline. */
public final class RuleSources {
    private RuleSources() {
    }

    /** Rules loaded and compiled, with the errors of both steps. */
    public record Loaded(RuleSet rules, CompiledRuleSet compiled) {
    }

    public static Loaded load(List<Path> paths, Path placeholders, Path pipeline) throws IOException, SigmaException {
        Map<String, List<String>> values = placeholders == null ? Map.of() : LoadOptions.readPlaceholders(placeholders);
        RuleSet rules = SigmaRules.load(paths, LoadOptions.defaults().withPlaceholders(values));
        Pipeline p = pipeline == null ? Pipeline.windows() : Pipeline.load(pipeline);
        return new Loaded(rules, rules.compile(p));
    }
}
