package kagami.mail.office;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;
import org.apache.poi.hslf.usermodel.HSLFObjectData;
import org.apache.poi.hslf.usermodel.HSLFSlideShow;
import org.apache.poi.poifs.crypt.Decryptor;
import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.filesystem.DirectoryEntry;
import org.apache.poi.poifs.filesystem.DirectoryNode;
import org.apache.poi.poifs.filesystem.DocumentEntry;
import org.apache.poi.poifs.filesystem.DocumentInputStream;
import org.apache.poi.poifs.filesystem.Entry;
import org.apache.poi.poifs.filesystem.Ole10Native;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.poifs.macros.Module;
import org.apache.poi.poifs.macros.VBAMacroReader;

import kagami.core.io.LimitExceededException;
import kagami.mail.filetype.FileType;
import kagami.mail.verdict.Finding;

/**
 * Office documents: VBA from OLE2 and OOXML (Apache POI {@code VBAMacroReader}, every {@code vbaProject.bin} of a
 * package, and PowerPoint 97-2003 through HSLF's embedded objects, which POI's reader skips), encrypted packages
 * opened with the default password ({@code VelvetSweatshop}) or the passwords announced in the mail, Excel 4
 * (XLM) macro sheets in BIFF8 ({@code BoundSheet8.dt = 1}, MS-XLS 2.4.28), OOXML and SYLK, remote templates and
 * other external relationships, DDE fields, OLE Package objects (MS-OLEDS 2.3.6) and RTF {@code \objdata}.
 * Every extractor is guarded: a parser exception becomes a {@link OfficeReport.Problem}, never a crash.
 */
public final class OfficeAnalysis {
    /** MS-OFFCRYPTO: the password Excel uses when a workbook is "encrypted" without one. */
    public static final String DEFAULT_PASSWORD = Decryptor.DEFAULT_PASSWORD;

    private static final Pattern REL = Pattern.compile("<Relationship\\b[^>]*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern ATTR = Pattern.compile("(\\w+)\\s*=\\s*\"([^\"]*)\"");
    private static final Pattern DDE_XML = Pattern.compile("(?i)(?:<w:instrText[^>]*>|w:instr=\")\\s*(DDE(?:AUTO)?\\b[^<\"]{0,200})");
    private static final Pattern DDE_TEXT = Pattern.compile("(?i)\\b(DDE(?:AUTO)?)\\s+\"?[\\w\\\\.:-]+");
    private static final Pattern DEFINED_AUTO_OPEN = Pattern.compile("(?i)_xlnm\\.Auto_Open|\"Auto_Open\"|>Auto_Open<");
    private static final long MAX_STREAM = 64L << 20;

    private final List<String> passwords;

    /** @param passwords candidate passwords (announced in the mail); the default password is always tried */
    public OfficeAnalysis(List<String> passwords) {
        List<String> p = new ArrayList<>();
        p.add(DEFAULT_PASSWORD);
        p.addAll(passwords);
        this.passwords = List.copyOf(p);
    }

    /** Whether bytes of {@code type} named {@code name} are an Office document this class reads. */
    public static boolean handles(FileType type, byte[] data) {
        return type == FileType.OLE2 || type == FileType.RTF || type == FileType.SLK
                || (type == FileType.ZIP && isOoxml(data));
    }

    static boolean isOoxml(byte[] data) {
        return contains(data, "[Content_Types].xml".getBytes(StandardCharsets.US_ASCII), 0, data.length);
    }

    public OfficeReport analyse(byte[] data, FileType type, String where) throws LimitExceededException {
        Builder b = new Builder(where);
        switch (type) {
            case OLE2 -> ole2(data, b, 0);
            case ZIP -> ooxml(data, b, 0);
            case RTF -> rtf(data, b);
            case SLK -> slk(data, b);
            default -> throw new IllegalArgumentException("not an Office type: " + type);
        }
        return b.build();
    }

    private final class Builder {
        final String where;
        final List<VbaModule> modules = new ArrayList<>();
        final List<Finding> findings = new ArrayList<>();
        final List<OfficeReport.Embedded> embedded = new ArrayList<>();
        final Set<String> links = new LinkedHashSet<>();
        final List<OfficeReport.Problem> problems = new ArrayList<>();
        boolean vbaMarker;

        Builder(String where) {
            this.where = where;
        }

        OfficeReport build() {
            MacroScanner.Result scan = null;
            if (!modules.isEmpty()) {
                scan = MacroScanner.scan(modules);
                findings.add(Finding.of("office.vba", where, Integer.toString(modules.size()),
                        String.join(", ", modules.stream().map(VbaModule::name).toList())));
                if (scan.autoExec()) {
                    findings.add(Finding.of("office.vba.autoexec", where, String.join(", ", scan.autoExecKeywords())));
                }
                if (scan.suspicious()) {
                    findings.add(Finding.of("office.vba.suspicious", where, scan.flags()));
                } else if (scan.write() && scan.execute()) {
                    findings.add(Finding.of("office.vba.write_execute", where, scan.flags()));
                }
                List<String> kw = scan.keywords().stream().filter(k -> !k.equalsIgnoreCase("Lib")).toList();
                if (!kw.isEmpty()) {
                    findings.add(Finding.of("office.vba.keywords", where, String.join(", ", kw)));
                }
                if (!scan.iocs().isEmpty()) {
                    findings.add(Finding.of("office.vba.iocs", where, String.join(", ", scan.iocs().stream()
                            .map(kagami.mail.url.Defang::url).toList())));
                }
                if (!scan.obfuscations().isEmpty()) {
                    findings.add(Finding.of("office.vba.obfuscation", where, String.join(", ", scan.obfuscations())));
                }
            } else if (vbaMarker) {
                findings.add(Finding.of("office.vba", where, "?", "-"));
                problems.add(new OfficeReport.Problem("office.vba_not_extracted",
                        "a VBA project marker is present but no module source could be extracted"));
            }
            return new OfficeReport(modules, scan, findings, embedded, List.copyOf(links), problems);
        }
    }

    // ---- OLE2 -------------------------------------------------------------------------------------------------

    private void ole2(byte[] data, Builder b, int depth) throws LimitExceededException {
        if (depth > 3) {
            throw new LimitExceededException("depth", 3);
        }
        try (POIFSFileSystem fs = new POIFSFileSystem(new ByteArrayInputStream(data))) {
            DirectoryNode root = fs.getRoot();
            if (root.hasEntry("EncryptionInfo") && root.hasEntry("EncryptedPackage")) {
                encryptedPackage(fs, b, depth);
                return;
            }
            readVba(fs, b);
            if (root.hasEntry("PowerPoint Document")) {
                pptVba(fs, b);
            }
            if (root.hasEntry("Workbook") || root.hasEntry("Book")) {
                biffMacroSheets(root, b);
            }
            if (root.hasEntry("WordDocument")) {
                wordDocument(root, b);
            }
            walkObjects(root, b, 0);
            if (b.modules.isEmpty() && hasVbaMarker(data)) {
                b.vbaMarker = true;
            }
        } catch (LimitExceededException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            b.problems.add(new OfficeReport.Problem("parse.ole2", e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
    }

    private void readVba(POIFSFileSystem fs, Builder b) {
        try {
            VBAMacroReader r = new VBAMacroReader(fs);
            for (Map.Entry<String, Module> m : r.readMacroModules().entrySet()) {
                b.modules.add(new VbaModule(m.getKey(), m.getValue().getContent()));
            }
        } catch (IllegalArgumentException e) {
            // POI: "No VBA project found" - no macros.
            if (!String.valueOf(e.getMessage()).contains("No VBA project")) {
                b.problems.add(new OfficeReport.Problem("parse.vba", e.getMessage()));
            }
        } catch (IOException | RuntimeException e) {
            b.problems.add(new OfficeReport.Problem("parse.vba", e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
    }

    /**
     * PowerPoint 97-2003 keeps its VBA project as a compressed embedded OLE object (ExOleObjStg referenced by
     * the VBAInfoAtom, MS-PPT 2.4.10); POI's VBAMacroReader does not look there, so every embedded object is
     * opened and read.
     */
    private void pptVba(POIFSFileSystem fs, Builder b) {
        try (HSLFSlideShow ppt = new HSLFSlideShow(fs.getRoot())) {
            for (HSLFObjectData o : ppt.getEmbeddedObjects()) {
                byte[] content;
                try (InputStream in = o.getInputStream()) {
                    content = in.readNBytes((int) MAX_STREAM);
                }
                if (FileType.detect(content, content.length) != FileType.OLE2) {
                    continue;
                }
                try (POIFSFileSystem inner = new POIFSFileSystem(new ByteArrayInputStream(content))) {
                    int before = b.modules.size();
                    readVba(inner, b);
                    if (b.modules.size() == before) {
                        b.embedded.add(new OfficeReport.Embedded(nonEmpty(o.getFileName(), "ppt-object.bin"), content));
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            b.problems.add(new OfficeReport.Problem("parse.ppt", e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
    }

    private void encryptedPackage(POIFSFileSystem fs, Builder b, int depth) throws LimitExceededException {
        try {
            EncryptionInfo info = new EncryptionInfo(fs);
            Decryptor d = Decryptor.getInstance(info);
            for (String p : passwords) {
                if (d.verifyPassword(p)) {
                    byte[] plain;
                    try (InputStream in = d.getDataStream(fs)) {
                        plain = in.readNBytes((int) MAX_STREAM + 1);
                    }
                    if (plain.length > MAX_STREAM) {
                        throw new LimitExceededException("member_bytes", MAX_STREAM);
                    }
                    b.findings.add(Finding.of(p.equals(DEFAULT_PASSWORD) ? "office.encrypted_default_password"
                            : "office.encrypted_password_in_body", b.where, p));
                    ooxml(plain, b, depth + 1);
                    return;
                }
            }
            b.findings.add(Finding.of("office.encrypted", b.where, info.getEncryptionMode().name()));
            b.problems.add(new OfficeReport.Problem("encrypted.unknown_password",
                    "encrypted Office package; no candidate password opened it"));
        } catch (LimitExceededException e) {
            throw e;
        } catch (IOException | java.security.GeneralSecurityException | RuntimeException e) {
            b.findings.add(Finding.of("office.encrypted", b.where, "?"));
            b.problems.add(new OfficeReport.Problem("parse.encryption", e.getClass().getSimpleName() + ": "
                    + e.getMessage()));
        }
    }

    /** MS-XLS 2.4.28 BoundSheet8: lbPlyPos (4), hsState (1), dt (1: 0 worksheet, 1 macro sheet, 2 chart, 6 VBA). */
    private void biffMacroSheets(DirectoryNode root, Builder b) {
        String name = root.hasEntry("Workbook") ? "Workbook" : "Book";
        byte[] wb = stream(root, name, b);
        if (wb == null) {
            return;
        }
        int p = 0;
        boolean filepass = false;
        while (p + 4 <= wb.length) {
            int type = (wb[p] & 0xff) | (wb[p + 1] & 0xff) << 8;
            int len = (wb[p + 2] & 0xff) | (wb[p + 3] & 0xff) << 8;
            if (p + 4 + len > wb.length) {
                break;
            }
            if (type == 0x002f) {
                filepass = true;
            }
            if (type == 0x0085 && len >= 8) {
                int hidden = wb[p + 8] & 0x03;
                int dt = wb[p + 9] & 0xff;
                if (dt == 0x01) {
                    b.findings.add(Finding.of("office.xlm", b.where, hidden == 0 ? "visible"
                            : hidden == 1 ? "hidden" : "very hidden"));
                }
            }
            if (type == 0x000a) {
                break;
            }
            p += 4 + len;
        }
        if (filepass) {
            b.findings.add(Finding.of("office.encrypted", b.where, "BIFF8 RC4"));
        }
    }

    private void wordDocument(DirectoryNode root, Builder b) {
        byte[] wd = stream(root, "WordDocument", b);
        if (wd == null) {
            return;
        }
        // FIB base (MS-DOC 2.5.2): flags at offset 0x0A, fEncrypted = 0x0100.
        int fibFlags = wd.length > 12 ? (wd[0x0a] & 0xff) | (wd[0x0b] & 0xff) << 8 : 0;
        if ((fibFlags & 0x0100) != 0) {
            b.findings.add(Finding.of("office.encrypted", b.where, "Word RC4"));
            b.problems.add(new OfficeReport.Problem("encrypted.unknown_password",
                    "encrypted Word 97-2003 document: its text and fields were not read"));
            return;
        }
        String ansi = new String(wd, StandardCharsets.ISO_8859_1);
        String utf16 = new String(wd, StandardCharsets.UTF_16LE);
        for (String text : List.of(ansi, utf16)) {
            Matcher m = DDE_TEXT.matcher(text);
            if (m.find() && (text.indexOf('\u0013') >= 0 || text.contains("DDEAUTO"))) {
                b.findings.add(Finding.of("office.dde", b.where, m.group().trim()));
                return;
            }
        }
    }

    /** Embedded objects: OLE Package (Ole10Native) payloads, and OOXML/other packages stored as "Package". */
    private void walkObjects(DirectoryEntry dir, Builder b, int depth) {
        if (depth > 8) {
            return;
        }
        try {
            if (dir.hasEntry(Ole10Native.OLE10_NATIVE) && dir instanceof DirectoryNode node) {
                try {
                    Ole10Native n = Ole10Native.createFromEmbeddedOleObject(node);
                    String label = nonEmpty(n.getLabel(), nonEmpty(n.getFileName(), "ole-package.bin"));
                    b.findings.add(Finding.of("office.ole_package", b.where + " > " + label, label,
                            nonEmpty(n.getCommand(), n.getFileName() == null ? "" : n.getFileName())));
                    b.embedded.add(new OfficeReport.Embedded(baseName(label), n.getDataBuffer()));
                } catch (Exception e) {
                    b.problems.add(new OfficeReport.Problem("parse.ole_package", String.valueOf(e.getMessage())));
                }
            }
            for (Entry e : dir) {
                if (e instanceof DirectoryEntry sub) {
                    walkObjects(sub, b, depth + 1);
                } else if (e instanceof DocumentEntry doc && (e.getName().equals("Package")
                        || e.getName().equals("CONTENTS"))) {
                    byte[] content = stream((DirectoryNode) dir, e.getName(), b);
                    if (content != null) {
                        b.embedded.add(new OfficeReport.Embedded(e.getName().toLowerCase(Locale.ROOT) + ".bin", content));
                    }
                }
            }
        } catch (RuntimeException e) {
            b.problems.add(new OfficeReport.Problem("parse.ole2", String.valueOf(e.getMessage())));
        }
    }

    private static byte[] stream(DirectoryNode dir, String name, Builder b) {
        try {
            Entry e = dir.getEntry(name);
            if (!(e instanceof DocumentEntry d) || d.getSize() > MAX_STREAM) {
                return null;
            }
            try (DocumentInputStream in = new DocumentInputStream(d)) {
                return in.readAllBytes();
            }
        } catch (IOException | RuntimeException e) {
            b.problems.add(new OfficeReport.Problem("parse.ole2", name + ": " + e.getMessage()));
            return null;
        }
    }

    /** SpamAssassin's OLEVBMacro marker: MS-OVBA compressed source starts with a literal "Attribut". */
    private static boolean hasVbaMarker(byte[] data) {
        byte[] marker = {0, 'A', 't', 't', 'r', 'i', 'b', 'u', 't', 0};
        return contains(data, marker, 0, data.length);
    }

    // ---- OOXML ------------------------------------------------------------------------------------------------

    private void ooxml(byte[] data, Builder b, int depth) throws LimitExceededException {
        try (ZipFile zip = ZipFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(data)).get()) {
            Enumeration<ZipArchiveEntry> en = zip.getEntries();
            int count = 0;
            while (en.hasMoreElements()) {
                ZipArchiveEntry e = en.nextElement();
                if (++count > 5000) {
                    throw new LimitExceededException("members", 5000);
                }
                String name = e.getName();
                String lower = name.toLowerCase(Locale.ROOT);
                if (e.isDirectory()) {
                    continue;
                }
                if (lower.endsWith("vbaproject.bin")) {
                    byte[] bin = entry(zip, e);
                    try (POIFSFileSystem fs = new POIFSFileSystem(new ByteArrayInputStream(bin))) {
                        readVba(fs, b);
                    } catch (IOException | RuntimeException ex) {
                        b.problems.add(new OfficeReport.Problem("parse.vba", name + ": " + ex.getMessage()));
                    }
                } else if (lower.startsWith("xl/macrosheets/") || lower.startsWith("xl/intlmacrosheets/")) {
                    b.findings.add(Finding.of("office.xlm", b.where + " > " + name, name));
                } else if (lower.endsWith(".rels")) {
                    relationships(new String(entry(zip, e), StandardCharsets.UTF_8), name, b);
                } else if (lower.equals("word/document.xml") || lower.startsWith("word/header")
                        || lower.startsWith("word/footer")) {
                    String xml = new String(entry(zip, e), StandardCharsets.UTF_8);
                    Matcher m = DDE_XML.matcher(xml.replaceAll("</w:instrText>\\s*(?:</w:r>\\s*<w:r>[^<]*(?:<w:rPr>.*?</w:rPr>)?\\s*)?<w:instrText[^>]*>", ""));
                    if (m.find()) {
                        b.findings.add(Finding.of("office.dde", b.where + " > " + name, m.group(1).trim()));
                    }
                } else if (lower.startsWith("xl/externallinks/") && lower.endsWith(".xml")) {
                    String xml = new String(entry(zip, e), StandardCharsets.UTF_8);
                    if (xml.contains("<ddeLink")) {
                        Matcher m = Pattern.compile("ddeService=\"([^\"]*)\"\\s+ddeTopic=\"([^\"]*)\"").matcher(xml);
                        b.findings.add(Finding.of("office.dde", b.where + " > " + name,
                                m.find() ? m.group(1) + "|" + m.group(2) : "ddeLink"));
                    }
                } else if (lower.equals("xl/workbook.xml")) {
                    String xml = new String(entry(zip, e), StandardCharsets.UTF_8);
                    if (DEFINED_AUTO_OPEN.matcher(xml).find()) {
                        b.findings.add(Finding.of("office.xlm", b.where + " > " + name, "Auto_Open"));
                    }
                } else if (lower.contains("/embeddings/") || lower.endsWith(".bin") && lower.contains("activex")) {
                    b.embedded.add(new OfficeReport.Embedded(name.substring(name.lastIndexOf('/') + 1), entry(zip, e)));
                }
            }
        } catch (LimitExceededException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            b.problems.add(new OfficeReport.Problem("parse.ooxml", e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
    }

    private static byte[] entry(ZipFile zip, ZipArchiveEntry e) throws IOException {
        try (InputStream in = zip.getInputStream(e)) {
            byte[] out = in.readNBytes((int) MAX_STREAM + 1);
            if (out.length > MAX_STREAM) {
                throw new LimitExceededException("member_bytes", MAX_STREAM);
            }
            return out;
        }
    }

    /** OPC relationships (ECMA-376 Part 2, 9.3): TargetMode="External" points outside the package. */
    private static void relationships(String xml, String part, Builder b) {
        Matcher m = REL.matcher(xml);
        while (m.find()) {
            String type = "";
            String target = "";
            String mode = "";
            Matcher a = ATTR.matcher(m.group());
            while (a.find()) {
                switch (a.group(1)) {
                    case "Type" -> type = a.group(2);
                    case "Target" -> target = a.group(2).replace("&amp;", "&");
                    case "TargetMode" -> mode = a.group(2);
                    default -> { }
                }
            }
            if (!mode.equalsIgnoreCase("External")) {
                continue;
            }
            String shortType = type.substring(type.lastIndexOf('/') + 1);
            if (shortType.equals("hyperlink")) {
                b.links.add(target);
                continue;
            }
            b.links.add(target);
            String ev = b.where + " > " + part;
            if (shortType.equals("attachedTemplate")) {
                b.findings.add(Finding.of("office.remote_template", ev, kagami.mail.url.Defang.url(target)));
            } else {
                b.findings.add(Finding.of("office.external_relationship", ev, shortType,
                        kagami.mail.url.Defang.url(target)));
            }
        }
    }

    // ---- RTF and SYLK -----------------------------------------------------------------------------------------

    private void rtf(byte[] data, Builder b) {
        Rtf.objects(data, b.where, b.findings, b.embedded, b.problems);
        b.links.addAll(Rtf.hyperlinks(data));
    }

    private static void slk(byte[] data, Builder b) {
        String text = new String(data, StandardCharsets.ISO_8859_1);
        Matcher m = Pattern.compile("(?im)^C;.*?;E(.*(?:EXEC|CALL|REGISTER|RUN|HALT|FORMULA|URLDownloadToFile).*)$")
                .matcher(text);
        if (m.find()) {
            b.findings.add(Finding.of("office.xlm", b.where, "SYLK: " + m.group(1).trim()));
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    static boolean contains(byte[] data, byte[] needle, int from, int to) {
        outer:
        for (int i = from; i + needle.length <= to; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (data[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static String nonEmpty(String s, String fallback) {
        return s == null || s.isBlank() ? fallback : s;
    }

    private static String baseName(String path) {
        String p = path.replace('\\', '/');
        return p.substring(p.lastIndexOf('/') + 1);
    }
}
