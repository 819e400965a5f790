package kagami.hunt.demo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Builds Windows event records in the shape the evtx crate renders them as JSON ({@code #attributes} for XML
 * attributes, EventData flattened to {@code Name: value}, UserData kept under its vendor element). Field names and
 * System values (provider GUIDs, task numbers, keywords) are the ones Windows and Sysmon write, so that the records
 * read like exports of real logs.
 */
final class Records {
    static final String SYSMON = "Microsoft-Windows-Sysmon/Operational";
    static final String SECURITY = "Security";
    static final String SYSTEM = "System";
    static final String POWERSHELL = "Microsoft-Windows-PowerShell/Operational";
    static final String TASKSCHEDULER = "Microsoft-Windows-TaskScheduler/Operational";
    static final String FIREWALL = "Microsoft-Windows-Windows Firewall With Advanced Security/Firewall";

    private static final DateTimeFormatter SYSTEM_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SYSMON_UTC =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final EventLog log;

    Records(EventLog log) {
        this.log = log;
    }

    // ------------------------------------------------------------------------------------------------ Sysmon

    /** Sysmon 1: process creation. */
    Draft processCreate(Instant t, Proc p, Proc parent) {
        VersionInfo v = p.version();
        Map<String, Object> d = sysmonData(t);
        d.put("ProcessGuid", p.guid());
        d.put("ProcessId", p.pid());
        d.put("Image", p.image());
        d.put("FileVersion", v.fileVersion());
        d.put("Description", v.description());
        d.put("Product", v.product());
        d.put("Company", v.company());
        d.put("OriginalFileName", v.originalFileName());
        d.put("CommandLine", p.commandLine());
        d.put("CurrentDirectory", p.currentDirectory());
        d.put("User", p.user());
        d.put("LogonGuid", logonGuid(p));
        d.put("LogonId", p.isSystem() ? "0x3e7" : "0x" + Long.toHexString(0x5d0000 + Math.abs(p.user().hashCode() % 0xffff)));
        d.put("TerminalSessionId", p.isSystem() ? 0 : 1);
        d.put("IntegrityLevel", p.integrity());
        d.put("Hashes", hashes(p.image(), v));
        d.put("ParentProcessGuid", parent.guid());
        d.put("ParentProcessId", parent.pid());
        d.put("ParentImage", parent.image());
        d.put("ParentCommandLine", parent.commandLine());
        d.put("ParentUser", parent.user());
        return sysmon(t, p.host(), 1, 5, d);
    }

    /** Sysmon 3: network connection. */
    Draft networkConnect(Instant t, Proc p, boolean initiated, String srcIp, int srcPort, String srcHost, String dstIp,
                         int dstPort, String dstHost) {
        Map<String, Object> d = sysmonData(t);
        d.put("ProcessGuid", p.guid());
        d.put("ProcessId", p.pid());
        d.put("Image", p.image());
        d.put("User", p.user());
        d.put("Protocol", "tcp");
        d.put("Initiated", initiated);
        d.put("SourceIsIpv6", false);
        d.put("SourceIp", srcIp);
        d.put("SourceHostname", srcHost);
        d.put("SourcePort", srcPort);
        d.put("SourcePortName", "-");
        d.put("DestinationIsIpv6", false);
        d.put("DestinationIp", dstIp);
        d.put("DestinationHostname", dstHost);
        d.put("DestinationPort", dstPort);
        d.put("DestinationPortName", switch (dstPort) {
            case 443 -> "https";
            case 80 -> "http";
            case 22 -> "ssh";
            case 445 -> "microsoft-ds";
            case 3389 -> "ms-wbt-server";
            default -> "-";
        });
        return sysmon(t, p.host(), 3, 5, d);
    }

    /** Sysmon 3 for an outbound connection from {@code p}'s host. */
    Draft connect(Instant t, Proc p, String dstIp, int dstPort, String dstHost) {
        return networkConnect(t, p, true, p.host().ip(), p.host().port(), p.host().name(), dstIp, dstPort, dstHost);
    }

    /** Sysmon 7: image loaded. */
    Draft imageLoad(Instant t, Proc p, String dll, String company, boolean signed, String signature) {
        Map<String, Object> d = sysmonData(t);
        String name = dll.substring(dll.lastIndexOf('\\') + 1);
        d.put("ProcessGuid", p.guid());
        d.put("ProcessId", p.pid());
        d.put("Image", p.image());
        d.put("ImageLoaded", dll);
        d.put("FileVersion", "-");
        d.put("Description", "-");
        d.put("Product", "-");
        d.put("Company", company);
        d.put("OriginalFileName", signed ? name : "-");
        d.put("Hashes", hashes(dll, VersionInfo.none()));
        d.put("Signed", signed ? "true" : "false");
        d.put("Signature", signature);
        d.put("SignatureStatus", signed ? "Valid" : "Unavailable");
        d.put("User", p.user());
        return sysmon(t, p.host(), 7, 3, d);
    }

    /** Sysmon 8: CreateRemoteThread. */
    Draft remoteThread(Instant t, Proc source, Proc target, String startAddress, String startModule, String startFunction) {
        Map<String, Object> d = sysmonData(t);
        d.put("SourceProcessGuid", source.guid());
        d.put("SourceProcessId", source.pid());
        d.put("SourceImage", source.image());
        d.put("TargetProcessGuid", target.guid());
        d.put("TargetProcessId", target.pid());
        d.put("TargetImage", target.image());
        d.put("NewThreadId", target.pid() + 28);
        d.put("StartAddress", startAddress);
        d.put("StartModule", startModule);
        d.put("StartFunction", startFunction);
        d.put("SourceUser", source.user());
        d.put("TargetUser", target.user());
        return sysmon(t, source.host(), 8, 2, d);
    }

    /** Sysmon 10: process accessed. */
    Draft processAccess(Instant t, Proc source, Proc target, String grantedAccess, String callTrace) {
        Map<String, Object> d = sysmonData(t);
        d.put("SourceProcessGUID", source.guid());
        d.put("SourceProcessId", source.pid());
        d.put("SourceThreadId", source.pid() + 12);
        d.put("SourceImage", source.image());
        d.put("TargetProcessGUID", target.guid());
        d.put("TargetProcessId", target.pid());
        d.put("TargetImage", target.image());
        d.put("GrantedAccess", grantedAccess);
        d.put("CallTrace", callTrace);
        d.put("SourceUser", source.user());
        d.put("TargetUser", target.user());
        return sysmon(t, source.host(), 10, 3, d);
    }

    /** Sysmon 11: file created. */
    Draft fileCreate(Instant t, Proc p, String target) {
        Map<String, Object> d = sysmonData(t);
        d.put("ProcessGuid", p.guid());
        d.put("ProcessId", p.pid());
        d.put("Image", p.image());
        d.put("TargetFilename", target);
        d.put("CreationUtcTime", SYSMON_UTC.format(t));
        d.put("User", p.user());
        return sysmon(t, p.host(), 11, 2, d);
    }

    /** Sysmon 13: registry value set. */
    Draft registrySet(Instant t, Proc p, String targetObject, String details) {
        Map<String, Object> d = sysmonData(t);
        d.put("EventType", "SetValue");
        d.put("ProcessGuid", p.guid());
        d.put("ProcessId", p.pid());
        d.put("Image", p.image());
        d.put("TargetObject", targetObject);
        d.put("Details", details);
        d.put("User", p.user());
        return sysmon(t, p.host(), 13, 2, d);
    }

    /** Sysmon 22: DNS query. */
    Draft dnsQuery(Instant t, Proc p, String query, String results) {
        Map<String, Object> d = sysmonData(t);
        d.put("ProcessGuid", p.guid());
        d.put("ProcessId", p.pid());
        d.put("QueryName", query);
        d.put("QueryStatus", "0");
        d.put("QueryResults", results);
        d.put("Image", p.image());
        d.put("User", p.user());
        return sysmon(t, p.host(), 22, 5, d);
    }

    private static Map<String, Object> sysmonData(Instant t) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("RuleName", "-");
        d.put("UtcTime", SYSMON_UTC.format(t));
        return d;
    }

    private Draft sysmon(Instant t, Host h, int eventId, int version, Map<String, Object> data) {
        Map<String, Object> system = system("Microsoft-Windows-Sysmon", "5770385F-C22A-43E0-BF4C-06F5698FFBD9", eventId,
                version, 4, eventId, "0x8000000000000000", t, 3208, 4120, SYSMON, h, "S-1-5-18");
        return log.add(t, h, SYSMON, event(system, "EventData", data));
    }

    // ------------------------------------------------------------------------------------------------ Security

    /** A Security-log record from Microsoft-Windows-Security-Auditing. */
    Draft security(Instant t, Host h, int eventId, int task, int version, Map<String, Object> data) {
        Map<String, Object> system = system("Microsoft-Windows-Security-Auditing", "54849625-5478-4994-A5BA-3E3B0328C30D",
                eventId, version, 0, task, "0x8020000000000000", t, 780, 1432, SECURITY, h, null);
        return log.add(t, h, SECURITY, event(system, "EventData", data));
    }

    /** 4624: an account was successfully logged on. */
    Draft logon(Instant t, Host h, String domain, String user, String userSid, int logonType, String ip, String process) {
        Map<String, Object> d = new LinkedHashMap<>();
        boolean local = logonType != 3;
        d.put("SubjectUserSid", local ? "S-1-5-18" : "S-1-0-0");
        d.put("SubjectUserName", local ? h.shortName() + "$" : "-");
        d.put("SubjectDomainName", local ? domain : "-");
        d.put("SubjectLogonId", local ? "0x3e7" : "0x0");
        d.put("TargetUserSid", userSid);
        d.put("TargetUserName", user);
        d.put("TargetDomainName", domain);
        d.put("TargetLogonId", "0x" + Long.toHexString(0x600000 + Math.abs((user + t).hashCode() % 0xfffff)));
        d.put("LogonType", logonType);
        d.put("LogonProcessName", logonType == 3 ? "Kerberos" : logonType == 5 ? "Advapi  " : "User32 ");
        d.put("AuthenticationPackageName", logonType == 3 ? "Kerberos" : "Negotiate");
        d.put("WorkstationName", logonType == 3 ? "-" : h.shortName());
        d.put("LogonGuid", "{" + h.guid() + "}");
        d.put("TransmittedServices", "-");
        d.put("LmPackageName", "-");
        d.put("KeyLength", 0);
        d.put("ProcessId", logonType == 3 ? "0x0" : "0x3a8");
        d.put("ProcessName", process);
        d.put("IpAddress", ip);
        d.put("IpPort", logonType == 3 ? String.valueOf(h.port()) : "0");
        d.put("ImpersonationLevel", "%%1833");
        d.put("RestrictedAdminMode", logonType == 10 ? "%%1843" : "-");
        d.put("TargetOutboundUserName", "-");
        d.put("TargetOutboundDomainName", "-");
        d.put("VirtualAccount", "%%1843");
        d.put("TargetLinkedLogonId", "0x0");
        d.put("ElevatedToken", user.startsWith("adm-") ? "%%1842" : "%%1843");
        return security(t, h, 4624, 12544, 2, d);
    }

    /** 4634: an account was logged off. */
    Draft logoff(Instant t, Host h, String domain, String user, String userSid, int logonType) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("TargetUserSid", userSid);
        d.put("TargetUserName", user);
        d.put("TargetDomainName", domain);
        d.put("TargetLogonId", "0x" + Long.toHexString(0x600000 + Math.abs((user + t).hashCode() % 0xfffff)));
        d.put("LogonType", logonType);
        return security(t, h, 4634, 12545, 0, d);
    }

    /** 4698: a scheduled task was created. */
    Draft taskCreated(Instant t, Host h, String subjectUser, String subjectSid, String taskName, String taskContent) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("SubjectUserSid", subjectSid);
        d.put("SubjectUserName", subjectUser);
        d.put("SubjectDomainName", "THINKTANK");
        d.put("SubjectLogonId", subjectSid.equals("S-1-5-18") ? "0x3e7" : "0x5d1b2c");
        d.put("TaskName", taskName);
        d.put("TaskContent", taskContent);
        d.put("ClientProcessStartKey", 5629499534213184L);
        d.put("ClientProcessId", 8124);
        d.put("ParentProcessId", 7312);
        d.put("RpcCallClientLocality", 0);
        d.put("FQDN", h.name());
        return security(t, h, 4698, 12804, 1, d);
    }

    /** 5140 (share accessed) or 5145 (share object checked for access). */
    Draft shareAccess(Instant t, Host h, String user, String userSid, String ip, String share, String localPath,
                      String relativeTarget, String accessMask, String accessList) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("SubjectUserSid", userSid);
        d.put("SubjectUserName", user);
        d.put("SubjectDomainName", "THINKTANK");
        d.put("SubjectLogonId", "0x" + Long.toHexString(0x9a0000 + Math.abs(user.hashCode() % 0xffff)));
        d.put("ObjectType", "File");
        d.put("IpAddress", ip);
        d.put("IpPort", String.valueOf(h.port()));
        d.put("ShareName", share);
        d.put("ShareLocalPath", localPath);
        if (relativeTarget == null) {
            d.put("AccessMask", "0x1");
            d.put("AccessList", "%%4416\r\n\t\t\t\t");
            return security(t, h, 5140, 12808, 1, d);
        }
        d.put("RelativeTargetName", relativeTarget);
        d.put("AccessMask", accessMask);
        d.put("AccessList", accessList);
        d.put("AccessReason", "-");
        return security(t, h, 5145, 12811, 1, d);
    }

    /** 4769: a Kerberos service ticket was requested (on a domain controller). */
    Draft serviceTicket(Instant t, Host dc, String user, String service, String ip) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("TargetUserName", user + "@THINKTANK.LOCAL");
        d.put("TargetDomainName", "THINKTANK.LOCAL");
        d.put("ServiceName", service);
        d.put("ServiceSid", "S-1-5-21-3623811015-3361044348-30300820-" + (1000 + Math.abs(service.hashCode() % 200)));
        d.put("TicketOptions", "0x40810000");
        d.put("TicketEncryptionType", "0x12");
        d.put("IpAddress", "::ffff:" + ip);
        d.put("IpPort", String.valueOf(dc.port()));
        d.put("Status", "0x0");
        d.put("LogonGuid", "{" + dc.guid() + "}");
        d.put("TransmittedServices", "-");
        return security(t, dc, 4769, 14337, 0, d);
    }

    /** 1102: the audit log was cleared (UserData/LogFileCleared, provider Microsoft-Windows-Eventlog). */
    Draft securityLogCleared(Instant t, Host h, String user, String userSid) {
        Map<String, Object> system = system("Microsoft-Windows-Eventlog", "FC65DDD8-D6EF-4962-83D5-6E5CFE9CE148", 1102, 0, 4, 104,
                "0x4020000000000000", t, 1244, 6688, SECURITY, h, null);
        Map<String, Object> cleared = new LinkedHashMap<>();
        cleared.put("#attributes", Map.of("xmlns", "http://manifests.microsoft.com/win/2004/08/windows/eventlog"));
        cleared.put("SubjectUserSid", userSid);
        cleared.put("SubjectUserName", user);
        cleared.put("SubjectDomainName", "THINKTANK");
        cleared.put("SubjectLogonId", "0x8a31f2");
        return log.add(t, h, SECURITY, event(system, "UserData", Map.of("LogFileCleared", cleared)));
    }

    // ------------------------------------------------------------------------------------------------ System

    /** 104: a log other than Security was cleared. */
    Draft logCleared(Instant t, Host h, String channel, String user) {
        Map<String, Object> system = system("Microsoft-Windows-Eventlog", "FC65DDD8-D6EF-4962-83D5-6E5CFE9CE148", 104, 1, 4, 104,
                "0x8000000000000000", t, 1244, 6688, SYSTEM, h, "S-1-5-21-3623811015-3361044348-30300820-1104");
        Map<String, Object> cleared = new LinkedHashMap<>();
        cleared.put("#attributes", Map.of("xmlns", "http://manifests.microsoft.com/win/2004/08/windows/eventlog"));
        cleared.put("SubjectUserName", user);
        cleared.put("SubjectDomainName", "THINKTANK");
        cleared.put("Channel", channel);
        cleared.put("BackupPath", null);
        return log.add(t, h, SYSTEM, event(system, "UserData", Map.of("LogFileCleared", cleared)));
    }

    /** 7045: a service was installed (Service Control Manager; EventID carries Qualifiers). */
    Draft serviceInstalled(Instant t, Host h, String name, String imagePath, String startType, String account) {
        Map<String, Object> system = system("Service Control Manager", "555908D1-A6D7-4695-8E1E-26931D2012F4", 7045, 0, 4, 0,
                "0x8080000000000000", t, 724, 5720, SYSTEM, h, "S-1-5-18");
        Map<String, Object> provider = provider(system);
        provider.put("EventSourceName", "Service Control Manager");
        system.put("EventID", qualified(16384, 7045));
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("ServiceName", name);
        d.put("ImagePath", imagePath);
        d.put("ServiceType", "user mode service");
        d.put("StartType", startType);
        d.put("AccountName", account);
        return log.add(t, h, SYSTEM, event(system, "EventData", d));
    }

    /** 1074 (User32: shutdown initiated), 6006 (EventLog stopped), 6005 (EventLog started): a reboot. */
    void reboot(Instant t, Host h, String process, String user) {
        Map<String, Object> s1074 = system("User32", "", 1074, 0, 4, 0, "0x8080000000000000", t, 1028, 1640, SYSTEM, h,
                "S-1-5-18");
        provider(s1074).remove("Guid");
        provider(s1074).put("EventSourceName", "User32");
        s1074.put("EventID", qualified(32768, 1074));
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("param1", process);
        d.put("param2", h.shortName());
        d.put("param3", "Operating System: Reconfiguration (Planned)");
        d.put("param4", "0x80020004");
        d.put("param5", "restart");
        d.put("param6", "");
        d.put("param7", user);
        log.add(t, h, SYSTEM, event(s1074, "EventData", d));
        Map<String, Object> s6006 = system("EventLog", "", 6006, 0, 4, 0, "0x80000000000000", t.plusSeconds(9), 0, 0, SYSTEM, h, null);
        provider(s6006).remove("Guid");
        s6006.put("EventID", qualified(32768, 6006));
        log.add(t.plusSeconds(9), h, SYSTEM, event(s6006, "EventData", Map.of("Binary", "E907060002001200")));
        Instant up = t.plusSeconds(74);
        Map<String, Object> s6005 = system("EventLog", "", 6005, 0, 4, 0, "0x80000000000000", up, 0, 0, SYSTEM, h, null);
        provider(s6005).remove("Guid");
        s6005.put("EventID", qualified(32768, 6005));
        log.add(up, h, SYSTEM, event(s6005, "EventData", Map.of("Binary", "E907060002001200")));
    }

    // ------------------------------------------------------------------------------------------------ others

    /** TaskScheduler/Operational: 106 registered, 100 started, 129 created task process, 200 action started, 201 completed. */
    Draft task(Instant t, Host h, int eventId, String eventName, Map<String, Object> data) {
        Map<String, Object> system = system("Microsoft-Windows-TaskScheduler", "DE7B24EA-73C8-4A09-985D-5BDADCFA9017", eventId,
                0, 4, eventId, "0x8000000000000000", t, 1532, 5172, TASKSCHEDULER, h, "S-1-5-18");
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("#attributes", Map.of("Name", eventName));
        d.putAll(data);
        return log.add(t, h, TASKSCHEDULER, event(system, "EventData", d));
    }

    /** PowerShell/Operational 4104: script block logged. */
    Draft scriptBlock(Instant t, Host h, String userSid, String text, String path) {
        Map<String, Object> system = system("Microsoft-Windows-PowerShell", "A0C1853B-5C40-4B15-8766-3CF1C58F985A", 4104, 1, 5, 2,
                "0x0", t, 8124, 8200, POWERSHELL, h, userSid);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("MessageNumber", 1);
        d.put("MessageTotal", 1);
        d.put("ScriptBlockText", text);
        d.put("ScriptBlockId", h.guid().toLowerCase(Locale.ROOT));
        d.put("Path", path);
        return log.add(t, h, POWERSHELL, event(system, "EventData", d));
    }

    /** Windows Firewall With Advanced Security 2097: a rule was added (Windows 11 event id). */
    Draft firewallRuleAdded(Instant t, Host h, String ruleName, String localPorts, int direction, int action,
                            String applicationPath, String modifyingApplication) {
        Map<String, Object> system = system("Microsoft-Windows-Windows Firewall With Advanced Security",
                "D1BC9AFF-2ABF-4D71-9146-ECB2A986EB85", 2097, 0, 4, 0, "0x8000020000000000", t, 3344, 4412, FIREWALL, h, "S-1-5-19");
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("RuleId", "{" + h.guid() + "}");
        d.put("RuleName", ruleName);
        d.put("Origin", 1);
        d.put("ApplicationPath", applicationPath);
        d.put("ServiceName", "");
        d.put("Direction", direction);
        d.put("Protocol", 6);
        d.put("LocalPorts", localPorts);
        d.put("RemotePorts", "*");
        d.put("Action", action);
        d.put("Profiles", 2147483647);
        d.put("LocalAddresses", "*");
        d.put("RemoteAddresses", "*");
        d.put("Flags", 1);
        d.put("Active", 1);
        d.put("EdgeTraversal", 0);
        d.put("ModifyingUser", "S-1-5-18");
        d.put("ModifyingApplication", modifyingApplication);
        d.put("SchemaVersion", 542);
        d.put("RuleStatus", 65536);
        return log.add(t, h, FIREWALL, event(system, "EventData", d));
    }

    // ------------------------------------------------------------------------------------------------ shapes

    private static Map<String, Object> system(String provider, String providerGuid, int eventId, int version, int level,
                                              int task, String keywords, Instant t, long pid, long tid, String channel,
                                              Host h, String userSid) {
        Map<String, Object> providerAttrs = new LinkedHashMap<>();
        providerAttrs.put("Name", provider);
        providerAttrs.put("Guid", providerGuid);
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("Provider", attributes(providerAttrs));
        s.put("EventID", eventId);
        s.put("Version", version);
        s.put("Level", level);
        s.put("Task", task);
        s.put("Opcode", 0);
        s.put("Keywords", keywords);
        s.put("TimeCreated", attributes(Map.of("SystemTime", SYSTEM_TIME.format(t))));
        s.put("EventRecordID", 0L);
        s.put("Correlation", null);
        Map<String, Object> exec = new LinkedHashMap<>();
        exec.put("ProcessID", pid);
        exec.put("ThreadID", tid);
        s.put("Execution", attributes(exec));
        s.put("Channel", channel);
        s.put("Computer", h.name());
        s.put("Security", userSid == null ? null : attributes(Map.of("UserID", userSid)));
        return s;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> provider(Map<String, Object> system) {
        return (Map<String, Object>) ((Map<String, Object>) system.get("Provider")).get("#attributes");
    }

    private static Map<String, Object> attributes(Map<String, Object> attrs) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("#attributes", new LinkedHashMap<>(attrs));
        return m;
    }

    private static Map<String, Object> qualified(int qualifiers, int eventId) {
        Map<String, Object> m = attributes(Map.of("Qualifiers", qualifiers));
        m.put("#text", eventId);
        return m;
    }

    private static Map<String, Object> event(Map<String, Object> system, String bodyName, Map<String, Object> body) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("#attributes", Map.of("xmlns", "http://schemas.microsoft.com/win/2004/08/events/event"));
        e.put("System", system);
        e.put(bodyName, body);
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("Event", e);
        return root;
    }

    private static String logonGuid(Proc p) {
        return p.isSystem() ? "B75A8E4C-0000-0000-E703-000000000000" : digest("SHA-1", p.host().name() + p.user(), 32, true);
    }

    /** Synthetic, stable file hashes (derived from the path, not from any real file) in Sysmon's Hashes format. */
    private static String hashes(String path, VersionInfo v) {
        String seed = path.toLowerCase(Locale.ROOT) + "|" + v.fileVersion();
        return "MD5=" + digest("MD5", seed, 32, false) + ",SHA256=" + digest("SHA-256", seed, 64, false)
                + ",IMPHASH=" + digest("MD5", "imphash|" + seed, 32, false);
    }

    private static String digest(String algorithm, String text, int hexChars, boolean asGuid) {
        try {
            byte[] h = MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8));
            String hex = HexFormat.of().withUpperCase().formatHex(h).substring(0, hexChars);
            return asGuid ? hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                    + hex.substring(16, 20) + "-" + hex.substring(20, 32) : hex;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JDK without " + algorithm, e);
        }
    }
}
