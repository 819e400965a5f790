package kagami.cli.dump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import kagami.evtx.render.Utf8Output;
import org.junit.jupiter.api.Test;

/**
 * The writer thread keeps the order it is given, hands every buffer back exactly once, and when the output fails —
 * with an I/O error or anything else — the caller hears of it and never waits on a writer that has stopped. (The
 * timeouts only stop a hung test; nothing here measures speed.)
 */
class OutputWriterTest {
    private static Utf8Output text(String s) {
        Utf8Output o = new Utf8Output(16);
        o.ascii(s);
        return o;
    }

    @Test
    void writesInOrderAndHandsEachBufferBackOnce() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Utf8Output> back = Collections.synchronizedList(new ArrayList<>());
        List<Utf8Output> given = new ArrayList<>();
        try (OutputWriter w = new OutputWriter(out, back::add)) {
            w.write("[".getBytes(StandardCharsets.US_ASCII), null);
            for (int i = 0; i < 100; i++) {
                Utf8Output b = text("r" + i);
                given.add(b);
                w.write(i == 0 ? null : ",".getBytes(StandardCharsets.US_ASCII), b);
            }
            w.finish();
        }
        StringBuilder expected = new StringBuilder("[");
        for (int i = 0; i < 100; i++) {
            expected.append(i == 0 ? "" : ",").append("r").append(i);
        }
        assertThat(out.toString(StandardCharsets.US_ASCII)).isEqualTo(expected.toString());
        assertThat(back).containsExactlyElementsOf(given);
    }

    @Test
    void anIoErrorReachesTheCallerWhoDoesNotWaitForever() {
        assertFailureReachesTheCaller(new IOException("No space left on device"), "No space left on device");
    }

    @Test
    void anUncheckedFailureOfTheStreamAlsoReachesTheCaller() {
        assertFailureReachesTheCaller(new IllegalStateException("stream closed under us"), "stream closed under us");
    }

    private static void assertFailureReachesTheCaller(Exception failure, String message) {
        OutputStream failing = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (failure instanceof IOException io) {
                    throw io;
                }
                throw (RuntimeException) failure;
            }
        };
        List<Utf8Output> back = Collections.synchronizedList(new ArrayList<>());
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            OutputWriter w = new OutputWriter(failing, back::add);
            assertThatThrownBy(() -> {
                // Far more than the queue holds: the caller must be told, not left blocked on a full queue.
                for (int i = 0; i < 1000; i++) {
                    w.write(null, text("x"));
                }
                w.finish();
            }).isInstanceOf(IOException.class).hasMessageContaining(message);
            w.close();
        });
        // Every buffer that was queued came back, written or dropped.
        assertThat(back).isNotEmpty().allSatisfy(b -> assertThat(b.toString()).isEqualTo("x"));
    }
}
