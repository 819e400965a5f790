package kagami.intel.store;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import kagami.intel.Observable;

/** Writes the benchmark's input: {@code count} synthetic indicators as Kagami CSV ({@code type,value,related}). */
public final class BenchCsv {
    private BenchCsv() {
    }

    public static void main(String[] args) throws Exception {
        long count = Long.parseLong(args[1]);
        try (BufferedWriter w = Files.newBufferedWriter(Path.of(args[0]), StandardCharsets.UTF_8)) {
            w.write("type,value,tlp,confidence\n");
            for (long i = 0; i < count; i++) {
                Observable o = BulkImport.observable(i);
                w.write(o.typeName() + "," + o.value() + ",TLP:GREEN," + (50 + i % 50) + "\n");
            }
        }
    }
}
