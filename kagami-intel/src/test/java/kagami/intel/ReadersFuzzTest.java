package kagami.intel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ObjectNode;

import kagami.core.i18n.Messages;
import kagami.intel.blocklist.PlainLists;
import kagami.intel.csv.CsvIndicators;
import kagami.intel.loki.LokiIocs;
import kagami.intel.misp.MispEvents;
import kagami.intel.stix.StixExchange;
import kagami.intel.stix.StixObjects;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Hostile input: whatever bytes a reader gets, it either delivers STIX objects or fails with a typed, located
 * {@link IOException} — never another exception, never a hang.
 */
class ReadersFuzzTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    /** Accepts and checks everything, like the store does before writing. */
    static final class Sink implements ImportSink {
        final List<ObjectNode> objects = new ArrayList<>();

        @Override
        public void accept(ObjectNode object, IntelMessage location, boolean derived) throws IOException {
            StixObjects.check(object, location);
            objects.add(object);
        }

        @Override
        public void error(IntelFormatException error) {
            located(error);
        }

        @Override
        public void warning(IntelMessage location, IntelMessage message) {
            assertKnown(location);
            assertKnown(message);
        }
    }

    /** A located error whose texts exist in both languages. */
    static void located(IntelFormatException e) {
        assertThat(e.location().text(Locale.ENGLISH)).isNotBlank();
        assertThat(e.reason(Locale.ENGLISH)).isNotBlank();
        assertKnown(e.text());
    }

    /** Every key of {@code m} and of the messages nested in it has a text in both languages. */
    static void assertKnown(IntelMessage m) {
        for (Locale l : Messages.SUPPORTED) {
            assertThat(Messages.load(IntelMessage.BUNDLE, l).has(m.key())).as(m.key() + " in " + l).isTrue();
        }
        for (Object a : m.args()) {
            if (a instanceof IntelMessage nested) {
                assertKnown(nested);
            }
        }
    }

    private static void run(IntelReader r) {
        try {
            r.read(new Sink());
        } catch (IntelFormatException e) {
            located(e);
        } catch (IOException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }

    @Provide
    Arbitrary<String> jsonish() {
        String bundle = "{\"type\":\"bundle\",\"id\":\"bundle--11111111-1111-4111-8111-111111111111\",\"objects\":[{"
                + "\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\"indicator--8e2e2d2b-17d4-4cbf-938f-"
                + "98ee46b3cd3f\",\"created\":\"2025-01-01T00:00:00Z\",\"modified\":\"2025-01-01T00:00:00Z\","
                + "\"pattern\":\"[domain-name:value = 'x.example']\",\"pattern_type\":\"stix\",\"valid_from\":"
                + "\"2025-01-01T00:00:00Z\"},{\"Event\":{\"Attribute\":[{\"type\":\"ip-dst|port\",\"value\":"
                + "\"1.2.3.4|80\"}]}}]}";
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(300),
                Arbitraries.integers().between(0, bundle.length() - 1).list().ofMinSize(1).ofMaxSize(5)
                        .flatMap(cuts -> Arbitraries.of("", "{", "}", "[", "]", "\"", ",", ":", "null", "1e99999",
                                "\\u0000", "[[[[[[[[").list().ofSize(cuts.size()).map(ins -> {
                                    StringBuilder sb = new StringBuilder(bundle);
                                    for (int k = 0; k < cuts.size(); k++) {
                                        int at = Math.min(cuts.get(k), sb.length());
                                        sb.replace(at, Math.min(sb.length(), at + 1), ins.get(k));
                                    }
                                    return sb.toString();
                                })));
    }

    /** A MISP event with objects, references, sightings and galaxies, cut and spliced at random places. */
    @Provide
    Arbitrary<String> mispish() {
        String event;
        try (var in = ReadersFuzzTest.class.getResourceAsStream("misp/event-objects-sightings-galaxies.json")) {
            event = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return Arbitraries.integers().between(0, event.length() - 1).list().ofMinSize(1).ofMaxSize(4)
                .flatMap(cuts -> Arbitraries.of("", "{", "}", "[", "]", "\"", ",", "null", "-1", "\"9\"",
                        "99999999999999999999", "\"Sighting\": 3,", "\"deleted\": true,", "{\"Galaxy\": [{}]}")
                        .list().ofSize(cuts.size()).map(ins -> {
                            StringBuilder sb = new StringBuilder(event);
                            for (int k = 0; k < cuts.size(); k++) {
                                int at = Math.min(cuts.get(k), sb.length());
                                sb.replace(at, Math.min(sb.length(), at + 3), ins.get(k));
                            }
                            return sb.toString();
                        }));
    }

    @Property(tries = 300)
    void mispEventWithObjectsSightingsAndGalaxiesFailsCleanly(@ForAll("mispish") String s) {
        run(MispEvents.reader(new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8)), "fuzz", NOW));
    }

    @Provide
    Arbitrary<String> lines() {
        return Arbitraries.strings().withChars("abc019.,;:\"'#/\\|*%[]() \n\r\t=-@xX")
                .withChars("日本").ofMaxLength(400);
    }

    @Property(tries = 500)
    void stixReaderFailsCleanly(@ForAll("jsonish") String s) {
        run(StixExchange.reader(new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8)), "fuzz"));
    }

    @Property(tries = 500)
    void mispReaderFailsCleanly(@ForAll("jsonish") String s) {
        run(MispEvents.reader(new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8)), "fuzz", NOW));
    }

    @Property(tries = 500)
    void csvReaderFailsCleanly(@ForAll("lines") String s) {
        run(CsvIndicators.reader(new StringReader("type,value,confidence,tlp,valid_from\n" + s), "fuzz", Map.of(),
                Optional.empty(), ',', NOW));
        run(CsvIndicators.reader(new StringReader(s), "fuzz", Map.of(), Optional.empty(), ';', NOW));
    }

    @Property(tries = 500)
    void lokiAndListReadersFailCleanly(@ForAll("lines") String s) {
        run(sink -> LokiIocs.read(new BufferedReader(new StringReader(s)), "fuzz", null, sink, NOW));
        run(PlainLists.reader(new BufferedReader(new StringReader(s)), "fuzz", Optional.empty(), NOW));
    }
}
