package kagami.hunt.demo;

import java.util.Locale;
import java.util.Map;

/**
 * The version-resource fields Sysmon copies into process events (FileVersion, Description, Product, Company,
 * OriginalFileName). The table holds what the real binaries carry; for anything else a Windows component is assumed.
 */
record VersionInfo(String fileVersion, String description, String product, String company, String originalFileName) {

    private static final String MS = "Microsoft Corporation";
    private static final String WINDOWS = "Microsoft® Windows® Operating System";

    private static final Map<String, VersionInfo> KNOWN = Map.ofEntries(
            Map.entry("scncfg32.exe", new VersionInfo("8.8.0.1247", "VirusScan Console Configuration", "VirusScan Enterprise",
                    "McAfee, Inc.", "ScnCfg32.Exe")),
            Map.entry("code.exe", new VersionInfo("1.101.0", "Visual Studio Code", "Visual Studio Code", MS, "Code.exe")),
            Map.entry("code-tunnel.exe", new VersionInfo("1.101.0", "Visual Studio Code", "Visual Studio Code", MS, "code-tunnel.exe")),
            Map.entry("msbuild.exe", new VersionInfo("4.8.9032.0", "MSBuild.exe", "Microsoft® .NET Framework", MS, "MSBuild.exe")),
            Map.entry("winword.exe", new VersionInfo("16.0.18827.20128", "Microsoft Word", "Microsoft Office", MS, "WinWord.exe")),
            Map.entry("excel.exe", new VersionInfo("16.0.18827.20128", "Microsoft Excel", "Microsoft Office", MS, "Excel.exe")),
            Map.entry("outlook.exe", new VersionInfo("16.0.18827.20128", "Microsoft Outlook", "Microsoft Office", MS, "Outlook.exe")),
            Map.entry("powerpnt.exe", new VersionInfo("16.0.18827.20128", "Microsoft PowerPoint", "Microsoft Office", MS, "POWERPNT.EXE")),
            Map.entry("msedge.exe", new VersionInfo("137.0.3296.68", "Microsoft Edge", "Microsoft Edge", MS, "msedge.exe")),
            Map.entry("ms-teams.exe", new VersionInfo("25122.1415.3698.6812", "Microsoft Teams", "Microsoft Teams", MS, "ms-teams.exe")),
            Map.entry("onedrive.exe", new VersionInfo("25.090.0511.0001", "Microsoft OneDrive", "Microsoft OneDrive", MS, "OneDrive.exe")),
            Map.entry("git.exe", new VersionInfo("2.49.0.1", "Git for Windows", "Git", "The Git Development Community", "git.exe")),
            Map.entry("node.exe", new VersionInfo("22.15.1", "Node.js JavaScript Runtime", "Node.js", "Node.js", "node.exe")),
            Map.entry("devenv.exe", new VersionInfo("17.14.36203.30", "Microsoft Visual Studio 2022", "Microsoft® Visual Studio®", MS, "devenv.exe")),
            Map.entry("putty.exe", new VersionInfo("Release 0.83", "SSH, Telnet, Rlogin, and SUPDUP client", "PuTTY suite", "Simon Tatham", "PuTTY")),
            Map.entry("pscp.exe", new VersionInfo("Release 0.83", "Command-line SCP/SFTP client", "PuTTY suite", "Simon Tatham", "PSCP")),
            Map.entry("rar.exe", new VersionInfo("7.11.0", "Command line RAR", "WinRAR", "Alexander Roshal", "Rar.exe")),
            Map.entry("veeam.endpoint.manager.exe", new VersionInfo("6.3.1.1043", "Veeam Agent for Microsoft Windows",
                    "Veeam Agent for Microsoft Windows", "Veeam Software Group GmbH", "Veeam.EndPoint.Manager.exe")),
            Map.entry("msmpeng.exe", new VersionInfo("4.18.25040.2", "Antimalware Service Executable", "Microsoft® Windows® Operating System",
                    MS, "MsMpEng.exe")));

    /** The version resource of {@code image}'s file name. */
    static VersionInfo of(String image) {
        String exe = image.substring(image.lastIndexOf('\\') + 1);
        VersionInfo v = KNOWN.get(exe.toLowerCase(Locale.ROOT));
        return v != null ? v : new VersionInfo("10.0.22621.5262 (WinBuild.160101.0800)", exe, WINDOWS, MS, exe);
    }

    /** A file with no version resource (most attacker tools); Sysmon writes "-". */
    static VersionInfo none() {
        return new VersionInfo("-", "-", "-", "-", "-");
    }
}
