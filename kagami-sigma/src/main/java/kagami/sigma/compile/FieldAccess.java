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
    /** Index of this lookup in a matcher's per-event value cache (one lookup per field per event). */
    final int id;
    /** Flat names without dots: the value can be taken from one pass over the event's fields. */
    final boolean simple;

    FieldAccess(String ruleName, String[] names, int id) {
        this.ruleName = ruleName;
        this.names = names;
        this.id = id;
        boolean flat = true;
        for (String n : names) {
            flat &= n.indexOf('.') < 0;
        }
        this.simple = flat;
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
