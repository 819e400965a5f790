package kagami.intel.misp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import kagami.core.Tlp;
import kagami.intel.IndicatorFilter;
import kagami.intel.IntelIndicator;
import kagami.intel.csv.CsvIndicators;
import kagami.intel.pack.ContentPacks;
import kagami.intel.stix.StixBundle;
import kagami.intel.stix.StixExchange;
import kagami.intel.stix.StixSchemas;
import kagami.intel.stix.TlpMarkings;
import kagami.intel.store.IntelStore;

/** What a MISP event holds beyond single attributes: sightings, objects and their references, galaxy clusters. */
class MispImportTest {
    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    private static final String EVENT = "event-objects-sightings-galaxies.json";
    private static final String DOMAIN_ATTR = "indicator--6a1b9c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d";
    private static final String IP_ATTR = "indicator--ae5f3a6b-7c8d-4e9f-8a0b-1c2d3e4f5a6b";
    private static final String FILENAME = "indicator--e29d7eaf-b01b-4c3d-8e4f-5a6b7c8d9eaf";
    private static final String SHA256 = "indicator--f3ae8fb0-c12c-4d4e-9f5a-6b7c8d9eafb0";
    private static final String FILE_OBJECT = "grouping--d18c6d9e-af0a-4b2c-9d3e-4f5a6b7c8d9e";
    private static final String DOMAIN_IP_OBJECT = "grouping--26d1b2e3-f45f-4a7b-8c8d-9eafb0c1d2e3";

    @TempDir
    Path dir;

    private IntelStore.ImportResult importEvent(IntelStore s) throws IOException {
        return importEvent(s, NOW);
    }

    private IntelStore.ImportResult importEvent(IntelStore s, Instant importTime) throws IOException {
        try (InputStream in = MispImportTest.class.getResourceAsStream(EVENT)) {
            return s.importFrom(EVENT, "misp", IntelStore.ImportOptions.defaults(),
                    MispEvents.reader(in, EVENT, importTime));
        }
    }

    private static Map<String, ObjectNode> objects(IntelStore s, String type) throws IOException {
        Map<String, ObjectNode> out = new HashMap<>();
        s.forEachObject(type, Tlp.RED, (o, tlp) -> out.put(o.get("id").asText(), o));
        return out;
    }

    private static IntelIndicator indicator(IntelStore s, String id) throws IOException {
        return s.indicators(IndicatorFilter.all()).stream().filter(i -> i.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void sightingsBecomeStixSightingsOfTheAttributesIndicator() throws Exception {
        try (IntelStore s = IntelStore.open(dir.resolve("m.db"))) {
            importEvent(s);
            Map<String, ObjectNode> sightings = objects(s, "sighting");
            assertThat(sightings).hasSize(4);
            ObjectNode seen = sightings.get("sighting--7b2c0d3e-4f5a-4b6c-9d7e-8f9a0b1c2d3e");
            assertThat(seen.get("sighting_of_ref").asText()).isEqualTo(DOMAIN_ATTR);
            assertThat(seen.get("first_seen").asText()).isEqualTo("2025-01-10T00:00:00.000Z");
            assertThat(seen.get("count").asInt()).isEqualTo(1);
            assertThat(seen.get("x_misp_source").asText()).isEqualTo("proxy");
            assertThat(seen.get("where_sighted_refs").get(0).asText())
                    .isEqualTo("identity--0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d");
            assertThat(objects(s, "identity")).containsKeys("identity--0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
                    "identity--1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e");
            // The anonymised sighting (no organisation) names nobody.
            assertThat(sightings.get("sighting--8c3d1e4f-5a6b-4c7d-8e8f-9a0b1c2d3e4f").has("where_sighted_refs"))
                    .isFalse();
            assertThat(sightings.get("sighting--9d4e2f5a-6b7c-4d8e-9f0a-0b1c2d3e4f5a").get("x_misp_sighting_type")
                    .asText()).isEqualTo("false-positive");
            // Seen twice (10 and 11 January); the false positive of 2026 is not a sighting of the threat.
            IntelIndicator d = indicator(s, DOMAIN_ATTR);
            assertThat(d.firstSeen()).contains(Instant.parse("2025-01-10T00:00:00Z"));
            assertThat(d.lastSeen()).contains(Instant.parse("2025-01-11T00:00:00Z"));
        }
    }

    @Test
    void anExpirationSightingEndsTheIndicatorsValidity() throws Exception {
        try (IntelStore s = IntelStore.open(dir.resolve("m.db"))) {
            importEvent(s);
            IntelIndicator ip = indicator(s, IP_ATTR);
            assertThat(ip.validUntil()).contains(Instant.parse("2025-02-01T00:00:00Z"));
            assertThat(ip.activeAt(NOW)).isFalse();
            assertThat(ip.lastSeen()).isEmpty();
        }
    }

    @Test
    void anObjectKeepsItsAttributesTogetherAsAGrouping() throws Exception {
        try (IntelStore s = IntelStore.open(dir.resolve("m.db"))) {
            IntelStore.ImportResult r = importEvent(s);
            Map<String, ObjectNode> groupings = objects(s, "grouping");
            assertThat(groupings).containsOnlyKeys(FILE_OBJECT, DOMAIN_IP_OBJECT);
            ObjectNode file = groupings.get(FILE_OBJECT);
            assertThat(file.get("name").asText()).isEqualTo("file");
            assertThat(file.get("context").asText()).isEqualTo("unspecified");
            assertThat(ids(file.get("object_refs"))).containsExactly(FILENAME, SHA256);
            // Nothing of the object is lost: the size is no indicator but stays in the grouping.
            assertThat(file.at("/x_misp_object/attributes/2/object_relation").asText()).isEqualTo("size-in-bytes");
            assertThat(file.at("/x_misp_object/attributes/2/value").asText()).isEqualTo("73728");
            assertThat(file.at("/x_misp_object/template_uuid").asText()).isEqualTo(
                    "688c46fb-5edb-40a3-8273-1af7923e2215");
            // The object's marking is the strictest of its attributes' and the event's.
            assertThat(groupings.get(DOMAIN_IP_OBJECT).get("object_marking_refs").get(0).asText())
                    .isEqualTo(TlpMarkings.id(Tlp.AMBER));
            assertThat(r.warnings()).anyMatch(w -> w.key().equals("warning.at")
                    && w.toString().contains("annotation"));
        }
    }

    @Test
    void objectReferencesBecomeRelationships() throws Exception {
        try (IntelStore s = IntelStore.open(dir.resolve("m.db"))) {
            IntelStore.ImportResult r = importEvent(s);
            Map<String, ObjectNode> rels = objects(s, "relationship");
            ObjectNode toObject = rels.get("relationship--15c0a1d2-e34e-4f6a-9b7c-8d9eafb0c1d2");
            assertThat(toObject.get("relationship_type").asText()).isEqualTo("communicates-with");
            assertThat(toObject.get("source_ref").asText()).isEqualTo(FILE_OBJECT);
            assertThat(toObject.get("target_ref").asText()).isEqualTo(DOMAIN_IP_OBJECT);
            ObjectNode toAttribute = rels.get("relationship--37e2c3f4-056a-4b8c-9d9e-afb0c1d2e3f4");
            assertThat(toAttribute.get("target_ref").asText()).isEqualTo(IP_ATTR);
            // "Connected To" is no STIX relationship type: related-to, with MISP's word kept.
            assertThat(toAttribute.get("relationship_type").asText()).isEqualTo("related-to");
            assertThat(toAttribute.get("x_misp_relationship_type").asText()).isEqualTo("connected to");
            assertThat(rels).doesNotContainKey("relationship--48f3d4a5-167b-4c9d-8eaf-b0c1d2e3f4a5");
            assertThat(r.warnings()).anyMatch(w -> w.toString().contains("99999999-9999-4999-8999-999999999999"));
        }
    }

    @Test
    void galaxyClustersBecomeIntrusionSetMalwareAndAttackPatternThatTheIndicatorsIndicate() throws Exception {
        try (IntelStore s = IntelStore.open(dir.resolve("m.db"))) {
            IntelStore.ImportResult r = importEvent(s);
            ObjectNode actor = objects(s, "intrusion-set").values().iterator().next();
            assertThat(actor.get("name").asText()).isEqualTo("MirrorFace");
            assertThat(actor.get("aliases").get(0).asText()).isEqualTo("Earth Kasha");
            ObjectNode technique = objects(s, "attack-pattern").values().iterator().next();
            assertThat(technique.get("name").asText()).isEqualTo("Spearphishing Attachment");
            assertThat(technique.at("/external_references/0/external_id").asText()).isEqualTo("T1566.001");
            assertThat(technique.at("/kill_chain_phases/0/phase_name").asText()).isEqualTo("initial-access");
            assertThat(objects(s, "malware").values()).extracting(o -> o.get("name").asText())
                    .containsExactly("LODEINFO");
            // Event clusters for every indicator of the event; the attribute's malware tag for that attribute only.
            assertThat(indicator(s, DOMAIN_ATTR).related()).containsExactlyInAnyOrder("LODEINFO", "MirrorFace");
            assertThat(indicator(s, SHA256).related()).containsExactly("MirrorFace");
            Set<String> targets = new HashSet<>();
            for (ObjectNode rel : objects(s, "relationship").values()) {
                if (rel.get("source_ref").asText().equals(SHA256)) {
                    assertThat(rel.get("relationship_type").asText()).isEqualTo("indicates");
                    targets.add(rel.get("target_ref").asText());
                }
            }
            assertThat(targets).containsExactlyInAnyOrder(actor.get("id").asText(), technique.get("id").asText());
            assertThat(r.warnings()).anyMatch(w -> w.toString().contains("'sector'"));
        }
    }

    @Test
    void theEventIsAReportOfEverythingItHeld() throws Exception {
        try (IntelStore s = IntelStore.open(dir.resolve("m.db"))) {
            importEvent(s);
            ObjectNode report = objects(s, "report").get("report--5f1e8c3a-2b7d-4c1e-9a3f-0d4b6e8f1a20");
            assertThat(report.get("published").asText()).isEqualTo("2025-01-08T00:00:00.000Z");
            assertThat(ids(report.get("object_refs"))).contains(DOMAIN_ATTR, SHA256, FILE_OBJECT, DOMAIN_IP_OBJECT);
            assertThat(report.get("object_marking_refs").get(0).asText()).isEqualTo(TlpMarkings.id(Tlp.AMBER));
        }
    }

    @Test
    void reImportingTheEventChangesNothing() throws Exception {
        try (IntelStore s = IntelStore.open(dir.resolve("m.db"))) {
            IntelStore.ImportResult first = importEvent(s);
            // An hour later: nothing of the event depends on when it is imported.
            IntelStore.ImportResult again = importEvent(s, NOW.plusSeconds(3600));
            assertThat(first.added()).isPositive();
            assertThat(again.added() + again.updated()).isZero();
            assertThat(again.errors()).isEmpty();
        }
    }

    @Test
    void clustersTheStoreAlreadyHoldsAreNotReplaced() throws Exception {
        try (IntelStore s = IntelStore.open(dir.resolve("m.db"))) {
            ContentPacks.load(s, ContentPacks.MIRRORFACE);
            Map<String, ObjectNode> before = objects(s, "intrusion-set");
            importEvent(s);
            CsvIndicators.reader(new StringReader("value,type,related\nx.example.com,domain,LODEINFO\n"), "x.csv",
                    Map.of(), Optional.empty(), ',', NOW);
            s.importFrom("x.csv", "csv", IntelStore.ImportOptions.defaults(), CsvIndicators.reader(new StringReader(
                    "value,type,related\nx.example.com,domain,LODEINFO\n"), "x.csv", Map.of(), Optional.empty(), ',',
                    NOW));
            // The pack's MirrorFace and LODEINFO, with their descriptions, stay what they were.
            assertThat(objects(s, "intrusion-set")).isEqualTo(before);
            ObjectNode lodeinfo = objects(s, "malware").values().stream()
                    .filter(o -> o.get("name").asText().equals("LODEINFO")).findFirst().orElseThrow();
            assertThat(lodeinfo.get("description").asText()).contains("backdoor");
            assertThat(s.versions(lodeinfo.get("id").asText())).hasSize(1);
        }
    }

    @Test
    void whatTheEventBecameIsValidStix() throws Exception {
        try (IntelStore s = IntelStore.open(dir.resolve("m.db"))) {
            importEvent(s);
            Set<String> ids = new HashSet<>();
            s.forEachIndicator(IndicatorFilter.all(), i -> ids.add(i.id()));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            StixExchange.write(s, ids, Tlp.RED, out, null, false);
            JsonNode bundle = StixBundle.MAPPER.readTree(out.toByteArray());
            List<String> types = new ArrayList<>();
            bundle.get("objects").forEach(o -> types.add(o.get("type").asText()));
            assertThat(types).contains("grouping", "sighting", "report", "intrusion-set", "attack-pattern",
                    "identity");
            StixSchemas schemas = new StixSchemas();
            List<String> errors = new ArrayList<>();
            bundle.get("objects").forEach(o -> errors.addAll(schemas.validate(o)));
            assertThat(errors).isEmpty();
            // The OASIS bundle.json (3bf9e69) lists neither grouping nor note, opinion, location, incident among a
            // bundle's objects, though STIX 2.1 §8 allows any object: check the rest of the bundle with it.
            ((com.fasterxml.jackson.databind.node.ArrayNode) bundle.get("objects"))
                    .removeIf(o -> o.get("type").asText().equals("grouping"));
            assertThat(schemas.validateBundle(bundle)).isEmpty();
        }
    }

    private static List<String> ids(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(x -> out.add(x.asText()));
        return out;
    }
}
