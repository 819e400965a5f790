package kagami.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class WindowsEventJsonTest {

    static List<Event> read(String json) throws IOException {
        return WindowsEventJson.readAll(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "t.json");
    }

    static final String DEFAULT_MODE = """
            {"Event": {"#attributes": {"xmlns": "http://schemas.microsoft.com/win/2004/08/events/event"},
              "System": {
                "Provider": {"#attributes": {"Name": "Microsoft-Windows-Security-Auditing", "Guid": "54849625-5478-4994-A5BA-3E3B0328C30D"}},
                "EventID": {"#attributes": {"Qualifiers": 16384}, "#text": 4625},
                "Version": 0, "Level": 0, "Task": 12544, "Opcode": 0, "Keywords": "0x8010000000000000",
                "TimeCreated": {"#attributes": {"SystemTime": "2024-07-01T10:00:00.123456Z"}},
                "EventRecordID": 42, "Correlation": null,
                "Execution": {"#attributes": {"ProcessID": 4, "ThreadID": 8}},
                "Channel": "Security", "Computer": "DC01.corp.example", "Security": null},
              "EventData": {"TargetUserName": "bob", "LogonType": 3, "IpAddress": "10.0.0.9", "Empty": null}}}
            """;

    @Test
    void flattensSystemAttributesAndKeepsTypes() throws IOException {
        Event e = read(DEFAULT_MODE).get(0);
        assertThat(e.eventId()).isEqualTo(4625);
        assertThat(e.channel()).isEqualTo("Security");
        assertThat(e.host()).isEqualTo("DC01.corp.example");
        assertThat(e.provider()).isEqualTo("Microsoft-Windows-Security-Auditing");
        assertThat(e.recordId()).isEqualTo(42);
        assertThat(e.timestamp()).isEqualTo(Instant.parse("2024-07-01T10:00:00.123456Z"));
        assertThat(e.fieldOrNull("EventID")).isEqualTo(4625L);
        assertThat(e.fieldOrNull("EventID_Qualifiers")).isEqualTo(16384L);
        assertThat(e.fieldOrNull("Provider_Name")).isEqualTo("Microsoft-Windows-Security-Auditing");
        assertThat(e.fieldOrNull("Execution_ProcessID")).isEqualTo(4L);
        assertThat(e.fieldOrNull("TimeCreated_SystemTime")).isEqualTo("2024-07-01T10:00:00.123456Z");
        assertThat(e.fieldOrNull("Keywords")).isEqualTo("0x8010000000000000");
        assertThat(e.fieldOrNull("LogonType")).isEqualTo(3L);
        assertThat(e.hasField("Empty")).isTrue();
        assertThat(e.fieldOrNull("Empty")).isNull();
        assertThat(e.hasField("Correlation")).isTrue();
        assertThat(e.fieldOrNull("Event.EventData.TargetUserName")).isEqualTo("bob");
    }

    @Test
    void separateAttributesModeGivesTheSameFlatFields() throws IOException {
        String sep = """
                {"Event": {"Event_attributes": {"xmlns": "x"}, "System": {
                  "Provider_attributes": {"Name": "Microsoft-Windows-Security-Auditing"}, "Provider": null,
                  "EventID": 4625, "EventID_attributes": {"Qualifiers": 16384},
                  "TimeCreated_attributes": {"SystemTime": "2024-07-01T10:00:00.123456Z"}, "TimeCreated": null,
                  "EventRecordID": 42, "Channel": "Security", "Computer": "DC01.corp.example"},
                  "EventData": {"TargetUserName": "bob"}}}
                """;
        Event a = read(DEFAULT_MODE).get(0);
        Event b = read(sep).get(0);
        for (String f : List.of("EventID", "EventID_Qualifiers", "Provider_Name", "TimeCreated_SystemTime", "Channel",
                "Computer", "EventRecordID", "TargetUserName")) {
            assertThat(b.fieldOrNull(f)).as(f).isEqualTo(a.fieldOrNull(f));
        }
        assertThat(b.timestamp()).isEqualTo(a.timestamp());
        assertThat(b.provider()).isEqualTo(a.provider());
    }

    @Test
    void unnamedDataBecomesAListAndUserDataLeavesAreFlat() throws IOException {
        String json = """
                {"Event": {"System": {"EventID": 7045, "Channel": "System"},
                  "EventData": {"Data": {"#text": ["a", "", "c"]}, "Binary": "00AA"}}}
                {"Event": {"System": {"EventID": 1, "Channel": "C"},
                  "UserData": {"RmSessionEvent": {"#attributes": {"xmlns": "y"}, "RmSessionId": 0,
                    "UTCStartTime": "2024-01-01T00:00:00Z", "Nested": {"Inner": "v"}}}}}
                """;
        List<Event> events = read(json);
        assertThat(events).hasSize(2);
        assertThat(events.get(0).fieldOrNull("Data")).isEqualTo(List.of("a", "", "c"));
        assertThat(events.get(0).fieldOrNull("Binary")).isEqualTo("00AA");
        assertThat(events.get(1).fieldOrNull("RmSessionId")).isEqualTo(0L);
        assertThat(events.get(1).fieldOrNull("Inner")).isEqualTo("v");
        assertThat(events.get(1).fieldOrNull("Event.UserData.RmSessionEvent.Nested.Inner")).isEqualTo("v");
    }

    @Test
    void readsEverySigmaHqRegressionFileIncludingConcatenatedOnes() throws IOException {
        Path root = Path.of(System.getProperty("kagami.shared"), "testdata", "sigma", "regression_data");
        List<Path> files;
        try (var s = Files.walk(root)) {
            files = s.filter(p -> p.toString().endsWith(".json")).toList();
        }
        int events = 0;
        for (Path p : files) {
            try (InputStream in = Files.newInputStream(p)) {
                for (Event e : WindowsEventJson.readAll(in, p.toString())) {
                    assertThat(e.channel()).isNotEmpty();
                    assertThat(e.eventId()).isPositive();
                    events++;
                }
            }
        }
        assertThat(files).hasSize(202);
        assertThat(events).isGreaterThan(202);
    }

    @Test
    void malformedJsonIsAnIOExceptionNotACrash() {
        for (String bad : List.of("{\"Event\": ", "[1, 2]", "{\"a\":" + "[".repeat(5000))) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> read(bad)).isInstanceOf(IOException.class);
        }
    }
}
