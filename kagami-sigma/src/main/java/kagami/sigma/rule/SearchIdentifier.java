package kagami.sigma.rule;

import java.io.Serializable;
import java.util.List;

/**
 * One named search of a rule's {@code detection} section (Sigma specification, "Search-Identifier"): a map of field
 * conditions (ANDed), a list of such maps (ORed), or a list of keywords searched in the whole event.
 */
public sealed interface SearchIdentifier extends Serializable {

    /** 1-based line of the identifier in the rule file. */
    int line();

    /**
     * One {@code field|modifier|...: value(s)} entry.
     *
     * @param field     field name; empty for keyword searches ({@code '|all':})
     * @param modifiers modifiers in the order written
     * @param values    {@link String}, {@link Long}, {@link Double}, {@link Boolean} or {@code null}; ORed unless
     *                  {@code all}
     */
    record FieldItem(String field, List<String> modifiers, List<Object> values, int line) implements Serializable {
        public FieldItem {
            modifiers = List.copyOf(modifiers);
            values = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(values));
        }
    }

    /** A map: every item must hold. */
    record FieldMap(List<FieldItem> items, int line) implements SearchIdentifier {
        public FieldMap {
            items = List.copyOf(items);
        }
    }

    /** A list of maps: one of them must hold. */
    record MapList(List<FieldMap> maps, int line) implements SearchIdentifier {
        public MapList {
            maps = List.copyOf(maps);
        }
    }

    /** A keyword list (no field names): values searched in every field of the event. */
    record Keywords(FieldItem item, int line) implements SearchIdentifier {
    }
}
