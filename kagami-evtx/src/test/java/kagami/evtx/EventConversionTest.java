package kagami.evtx;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import kagami.core.Event;

/** Records as {@link Event}s: header facts, flat fields in the shared conventions, the document by path. */
class EventConversionTest {

    @Test
    void sysmonProcessCreationHasTheFlatFieldsSigmaRulesRead() {
        Event e = TestData.records(TestData.edgeCase("sysmon.evtx")).get(0).toEvent();
        assertThat(e.timestamp()).isEqualTo(Instant.parse("2017-12-26T13:10:29.136879200Z"));
        assertThat(e.host()).isEqualTo("DESKTOP-2KGM189");
        assertThat(e.channel()).isEqualTo("Microsoft-Windows-Sysmon/Operational");
        assertThat(e.provider()).isEqualTo("Microsoft-Windows-Sysmon");
        assertThat(e.eventId()).isEqualTo(1);
        assertThat(e.recordId()).isEqualTo(1742);
        assertThat(e.origin().source()).endsWith("sysmon.evtx");
        assertThat(e.origin().offset()).isEqualTo(4608);
        assertThat(e.origin().recovered()).isFalse();
        assertThat(e.fields()).containsEntry("EventID", 1L).containsEntry("Version", 5L).containsEntry("Level", 4L)
                .containsEntry("Task", 1L).containsEntry("Opcode", 0L).containsEntry("Keywords", "0x8000000000000000")
                .containsEntry("EventRecordID", 1742L)
                .containsEntry("TimeCreated_SystemTime", "2017-12-26T13:10:29.136879Z")
                .containsEntry("Provider_Name", "Microsoft-Windows-Sysmon")
                .containsEntry("Provider_Guid", "5770385F-C22A-43E0-BF4C-06F5698FFBD9")
                .containsEntry("Execution_ProcessID", 2284L).containsEntry("Execution_ThreadID", 5252L)
                .containsEntry("Security_UserID", "S-1-5-18")
                .containsEntry("Channel", "Microsoft-Windows-Sysmon/Operational")
                .containsEntry("Computer", "DESKTOP-2KGM189")
                .containsEntry("Image", "C:\\Windows\\SysWOW64\\PING.EXE")
                .containsEntry("CommandLine", "ping  -n 6 127.0.0.1")
                .containsEntry("ProcessId", 9112L).containsEntry("LogonId", "0x3e7")
                .containsEntry("ProcessGuid", "94F748D5-4A45-5A42-0000-0010D265F20F")
                .containsEntry("ParentImage", "C:\\Windows\\SysWOW64\\cmd.exe");
        assertThat(e.hasField("Correlation")).isTrue();
        assertThat(e.fieldOrNull("Correlation")).isNull();
    }

    @Test
    void eventIdQualifiersAndUnnamedDataFollowTheConventions() {
        Event e = TestData.records(TestData.edgeCase("system.evtx")).get(0).toEvent();
        assertThat(e.eventId()).isEqualTo(6009);
        assertThat(e.fields()).containsEntry("EventID", 6009L).containsEntry("EventID_Qualifiers", 32768L)
                .containsEntry("Provider_Name", "EventLog");
        // One unnamed Data element holding a string array: one value, its items joined as in the evtx JSON.
        assertThat(e.fieldOrNull("Data")).isEqualTo("10.00.,15063,,Multiprocessor Free,0");
    }

    @Test
    void severalUnnamedDataElementsBecomeAList() {
        Event e = TestData.records(TestData.edgeCase("MSExchange_Management_wec.evtx")).get(0).toEvent();
        @SuppressWarnings("unchecked")
        List<Object> data = (List<Object>) e.fieldOrNull("Data");
        assertThat(data).hasSize(27).startsWith("Set-Mailbox").endsWith("fr-FR");
        assertThat(data.get(7)).isEqualTo("");
        assertThat(e.fields()).containsEntry("EventID", 1L).containsEntry("EventID_Qualifiers", 16384L);
    }

    @Test
    void userDataLeavesAreFieldsAndTheRestIsReachableByPath() {
        Event e = firstWithUserData();
        Object root = e.fieldOrNull("Event.UserData");
        assertThat(root).isInstanceOf(java.util.Map.class);
        @SuppressWarnings("unchecked")
        String vendor = ((java.util.Map<String, Object>) root).keySet().iterator().next();
        String leafPath = "Event.UserData." + vendor;
        assertThat(e.fieldOrNull(leafPath)).isNotNull();
    }

    @Test
    void dottedPathsResolveInTheDocumentInEveryShape() {
        Event e = TestData.records(TestData.edgeCase("sysmon.evtx")).get(0).toEvent();
        assertThat(e.fieldOrNull("Event.System.Provider.#attributes.Name")).isEqualTo("Microsoft-Windows-Sysmon");
        assertThat(e.fieldOrNull("Event.System.Provider_attributes.Name")).isEqualTo("Microsoft-Windows-Sysmon");
        assertThat(e.fieldOrNull("Event.EventData.Image")).isEqualTo("C:\\Windows\\SysWOW64\\PING.EXE");
        assertThat(e.fieldOrNull("Event.System.EventRecordID")).isEqualTo(1742L);
        assertThat(e.hasField("Event.System.Correlation")).isTrue();
    }

    @Test
    void aDetachedEventHasTheSameDocumentOverItsOwnBytes() {
        List<Event> events = TestData.records(TestData.edgeCase("security.evtx")).stream()
                .map(EvtxRecord::toEvent).limit(50).toList();
        for (Event e : events) {
            Event kept = e.detached();
            assertThat(kept).isNotSameAs(e);
            assertThat(kept.fields()).isEqualTo(e.fields());
            assertThat(kept.timestamp()).isEqualTo(e.timestamp());
            assertThat(kept.document()).isEqualTo(e.document());
            assertThat(kept.detached()).isSameAs(kept); // nothing shared any more
        }
        // once built, the document is plain values: detaching keeps the built map
        Event built = events.get(0);
        assertThat(built.document()).isNotEmpty();
        assertThat(built.detached().document()).isEqualTo(built.document());
        // an event renamed (archive member) keeps its document shared, so it can still be detached
        Event renamed = events.get(1).withOrigin(new kagami.core.Origin("case.zip!security.evtx", 4608, false));
        assertThat(renamed.origin().source()).isEqualTo("case.zip!security.evtx");
        assertThat(renamed.fields()).isEqualTo(events.get(1).fields());
        assertThat(renamed.detached()).isNotSameAs(renamed);
        assertThat(renamed.detached().origin()).isEqualTo(renamed.origin());
        // events of other readers share nothing
        Event plain = Event.builder().field("A", "b").document(java.util.Map.of("Event", "x")).build();
        assertThat(plain.detached()).isSameAs(plain);
    }

    @Test
    void eventsSerialiseWithTheirDocument() throws Exception {
        Event e = TestData.records(TestData.edgeCase("sysmon.evtx")).get(0).toEvent();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(e);
        }
        Event back;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            back = (Event) in.readObject();
        }
        assertThat(back.fields()).isEqualTo(e.fields());
        assertThat(back.fieldOrNull("Event.EventData.Image")).isEqualTo("C:\\Windows\\SysWOW64\\PING.EXE");
    }

    @Test
    void recoveredRecordsAreMarkedInTheOrigin() {
        Event e = TestData.records(TestData.edgeCase("sample-with-zero-data-size-event.evtx")).stream()
                .filter(EvtxRecord::recovered).findFirst().orElseThrow().toEvent();
        assertThat(e.origin().recovered()).isTrue();
    }

    private static Event firstWithUserData() {
        for (EvtxRecord r : TestData.records(TestData.edgeCase("E_ShadowCopy6_windows_system32_winevt_logs_Microsoft-Windows-CAPI2%4Operational.evtx"))) {
            Event e = r.toEvent();
            if (e.hasField("Event.UserData")) {
                return e;
            }
        }
        throw new AssertionError("no record with UserData");
    }
}
