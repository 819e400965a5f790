package kagami.evtx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import kagami.core.Event;
import kagami.evtx.binxml.TemplateCache;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Fuzzing: real chunks from the shared corpus, mutated (bit flips, overwritten bytes, zeroed or 0xff runs,
 * copied ranges, boundary values written where offsets and sizes live), are read and every record rendered
 * three ways. Nothing but the typed exception may escape, reading ends, and output stays bounded. The number
 * of tries comes from {@code jqwik.tries.default} (the parent pom's {@code kagami.fuzz.tries}).
 */
class ChunkFuzzTest {
    /** Output allowed per 64 KiB chunk: templates repeat, but not without bound. */
    private static final long MAX_OUTPUT_PER_CHUNK = 256L << 20;

    private static final List<byte[]> SEEDS = seeds();

    private static List<byte[]> seeds() {
        List<byte[]> seeds = new ArrayList<>();
        String[][] picks = {
            {"security.evtx", "0"}, {"sysmon.evtx", "1"}, {"system.evtx", "0"},
            {"E_Windows_system32_winevt_logs_Microsoft-Windows-CAPI2%4Operational.evtx", "0"},
            {"MSExchange_Management_wec.evtx", "0"}, {"2-system-Microsoft-Windows-LiveId%4Operational.evtx", "0"},
            {"E_Windows_system32_winevt_logs_Microsoft-Windows-Shell-Core%4Operational.evtx", "1"},
            {"Security_with_size_t.evtx", "2"}, {"sample_with_a_bad_chunk_magic.evtx", "7"},
        };
        try {
            for (String[] p : picks) {
                byte[] file = Files.readAllBytes(TestData.edgeCase(p[0]));
                int from = 4096 + Integer.parseInt(p[1]) * 65536;
                seeds.add(Arrays.copyOfRange(file, from, from + 65536));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return seeds;
    }

    /** A copy of seed chunk {@code index}. */
    static byte[] seed(int index) {
        return SEEDS.get(index).clone();
    }

    /** One change to a chunk. */
    record Mutation(int kind, int position, int length, int value) {
        void apply(byte[] c) {
            int p = position;
            switch (kind) {
                case 0 -> c[p] ^= (byte) (1 << (value & 7));
                case 1 -> c[p] = (byte) value;
                case 2 -> Arrays.fill(c, p, Math.min(c.length, p + length), (byte) 0);
                case 3 -> Arrays.fill(c, p, Math.min(c.length, p + length), (byte) 0xff);
                case 4 -> {
                    int n = Math.min(length, c.length - Math.max(p, value));
                    System.arraycopy(c.clone(), value, c, p, Math.max(0, Math.min(n, c.length - p)));
                }
                default -> {
                    // A boundary value where a 32-bit offset or size may live.
                    int[] boundaries = {0, 1, 0xffff, 0x10000, 0x7fffffff, -1, p, p + 4, 512, 65532};
                    int v = boundaries[Math.floorMod(value, boundaries.length)];
                    if (p + 4 <= c.length) {
                        c[p] = (byte) v;
                        c[p + 1] = (byte) (v >>> 8);
                        c[p + 2] = (byte) (v >>> 16);
                        c[p + 3] = (byte) (v >>> 24);
                    }
                }
            }
        }
    }

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        Arbitrary<Integer> position = Arbitraries.oneOf(
                Arbitraries.integers().between(0, 511),           // chunk header
                Arbitraries.integers().between(512, 8191),        // first records and template definitions
                Arbitraries.integers().between(0, 65535));
        Arbitrary<Mutation> one = Combinators.combine(Arbitraries.integers().between(0, 5), position,
                Arbitraries.integers().between(1, 600), Arbitraries.integers().between(0, 65535)).as(Mutation::new);
        return one.list().ofMinSize(1).ofMaxSize(12);
    }

    @Property
    void mutatedChunksNeverCrashHangOrExplode(@ForAll("mutations") List<Mutation> mutations,
            @ForAll("seedIndex") int seed, @ForAll boolean carve, @ForAll boolean checksums) {
        byte[] chunk = SEEDS.get(seed).clone();
        for (Mutation m : mutations) {
            m.apply(chunk);
        }
        EvtxOptions options = EvtxOptions.defaults().withThreads(1).withCarve(carve).withValidateChecksums(checksums);
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            ParsedChunk parsed = Chunk.read(chunk, chunk.length, 0, 4096, "fuzz.evtx", options, new TemplateCache(), null, false);
            long output = 0;
            for (EvtxRecord r : parsed.records()) {
                output += r.toXml().length();
                output += r.toJson(JsonStyle.NESTED_ATTRIBUTES).length();
                output += r.toJson(JsonStyle.SEPARATE_ATTRIBUTES).length();
                Event e = r.toEvent();
                output += e.fields().size();
                e.fieldOrNull("Event.System.EventID");
                output += e.document().size();
                assertThat(output).isLessThan(MAX_OUTPUT_PER_CHUNK);
            }
            for (EvtxWarning w : parsed.warnings()) {
                assertThat(w.offset()).isBetween(4096L, 4096L + 65536);
                assertThat(w.message(java.util.Locale.ENGLISH)).isNotBlank();
            }
        });
    }

    @Provide
    Arbitrary<Integer> seedIndex() {
        return Arbitraries.integers().between(0, SEEDS.size() - 1);
    }

    @Property(tries = 200)
    void mutatedFilesAreReadOrRefusedWithTheTypedException(@ForAll("mutations") List<Mutation> mutations,
            @ForAll("seedIndex") int seed, @ForAll boolean headerOnly) throws IOException {
        byte[] file = SyntheticEvtx.file(SEEDS.get(seed).clone());
        for (Mutation m : mutations) {
            Mutation inFile = new Mutation(m.kind(), headerOnly ? m.position() % 4096 : m.position() % file.length,
                    m.length(), m.value());
            if (inFile.kind() != 4) {
                inFile.apply(file);
            }
        }
        Path p = Files.createTempFile("kagami-fuzz", ".evtx");
        try {
            Files.write(p, file);
            assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
                try (EvtxReader r = EvtxReader.open(p, EvtxOptions.defaults().withThreads(2).withCarve(true))) {
                    r.map(rec -> rec.toJson(JsonStyle.NESTED_ATTRIBUTES).length(), n -> { });
                } catch (EvtxFormatException expected) {
                    assertThat(expected.getMessage()).isNotBlank();
                }
            });
        } finally {
            Files.deleteIfExists(p);
        }
    }
}
