package kagami.hunt.demo;

import java.util.ArrayList;
import java.util.List;

/** An attack step while it is being generated: its events and the rules (by name) expected to detect it. */
final class StepDraft {
    final String id;
    final Host host;
    final List<String> techniques;
    final List<String> rules;
    final List<String> correlations;
    final List<Draft> events = new ArrayList<>();

    StepDraft(String id, Host host, List<String> techniques, List<String> rules, List<String> correlations) {
        this.id = id;
        this.host = host;
        this.techniques = List.copyOf(techniques);
        this.rules = List.copyOf(rules);
        this.correlations = List.copyOf(correlations);
    }

    /** Records {@code d} as part of this step and returns it. */
    Draft add(Draft d) {
        events.add(d);
        return d;
    }
}
