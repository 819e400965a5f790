package kagami.intel.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import kagami.intel.IndicatorFilter;
import kagami.intel.pack.ContentPacks;

/**
 * A process killed with SIGKILL in the middle of a large import leaves a store that opens, passes SQLite's
 * integrity check and holds the import either wholly or not at all (here: not at all, since it is killed before
 * its commit), with what was committed before untouched.
 */
class CrashSafetyTest {
    @TempDir
    Path dir;

    @Test
    void killNineMidImportLeavesTheImportWhollyAbsent() throws Exception {
        Path db = dir.resolve("crash.db");
        long before;
        try (IntelStore store = IntelStore.open(db)) {
            ContentPacks.load(store, ContentPacks.MIRRORFACE);
            before = store.stats(Instant.now()).indicators();
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                BulkImport.class.getName(), db.toString(), "2000000").redirectErrorStream(true).start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line = r.readLine();
            assertThat(line).as("child output").isEqualTo("STARTED");
            // Let it write well into the transaction (hundreds of thousands of rows) before the kill.
            Thread.sleep(3000);
            assertThat(p.isAlive()).as("the import must still be running when killed").isTrue();
            // Process.destroyForcibly() is SIGKILL on Linux: no shutdown hooks, no finally blocks, no rollback.
            p.destroyForcibly();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(p.exitValue()).isEqualTo(137);
        try (IntelStore store = IntelStore.open(db)) {
            assertThat(store.integrityCheck()).isEqualTo("ok");
            assertThat(store.stats(Instant.now()).indicators()).isEqualTo(before);
            assertThat(store.indicators(IndicatorFilter.all())).hasSize((int) before);
            // The store takes new imports after the crash.
            assertThat(ContentPacks.load(store, ContentPacks.MIRRORFACE).errors()).isEmpty();
        }
    }

    @Test
    void anImportThatCompletesIsWhollyPresent() throws Exception {
        Path db = dir.resolve("done.db");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                BulkImport.class.getName(), db.toString(), "5000").redirectErrorStream(true).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        try (IntelStore store = IntelStore.open(db)) {
            assertThat(store.stats(Instant.now()).indicators()).isEqualTo(5000);
        }
    }
}
