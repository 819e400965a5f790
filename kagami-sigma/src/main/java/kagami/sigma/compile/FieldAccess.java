package kagami.sigma.compile;

import java.io.Serializable;

import kagami.core.Event;

/**
 * How a rule's field name is looked up in events, decided at compile time: the name after the logsource
 * pipeline's field mapping, followed by its aliases (first one present wins). No per-event name resolution.
 */
final class FieldAccess implements Serializable {
    private static final long serialVersionUID = 1L;
    final String ruleName;
    final String[] names;

    FieldAccess(String ruleName, String[] names) {
        this.ruleName = ruleName;
        this.names = names;
    }

    Object get(Event e) {
        Object v = e.fieldOrNull(names[0]);
        if (v != null || names.length == 1) {
            return v;
        }
        for (int i = 1; i < names.length; i++) {
            v = e.fieldOrNull(names[i]);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    boolean has(Event e) {
        for (String n : names) {
            if (e.hasField(n)) {
                return true;
            }
        }
        return false;
    }

    String key() {
        return String.join("\u0000", names);
    }
}
