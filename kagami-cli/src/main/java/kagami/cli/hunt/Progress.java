package kagami.cli.hunt;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import kagami.hunt.summary.ProgressModel;

/**
 * Draws a {@link ProgressModel} on the terminal's standard error, redrawn in place twice a second: a bar, the
 * percentage, inputs done, events, events per second and the ETA. Only on a terminal; never in pipes or CI logs.
 */
final class Progress implements AutoCloseable {
    private static final int WIDTH = 28;
    private final ProgressModel model;
    private final PrintWriter err;
    private final ScheduledExecutorService timer;
    private boolean drawn;

    private Progress(ProgressModel model, PrintWriter err) {
        this.model = model;
        this.err = err;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "kagami-progress");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(this::draw, 500, 500, TimeUnit.MILLISECONDS);
    }

    /** Starts drawing when {@code terminal}; otherwise returns a no-op. */
    static AutoCloseable start(ProgressModel model, PrintWriter err, boolean terminal) {
        return terminal ? new Progress(model, err) : () -> { };
    }

    private synchronized void draw() {
        ProgressModel.Snapshot s = model.snapshot(Instant.now());
        err.print("\r" + line(s));
        err.flush();
        drawn = true;
    }

    static String line(ProgressModel.Snapshot s) {
        int filled = (int) Math.round(s.fraction() * WIDTH);
        StringBuilder sb = new StringBuilder();
        sb.append('[').append("#".repeat(filled)).append(".".repeat(WIDTH - filled)).append("] ");
        sb.append(String.format(Locale.ROOT, "%5.1f%% ", s.fraction() * 100));
        sb.append(s.inputsDone()).append('/').append(s.totalInputs()).append("  ");
        sb.append(String.format(Locale.ROOT, "%,d ev  %,.0f ev/s  %,d det", s.events(), s.eventsPerSecond(),
                s.detections()));
        s.eta().ifPresent(d -> sb.append("  ETA ").append(clock(d)));
        sb.append("  ");
        return sb.toString();
    }

    static String clock(Duration d) {
        long secs = d.toSeconds();
        return String.format(Locale.ROOT, "%d:%02d:%02d", secs / 3600, (secs / 60) % 60, secs % 60);
    }

    @Override
    public synchronized void close() {
        timer.shutdownNow();
        if (drawn) {
            err.print("\r" + " ".repeat(100) + "\r");
            err.flush();
        }
    }
}
