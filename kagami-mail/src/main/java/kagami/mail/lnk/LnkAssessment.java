package kagami.mail.lnk;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import kagami.mail.verdict.Finding;

/**
 * What makes a shortcut in a mail dangerous: a LOLBin or script-host target (often only visible in the ID list
 * or the environment block), arguments padded with white space beyond the ~260 characters the Properties dialog
 * shows, very long or PowerShell/download-style arguments, a minimised window (SW_SHOWMINNOACTIVE), an icon
 * borrowed from elsewhere than the target, a string whose declared length exceeds MAX_PATH, and data appended
 * after the terminal block (embedded CAB/ZIP/PE, as in MirrorFace's ANEL LNKs).
 */
public final class LnkAssessment {
    /** Target program → signal id (weights and techniques live in weights.properties). */
    private static final Map<String, String> TARGETS = new LinkedHashMap<>();

    static {
        TARGETS.put("powershell.exe", "lnk.target.powershell");
        TARGETS.put("pwsh.exe", "lnk.target.powershell");
        TARGETS.put("powershell_ise.exe", "lnk.target.powershell");
        TARGETS.put("cmd.exe", "lnk.target.cmd");
        TARGETS.put("mshta.exe", "lnk.target.mshta");
        TARGETS.put("rundll32.exe", "lnk.target.rundll32");
        TARGETS.put("regsvr32.exe", "lnk.target.regsvr32");
        TARGETS.put("wscript.exe", "lnk.target.script_host");
        TARGETS.put("cscript.exe", "lnk.target.script_host");
        TARGETS.put("forfiles.exe", "lnk.target.forfiles");
        TARGETS.put("msiexec.exe", "lnk.target.msiexec");
        for (String other : List.of("conhost.exe", "certutil.exe", "bitsadmin.exe", "schtasks.exe", "wmic.exe",
                "msbuild.exe", "installutil.exe", "hh.exe", "curl.exe", "bash.exe", "wsl.exe", "scriptrunner.exe",
                "pcalua.exe", "explorer.exe", "cmstp.exe", "odbcconf.exe", "regasm.exe", "regsvcs.exe",
                "expand.exe", "extrac32.exe", "findstr.exe", "ftp.exe", "sc.exe", "reg.exe", "mavinject.exe",
                "control.exe", "infdefaultinstall.exe", "presentationhost.exe", "syncappvpublishingserver.exe")) {
            TARGETS.put(other, "lnk.target.lolbin");
        }
    }

    private static final Pattern SUSPICIOUS_ARGS = Pattern.compile("(?i)(-e(?:nc(?:odedcommand)?)?\\s+[A-Za-z0-9+/=]"
            + "{20,}|\\biex\\b|invoke-expression|downloadstring|downloadfile|frombase64string|invoke-webrequest|"
            + "\\biwr\\b|start-bitstransfer|net\\.webclient|https?://|-w(?:indowstyle)?\\s+h(?:idden)?\\b|"
            + "-exec(?:utionpolicy)?\\s+bypass|-nop\\b|%temp%|\\$env:temp|\\$env:appdata|\\\\appdata\\\\|"
            + "start-process|findstr|set-content|\\bexpand\\b|\\.cab\\b|invoke-item|certutil|bitsadmin|mshta|"
            + "javascript:|vbscript:|\\bcurl\\b|convert\\.tochar|fromcharcode|\\bpowershell\\b|\\.vbs\\b|\\.js\\b|"
            + "\\.hta\\b|\\.ps1\\b|\\.bat\\b|users\\\\public|microsoft\\\\templates)");
    private static final Pattern PADDING = Pattern.compile("[\\s\\u00a0\\u0011\\u0012\\u0013]{50,}");
    private static final int LONG_ARGUMENTS = 250;

    private LnkAssessment() {
    }

    /** Every target string the link carries (LinkInfo, environment block, ID list, relative path). */
    public static List<String> targets(ShellLink link) {
        List<String> out = new ArrayList<>();
        link.linkInfo().flatMap(LinkInfo::localPath).ifPresent(out::add);
        link.linkInfo().flatMap(LinkInfo::networkPath).ifPresent(out::add);
        link.extraData().environmentTarget().ifPresent(out::add);
        link.idList().map(LinkTargetIdList::path).filter(p -> !p.isEmpty()).ifPresent(out::add);
        link.strings().relativePath().ifPresent(out::add);
        return out;
    }

    public static List<Finding> assess(ShellLink link, String where) {
        List<Finding> out = new ArrayList<>();
        String targetName = "";
        for (String t : targets(link)) {
            String base = baseName(t);
            String signal = TARGETS.get(base);
            if (signal != null) {
                out.add(Finding.of(signal, where + " (target " + t + ")", t));
                targetName = base;
                break;
            }
        }
        String args = link.strings().arguments().orElse("");
        if (PADDING.matcher(args).find() || link.strings().workingDir().map(w -> PADDING.matcher(w).find())
                .orElse(false)) {
            out.add(Finding.of("lnk.arguments.padded", where, Integer.toString(args.length())));
        }
        if (args.length() >= LONG_ARGUMENTS) {
            out.add(Finding.of("lnk.arguments.long", where, Integer.toString(args.length())));
        }
        Matcher m = SUSPICIOUS_ARGS.matcher(args);
        if (m.find()) {
            out.add(Finding.of("lnk.arguments.suspicious", where + " (arguments " + abbreviate(args.strip()) + ")",
                    m.group().strip()));
        }
        if (link.header().effectiveShowCommand() == ShellLinkHeader.SW_SHOWMINNOACTIVE) {
            out.add(Finding.of("lnk.window.minimised", where));
        }
        Optional<String> icon = link.extraData().iconEnvironment().or(() -> link.strings().iconLocation());
        if (!targetName.isEmpty() && icon.isPresent() && !icon.get().isBlank()
                && !baseName(icon.get()).equals(targetName)) {
            out.add(Finding.of("lnk.icon_mismatch", where, icon.get(), targetName));
        }
        link.strings().declaredOverflow().ifPresent(o -> out.add(Finding.of("lnk.string_overflow", where, o)));
        if (link.overlaySize() > 0) {
            out.add(Finding.of("lnk.overlay", where, Long.toString(link.overlaySize())));
        }
        return out;
    }

    static String baseName(String path) {
        String p = path.replace('/', '\\').strip();
        if (p.startsWith("\"")) {
            p = p.substring(1);
        }
        int q = p.indexOf('"');
        if (q >= 0) {
            p = p.substring(0, q);
        }
        int comma = p.lastIndexOf(',');
        if (comma > p.lastIndexOf('\\')) {
            p = p.substring(0, comma);
        }
        return p.substring(p.lastIndexOf('\\') + 1).toLowerCase(Locale.ROOT).strip();
    }

    private static String abbreviate(String s) {
        String t = s.replaceAll("\\s{2,}", " ");
        return t.length() > 160 ? t.substring(0, 160) + "…" : t;
    }
}
