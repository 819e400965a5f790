package kagami.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;

import org.junit.jupiter.api.Test;

class LimitedInputStreamTest {
    @Test
    void deliversUpToTheLimit() throws IOException {
        var in = new LimitedInputStream(new ByteArrayInputStream(new byte[10]), 10, "bytes");
        assertThat(in.readAllBytes()).hasSize(10);
        assertThat(in.count()).isEqualTo(10);
    }

    @Test
    void throwsInsteadOfTruncatingPastTheLimit() {
        var in = new LimitedInputStream(new ByteArrayInputStream(new byte[11]), 10, "member bytes");
        assertThatThrownBy(in::readAllBytes)
                .isInstanceOf(LimitExceededException.class)
                .hasMessageContaining("member bytes")
                .satisfies(e -> assertThat(((LimitExceededException) e).value()).isEqualTo(10));
    }
}
