package kagami.mail.office;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import kagami.mail.filetype.FileType;
import kagami.mail.verdict.Finding;

/**
 * Embedded objects in RTF: each {@code \objdata} group holds hex-encoded OLE1 object data (MS-OLEDS 2.2.4
 * ObjectHeader: OLEVersion, FormatID, ClassName, TopicName, ItemName, then NativeData). A {@code Package} class
 * carries a file (OLE Package, extracted for analysis); {@code Equation.3} is the Equation Editor exploited by
 * CVE-2017-11882; {@code OLE2Link} is the CVE-2017-0199 remote-link shape. Hex is read tolerantly (white space
 * and control words inside the group are skipped), as Word does.
 */
final class Rtf {
    private static final int MAX_OBJECTS = 50;
    private static final int MAX_OBJECT_BYTES = 32 << 20;

    private Rtf() {
    }

    static void objects(byte[] data, String where, List<Finding> findings, List<OfficeReport.Embedded> embedded,
            List<OfficeReport.Problem> problems) {
        String text = new String(data, StandardCharsets.ISO_8859_1);
        int from = 0;
        int n = 0;
        while (n < MAX_OBJECTS) {
            int at = text.indexOf("\\objdata", from);
            if (at < 0) {
                break;
            }
            n++;
            byte[] obj = hexGroup(text, at + "\\objdata".length());
            from = at + 8;
            String cls = className(obj);
            String lc = cls.toLowerCase(Locale.ROOT);
            findings.add(Finding.of("rtf.object", where, cls.isEmpty() ? "?" : cls));
            if (lc.startsWith("equation")) {
                findings.add(Finding.of("rtf.equation_editor", where, cls));
            }
            if (lc.contains("ole2link")) {
                findings.add(Finding.of("rtf.ole2link", where, cls));
            }
            byte[] nativeData = nativeData(obj);
            if (nativeData.length > 0) {
                if (lc.equals("package")) {
                    Package p = Package.parse(nativeData);
                    findings.add(Finding.of("office.ole_package", where + " > " + p.label, p.label, p.command));
                    embedded.add(new OfficeReport.Embedded(p.label, p.data));
                } else if (FileType.detect(nativeData, nativeData.length) == FileType.OLE2) {
                    embedded.add(new OfficeReport.Embedded("rtf-object-" + n + ".bin", nativeData));
                }
            }
        }
        if (text.contains("\\objupdate") && n > 0) {
            findings.add(Finding.of("rtf.objupdate", where));
        }
    }

    /**
     * Targets of the document's hyperlinks: the {@code HYPERLINK "…"} instruction of each {@code \field}'s
     * {@code \fldinst} group (ECMA-376 Part 1, 17.16.5, field HYPERLINK; RTF 1.9.1, "Fields"). Word splits the
     * instruction into runs with formatting control words between them, so those are skipped; a document that
     * is nothing but a link to a phishing page is a common attachment, and the link is what must be judged.
     */
    static List<String> hyperlinks(byte[] data) {
        String text = new String(data, StandardCharsets.ISO_8859_1);
        List<String> out = new java.util.ArrayList<>();
        int from = 0;
        while (out.size() < MAX_LINKS) {
            int at = text.indexOf("HYPERLINK", from);
            if (at < 0) {
                break;
            }
            from = at + 9;
            java.util.regex.Matcher m = HYPERLINK.matcher(text);
            m.region(at, Math.min(text.length(), at + 4096));
            if (m.lookingAt()) {
                out.add(m.group(1));
                from = m.end();
            }
        }
        return out;
    }

    /**
     * {@code HYPERLINK}, then white space, braces and control words (possessive: no backtracking on hostile
     * input), then the quoted target.
     */
    private static final java.util.regex.Pattern HYPERLINK = java.util.regex.Pattern.compile(
            "HYPERLINK(?:\\s|\\\\[a-z]++-?+\\d*+|[{}])*+\"([^\"\\s{}\\\\]{1,2000})\"");
    private static final int MAX_LINKS = 200;

    /** Hex digits of the group that starts at {@code at}, up to its closing brace. */
    private static byte[] hexGroup(String t, int at) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int depth = 0;
        int hi = -1;
        for (int i = at; i < t.length() && out.size() < MAX_OBJECT_BYTES; i++) {
            char c = t.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}') {
                if (depth == 0) {
                    break;
                }
                depth--;
            } else if (c == '\\') {
                while (i + 1 < t.length() && Character.isLetterOrDigit(t.charAt(i + 1))) {
                    i++;
                }
            } else {
                int v = Character.digit(c, 16);
                if (v >= 0) {
                    if (hi < 0) {
                        hi = v;
                    } else {
                        out.write(hi << 4 | v);
                        hi = -1;
                    }
                }
            }
        }
        return out.toByteArray();
    }

    /** ObjectHeader: OLEVersion (4), FormatID (4), ClassName as LengthPrefixedAnsiString. */
    private static String className(byte[] o) {
        if (o.length < 12) {
            return "";
        }
        int len = (int) u32(o, 8);
        if (len <= 0 || len > 256 || 12 + len > o.length) {
            return "";
        }
        return new String(o, 12, len, StandardCharsets.ISO_8859_1).replace("\0", "").trim();
    }

    /** Skips ClassName, TopicName, ItemName; then NativeDataSize (4) and the data. */
    private static byte[] nativeData(byte[] o) {
        int p = 8;
        for (int i = 0; i < 3; i++) {
            if (p + 4 > o.length) {
                return new byte[0];
            }
            long len = u32(o, p);
            if (len < 0 || len > o.length - p - 4) {
                return new byte[0];
            }
            p += 4 + (int) len;
        }
        if (p + 4 > o.length) {
            return new byte[0];
        }
        long size = u32(o, p);
        p += 4;
        int n = (int) Math.min(size, o.length - p);
        byte[] out = new byte[Math.max(0, n)];
        System.arraycopy(o, p, out, 0, out.length);
        return out;
    }

    static long u32(byte[] b, int o) {
        return (b[o] & 0xffL) | (b[o + 1] & 0xffL) << 8 | (b[o + 2] & 0xffL) << 16 | (b[o + 3] & 0xffL) << 24;
    }

    /** The OLE Package native data (as in an Ole10Native stream without its size): label, paths, file bytes. */
    record Package(String label, String command, byte[] data) {
        static Package parse(byte[] d) {
            int p = 2;
            String label = z(d, p);
            p += label.length() + 1;
            String source = z(d, p);
            p += source.length() + 1;
            p += 4;
            if (p + 4 > d.length) {
                return new Package(base(label), source, new byte[0]);
            }
            long tempLen = u32(d, p);
            p += 4;
            String temp = p + tempLen <= d.length ? new String(d, p, (int) tempLen, StandardCharsets.ISO_8859_1)
                    .replace("\0", "") : "";
            p += (int) Math.min(tempLen, d.length - p);
            if (p + 4 > d.length) {
                return new Package(base(label), temp, new byte[0]);
            }
            long size = u32(d, p);
            p += 4;
            int n = (int) Math.min(size, d.length - p);
            byte[] data = new byte[Math.max(0, n)];
            System.arraycopy(d, p, data, 0, data.length);
            return new Package(base(label.isEmpty() ? temp : label), temp, data);
        }

        private static String z(byte[] d, int p) {
            int e = p;
            while (e < d.length && d[e] != 0) {
                e++;
            }
            return p < d.length ? new String(d, p, e - p, StandardCharsets.ISO_8859_1) : "";
        }

        private static String base(String s) {
            String t = s.replace('\\', '/');
            String b = t.substring(t.lastIndexOf('/') + 1);
            return b.isEmpty() ? "package.bin" : b;
        }
    }
}
