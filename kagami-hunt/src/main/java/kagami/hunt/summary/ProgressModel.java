package kagami.hunt.summary;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * How far a hunt has got, independent of how it is drawn: bytes of known size done, events, detections. Readers
 * and the detector update it from any thread; the CLI samples {@link #snapshot} to draw a bar with an ETA.
 */
public final class ProgressModel {
    private final long totalBytes;
    private final int totalInputs;
    private final Instant start;
    private final AtomicLong bytes = new AtomicLong();
    /** Added to once per event from every reader thread: striped, so the threads do not contend for one counter. */
    private final LongAdder events = new LongAdder();
    private final AtomicLong detections = new AtomicLong();
    private final AtomicLong inputsDone = new AtomicLong();

    /** What the bar shows at one moment. */
    public record Snapshot(double fraction, long bytes, long totalBytes, long inputsDone, int totalInputs,
                           long events, long detections, Duration elapsed, double eventsPerSecond,
                           Optional<Duration> eta) {
    }

    public ProgressModel(long totalBytes, int totalInputs, Instant start) {
        this.totalBytes = Math.max(0, totalBytes);
        this.totalInputs = totalInputs;
        this.start = start;
    }

    public void addBytes(long n) {
        bytes.addAndGet(n);
    }

    public void addEvents(long n) {
        events.add(n);
    }

    public void addDetections(long n) {
        detections.addAndGet(n);
    }

    public void inputDone() {
        inputsDone.incrementAndGet();
    }

    public long events() {
        return events.sum();
    }

    public Snapshot snapshot(Instant now) {
        Duration elapsed = Duration.between(start, now);
        if (elapsed.isNegative()) {
            elapsed = Duration.ZERO;
        }
        long b = Math.min(bytes.get(), totalBytes);
        double fraction = totalBytes > 0 ? (double) b / totalBytes
                : totalInputs > 0 ? (double) inputsDone.get() / totalInputs : 0;
        fraction = Math.max(0, Math.min(1, fraction));
        double secs = elapsed.toNanos() / 1e9;
        long eventCount = events.sum();
        double eps = secs > 0 ? eventCount / secs : 0;
        Optional<Duration> eta = Optional.empty();
        // An ETA from the first second or the first percent is noise; wait for both.
        if (fraction >= 0.01 && secs >= 1 && fraction < 1) {
            eta = Optional.of(Duration.ofMillis((long) (secs * (1 - fraction) / fraction * 1000)));
        } else if (fraction >= 1) {
            eta = Optional.of(Duration.ZERO);
        }
        return new Snapshot(fraction, b, totalBytes, inputsDone.get(), totalInputs, eventCount, detections.get(),
                elapsed, eps, eta);
    }
}
