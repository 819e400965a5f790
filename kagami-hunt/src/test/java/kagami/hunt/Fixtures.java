package kagami.hunt;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import kagami.core.AttackTag;
import kagami.core.Detection;
import kagami.core.Event;
import kagami.core.Level;
import kagami.core.Origin;

/** Events and detections built in code for the hunt's tests (no outside data). */
public final class Fixtures {
    private Fixtures() {
    }

    public static Event sysmonProcess(String host, Instant t, long record, String image, String commandLine,
                                      String file, long offset) {
        return Event.builder().timestamp(t).host(host).channel("Microsoft-Windows-Sysmon/Operational")
                .provider("Microsoft-Windows-Sysmon").eventId(1).recordId(record).origin(Origin.of(file, offset))
                .field("EventID", 1L).field("Channel", "Microsoft-Windows-Sysmon/Operational")
                .field("Computer", host).field("Provider_Name", "Microsoft-Windows-Sysmon")
                .field("EventRecordID", record).field("RuleName", "-")
                .field("UtcTime", "2024-05-01 01:02:03.456").field("ProcessGuid", "{0b0e3c2a-1111-2222-3333-444455556666}")
                .field("ProcessId", 4242L).field("Image", image).field("CommandLine", commandLine)
                .field("CurrentDirectory", "C:\\Users\\taro\\").field("User", "CORP\\taro")
                .field("LogonId", "0x3e7").field("IntegrityLevel", "Medium")
                .field("Hashes", "SHA256=0000000000000000000000000000000000000000000000000000000000000000")
                .field("ParentImage", "C:\\Windows\\explorer.exe").field("ParentCommandLine", "C:\\Windows\\Explorer.EXE")
                .field("ParentProcessId", 1000L).field("Description", null)
                .build();
    }

    public static Event securityLogon(String host, Instant t, long record, String user, String ip, String type,
                                      String file, long offset) {
        return Event.builder().timestamp(t).host(host).channel("Security")
                .provider("Microsoft-Windows-Security-Auditing").eventId(4624).recordId(record)
                .origin(Origin.of(file, offset))
                .field("EventID", 4624L).field("Channel", "Security").field("Computer", host)
                .field("Provider_Name", "Microsoft-Windows-Security-Auditing").field("EventRecordID", record)
                .field("SubjectUserSid", "S-1-5-18").field("TargetUserName", user).field("TargetDomainName", "CORP")
                .field("TargetLogonId", "0x1a2b3c").field("LogonType", type).field("LogonProcessName", "NtLmSsp ")
                .field("AuthenticationPackageName", "NTLM").field("WorkstationName", "WS-ATTACKER")
                .field("IpAddress", ip).field("IpPort", "49811")
                .build();
    }

    public static Detection detection(String id, String title, Level level, List<String> tags, Event e) {
        return new Detection(id, title, level, "test", tags,
                tags.stream().map(AttackTag::parse).flatMap(java.util.Optional::stream).toList(),
                "Kagami tests", List.of("https://example.invalid/ref"), "DRL-1.1", "rules/" + id + ".yml",
                e.timestamp(), List.of(e), Map.of("Image|endswith", "\\rundll32.exe"));
    }

    /** A small, varied set: two hosts, three rules, a duplicate from a VSS copy, hostile text. */
    public static List<Detection> sample() {
        Instant t0 = Instant.parse("2024-05-01T01:02:03.456789Z");
        Event p1 = sysmonProcess("WS01.corp.example", t0, 101, "C:\\Windows\\System32\\rundll32.exe",
                "rundll32.exe C:\\Users\\taro\\AppData\\Local\\Temp\\a.dll,Start", "logs/ws01/Sysmon.evtx", 4096 + 512);
        Event p1vss = sysmonProcess("WS01.corp.example", t0, 101, "C:\\Windows\\System32\\rundll32.exe",
                "rundll32.exe C:\\Users\\taro\\AppData\\Local\\Temp\\a.dll,Start", "logs/ws01/vss1/Sysmon.evtx", 8192);
        Event p2 = sysmonProcess("WS02.corp.example", t0.plusSeconds(3600), 7, "C:\\Tools\\code.exe",
                "code.exe tunnel --accept-server-license-terms --name \"=cmd|' /C calc'!A0\"\r\nnext line",
                "logs/ws02/Sysmon.evtx", 4096 + 1024);
        Event l1 = securityLogon("DC01.corp.example", t0.minusSeconds(60), 5555, "taro", "10.0.0.23", "3",
                "logs/dc01/Security.evtx", 4096 + 2048);
        return List.of(
                detection("11111111-1111-4111-8111-111111111111", "Rundll32 Execution From Temp", Level.HIGH,
                        List.of("attack.defense-evasion", "attack.t1218.011"), p1),
                detection("11111111-1111-4111-8111-111111111111", "Rundll32 Execution From Temp", Level.HIGH,
                        List.of("attack.defense-evasion", "attack.t1218.011"), p1vss),
                detection("22222222-2222-4222-8222-222222222222", "VS Code Tunnel Started", Level.CRITICAL,
                        List.of("attack.command-and-control", "attack.t1219.001", "attack.g1054"), p2),
                detection("33333333-3333-4333-8333-333333333333", "Network Logon With NTLM", Level.LOW,
                        List.of("attack.t1078", "detection.threat-hunting"), l1));
    }
}
