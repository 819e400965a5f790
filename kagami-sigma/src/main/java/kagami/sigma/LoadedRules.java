package kagami.sigma;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import kagami.sigma.compile.CompiledRuleSet;

/**
 * Rule files loaded and compiled, as a run uses them (see {@link RuleCache#load}).
 *
 * @param documents  YAML documents that loaded (detection, correlation and filter rules)
 * @param loadErrors documents or files that could not be read or parsed
 * @param compiled   every loaded rule compiled; {@link CompiledRuleSet#select} chooses among them
 * @param fromCache  whether this came from the rule cache rather than from parsing and compiling
 */
public record LoadedRules(int documents, List<LoadError> loadErrors, CompiledRuleSet compiled, boolean fromCache)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public LoadedRules {
        loadErrors = List.copyOf(loadErrors);
        Objects.requireNonNull(compiled, "compiled");
    }

    /** Documents that loaded and compiled: what {@code kagami rules validate} counts as loaded. */
    public int usable() {
        return documents - compiled.errors().size();
    }

    /** Load errors, then compile errors, as {@code kagami rules validate} reports them. */
    public List<LoadError> allErrors() {
        List<LoadError> out = new ArrayList<>(loadErrors);
        out.addAll(compiled.errors());
        return out;
    }

    LoadedRules cached() {
        return new LoadedRules(documents, loadErrors, compiled, true);
    }
}
