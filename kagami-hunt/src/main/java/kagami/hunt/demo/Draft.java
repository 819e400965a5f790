package kagami.hunt.demo;

import java.time.Instant;
import java.util.Map;

/**
 * One event of the data set before it is written: when, on which host and channel, and the record in the evtx-crate
 * JSON shape. Its EventRecordID is assigned when the log file is written, in time order.
 *
 * @param seq insertion order, the tie-breaker for events with the same timestamp
 */
record Draft(long seq, Instant time, String host, String channel, Map<String, Object> event) {

    @SuppressWarnings("unchecked")
    Map<String, Object> system() {
        return (Map<String, Object>) ((Map<String, Object>) event.get("Event")).get("System");
    }
}
