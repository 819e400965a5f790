package kagami.hunt.input;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import kagami.core.Event;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** The JSON flavours analysts bring, each written here in the shape its shipper produces. */
class JsonEventReaderTest {
    private static final JsonEventReader READER = JsonEventReader.bundled(Optional.empty());

    static List<Event> read(String json) throws IOException {
        return read(json.getBytes(StandardCharsets.UTF_8), new ArrayList<>());
    }

    static List<Event> read(byte[] bytes, List<ReadResult> result) throws IOException {
        List<Event> events = new ArrayList<>();
        InputSource src = new InputSource("test.json", InputKind.JSON, bytes.length, Optional.empty(),
                () -> new ByteArrayInputStream(bytes));
        result.add(READER.read(src, events::add));
        return events;
    }

    // NXLog im_msvistalog through Logstash, as in the OTRF Security-Datasets: EventTime is the collector's local
    // time (UTC-4 here), EventReceivedTime local too, @timestamp UTC.
    static final String NXLOG = """
            {"tags":["mordorDataset"],"@version":"1","EventType":"INFO","Version":5,"ThreadID":4364,"EventTime":"2020-08-06 12:13:04","Task":1,"Channel":"Microsoft-Windows-Sysmon/Operational","SourceName":"Microsoft-Windows-Sysmon","OpcodeValue":0,"Hostname":"WORKSTATION5.theshire.local","@timestamp":"2020-08-06T16:13:07.802Z","Message":"Process Create: ...","SourceModuleName":"eventlog","EventReceivedTime":"2020-08-06 12:13:07","port":60122,"ExecutionProcessID":3284,"host":"wec.internal.cloudapp.net","Severity":"INFO","SeverityValue":2,"EventID":1,"UserID":"S-1-5-18","ProviderGuid":"{5770385F-C22A-43E0-BF4C-06F5698FFBD9}","RecordNumber":403185,"SourceModuleType":"im_msvistalog","Keywords":-9223372036854775808,"Image":"C:\\\\Windows\\\\System32\\\\cmd.exe","CommandLine":"cmd.exe /c whoami","ProcessId":"908","User":"THESHIRE\\\\pgustavo","RuleName":"-"}
            {"EventTime":"2020-08-06 12:14:00","Hostname":"MORDORDC.theshire.local","SourceName":"Microsoft-Windows-Security-Auditing","Channel":"Security","EventID":4624,"RecordNumber":77,"EventReceivedTime":"2020-08-06 12:14:01","@timestamp":"2020-08-06T16:14:01.100Z","SourceModuleType":"im_msvistalog","TargetUserName":"pgustavo","TargetDomainName":"THESHIRE","LogonType":"3","IpAddress":"172.18.39.5"}
            """;

    @Test
    void nxlogRecordsMapOntoSysmonFieldNamesAndUtc() throws IOException {
        List<Event> events = read(NXLOG);
        assertThat(events).hasSize(2);
        Event e = events.get(0);
        assertThat(e.eventId()).isEqualTo(1);
        assertThat(e.host()).isEqualTo("WORKSTATION5.theshire.local");
        assertThat(e.channel()).isEqualTo("Microsoft-Windows-Sysmon/Operational");
        assertThat(e.provider()).isEqualTo("Microsoft-Windows-Sysmon");
        assertThat(e.recordId()).isEqualTo(403185);
        // Local 12:13:04 in a zone derived from EventReceivedTime 12:13:07 vs @timestamp 16:13:07.802Z: UTC-4.
        assertThat(e.timestamp()).isEqualTo(Instant.parse("2020-08-06T16:13:04Z"));
        assertThat(e.fieldOrNull("Image")).isEqualTo("C:\\Windows\\System32\\cmd.exe");
        assertThat(e.fieldOrNull("EventID")).isEqualTo(1L);
        assertThat(e.fieldOrNull("Keywords")).isEqualTo("0x8000000000000000");
        assertThat(e.fieldOrNull("Execution_ProcessID")).isEqualTo(3284L);
        assertThat(e.fieldOrNull("Security_UserID")).isEqualTo("S-1-5-18");
        assertThat(e.hasField("SourceModuleType")).as("NXLog's own metadata is not an event field").isFalse();
        assertThat(e.hasField("tags")).isFalse();
        assertThat(e.fieldOrNull("TimeCreated_SystemTime")).isEqualTo("2020-08-06T16:13:04Z");
        assertThat(events.get(1).fieldOrNull("TargetUserName")).isEqualTo("pgustavo");
        assertThat(events.get(1).eventId()).isEqualTo(4624);
    }

    static final String ECS = """
            [
             {"@timestamp":"2024-05-01T03:04:05.678Z","event":{"code":"1","provider":"Microsoft-Windows-Sysmon","kind":"event"},
              "host":{"name":"ws01"},"log":{"level":"information"},
              "winlog":{"channel":"Microsoft-Windows-Sysmon/Operational","event_id":1,"record_id":12345,
                "computer_name":"WS01.corp.example","provider_name":"Microsoft-Windows-Sysmon",
                "provider_guid":"{5770385f-c22a-43e0-bf4c-06f5698ffbd9}","process":{"pid":2000,"thread":{"id":3000}},
                "user":{"identifier":"S-1-5-18"},"version":5,"api":"wineventlog",
                "event_data":{"Image":"C:\\\\Windows\\\\System32\\\\rundll32.exe","CommandLine":"rundll32 a.dll,Go","ProcessId":"4242"}}},
             {"_index":"winlogbeat-8","_source":{"@timestamp":"2024-05-01T03:05:00Z",
              "winlog":{"channel":"Microsoft-Windows-TerminalServices-RemoteConnectionManager/Operational","event_id":"1149",
                "computer_name":"SRV01","provider_name":"Microsoft-Windows-TerminalServices-RemoteConnectionManager",
                "user_data":{"Param1":"taro","Param2":"CORP","Param3":"10.0.0.9","xml_name":"EventXML"}}}}
            ]
            """;

    @Test
    void ecsDocumentsAndElasticsearchHitsMapOntoEventFields() throws IOException {
        List<Event> events = read(ECS);
        assertThat(events).hasSize(2);
        Event e = events.get(0);
        assertThat(e.timestamp()).isEqualTo(Instant.parse("2024-05-01T03:04:05.678Z"));
        assertThat(e.host()).isEqualTo("WS01.corp.example");
        assertThat(e.eventId()).isEqualTo(1);
        assertThat(e.recordId()).isEqualTo(12345);
        assertThat(e.fieldOrNull("Level")).isEqualTo(4L);
        assertThat(e.fieldOrNull("Execution_ThreadID")).isEqualTo(3000L);
        assertThat(e.fieldOrNull("CommandLine")).isEqualTo("rundll32 a.dll,Go");
        assertThat(e.fieldOrNull("winlog.event_data.Image")).as("the shipper's own paths still work")
                .isEqualTo("C:\\Windows\\System32\\rundll32.exe");
        Event rdp = events.get(1);
        assertThat(rdp.eventId()).isEqualTo(1149);
        assertThat(rdp.fieldOrNull("Param3")).isEqualTo("10.0.0.9");
        assertThat(rdp.hasField("xml_name")).isFalse();
    }

    @Test
    void winlogbeat6AndFlatExportsAreRecognisedToo() throws IOException {
        String wlb6 = """
                {"@timestamp":"2019-03-01T10:00:00.000Z","computer_name":"PC1","log_name":"Security","source_name":"Microsoft-Windows-Security-Auditing","event_id":4625,"record_number":"991","event_data":{"TargetUserName":"admin","Status":"0xc000006d","SubStatus":"0xc000006a"}}
                """;
        Event e = read(wlb6).get(0);
        assertThat(e.eventId()).isEqualTo(4625);
        assertThat(e.recordId()).isEqualTo(991);
        assertThat(e.fieldOrNull("SubStatus")).isEqualTo("0xc000006a");
        String flat = """
                {
                  "Provider": "Microsoft-Windows-Sysmon", "Channel": "Microsoft-Windows-Sysmon/Operational",
                  "Computer": "WORKSTATION6", "TimeCreated": "2022-09-22T12:31:14.074Z", "EventRecordID": "3327974",
                  "EventID": 1, "Message": "Process Create:", "EventData": "<EventData>...</EventData>",
                  "Image": "C:\\\\Windows\\\\System32\\\\notepad.exe"
                }
                {
                  "Provider": "Microsoft-Windows-Sysmon", "Channel": "Microsoft-Windows-Sysmon/Operational",
                  "Computer": "WORKSTATION6", "TimeCreated": "2022-09-22T12:31:15Z", "EventRecordID": "3327975",
                  "EventID": 3, "DestinationIp": "192.0.2.10"
                }
                """;
        List<Event> events = read(flat);
        assertThat(events).hasSize(2);
        assertThat(events.get(0).recordId()).isEqualTo(3327974);
        assertThat(events.get(0).fieldOrNull("Image")).isEqualTo("C:\\Windows\\System32\\notepad.exe");
        assertThat(events.get(0).hasField("EventData")).as("the XML copy is not a field").isFalse();
        assertThat(events.get(1).fieldOrNull("DestinationIp")).isEqualTo("192.0.2.10");
    }

    @Test
    void aDamagedJsonLineCostsOnlyThatLine() throws IOException {
        String lines = NXLOG.lines().findFirst().orElseThrow() + "\n{\"EventID\": 1, broken\n"
                + NXLOG.lines().skip(1).findFirst().orElseThrow() + "\n";
        List<ReadResult> r = new ArrayList<>();
        List<Event> events = read(lines.getBytes(StandardCharsets.UTF_8), r);
        assertThat(events).hasSize(2);
        assertThat(r.get(0).badRecords()).isEqualTo(1);
        assertThat(r.get(0).complete()).isTrue();
        assertThat(r.get(0).warnings()).anyMatch(w -> w.contains("malformed JSON"));
    }

    @Test
    void aTruncatedArrayIsReportedIncompleteWithTheRecordsBeforeTheDamage() throws IOException {
        String truncated = ECS.substring(0, ECS.indexOf("{\"_index\"") + 20);
        List<ReadResult> r = new ArrayList<>();
        List<Event> events = read(truncated.getBytes(StandardCharsets.UTF_8), r);
        assertThat(events).hasSize(1);
        assertThat(r.get(0).complete()).isFalse();
    }

    @Test
    void recordsOfAnUnknownShapeAreCountedNotSilentlyIgnored() throws IOException {
        List<ReadResult> r = new ArrayList<>();
        List<Event> events = read("{\"a\":1}\n{\"b\":2}\n".getBytes(StandardCharsets.UTF_8), r);
        assertThat(events).isEmpty();
        assertThat(r.get(0).badRecords()).isEqualTo(2);
        assertThat(r.get(0).warnings()).anyMatch(w -> w.contains("matched no field mapping"));
    }

    @Test
    void evtxCrateJsonIsHandedToTheSigmaEnginesConverter() throws IOException {
        List<String> seen = new ArrayList<>();
        JsonEventReader reader = JsonEventReader.bundled(Optional.of((doc, origin) -> {
            seen.add(origin.source() + "@" + origin.offset());
            return Event.builder().origin(origin).build();
        }));
        byte[] bytes = "{\"Event\":{\"System\":{\"EventID\":1}}}\n".getBytes(StandardCharsets.UTF_8);
        List<Event> events = new ArrayList<>();
        reader.read(new InputSource("x.jsonl", InputKind.JSON, bytes.length, Optional.empty(),
                () -> new ByteArrayInputStream(bytes)), events::add);
        assertThat(events).hasSize(1);
        assertThat(seen).containsExactly("x.jsonl@0");
    }

    @Test
    void deeplyNestedRecordsAreRejectedWithoutStackOverflow() throws IOException {
        String deep = "{\"EventID\":1,\"x\":" + "[".repeat(5000) + "]".repeat(5000) + "}\n";
        List<ReadResult> r = new ArrayList<>();
        read(deep.getBytes(StandardCharsets.UTF_8), r);
        assertThat(r.get(0).badRecords()).isEqualTo(1);
    }

    @Property(tries = 300)
    void arbitraryBytesNeverCrashTheReader(@ForAll byte[] bytes) {
        byte[] withStart = new byte[bytes.length + 1];
        withStart[0] = '{';
        System.arraycopy(bytes, 0, withStart, 1, bytes.length);
        try {
            read(withStart, new ArrayList<>());
        } catch (IOException acceptable) {
            // an I/O failure is a typed, reportable outcome; anything else would escape this property
        }
    }
}
