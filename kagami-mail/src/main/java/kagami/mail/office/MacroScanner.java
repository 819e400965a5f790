package kagami.mail.office;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads VBA source the way oletools does, with our own lists: mraptor's three flags (A auto-execution, W
 * write to disk/memory, X execute; suspicious = A and (W or X)), olevba-style suspicious keywords and IoCs, and
 * a re-scan of strings hidden as hex, base64, {@code StrReverse} or {@code Chr()} chains, each hit tagged with the
 * obfuscation that hid it.
 */
public final class MacroScanner {
    /** What the scan found. */
    public record Result(boolean autoExec, boolean write, boolean execute, List<String> autoExecKeywords,
            List<String> keywords, List<String> iocs, List<String> obfuscations) {

        /** mraptor's verdict: AutoExec and (Write or Execute). */
        public boolean suspicious() {
            return autoExec && (write || execute);
        }

        /** mraptor's flag string, e.g. {@code AWX}, {@code A-X}, {@code ---}. */
        public String flags() {
            return (autoExec ? "A" : "-") + (write ? "W" : "-") + (execute ? "X" : "-");
        }
    }

    // mraptor (oletools 0.60.3) regexes, re-expressed; word boundaries as there.
    private static final Pattern AUTO_EXEC = Pattern.compile("(?i)\\b(?:AutoExec|Auto_?Open|Auto_?Close|AutoExit|"
            + "AutoNew|Document_?Open|Document_Close|Document_?BeforeClose|DocumentChange|Document_New|NewDocument|"
            + "Workbook_(?:Open|Activate|Close|BeforeClose)|Auto_Ope|\\w+_(?:Painted|Painting|GotFocus|LostFocus|"
            + "MouseHover|Layout|Click|Change|Resize|BeforeNavigate2|BeforeScriptExecute|DocumentComplete|"
            + "DownloadBegin|DownloadComplete|FileDownload|NavigateComplete2|NavigateError|ProgressChange|"
            + "PropertyChange|SetSecureLockIcon|StatusTextChange|TitleChange|MouseMove|MouseEnter|MouseLeave|"
            + "OnConnecting|FollowHyperlink|ContentControlOnEnter))\\b");
    private static final Pattern WRITE = Pattern.compile("(?i)\\b(?:FileCopy|CopyFile|Kill|CreateTextFile|"
            + "VirtualAlloc|RtlMoveMemory|URLDownloadToFileA?|AltStartupPath|WriteProcessMemory|ADODB\\.Stream|"
            + "WriteText|SaveToFile|SaveAs|SaveAsRTF|FileSaveAs|MkDir|RmDir|SaveSetting|SetAttr)\\b|"
            + "(?i)\\bOpen\\b[^\\n]+\\b(?:Write|Append|Binary|Output|Random)\\b");
    private static final Pattern EXECUTE = Pattern.compile("(?i)\\b(?:Shell|CreateObject|GetObject|SendKeys|RUN|"
            + "CALL|MacScript|FollowHyperlink|CreateThread|ShellExecuteA?|ExecuteExcel4Macro|EXEC|REGISTER|SetTimer)"
            + "\\b|(?i)\\bDeclare\\b[^\\n]+\\bLib\\b");
    private static final Pattern KEYWORDS = Pattern.compile("(?i)\\b(Shell|WScript\\.Shell|Shell\\.Application|"
            + "ShellExecute|PowerShell|cmd\\.exe|mshta|rundll32|regsvr32|certutil|bitsadmin|Environ|"
            + "ExpandEnvironmentStrings|CreateObject|GetObject|CallByName|URLDownloadToFileA?|Msxml2\\.XMLHTTP|"
            + "MSXML2\\.ServerXMLHTTP|WinHttp\\.WinHttpRequest|Net\\.WebClient|DownloadFile|DownloadString|"
            + "ADODB\\.Stream|SaveToFile|CreateTextFile|VirtualAlloc(?:Ex)?|RtlMoveMemory|WriteProcessMemory|"
            + "CreateThread|EnumSystemLanguageGroupsW|EnumDateFormats\\w*|Lib|ExecuteExcel4Macro|VBProject|"
            + "VBComponents|CodeModule|AddFromString|AccessVBOM|VBAWarnings|StrReverse|ChrW?|Xor|"
            + "Application\\.Visible|ShowWindow|vbHide|Run|Kill|FileCopy|SendKeys|-EncodedCommand|-enc|"
            + "FromBase64String|Invoke-Expression|IEX|Start-Process|New-Object|ExecutionPolicy|RegWrite|"
            + "Win32_Process|Wscript\\.Run|schtasks|Users\\\\Public|AppData)\\b");
    private static final Pattern URL = Pattern.compile("(?i)\\b(?:https?|ftp)://[\\w.-]+(?::\\d+)?(?:/[^\\s\"'<>]*)?");
    private static final Pattern IPV4 = Pattern.compile("\\b(?:(?:25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.){3}"
            + "(?:25[0-5]|2[0-4]\\d|1?\\d?\\d)\\b");
    private static final Pattern EXE_NAME = Pattern.compile("(?i)\\b[\\w-]+\\.(?:exe|pif|scr|dll|vbs|vbe|js|jse|"
            + "wsf|wsh|hta|bat|cmd|ps1|msi|lnk|cpl|jar)\\b");
    private static final Pattern HEX = Pattern.compile("\"((?:[0-9A-Fa-f]{2}){8,})\"");
    private static final Pattern BASE64 = Pattern.compile("\"([A-Za-z0-9+/]{16,}={0,2})\"");
    private static final Pattern STR_REVERSE = Pattern.compile("(?i)StrReverse\\s*\\(\\s*\"([^\"]{4,})\"\\s*\\)");
    private static final Pattern CHR_CHAIN = Pattern.compile("(?i)(?:ChrW?\\s*\\(\\s*\\d{1,5}\\s*\\)\\s*[&+]\\s*){3,}"
            + "ChrW?\\s*\\(\\s*\\d{1,5}\\s*\\)");
    private static final Pattern CHR_ONE = Pattern.compile("(?i)ChrW?\\s*\\(\\s*(\\d{1,5})\\s*\\)");
    private static final Set<String> SCHEMA_HOSTS = Set.of("schemas.openxmlformats.org", "schemas.microsoft.com",
            "www.w3.org", "purl.org");

    private MacroScanner() {
    }

    public static Result scan(List<VbaModule> modules) {
        StringBuilder all = new StringBuilder();
        for (VbaModule m : modules) {
            all.append(m.source()).append('\n');
        }
        // olevba's vba_collapse_long_lines: "_" at the end of a line continues it.
        String code = all.toString().replaceAll("[ \\t]_\\r?\\n", " ");
        Set<String> autoKeywords = matches(AUTO_EXEC, stripComments(code), 5);
        boolean write = WRITE.matcher(stripComments(code)).find();
        boolean execute = EXECUTE.matcher(stripComments(code)).find();
        Set<String> keywords = matches(KEYWORDS, stripComments(code), 12);
        Set<String> iocs = iocs(code);
        Set<String> obfuscations = new LinkedHashSet<>();
        for (Decoded d : decodedStrings(code)) {
            Set<String> hits = new LinkedHashSet<>(matches(KEYWORDS, d.text, 5));
            hits.remove("Lib");
            Set<String> decodedIocs = iocs(d.text);
            boolean dx = EXECUTE.matcher(d.text).find() || WRITE.matcher(d.text).find();
            if (!hits.isEmpty() || !decodedIocs.isEmpty() || dx) {
                obfuscations.add(d.kind);
                keywords.addAll(hits);
                iocs.addAll(decodedIocs);
                execute |= EXECUTE.matcher(d.text).find();
                write |= WRITE.matcher(d.text).find();
            }
        }
        return new Result(!autoKeywords.isEmpty(), write, execute, List.copyOf(autoKeywords), List.copyOf(keywords),
                List.copyOf(iocs), List.copyOf(obfuscations));
    }

    /** Drops VBA comments (from an apostrophe outside a string, or {@code Rem}) so they cannot raise flags. */
    static String stripComments(String code) {
        StringBuilder sb = new StringBuilder(code.length());
        for (String line : code.split("\n", -1)) {
            boolean inString = false;
            int cut = line.length();
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (c == '"') {
                    inString = !inString;
                } else if (c == '\'' && !inString) {
                    cut = i;
                    break;
                }
            }
            String l = line.substring(0, cut);
            if (l.stripLeading().regionMatches(true, 0, "Rem ", 0, 4)) {
                l = "";
            }
            sb.append(l).append('\n');
        }
        return sb.toString();
    }

    private static Set<String> matches(Pattern p, String text, int max) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = p.matcher(text);
        while (m.find() && out.size() < max) {
            out.add(m.group());
        }
        return out;
    }

    private static Set<String> iocs(String text) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = URL.matcher(text);
        while (m.find() && out.size() < 10) {
            String u = m.group();
            String host = u.replaceFirst("(?i)^[a-z]+://", "").split("[/:]")[0].toLowerCase(Locale.ROOT);
            if (!SCHEMA_HOSTS.contains(host)) {
                out.add(u);
            }
        }
        m = IPV4.matcher(text);
        while (m.find() && out.size() < 15) {
            if (!m.group().startsWith("0.") && !m.group().matches("\\d+\\.0\\.0\\.0")) {
                out.add(m.group());
            }
        }
        m = EXE_NAME.matcher(text);
        while (m.find() && out.size() < 20) {
            out.add(m.group());
        }
        return out;
    }

    private record Decoded(String kind, String text) {
    }

    private static List<Decoded> decodedStrings(String code) {
        List<Decoded> out = new ArrayList<>();
        Matcher m = HEX.matcher(code);
        while (m.find() && out.size() < 200) {
            String hex = m.group(1);
            byte[] b = new byte[hex.length() / 2];
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
            }
            String t = new String(b, StandardCharsets.ISO_8859_1);
            if (printable(t)) {
                out.add(new Decoded("hex", t));
                out.add(new Decoded("hex+StrReverse", new StringBuilder(t).reverse().toString()));
            }
        }
        m = BASE64.matcher(code);
        while (m.find() && out.size() < 400) {
            try {
                byte[] b = Base64.getDecoder().decode(m.group(1));
                String t = new String(b, StandardCharsets.ISO_8859_1);
                if (printable(t)) {
                    out.add(new Decoded("base64", t));
                } else {
                    String u = new String(b, StandardCharsets.UTF_16LE);
                    if (printable(u)) {
                        out.add(new Decoded("base64", u));
                    }
                }
            } catch (IllegalArgumentException e) {
                // not base64 after all
            }
        }
        m = STR_REVERSE.matcher(code);
        while (m.find() && out.size() < 500) {
            out.add(new Decoded("StrReverse", new StringBuilder(m.group(1)).reverse().toString()));
        }
        m = CHR_CHAIN.matcher(code);
        while (m.find() && out.size() < 600) {
            StringBuilder sb = new StringBuilder();
            Matcher c = CHR_ONE.matcher(m.group());
            while (c.find()) {
                int v = Integer.parseInt(c.group(1));
                if (v > 0 && v < 0x10000) {
                    sb.append((char) v);
                }
            }
            out.add(new Decoded("Chr", sb.toString()));
        }
        return out;
    }

    private static boolean printable(String s) {
        if (s.length() < 4) {
            return false;
        }
        int ok = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x7f || c == '\r' || c == '\n' || c == '\t') {
                ok++;
            }
        }
        return ok * 10 >= s.length() * 9;
    }
}
