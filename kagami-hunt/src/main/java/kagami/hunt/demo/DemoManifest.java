package kagami.hunt.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@link DemoDataSet#write} produced: the hosts, the log files, and the attack steps with the events that make
 * them up and the bundled rules (and correlations) expected to detect them. Every event not listed in a step is benign
 * background activity.
 *
 * @param seed        the seed the data set was generated from
 * @param start       start of the simulated period (inclusive)
 * @param end         end of the simulated period (exclusive)
 * @param hosts       the simulated machines
 * @param files       the log files written, in path order
 * @param steps       the attack chain, in time order
 * @param totalEvents events written over all files
 */
public record DemoManifest(long seed, Instant start, Instant end, List<HostInfo> hosts, List<LogFile> files,
                           List<AttackStep> steps, int totalEvents) {

    /** Name of the manifest file written beside the logs. */
    public static final String FILE_NAME = "manifest.json";

    public DemoManifest {
        hosts = List.copyOf(hosts);
        files = List.copyOf(files);
        steps = List.copyOf(steps);
    }

    /** A simulated machine: fully qualified name, address and role (workstation, file server, domain controller). */
    public record HostInfo(String name, String ip, String role) {
    }

    /** One written log: path relative to the output folder, host, channel, event count, first and last timestamp. */
    public record LogFile(String path, String host, String channel, int events, Instant first, Instant last) {
    }

    /** An event of the data set: the log file it is in and its EventRecordID there. */
    public record EventRef(String file, long recordId) {
    }

    /** A bundled rule expected to fire on a step: its id, name, English title and level. */
    public record ExpectedRule(String id, String name, String title, String level) {
    }

    /**
     * One step of the attack chain.
     *
     * @param id                   stable identifier, e.g. {@code 03-msbuild-task-persistence}
     * @param title                English title
     * @param titleJa              Japanese title
     * @param host                 the host the step happens on
     * @param time                 timestamp of the step's first event
     * @param techniques           ATT&CK technique ids
     * @param expectedRules        detection rules of the bundled pack that must fire on the step's events
     * @param expectedCorrelations correlation rules of the bundled pack that this step completes
     * @param events               the step's events
     */
    public record AttackStep(String id, String title, String titleJa, String host, Instant time, List<String> techniques,
                             List<ExpectedRule> expectedRules, List<ExpectedRule> expectedCorrelations,
                             List<EventRef> events) {
        public AttackStep {
            techniques = List.copyOf(techniques);
            expectedRules = List.copyOf(expectedRules);
            expectedCorrelations = List.copyOf(expectedCorrelations);
            events = List.copyOf(events);
        }
    }

    /** Every event that belongs to an attack step; all others are benign background. */
    public Set<EventRef> attackEvents() {
        Set<EventRef> all = new LinkedHashSet<>();
        steps.forEach(s -> all.addAll(s.events()));
        return all;
    }

    /** Writes this manifest as indented JSON to {@code file}; {@code logs}: the log folder relative to the file's. */
    void writeJson(Path file, String logs) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("generator", "kagami.hunt.demo.DemoDataSet");
        m.put("seed", seed);
        m.put("logs", logs);
        m.put("start", start.toString());
        m.put("end", end.toString());
        m.put("totalEvents", totalEvents);
        m.put("hosts", hosts);
        m.put("files", files.stream().map(f -> {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("path", f.path());
            o.put("host", f.host());
            o.put("channel", f.channel());
            o.put("events", f.events());
            o.put("first", f.first().toString());
            o.put("last", f.last().toString());
            return o;
        }).toList());
        m.put("steps", steps.stream().map(s -> {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("id", s.id());
            o.put("title", s.title());
            o.put("title_ja", s.titleJa());
            o.put("host", s.host());
            o.put("time", s.time().toString());
            o.put("techniques", s.techniques());
            o.put("expectedRules", s.expectedRules());
            o.put("expectedCorrelations", s.expectedCorrelations());
            o.put("events", s.events());
            return o;
        }).toList());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), m);
    }
}
