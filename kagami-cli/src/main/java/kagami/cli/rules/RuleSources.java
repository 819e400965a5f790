package kagami.cli.rules;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import kagami.sigma.LoadOptions;
import kagami.sigma.LoadedRules;
import kagami.sigma.RuleCache;
import kagami.sigma.SigmaException;
import kagami.sigma.logsource.Pipeline;

/** Loading and compiling rules the way every command does: folders, placeholder file, pipeline. */
public final class RuleSources {
    private RuleSources() {
    }

    /** Rules loaded and compiled (through the user's rule cache), with the errors of both steps. */
    public static LoadedRules load(List<Path> paths, Path placeholders, Path pipeline)
            throws IOException, SigmaException {
        Map<String, List<String>> values = placeholders == null ? Map.of() : LoadOptions.readPlaceholders(placeholders);
        Pipeline p = pipeline == null ? Pipeline.windows() : Pipeline.load(pipeline);
        return RuleCache.standard().load(paths, LoadOptions.defaults().withPlaceholders(values), p);
    }
}
