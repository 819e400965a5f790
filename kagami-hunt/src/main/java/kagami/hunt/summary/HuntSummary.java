package kagami.hunt.summary;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import kagami.core.Level;
import kagami.hunt.attack.AttackCatalog;
import kagami.hunt.timeline.TimelineRecord;
import kagami.hunt.timeline.TimelineSink;

/**
 * Counts a hunt's detections as they stream past, in bounded memory: per level, rule, host, tactic, technique,
 * day and hour. A sink of the {@link kagami.hunt.timeline.Timeline}, so it sees exactly what the timeline files
 * hold (after the time window and de-duplication).
 */
public final class HuntSummary implements TimelineSink {
    /** Distinct hosts tracked; beyond, hits are counted as "other hosts" (hostile input can invent names). */
    static final int MAX_HOSTS = 100_000;
    /** Distinct hourly buckets kept before the histogram falls back to days. */
    static final int MAX_HOURS = 20_000;
    /** Distinct days kept; beyond, hits still count everywhere else. */
    static final int MAX_DAYS = 40_000;
    private static final int LEVELS = Level.values().length;

    private final ZoneId zone;
    private final AttackCatalog attack;
    private long detections;
    private final Map<Level, Long> byLevel = new EnumMap<>(Level.class);
    private final Map<String, RuleAcc> rules = new HashMap<>();
    private final Map<String, long[]> hosts = new HashMap<>();
    private long otherHosts;
    private Instant first;
    private Instant last;
    private final Map<String, Long> tacticDetections = new HashMap<>();
    private final Map<String, Set<String>> tacticRules = new HashMap<>();
    private final Map<String, Long> techniqueDetections = new HashMap<>();
    private final Map<String, Set<String>> techniqueRules = new HashMap<>();
    private final Map<LocalDate, long[]> days = new TreeMap<>();
    private Map<Instant, long[]> hours = new TreeMap<>();

    private static final class RuleAcc {
        String title;
        Level level;
        long count;
        String author;
        String license;
        String file;
        List<String> tactics;
        List<String> techniques;
        Instant first;
        Instant last;
    }

    public HuntSummary(ZoneId zone, AttackCatalog attack) {
        this.zone = Objects.requireNonNull(zone, "zone");
        this.attack = Objects.requireNonNull(attack, "attack");
    }

    @Override
    public synchronized void accept(TimelineRecord r) {
        detections++;
        byLevel.merge(r.level(), 1L, Long::sum);
        Instant t = r.timestamp();
        if (first == null || t.isBefore(first)) {
            first = t;
        }
        if (last == null || t.isAfter(last)) {
            last = t;
        }
        String ruleKey = r.ruleId() + "\u0000" + r.level();
        RuleAcc acc = rules.get(ruleKey);
        if (acc == null) {
            acc = new RuleAcc();
            acc.title = r.ruleTitle();
            acc.level = r.level();
            acc.author = r.ruleAuthor();
            acc.license = r.ruleLicense();
            acc.file = r.ruleFile();
            acc.tactics = r.tactics();
            acc.techniques = r.techniques();
            acc.first = t;
            acc.last = t;
            rules.put(ruleKey, acc);
        }
        acc.count++;
        if (t.isBefore(acc.first)) {
            acc.first = t;
        }
        if (t.isAfter(acc.last)) {
            acc.last = t;
        }
        long[] h = hosts.get(r.computer());
        if (h == null && hosts.size() < MAX_HOSTS) {
            h = new long[LEVELS];
            hosts.put(r.computer(), h);
        }
        if (h != null) {
            h[r.level().ordinal()]++;
        } else {
            otherHosts++;
        }
        for (String tactic : r.tactics()) {
            tacticDetections.merge(tactic, 1L, Long::sum);
            tacticRules.computeIfAbsent(tactic, k -> new LinkedHashSet<>()).add(r.ruleId());
        }
        for (String tech : r.techniques()) {
            if (tech.startsWith("T")) {
                techniqueDetections.merge(tech, 1L, Long::sum);
                Set<String> titles = techniqueRules.computeIfAbsent(tech, k -> new LinkedHashSet<>());
                if (titles.size() < 50) {
                    titles.add(r.ruleTitle());
                }
            }
        }
        LocalDate day = t.atZone(zone).toLocalDate();
        long[] d = days.get(day);
        if (d == null && days.size() < MAX_DAYS) {
            d = new long[LEVELS];
            days.put(day, d);
        }
        if (d != null) {
            d[r.level().ordinal()]++;
        }
        if (hours != null) {
            Instant hour = t.truncatedTo(ChronoUnit.HOURS);
            long[] hb = hours.get(hour);
            if (hb == null) {
                if (hours.size() >= MAX_HOURS) {
                    hours = null;
                    return;
                }
                hb = new long[LEVELS];
                hours.put(hour, hb);
            }
            hb[r.level().ordinal()]++;
        }
    }

    /** The figures so far, with the run's facts. */
    public synchronized SummaryReport report(RunFacts facts) {
        Map<Level, Integer> rulesByLevel = new EnumMap<>(Level.class);
        List<SummaryReport.RuleCount> ruleCounts = new ArrayList<>();
        for (Map.Entry<String, RuleAcc> e : rules.entrySet()) {
            RuleAcc a = e.getValue();
            String id = e.getKey().substring(0, e.getKey().indexOf('\u0000'));
            rulesByLevel.merge(a.level, 1, Integer::sum);
            ruleCounts.add(new SummaryReport.RuleCount(id, a.title, a.level, a.count, a.author, a.license, a.file,
                    a.tactics, a.techniques, a.first, a.last));
        }
        ruleCounts.sort(Comparator.comparing(SummaryReport.RuleCount::level).reversed()
                .thenComparing(Comparator.comparingLong(SummaryReport.RuleCount::count).reversed())
                .thenComparing(SummaryReport.RuleCount::title)
                .thenComparing(SummaryReport.RuleCount::ruleId));
        List<SummaryReport.HostCount> hostCounts = new ArrayList<>();
        for (Map.Entry<String, long[]> e : hosts.entrySet()) {
            long[] p = e.getValue();
            long n = 0;
            Level max = Level.INFORMATIONAL;
            for (Level l : Level.values()) {
                n += p[l.ordinal()];
                if (p[l.ordinal()] > 0) {
                    max = l;
                }
            }
            hostCounts.add(new SummaryReport.HostCount(e.getKey(), n, max, p.clone()));
        }
        hostCounts.sort(Comparator.comparing(SummaryReport.HostCount::maxLevel).reversed()
                .thenComparing(Comparator.comparingLong(SummaryReport.HostCount::count).reversed())
                .thenComparing(SummaryReport.HostCount::host));
        List<SummaryReport.TacticCount> tactics = new ArrayList<>();
        for (AttackCatalog.Tactic t : attack.tactics()) {
            Long n = tacticDetections.get(t.shortName());
            if (n != null) {
                tactics.add(new SummaryReport.TacticCount(t.shortName(), n, tacticRules.get(t.shortName()).size()));
            }
        }
        Map<String, SummaryReport.TechniqueCount> techniques = new TreeMap<>();
        for (Map.Entry<String, Long> e : techniqueDetections.entrySet()) {
            techniques.put(e.getKey(), new SummaryReport.TechniqueCount(e.getKey(), e.getValue(),
                    List.copyOf(techniqueRules.get(e.getKey()))));
        }
        List<SummaryReport.DayCount> dayCounts = new ArrayList<>();
        for (Map.Entry<LocalDate, long[]> e : days.entrySet()) {
            long n = 0;
            for (long x : e.getValue()) {
                n += x;
            }
            dayCounts.add(new SummaryReport.DayCount(e.getKey(), n, e.getValue().clone()));
        }
        List<SummaryReport.TimeBucket> histogram = new ArrayList<>();
        boolean byDay = hours == null || hours.size() > 24 * 14
                || (first != null && java.time.Duration.between(first, last).toDays() > 14);
        if (byDay) {
            for (SummaryReport.DayCount d : dayCounts) {
                histogram.add(new SummaryReport.TimeBucket(d.day().atStartOfDay(zone).toInstant(), d.perLevel()));
            }
        } else {
            for (Map.Entry<Instant, long[]> e : hours.entrySet()) {
                histogram.add(new SummaryReport.TimeBucket(e.getKey(), e.getValue().clone()));
            }
        }
        return new SummaryReport(detections, Collections.unmodifiableMap(new EnumMap<>(byLevelOrEmpty())),
                Collections.unmodifiableMap(rulesByLevel.isEmpty() ? Map.of() : new EnumMap<>(rulesByLevel)),
                List.copyOf(ruleCounts), List.copyOf(hostCounts), Optional.ofNullable(first),
                Optional.ofNullable(last), List.copyOf(tactics), Collections.unmodifiableMap(techniques),
                List.copyOf(dayCounts), List.copyOf(histogram), byDay, otherHosts, facts);
    }

    private Map<Level, Long> byLevelOrEmpty() {
        Map<Level, Long> m = new EnumMap<>(Level.class);
        for (Level l : Level.values()) {
            m.put(l, byLevel.getOrDefault(l, 0L));
        }
        return m;
    }
}
