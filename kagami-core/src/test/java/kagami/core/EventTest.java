package kagami.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class EventTest {

    private static Event sysmonProcessCreation() {
        Map<String, Object> provider = new LinkedHashMap<>();
        provider.put("#attributes", Map.of("Name", "Microsoft-Windows-Sysmon", "Guid", "5770385F-C22A-43E0-BF4C-06F5698FFBD9"));
        Map<String, Object> eventId = Map.of("#attributes", Map.of("Qualifiers", 16384L), "#text", 1L);
        Map<String, Object> system = new LinkedHashMap<>();
        system.put("Provider", provider);
        system.put("EventID", eventId);
        system.put("Computer", "WS01.corp.example");
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("Image", "C:\\Windows\\System32\\cmd.exe");
        data.put("Empty", null);
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("System", system);
        event.put("EventData", data);
        event.put("Headers", List.of("a", "b"));
        return Event.builder()
                .timestamp(Instant.parse("2024-07-01T10:00:00Z"))
                .host("WS01.corp.example").channel("Microsoft-Windows-Sysmon/Operational")
                .provider("Microsoft-Windows-Sysmon").eventId(1).recordId(42)
                .origin(Origin.of("sysmon.evtx", 4096))
                .field("Image", "C:\\Windows\\System32\\cmd.exe")
                .field("Empty", null)
                .field("EventID", 1L)
                .document(Map.of("Event", event))
                .build();
    }

    @Test
    void looksUpFlatFieldsByName() {
        Event e = sysmonProcessCreation();
        assertThat(e.fieldOrNull("Image")).isEqualTo("C:\\Windows\\System32\\cmd.exe");
        assertThat(e.fieldOrNull("EventID")).isEqualTo(1L);
        assertThat(e.fieldOrNull("CommandLine")).isNull();
    }

    @Test
    void distinguishesPresentWithoutValueFromAbsent() {
        Event e = sysmonProcessCreation();
        assertThat(e.hasField("Empty")).isTrue();
        assertThat(e.fieldOrNull("Empty")).isNull();
        assertThat(e.hasField("Missing")).isFalse();
        assertThat(e.field("Empty")).isEmpty();
    }

    @Test
    void resolvesDottedPathsInAllThreeAttributeSpellings() {
        Event e = sysmonProcessCreation();
        assertThat(e.fieldOrNull("Event.System.Provider.#attributes.Name")).isEqualTo("Microsoft-Windows-Sysmon");
        assertThat(e.fieldOrNull("Event.System.Provider_attributes.Name")).isEqualTo("Microsoft-Windows-Sysmon");
        assertThat(e.fieldOrNull("Event.System.Provider.Name")).isEqualTo("Microsoft-Windows-Sysmon");
    }

    @Test
    void elementWithAttributesResolvesToItsText() {
        Event e = sysmonProcessCreation();
        assertThat(e.fieldOrNull("Event.System.EventID")).isEqualTo(1L);
        assertThat(e.fieldOrNull("Event.System.EventID.Qualifiers")).isEqualTo(16384L);
    }

    @Test
    void numericSegmentIndexesLists() {
        Event e = sysmonProcessCreation();
        assertThat(e.fieldOrNull("Event.Headers.1")).isEqualTo("b");
        assertThat(e.fieldOrNull("Event.Headers.2")).isNull();
        assertThat(e.fieldOrNull("Event.Headers.99999999999999999999")).isNull();
    }

    @Test
    void dottedPathPresenceWithNullValue() {
        Event e = sysmonProcessCreation();
        assertThat(e.hasField("Event.EventData.Empty")).isTrue();
        assertThat(e.hasField("Event.EventData.Nope")).isFalse();
    }

    @Test
    void survivesJavaSerialisation() throws Exception {
        Event e = sysmonProcessCreation();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(e);
        }
        Event back;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            back = (Event) in.readObject();
        }
        assertThat(back.fieldOrNull("Image")).isEqualTo(e.fieldOrNull("Image"));
        assertThat(back.fieldOrNull("Event.System.Provider.Name")).isEqualTo("Microsoft-Windows-Sysmon");
        assertThat(back.origin()).isEqualTo(e.origin());
    }
}
