package kagami.hunt.demo;

import java.time.Instant;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Ordinary days at the think tank: logons, Office and browser use, mail, file-share traffic, Kerberos on the domain
 * controller, Windows Update, Defender scans, built-in scheduled tasks, a developer using VS Code, Visual Studio and a
 * Windows Sandbox of his own, administrators doing routine work, and a nightly backup. It deliberately contains the
 * legitimate look-alikes of the attack (VS Code from its install folder, a sandbox started by its user from
 * Documents, MSBuild from Visual Studio, WinRAR from Program Files, certutil decoding a certificate, Defender reading
 * LSASS) so that the rule pack's context conditions are exercised.
 */
final class BenignActivity {
    private static final String EDGE = "C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe";
    private static final String OFFICE = "C:\\Program Files\\Microsoft Office\\root\\Office16\\";
    private static final String CMD = "C:\\Windows\\System32\\cmd.exe";
    private static final String PS = "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe";
    private static final String VSCODE = "C:\\Users\\m.tanaka\\AppData\\Local\\Programs\\Microsoft VS Code\\Code.exe";
    private static final List<String[]> SITES = List.of(
            new String[] {"www.nikkei.com", "13.32.121.44"}, new String[] {"www.mofa.go.jp", "23.45.12.80"},
            new String[] {"www.asahi.com", "23.218.94.10"}, new String[] {"www.jiia.or.jp", "202.218.6.34"},
            new String[] {"news.yahoo.co.jp", "182.22.16.251"}, new String[] {"www.reuters.com", "151.101.65.91"},
            new String[] {"scholar.google.com", "142.250.196.110"}, new String[] {"www.csis.org", "104.18.22.190"},
            new String[] {"www.bbc.com", "151.101.0.81"}, new String[] {"ja.wikipedia.org", "103.102.166.224"});
    private static final List<String> DOCUMENTS = List.of("研究会資料_2025Q2.docx", "日米関係_論点整理.docx", "予算執行状況.xlsx",
            "インド太平洋_年表.xlsx", "講演原稿_0620.docx", "出張報告.docx", "参加者名簿.xlsx", "政策提言_草稿.docx");

    private final Estate e;
    private final Records r;
    private final RandomGenerator random;

    BenignActivity(Estate estate, Records records) {
        this.e = estate;
        this.r = records;
        this.random = estate.random;
    }

    void generate() {
        for (int day = 0; day < Estate.DAYS; day++) {
            for (Host ws : e.workstations()) {
                workday(ws, day);
            }
            developer(day);
            fileServer(day);
            domainController(day);
            windowsMaintenance(day);
            for (Host h : e.hosts()) {
                systemNoise(h, day);
            }
        }
    }

    private static final List<String[]> BACKGROUND = List.of(
            new String[] {"C:\\Windows\\System32\\backgroundTaskHost.exe",
                    "\"C:\\Windows\\system32\\backgroundTaskHost.exe\" -ServerName:BackgroundTaskHost.WebAccountBackgroundManagerTask"},
            new String[] {"C:\\Windows\\System32\\RuntimeBroker.exe", "C:\\Windows\\System32\\RuntimeBroker.exe -Embedding"},
            new String[] {"C:\\Windows\\System32\\SearchProtocolHost.exe",
                    "\"C:\\Windows\\system32\\SearchProtocolHost.exe\" Global\\UsGthrFltPipeMssGthrPipe12_ Global\\UsGthrCtrlFltPipeMssGthrPipe12 1 -2147483646 \"Software\\Microsoft\\Windows Search\" \"Mozilla/4.0 (compatible; MSIE 6.0; Windows NT; MS Search 4.0 Robot)\" \"C:\\ProgramData\\Microsoft\\Search\\Data\\Temp\\usgthrsvc\" \"DownLevelDaemon\""},
            new String[] {"C:\\Windows\\System32\\taskhostw.exe", "taskhostw.exe -RegisterDevice -ProtectionStateChanged -FreeNetworkOnly"},
            new String[] {"C:\\Windows\\System32\\dllhost.exe", "C:\\Windows\\system32\\DllHost.exe /Processid:{AB8902B4-09CA-4BB6-B78D-A8F59079A8D5}"},
            new String[] {"C:\\Windows\\System32\\wermgr.exe", "C:\\Windows\\system32\\wermgr.exe -upload"},
            new String[] {"C:\\Windows\\System32\\sppsvc.exe", "C:\\Windows\\system32\\sppsvc.exe"},
            new String[] {"C:\\Windows\\System32\\CompatTelRunner.exe", "C:\\Windows\\system32\\CompatTelRunner.exe -m:appraiser.dll -f:DoScheduledTelemetryRun"});
    private static final List<String[]> WINDOWS_DNS = List.of(
            new String[] {"settings-win.data.microsoft.com", "20.42.73.24"}, new String[] {"login.microsoftonline.com", "20.190.141.37"},
            new String[] {"ctldl.windowsupdate.com", "23.59.80.200"}, new String[] {"time.windows.com", "168.61.215.74"},
            new String[] {"v10.events.data.microsoft.com", "20.189.173.10"}, new String[] {"wdcp.microsoft.com", "52.229.207.60"});

    /** What every Windows machine does all day without anyone at the keyboard. */
    private void systemNoise(Host h, int day) {
        int processes = 18 + random.nextInt(14);
        for (int i = 0; i < processes; i++) {
            String[] p = BACKGROUND.get(random.nextInt(BACKGROUND.size()));
            Instant t = when(day, 0, 1430);
            Proc proc = h.proc(p[0], p[1], Host.SYSTEM);
            r.processCreate(t, proc, e.services(h));
        }
        int lookups = 14 + random.nextInt(12);
        for (int i = 0; i < lookups; i++) {
            String[] d = WINDOWS_DNS.get(random.nextInt(WINDOWS_DNS.size()));
            Instant t = when(day, 0, 1430);
            r.dnsQuery(t, e.dnsClient(h), d[0], "::ffff:" + d[1] + ";");
            r.connect(t.plusMillis(90), e.dnsClient(h), d[1], 443, d[0]);
        }
        int logons = 6 + random.nextInt(6);
        for (int i = 0; i < logons; i++) {
            r.logon(when(day, 0, 1430), h, "NT AUTHORITY", "SYSTEM", "S-1-5-18", 5, "-", "C:\\Windows\\System32\\services.exe");
        }
    }

    private Instant when(int day, int fromMinute, int toMinute) {
        int minute = fromMinute + random.nextInt(Math.max(1, toMinute - fromMinute));
        return e.at(day, String.format(java.util.Locale.ROOT, "%02d:%02d:%02d", minute / 60, minute % 60, random.nextInt(60)), 999);
    }

    // ------------------------------------------------------------------------------------------------ workstations

    private void workday(Host ws, int day) {
        Estate.Account user = e.userOf(ws);
        Instant morning = when(day, 0, 25);
        Proc explorer = e.explorer(ws);
        if (day == 0) {
            r.logon(morning, ws, Estate.DOMAIN, user.name(), user.sid(), 2, "127.0.0.1", "C:\\Windows\\System32\\svchost.exe");
            Proc userinit = ws.proc("C:\\Windows\\System32\\userinit.exe", "C:\\Windows\\system32\\userinit.exe", user.qualified());
            r.processCreate(morning.plusSeconds(2), userinit, ws.proc("C:\\Windows\\System32\\winlogon.exe", "winlogon.exe", Host.SYSTEM));
            r.processCreate(morning.plusSeconds(3), explorer, userinit);
            Proc onedrive = ws.proc("C:\\Program Files\\Microsoft OneDrive\\25.090.0511.0001\\OneDrive.exe",
                    "\"C:\\Program Files\\Microsoft OneDrive\\25.090.0511.0001\\OneDrive.exe\" /background", user.qualified());
            r.processCreate(morning.plusSeconds(9), onedrive, explorer);
            r.registrySet(morning.plusSeconds(14), onedrive, "HKU\\" + user.sid()
                    + "\\Software\\Microsoft\\OneDrive\\Accounts\\Business1\\ClientFirstSignIn", "Binary Data");
        } else {
            r.logon(morning, ws, Estate.DOMAIN, user.name(), user.sid(), 7, "127.0.0.1", "C:\\Windows\\System32\\svchost.exe");
        }
        r.serviceTicket(morning.plusSeconds(1), e.dc01, user.name(), "TT-FS01$", ws.ip());

        Proc outlook = ws.proc(OFFICE + "OUTLOOK.EXE", "\"" + OFFICE + "OUTLOOK.EXE\" ", user.qualified());
        r.processCreate(morning.plusSeconds(40), outlook, explorer);
        r.dnsQuery(morning.plusSeconds(42), outlook, "outlook.office365.com", "type:  5 outlook.ha.office365.com;::ffff:52.98.207.34;");
        r.connect(morning.plusSeconds(43), outlook, "52.98.207.34", 443, "outlook.office365.com");

        Proc edge = ws.proc(EDGE, "\"" + EDGE + "\" --profile-directory=Default", user.qualified());
        r.processCreate(morning.plusSeconds(70), edge, explorer);
        int visits = 6 + random.nextInt(10);
        for (int i = 0; i < visits; i++) {
            String[] site = SITES.get(random.nextInt(SITES.size()));
            Instant t = when(day, 30, 560);
            r.dnsQuery(t, edge, site[0], "::ffff:" + site[1] + ";");
            r.connect(t.plusMillis(120), edge, site[1], 443, site[0]);
        }
        Proc teams = ws.proc("C:\\Program Files\\WindowsApps\\MSTeams_25122.1415.3698.6812_x64__8wekyb3d8bbwe\\ms-teams.exe",
                "\"ms-teams.exe\" msteams:system-initiated", user.qualified());
        r.processCreate(morning.plusSeconds(95), teams, explorer);
        r.dnsQuery(morning.plusSeconds(97), teams, "teams.microsoft.com", "type:  5 teams.office.com;::ffff:52.113.194.132;");

        int docs = 2 + random.nextInt(4);
        for (int i = 0; i < docs; i++) {
            String doc = DOCUMENTS.get(random.nextInt(DOCUMENTS.size()));
            boolean excel = doc.endsWith(".xlsx");
            String app = OFFICE + (excel ? "EXCEL.EXE" : "WINWORD.EXE");
            String path = "C:\\Users\\" + user.name() + "\\Documents\\" + doc;
            Instant t = when(day, 40, 540);
            Proc office = ws.proc(app, "\"" + app + "\" /n \"" + path + "\"", user.qualified());
            r.processCreate(t, office, explorer);
            r.fileCreate(t.plusSeconds(5), office, "C:\\Users\\" + user.name() + "\\Documents\\~$" + doc.substring(2));
            r.fileCreate(t.plusSeconds(600 + random.nextInt(1200)), office, path);
            if (excel && ws == e.ws01 && day == 1) {
                r.fileCreate(t.plusSeconds(900), office, "C:\\Users\\Public\\Documents\\budget-2025.xlsx");
            }
            r.shareAccess(t.plusSeconds(30), e.fs01, user.name(), user.sid(), ws.ip(), "\\\\*\\Research", "\\??\\D:\\Shares\\Research",
                    "2025\\" + doc, "0x1", "%%4416\r\n\t\t\t\t");
        }
        r.logoff(e.at(day, "09:35:00", 600_000), ws, Estate.DOMAIN, user.name(), user.sid(), 7);
    }

    private void developer(int day) {
        Host ws = e.ws02;
        String user = Estate.TANAKA.qualified();
        Proc explorer = e.explorer(ws);
        Instant t = when(day, 20, 60);
        Proc code = ws.proc(VSCODE, "\"" + VSCODE + "\" C:\\Users\\m.tanaka\\src\\policy-db", user);
        r.processCreate(t, code, explorer);
        r.dnsQuery(t.plusSeconds(3), code, "update.code.visualstudio.com", "type:  5 vscode-update.azurewebsites.net;::ffff:13.107.246.40;");
        r.connect(t.plusSeconds(4), code, "13.107.246.40", 443, "update.code.visualstudio.com");
        r.dnsQuery(t.plusSeconds(6), code, "marketplace.visualstudio.com", "::ffff:13.107.42.18;");
        for (String args : List.of("fetch --all --prune", "status -z -uall", "pull --rebase")) {
            Instant g = when(day, 60, 520);
            Proc git = ws.proc("C:\\Program Files\\Git\\cmd\\git.exe", "git.exe " + args, user);
            r.processCreate(g, git, code);
            if (args.startsWith("fetch") || args.startsWith("pull")) {
                r.dnsQuery(g.plusMillis(200), git, "github.com", "::ffff:20.27.177.113;");
            }
        }
        r.fileCreate(when(day, 60, 520), code, "C:\\Users\\m.tanaka\\src\\policy-db\\.vscode\\settings.json");
        Instant b = when(day, 120, 480);
        Proc node = ws.proc("C:\\Program Files\\nodejs\\node.exe",
                "\"C:\\Program Files\\nodejs\\node.exe\" \"C:\\Program Files\\nodejs\\node_modules\\npm\\bin\\npm-cli.js\" run build", user);
        r.processCreate(b, node, code);
        r.processCreate(b.plusSeconds(1), ws.proc(CMD, "C:\\Windows\\system32\\cmd.exe /d /s /c \"vite build\"", user), node);
        Proc devenv = ws.proc("C:\\Program Files\\Microsoft Visual Studio\\2022\\Community\\Common7\\IDE\\devenv.exe",
                "\"C:\\Program Files\\Microsoft Visual Studio\\2022\\Community\\Common7\\IDE\\devenv.exe\" C:\\Users\\m.tanaka\\src\\policy-db\\PolicyDb.sln",
                user);
        Instant v = when(day, 200, 500);
        r.processCreate(v, devenv, explorer);
        Proc msbuild = ws.proc("C:\\Windows\\Microsoft.NET\\Framework64\\v4.0.30319\\MSBuild.exe",
                "C:\\Windows\\Microsoft.NET\\Framework64\\v4.0.30319\\MSBuild.exe C:\\Users\\m.tanaka\\src\\policy-db\\PolicyDb.csproj /p:Configuration=Release",
                user);
        r.processCreate(v.plusSeconds(300), msbuild, devenv);
        r.fileCreate(v.plusSeconds(330), msbuild, "C:\\Users\\m.tanaka\\src\\policy-db\\bin\\Release\\PolicyDb.dll");

        if (day == 1) {
            // The developer's own Windows Sandbox, to open an untrusted sample document safely.
            Instant s = e.at(day, "05:02:18", 900);
            String wsb = "C:\\Users\\m.tanaka\\Documents\\sandbox\\malware-lab.wsb";
            r.fileCreate(s.minusSeconds(218), code, wsb);
            Proc sandbox = ws.proc("C:\\Windows\\System32\\WindowsSandbox.exe",
                    "\"C:\\Windows\\System32\\WindowsSandbox.exe\" \"" + wsb + "\"", user);
            r.processCreate(s, sandbox, explorer);
            r.processCreate(s.plusSeconds(2), ws.proc("C:\\Windows\\System32\\WindowsSandboxClient.exe",
                    "\"C:\\Windows\\System32\\WindowsSandboxClient.exe\" --id 7d5c1f0e-3a55-4f7b-9d0e-3c8a4b2e6f11", user), sandbox);
            Proc wsbCli = ws.proc("C:\\Users\\m.tanaka\\AppData\\Local\\Microsoft\\WindowsApps\\wsb.exe", "wsb.exe list", user);
            r.processCreate(s.plusSeconds(480), wsbCli, explorer);
        }
        if (day == 2) {
            Instant p = e.at(day, "02:10:12", 900);
            Proc putty = ws.proc("C:\\Program Files\\PuTTY\\putty.exe", "\"C:\\Program Files\\PuTTY\\putty.exe\" -ssh m.tanaka@build01", user);
            r.processCreate(p, putty, explorer);
            r.connect(p.plusSeconds(1), putty, "10.20.3.15", 22, "build01.thinktank.local");
            Proc pwsh = ws.proc("C:\\Program Files\\PowerShell\\7\\pwsh.exe", "\"C:\\Program Files\\PowerShell\\7\\pwsh.exe\"", user);
            r.processCreate(p.plusSeconds(300), pwsh, explorer);
            r.processCreate(p.plusSeconds(420), ws.proc("C:\\Windows\\System32\\OpenSSH\\ssh.exe",
                    "ssh.exe -L 8080:localhost:80 m.tanaka@build01", user), pwsh);
            r.processCreate(p.plusSeconds(900), ws.proc("C:\\Windows\\System32\\certutil.exe",
                    "certutil -decode C:\\Users\\m.tanaka\\certs\\tt-root.b64 C:\\Users\\m.tanaka\\certs\\tt-root.cer", user), pwsh);
        }
    }

    // ------------------------------------------------------------------------------------------------ servers

    private void fileServer(int day) {
        Host fs = e.fs01;
        for (Host ws : e.workstations()) {
            Estate.Account user = e.userOf(ws);
            Instant t = when(day, 5, 40);
            r.logon(t, fs, Estate.DOMAIN, user.name(), user.sid(), 3, ws.ip(), "-");
            r.shareAccess(t.plusMillis(40), fs, user.name(), user.sid(), ws.ip(), "\\\\*\\Research", "\\??\\D:\\Shares\\Research",
                    null, null, null);
            int n = 2 + random.nextInt(5);
            for (int i = 0; i < n; i++) {
                String doc = DOCUMENTS.get(random.nextInt(DOCUMENTS.size()));
                boolean write = random.nextInt(3) == 0;
                r.shareAccess(when(day, 40, 560), fs, user.name(), user.sid(), ws.ip(), "\\\\*\\Research",
                        "\\??\\D:\\Shares\\Research", "2025\\" + doc, write ? "0x2" : "0x1",
                        write ? "%%4417\r\n\t\t\t\t" : "%%4416\r\n\t\t\t\t");
            }
        }
        String admin = Estate.ADMIN.qualified();
        if (day == 0 || day == 2) {
            // Routine administration over RDP from the IT jump host (outside the data set).
            Instant t = e.at(day, "02:00:00", 900_000);
            r.logon(t, fs, Estate.DOMAIN, Estate.ADMIN.name(), Estate.ADMIN.sid(), 10, "10.20.0.40", "C:\\Windows\\System32\\svchost.exe");
            Proc explorer = fs.proc("C:\\Windows\\explorer.exe", "C:\\Windows\\Explorer.EXE", admin);
            r.processCreate(t.plusSeconds(8), explorer, fs.proc("C:\\Windows\\System32\\userinit.exe", "userinit.exe", admin));
            Proc cmd = fs.proc(CMD, "\"C:\\Windows\\system32\\cmd.exe\"", admin);
            r.processCreate(t.plusSeconds(40), cmd, explorer);
            r.processCreate(t.plusSeconds(55), fs.proc("C:\\Windows\\System32\\wevtutil.exe", "wevtutil qe Security /c:20 /rd:true /f:text", admin), cmd);
            r.processCreate(t.plusSeconds(90), fs.proc("C:\\Windows\\System32\\ipconfig.exe", "ipconfig /all", admin), cmd);
            Proc ps = fs.proc(PS, "\"" + PS + "\"", admin);
            r.processCreate(t.plusSeconds(130), ps, explorer);
            r.scriptBlock(t.plusSeconds(150), fs, Estate.ADMIN.sid(), "Get-SmbShare | Select-Object Name, Path, CurrentUsers", "");
            r.scriptBlock(t.plusSeconds(190), fs, Estate.ADMIN.sid(), "Get-Service -Name Veeam* | Format-Table Name, Status", "");
            r.processCreate(t.plusSeconds(260), fs.proc("C:\\Windows\\System32\\wbem\\WMIC.exe",
                    "wmic /node:TT-WS03 os get lastbootuptime", admin), cmd);
            r.processCreate(t.plusSeconds(320), fs.proc(PS, "powershell.exe -nop -c \"Set-MpPreference -DisableRealtimeMonitoring $false\"",
                    admin), cmd);
        }
        // Nightly backup of the research share with WinRAR, from a scheduled task (22:00 in Tokyo).
        Instant night = e.at(day, "13:00:00", 2000);
        String rar = "C:\\Program Files\\WinRAR\\Rar.exe";
        String instance = "{" + fs.guid() + "}";
        r.task(night, fs, 200, "ActionStart", TaskXml.map("TaskName", "\\ThinkTank\\BackupResearch", "ActionName", rar,
                "TaskInstanceId", instance));
        Proc backup = fs.proc(rar, "\"" + rar + "\" a -r -m3 D:\\Backup\\research-" + night.toString().substring(0, 10)
                + ".rar D:\\Shares\\Research", Host.SYSTEM);
        r.processCreate(night.plusMillis(20), backup, e.scheduler(fs));
        r.fileCreate(night.plusSeconds(340), backup, "D:\\Backup\\research-" + night.toString().substring(0, 10) + ".rar");
        r.task(night.plusSeconds(342), fs, 201, "ActionSuccess", TaskXml.map("TaskName", "\\ThinkTank\\BackupResearch",
                "TaskInstanceId", instance, "ActionName", rar, "ResultCode", 0));
    }

    private void domainController(int day) {
        Host dc = e.dc01;
        for (Host ws : e.workstations()) {
            Estate.Account user = e.userOf(ws);
            r.logon(when(day, 0, 30), dc, Estate.DOMAIN, ws.shortName() + "$", Estate.SID + (2000 + ws.ip().hashCode() % 100), 3,
                    ws.ip(), "-");
            r.serviceTicket(when(day, 0, 40), dc, user.name(), "ldap/TT-DC01.thinktank.local", ws.ip());
            for (String f : List.of("gpt.ini", "Machine\\Registry.pol")) {
                r.shareAccess(when(day, 0, 40), dc, ws.shortName() + "$", "S-1-5-18", ws.ip(), "\\\\*\\SYSVOL",
                        "\\??\\C:\\Windows\\SYSVOL\\sysvol", "thinktank.local\\Policies\\{31B2F340-016D-11D2-945F-00C04FB984F9}\\" + f,
                        "0x1", "%%4416\r\n\t\t\t\t");
            }
            for (int i = 0; i < 3; i++) {
                r.serviceTicket(when(day, 60, 560), dc, user.name(), i == 0 ? "TT-FS01$" : "HTTP/intranet.thinktank.local", ws.ip());
            }
        }
    }

    private void windowsMaintenance(int day) {
        for (Host h : e.hosts()) {
            boolean server = h == e.fs01 || h == e.dc01;
            Instant t = when(day, 180, 300);
            String instance = "{" + h.guid() + "}";
            String edgeUpdate = "C:\\Program Files (x86)\\Microsoft\\EdgeUpdate\\MicrosoftEdgeUpdate.exe";
            r.task(t, h, 200, "ActionStart", TaskXml.map("TaskName", "\\MicrosoftEdgeUpdateTaskMachineUA", "ActionName", edgeUpdate,
                    "TaskInstanceId", instance));
            Proc eu = h.proc(edgeUpdate, "\"" + edgeUpdate + "\" /ua /installsource scheduler", Host.SYSTEM);
            r.processCreate(t.plusMillis(30), eu, e.scheduler(h));
            r.dnsQuery(t.plusSeconds(1), eu, "msedge.api.cdp.microsoft.com", "type:  5 api.cdp.microsoft.com;::ffff:20.44.229.112;");
            r.task(t.plusSeconds(20), h, 201, "ActionSuccess", TaskXml.map("TaskName", "\\MicrosoftEdgeUpdateTaskMachineUA",
                    "TaskInstanceId", instance, "ActionName", edgeUpdate, "ResultCode", 0));
            if (!server) {
                Instant o = when(day, 100, 200);
                String c2r = "C:\\Program Files\\Common Files\\Microsoft Shared\\ClickToRun\\OfficeC2RClient.exe";
                r.task(o, h, 200, "ActionStart", TaskXml.map("TaskName", "\\Microsoft\\Office\\Office Automatic Updates 2.0",
                        "ActionName", c2r, "TaskInstanceId", "{" + h.guid() + "}"));
                r.processCreate(o.plusMillis(25), h.proc(c2r, "\"" + c2r + "\" /frequentupdate SCHEDULEDTASK displaylevel=False",
                        Host.SYSTEM), e.scheduler(h));
            }
            if (day == 1) {
                // Defender scheduled scan: MsMpEng reads LSASS with full rights, a known benign pattern.
                Instant s = when(day, 240, 300);
                String mpcmd = "C:\\ProgramData\\Microsoft\\Windows Defender\\Platform\\4.18.25040.2-0\\MpCmdRun.exe";
                r.task(s, h, 200, "ActionStart", TaskXml.map("TaskName", "\\Microsoft\\Windows\\Windows Defender\\Windows Defender Scheduled Scan",
                        "ActionName", mpcmd, "TaskInstanceId", "{" + h.guid() + "}"));
                r.processCreate(s.plusMillis(30), h.proc(mpcmd, "\"" + mpcmd + "\" Scan -ScheduleJob -ScanTrigger 55", Host.SYSTEM),
                        e.scheduler(h));
                r.processAccess(s.plusSeconds(40), e.defender(h), e.lsass(h), "0x1fffff",
                        "C:\\Windows\\SYSTEM32\\ntdll.dll+9f5e4|C:\\ProgramData\\Microsoft\\Windows Defender\\Platform\\4.18.25040.2-0\\mpengine.dll+2a1f00");
            }
            if (day == 2) {
                // Patch Tuesday catch-up: Windows Update client and the servicing stack.
                Instant u = when(day, 60, 120);
                Proc wu = h.proc("C:\\Windows\\System32\\wuauclt.exe",
                        "\"C:\\Windows\\system32\\wuauclt.exe\" /UpdateDeploymentProvider UpdateDeploymentProvider.dll /ClassId 2bc4ac96-8ecf-4c54-8c3d-0e52bb8b9f16 /RunHandlerComServer",
                        Host.SYSTEM);
                r.processCreate(u, wu, e.wuauserv(h));
                r.connect(u.plusSeconds(2), wu, "13.107.4.50", 443, "fe3cr.delivery.mp.microsoft.com");
                Proc tiworker = h.proc("C:\\Windows\\WinSxS\\amd64_microsoft-windows-servicingstack_31bf3856ad364e35_10.0.22621.5262_none_7a4e3b1ad1b2c3d4\\TiWorker.exe",
                        "C:\\Windows\\winsxs\\amd64_microsoft-windows-servicingstack_31bf3856ad364e35_10.0.22621.5262_none_7a4e3b1ad1b2c3d4\\TiWorker.exe -Embedding",
                        Host.SYSTEM);
                r.processCreate(u.plusSeconds(60), tiworker, e.services(h));
                r.fileCreate(u.plusSeconds(300), tiworker,
                        "C:\\Windows\\WinSxS\\amd64_microsoft-windows-installer-executable_31bf3856ad364e35_10.0.22621.5262_none_0b5d2f0c4e6a1b2c\\msiexec.exe");
                r.reboot(e.at(day, "10:30:00", 60_000), h, "C:\\Windows\\servicing\\TrustedInstaller.exe (" + h.shortName() + ")",
                        "NT AUTHORITY\\SYSTEM");
            }
        }
    }
}
