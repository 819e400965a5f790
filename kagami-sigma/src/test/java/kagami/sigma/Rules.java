package kagami.sigma;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import kagami.core.Detection;
import kagami.core.Event;
import kagami.sigma.compile.CompiledRuleSet;
import kagami.sigma.logsource.Pipeline;

/** Test helpers: a rule from a detection section, an event from fields. */
final class Rules {
    private Rules() {
    }

    static String rule(String detection) {
        return "title: t\nid: r1\nlogsource:\n  product: windows\ndetection:\n" + indent(detection) + "level: high\n";
    }

    static String indent(String s) {
        StringBuilder b = new StringBuilder();
        for (String line : s.split("\n")) {
            b.append("  ").append(line).append('\n');
        }
        return b.toString();
    }

    static CompiledRuleSet compile(String yaml) {
        RuleSet rs = SigmaRules.parse(yaml, "test.yml", LoadOptions.defaults());
        if (!rs.errors().isEmpty()) {
            throw new AssertionError(rs.errors().toString());
        }
        CompiledRuleSet c = rs.compile(Pipeline.windows());
        if (!c.errors().isEmpty()) {
            throw new AssertionError(c.errors().toString());
        }
        return c;
    }

    static Event event(Map<String, Object> fields) {
        Event.Builder b = Event.builder().channel("Microsoft-Windows-Sysmon/Operational").eventId(1);
        fields.forEach(b::field);
        return b.build();
    }

    static List<Detection> match(CompiledRuleSet c, Event e) {
        List<Detection> out = new ArrayList<>();
        c.newMatcher().match(e, out::add);
        return out;
    }

    /** Whether the rule with this detection section fires on an event with these fields. */
    static boolean fires(String detection, Map<String, Object> fields) {
        return !match(compile(rule(detection)), event(fields)).isEmpty();
    }
}
