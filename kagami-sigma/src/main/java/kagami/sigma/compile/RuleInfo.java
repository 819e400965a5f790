package kagami.sigma.compile;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

import kagami.core.AttackTag;
import kagami.sigma.rule.RuleMeta;

/** What a detection says about the rule that fired, prepared once at compile time. */
record RuleInfo(RuleMeta meta, List<AttackTag> attack) implements Serializable {
    static RuleInfo of(RuleMeta meta) {
        List<AttackTag> attack = new ArrayList<>();
        for (String t : meta.tags()) {
            AttackTag.parse(t).ifPresent(attack::add);
        }
        return new RuleInfo(meta, List.copyOf(attack));
    }
}
