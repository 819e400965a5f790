package kagami.sigma;

import java.util.ArrayList;
import java.util.List;

import kagami.sigma.compile.CompiledRuleSet;
import kagami.sigma.logsource.Pipeline;
import kagami.sigma.rule.SigmaDocument;

/**
 * Loaded Sigma documents (detection rules, correlations, meta filters) and the documents that failed to load.
 * {@link #compile} turns them into a {@link CompiledRuleSet} for matching.
 */
public final class RuleSet {
    private final List<SigmaDocument> documents;
    private final List<LoadError> errors;
    private final LoadOptions options;

    RuleSet(List<SigmaDocument> documents, List<LoadError> errors, LoadOptions options) {
        this.documents = List.copyOf(documents);
        this.errors = List.copyOf(errors);
        this.options = options;
    }

    public List<SigmaDocument> documents() {
        return documents;
    }

    /** Documents that could not be read or parsed (file, line, reason). */
    public List<LoadError> errors() {
        return errors;
    }

    public List<SigmaDocument.DetectionRule> detectionRules() {
        List<SigmaDocument.DetectionRule> out = new ArrayList<>();
        for (SigmaDocument d : documents) {
            if (d instanceof SigmaDocument.DetectionRule r) {
                out.add(r);
            }
        }
        return out;
    }

    public List<SigmaDocument.CorrelationRule> correlationRules() {
        List<SigmaDocument.CorrelationRule> out = new ArrayList<>();
        for (SigmaDocument d : documents) {
            if (d instanceof SigmaDocument.CorrelationRule r) {
                out.add(r);
            }
        }
        return out;
    }

    public List<SigmaDocument.FilterRule> filters() {
        List<SigmaDocument.FilterRule> out = new ArrayList<>();
        for (SigmaDocument d : documents) {
            if (d instanceof SigmaDocument.FilterRule r) {
                out.add(r);
            }
        }
        return out;
    }

    /** Compiles the rules for {@code pipeline}; rules failing to compile are listed in the result's errors. */
    public CompiledRuleSet compile(Pipeline pipeline) {
        return CompiledRuleSet.compile(detectionRules(), filters(), correlationRules(), pipeline, options.placeholders());
    }

    /** Load errors and compile errors together, as {@code kagami rules validate} reports them. */
    public List<LoadError> allErrors(CompiledRuleSet compiled) {
        List<LoadError> out = new ArrayList<>(errors);
        out.addAll(compiled.errors());
        return out;
    }
}
