package kagami.intel;

import java.io.IOException;

/** An exchange-format reader: reads its input and hands STIX objects to a sink. */
@FunctionalInterface
public interface IntelReader {
    void read(ImportSink sink) throws IOException;
}
