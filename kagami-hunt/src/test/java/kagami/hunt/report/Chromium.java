package kagami.hunt.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs Debian's headless Chromium on a local file and returns the DOM after scripts ran, plus what the browser
 * logged. A real browser, not a mock: the report must render in what analysts open it with.
 */
final class Chromium {
    record Result(String dom, String log) {
    }

    private Chromium() {
    }

    static Path binary() {
        for (String c : new String[] {"/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"}) {
            if (Files.isExecutable(Path.of(c))) {
                return Path.of(c);
            }
        }
        throw new IllegalStateException("headless Chromium not found: install Debian's 'chromium' package "
                + "(.ci/run does); the HTML report test needs a real browser");
    }

    static Result dumpDom(Path html, Path workDir) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(workDir, "chromium-profile-");
        Path log = workDir.resolve("chromium.log");
        List<String> cmd = new ArrayList<>(List.of(binary().toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--disable-dev-shm-usage", "--user-data-dir=" + profile,
                "--enable-logging=stderr", "--v=0", "--virtual-time-budget=5000", "--dump-dom",
                html.toUri().toString()));
        Process p = new ProcessBuilder(cmd).redirectError(log.toFile()).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("chromium did not finish within 120 s");
        }
        String logText = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        return new Result(new String(out, StandardCharsets.UTF_8), logText);
    }
}
