package kagami.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import kagami.core.Detection;
import kagami.core.Event;
import kagami.sigma.compile.CompiledRuleSet;
import kagami.sigma.compile.Matcher;
import kagami.sigma.correlation.Correlator;

/** Correlation rules: types, group-by across rules, aliases, ordering, window edges, generate, chaining. */
class CorrelatorTest {
    static final String BASE = """
            title: failed
            id: f1
            name: failed_login
            logsource: {product: windows}
            detection:
              s: {EventID: 4625}
              condition: s
            ---
            title: success
            id: s1
            name: successful_login
            logsource: {product: windows}
            detection:
              s: {EventID: 4624}
              condition: s
            """;

    static List<Detection> run(String correlation, Object[][] events) {
        CompiledRuleSet c = Rules.compile(BASE + "---\n" + correlation);
        Matcher m = c.newMatcher();
        Correlator k = new Correlator(c);
        List<Detection> out = new ArrayList<>();
        for (Object[] e : events) {
            Event.Builder b = Event.builder().channel("Security").eventId(((Number) e[1]).intValue())
                    .timestamp(Instant.parse((String) e[0])).field("EventID", ((Number) e[1]).longValue());
            for (int i = 2; i + 1 < e.length; i += 2) {
                b.field((String) e[i], e[i + 1]);
            }
            m.match(b.build(), d -> k.accept(d, out::add));
        }
        k.finish(out::add);
        return out;
    }

    static long count(List<Detection> ds, String id) {
        return ds.stream().filter(d -> d.ruleId().equals(id)).count();
    }

    static final String COUNT3 = """
            title: brute force
            id: c1
            correlation:
              type: event_count
              rules: [failed_login]
              group-by: [User]
              timespan: 10s
              condition: {gte: 3}
            level: high
            """;

    @Test
    void eventCountFiresPerGroupAndSuppressesReferencedRules() {
        List<Detection> out = run(COUNT3, new Object[][] {
            {"2025-01-01T00:00:00Z", 4625, "User", "a"},
            {"2025-01-01T00:00:01Z", 4625, "User", "b"},
            {"2025-01-01T00:00:02Z", 4625, "User", "a"},
            {"2025-01-01T00:00:03Z", 4625, "User", "a"},
        });
        assertThat(count(out, "c1")).isEqualTo(1);
        assertThat(count(out, "f1")).isZero(); // generate defaults to false
        Detection c = out.get(0);
        assertThat(c.events()).hasSize(3);
        assertThat(c.matchedFields()).containsEntry("User", "a").containsEntry("event_count", "3");
    }

    @Test
    void eventExactlyOnTheWindowEdgeCountsAndOneLaterDoesNot() {
        Object[][] onEdge = {
            {"2025-01-01T00:00:00Z", 4625, "User", "a"},
            {"2025-01-01T00:00:05Z", 4625, "User", "a"},
            {"2025-01-01T00:00:10Z", 4625, "User", "a"},
        };
        assertThat(count(run(COUNT3, onEdge), "c1")).isEqualTo(1);
        Object[][] pastEdge = {
            {"2025-01-01T00:00:00Z", 4625, "User", "a"},
            {"2025-01-01T00:00:05Z", 4625, "User", "a"},
            {"2025-01-01T00:00:10.001Z", 4625, "User", "a"},
        };
        assertThat(count(run(COUNT3, pastEdge), "c1")).isZero();
    }

    @Test
    void temporalOrderedNeedsTheListedOrderAndGroupsAcrossRulesWithAliases() {
        String ordered = """
                title: spray then success
                id: c2
                correlation:
                  type: temporal_ordered
                  rules: [failed_login, successful_login]
                  group-by: [account]
                  aliases:
                    account:
                      failed_login: TargetUserName
                      successful_login: SubjectUserName
                  timespan: 1m
                  generate: true
                """;
        List<Detection> inOrder = run(ordered, new Object[][] {
            {"2025-01-01T00:00:00Z", 4625, "TargetUserName", "bob"},
            {"2025-01-01T00:00:30Z", 4624, "SubjectUserName", "bob"},
        });
        assertThat(count(inOrder, "c2")).isEqualTo(1);
        assertThat(count(inOrder, "f1")).isEqualTo(1); // generate: true keeps the referenced rules' own output
        List<Detection> reversed = run(ordered, new Object[][] {
            {"2025-01-01T00:00:00Z", 4624, "SubjectUserName", "bob"},
            {"2025-01-01T00:00:30Z", 4625, "TargetUserName", "bob"},
        });
        assertThat(count(reversed, "c2")).isZero();
        List<Detection> otherUser = run(ordered, new Object[][] {
            {"2025-01-01T00:00:00Z", 4625, "TargetUserName", "bob"},
            {"2025-01-01T00:00:30Z", 4624, "SubjectUserName", "eve"},
        });
        assertThat(count(otherUser, "c2")).isZero();
    }

    @Test
    void temporalAnyOrderAndValueCount() {
        String temporal = """
                title: both
                id: c3
                correlation: {type: temporal, rules: [successful_login, failed_login], group-by: [Computer], timespan: 5s}
                """;
        assertThat(count(run(temporal, new Object[][] {
            {"2025-01-01T00:00:00Z", 4624, "Computer", "h"},
            {"2025-01-01T00:00:04Z", 4625, "Computer", "h"},
        }), "c3")).isEqualTo(1);
        String vc = """
                title: many users
                id: c4
                correlation:
                  type: value_count
                  rules: [failed_login]
                  group-by: [IpAddress]
                  timespan: 1h
                  condition: {field: TargetUserName, gt: 2}
                """;
        assertThat(count(run(vc, new Object[][] {
            {"2025-01-01T00:00:00Z", 4625, "IpAddress", "10.0.0.9", "TargetUserName", "a"},
            {"2025-01-01T00:01:00Z", 4625, "IpAddress", "10.0.0.9", "TargetUserName", "a"},
            {"2025-01-01T00:02:00Z", 4625, "IpAddress", "10.0.0.9", "TargetUserName", "b"},
            {"2025-01-01T00:03:00Z", 4625, "IpAddress", "10.0.0.9", "TargetUserName", "c"},
        }), "c4")).isEqualTo(1);
    }

    @Test
    void valueSumAvgAndUpperBoundConditionsAtWindowClose() {
        String sum = """
                title: bytes
                id: c5
                correlation: {type: value_sum, rules: [failed_login], group-by: [H], timespan: 1m, condition: {field: N, gte: 100}}
                """;
        assertThat(count(run(sum, new Object[][] {
            {"2025-01-01T00:00:00Z", 4625, "H", "h", "N", 60L},
            {"2025-01-01T00:00:10Z", 4625, "H", "h", "N", 50L},
        }), "c5")).isEqualTo(1);
        String avg = """
                title: avg
                id: c6
                correlation: {type: value_avg, rules: [failed_login], group-by: [H], timespan: 1m, condition: {field: N, gt: 10}}
                """;
        assertThat(count(run(avg, new Object[][] {
            {"2025-01-01T00:00:00Z", 4625, "H", "h", "N", 5L},
            {"2025-01-01T00:00:10Z", 4625, "H", "h", "N", 6L},
        }), "c6")).isZero();
        String few = """
                title: few
                id: c7
                correlation: {type: event_count, rules: [failed_login], group-by: [H], timespan: 10s, condition: {lt: 2}}
                """;
        List<Detection> out = run(few, new Object[][] {
            {"2025-01-01T00:00:00Z", 4625, "H", "quiet"},
            {"2025-01-01T00:00:00Z", 4625, "H", "busy"},
            {"2025-01-01T00:00:01Z", 4625, "H", "busy"},
        });
        assertThat(out).filteredOn(d -> d.ruleId().equals("c7")).singleElement()
                .satisfies(d -> assertThat(d.matchedFields()).containsEntry("H", "quiet"));
    }

    @Test
    void correlationsChain() {
        String chain = COUNT3 + """
                name: brute
                ---
                title: brute then success
                id: c8
                correlation: {type: temporal_ordered, rules: [brute, successful_login], group-by: [User], timespan: 1m}
                """;
        List<Detection> out = run(chain.replace("id: c1\n", "id: c1\nname: brute\n").replace("level: high\nname: brute\n", "level: high\n"),
                new Object[][] {
                    {"2025-01-01T00:00:00Z", 4625, "User", "a"},
                    {"2025-01-01T00:00:01Z", 4625, "User", "a"},
                    {"2025-01-01T00:00:02Z", 4625, "User", "a"},
                    {"2025-01-01T00:00:20Z", 4624, "User", "a"},
                });
        assertThat(count(out, "c8")).isEqualTo(1);
    }
}
