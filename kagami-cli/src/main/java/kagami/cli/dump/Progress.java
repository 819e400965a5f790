package kagami.cli.dump;

import java.io.PrintWriter;

/**
 * A one-line progress bar on stderr, redrawn at most five times a second; only used when stderr is a terminal,
 * so logs and pipes never see carriage returns.
 */
final class Progress {
    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final long totalBytes;
    private final long started = System.nanoTime();
    private long lastDraw;
    private boolean drawn;

    Progress(PrintWriter err, long totalBytes) {
        this.err = err;
        this.totalBytes = Math.max(1, totalBytes);
    }

    void update(long doneBytes, long records) {
        long now = System.nanoTime();
        if (now - lastDraw < 200_000_000L) {
            return;
        }
        lastDraw = now;
        double fraction = Math.min(1.0, doneBytes / (double) totalBytes);
        int filled = (int) Math.round(fraction * WIDTH);
        double seconds = Math.max(1e-9, (now - started) / 1e9);
        err.print(String.format("\r[%s%s] %3d%%  %,d  %.1f MB/s ", "#".repeat(filled), " ".repeat(WIDTH - filled),
                (int) (fraction * 100), records, doneBytes / 1e6 / seconds));
        err.flush();
        drawn = true;
    }

    /** Clears the bar so the next line starts clean. */
    void clear() {
        if (drawn) {
            err.print("\r" + " ".repeat(WIDTH + 40) + "\r");
            err.flush();
            drawn = false;
        }
    }
}
