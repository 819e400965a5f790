package kagami.hunt.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.random.RandomGenerator;

/**
 * Collects the data set's events and writes them as one file per host and channel, like a folder of exported event
 * logs: {@code <host>/<channel with '/' as %4>.jsonl} (evtx-crate JSON lines) or {@code .evtx} (binary event logs,
 * {@link EvtxLogWriter}), the file naming of exported EVTX files. Within a file the
 * events are in time order and EventRecordID counts up from a random starting point, as in a live log.
 */
final class EventLog {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Comparator<Draft> ORDER = Comparator.comparing(Draft::time).thenComparingLong(Draft::seq);

    private final List<Draft> drafts = new ArrayList<>();
    private final Map<Draft, DemoManifest.EventRef> refs = new IdentityHashMap<>();

    Draft add(Instant t, Host h, String channel, Map<String, Object> event) {
        Draft d = new Draft(drafts.size(), t, h.name(), channel, event);
        drafts.add(d);
        return d;
    }

    /**
     * Writes every file in {@code format} and returns them in a stable order; record ids come from {@code random}, so
     * the same seed gives the same events in either format.
     */
    List<DemoManifest.LogFile> write(Path outDir, RandomGenerator random, LogFormat format) throws IOException {
        Map<String, List<Draft>> byFile = new TreeMap<>();
        for (Draft d : drafts) {
            byFile.computeIfAbsent(fileName(d, format), k -> new ArrayList<>()).add(d);
        }
        List<DemoManifest.LogFile> files = new ArrayList<>();
        for (Map.Entry<String, List<Draft>> e : byFile.entrySet()) {
            List<Draft> events = e.getValue();
            events.sort(ORDER);
            Path file = outDir.resolve(e.getKey());
            Files.createDirectories(file.getParent());
            long recordId = 1000 + random.nextInt(90_000);
            List<EvtxLogWriter.Entry> records = new ArrayList<>();
            for (Draft d : events) {
                d.system().put("EventRecordID", recordId);
                refs.put(d, new DemoManifest.EventRef(e.getKey(), recordId));
                records.add(new EvtxLogWriter.Entry(recordId, d.time(), d.event()));
                recordId++;
            }
            if (format == LogFormat.EVTX) {
                EvtxLogWriter.write(file, records);
            } else {
                try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                    for (EvtxLogWriter.Entry r : records) {
                        w.write(JSON.writeValueAsString(r.document()));
                        w.write('\n');
                    }
                }
            }
            Draft first = events.get(0);
            files.add(new DemoManifest.LogFile(e.getKey(), first.host(), first.channel(), events.size(),
                    first.time(), events.get(events.size() - 1).time()));
        }
        return files;
    }

    /** Where {@code d} was written; only after {@link #write}. */
    DemoManifest.EventRef ref(Draft d) {
        DemoManifest.EventRef r = refs.get(d);
        if (r == null) {
            throw new IllegalStateException("event not written yet");
        }
        return r;
    }

    int size() {
        return drafts.size();
    }

    static String fileName(Draft d, LogFormat format) {
        String host = d.host().substring(0, d.host().indexOf('.'));
        return host + "/" + d.channel().replace("/", "%4") + (format == LogFormat.EVTX ? ".evtx" : ".jsonl");
    }
}
