package kagami.evtx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a Debian oracle live ({@code evtxexport} from libevtx-utils). A missing oracle fails the test with the
 * package to install: CI installs it ({@code .ci/run}).
 */
final class Oracle {
    private Oracle() {
    }

    /** {@code evtxexport -f xml [-m mode] FILE}, stdout as text. */
    static String evtxexport(Path file, String mode) {
        return run(List.of("evtxexport", "-f", "xml", "-m", mode, file.toString()), "libevtx-utils");
    }

    static String run(List<String> command, String debianPackage) {
        try {
            Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] out;
            try (InputStream in = p.getInputStream()) {
                ByteArrayOutputStream b = new ByteArrayOutputStream();
                in.transferTo(b);
                out = b.toByteArray();
            }
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).as(command + " finished").isTrue();
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return fail("oracle " + command.get(0) + " is not installed (apt-get install " + debianPackage + "): " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted");
        }
    }
}
