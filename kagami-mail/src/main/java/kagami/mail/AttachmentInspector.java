package kagami.mail;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.poi.hmef.Attachment;
import org.apache.poi.hmef.HMEFMessage;

import kagami.core.io.LimitExceededException;
import kagami.mail.archive.ArchiveContents;
import kagami.mail.archive.ArchiveMember;
import kagami.mail.archive.Archives;
import kagami.mail.archive.ExtractionBudget;
import kagami.mail.filetype.Digests;
import kagami.mail.filetype.FileType;
import kagami.mail.html.HtmlAnalysis;
import kagami.mail.lists.MailLists;
import kagami.mail.lnk.LnkAssessment;
import kagami.mail.lnk.LnkFormatException;
import kagami.mail.lnk.ShellLink;
import kagami.mail.mime.MailMessage;
import kagami.mail.mime.MessagePart;
import kagami.mail.mime.MimeReader;
import kagami.mail.mime.OutlookMessageReader;
import kagami.mail.office.OfficeAnalysis;
import kagami.mail.office.OfficeReport;
import kagami.mail.office.VbaModule;
import kagami.mail.pdf.PdfAnalysis;
import kagami.mail.url.Link;
import kagami.mail.url.LinkExtractor;
import kagami.mail.verdict.Finding;
import kagami.mail.verdict.Incomplete;

/**
 * Walks one attachment and everything inside it, depth first, under the message's {@link ExtractionBudget}:
 * identifies each artefact by its bytes, hashes it, checks its name, hands it to the analyser of its type, and
 * recurses into what that analyser takes out (archive members, embedded objects, files in PDFs). Anything
 * that stops the walk — a limit, a parser failure, an unknown password — is recorded as {@link Incomplete} for
 * that path and the walk goes on with the next artefact.
 */
final class AttachmentInspector {
    private static final String ARROW = " > ";
    /** Bidirectional controls that reorder a displayed name (RLO/LRO/RLE/LRE/PDF, isolates, RLM). */
    private static final String BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200f\u061c";
    private static final Set<String> DOCUMENT_EXTS = Set.of("pdf", "doc", "docx", "docm", "xls", "xlsx", "xlsm",
            "ppt", "pptx", "pptm", "rtf", "txt", "jpg", "jpeg", "png", "gif", "csv", "odt", "ods", "hwp", "jtd",
            "xps", "htm", "html", "xml", "zip", "rar");
    private static final Set<String> SCRIPT_EXTS = Set.of("js", "jse", "vbs", "vbe", "wsf", "wsh", "wsc", "hta",
            "ps1", "psm1", "bat", "cmd", "sct", "reg", "url", "iqy", "slk", "settingcontent-ms", "library-ms",
            "searchconnector-ms", "xll", "appref-ms", "application", "msc", "chm", "jar", "py", "scf", "inf",
            "mobileconfig", "rdp", "website", "desktop");
    private static final Set<String> IMAGE_EXTS = Set.of("iso", "img", "vhd", "vhdx", "udf");
    /**
     * Formats whose files are never empty and never plain text: a part claiming one of them (by extension or by
     * Content-Type) that is either is a decoy — it makes the message look like it carries a document (and
     * pads it with junk MIME to confuse parsers) while the lure is elsewhere (T1036.008). rspamd's mime_types
     * module compares the extension with the declared type (MIME_BAD_ATTACHMENT); the bytes say more than both.
     */
    private static final Set<String> BINARY_DOCUMENT_EXTS = Set.of("pdf", "docx", "docm", "xlsx", "xlsm", "xlsb",
            "pptx", "pptm", "doc", "xls", "ppt", "jpg", "jpeg", "png", "gif", "zip", "rar", "7z");
    private static final Map<String, String> DECLARED_DOCUMENTS = Map.ofEntries(
            Map.entry("application/pdf", "pdf"), Map.entry("application/msword", "doc"),
            Map.entry("application/vnd.ms-excel", "xls"), Map.entry("application/vnd.ms-powerpoint", "ppt"),
            Map.entry("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
            Map.entry("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
            Map.entry("application/vnd.openxmlformats-officedocument.presentationml.presentation", "pptx"),
            Map.entry("application/zip", "zip"), Map.entry("application/x-zip-compressed", "zip"),
            Map.entry("image/jpeg", "jpg"), Map.entry("image/png", "png"), Map.entry("image/gif", "gif"));

    private final MailLists lists;
    private final ExtractionBudget budget;
    private final List<String> passwords;
    private final Set<String> bodyPasswords;
    private final OfficeAnalysis office;
    private final MailConfig config;

    final List<Finding> findings = new ArrayList<>();
    final List<Incomplete> incomplete = new ArrayList<>();
    final List<Artefact> artefacts = new ArrayList<>();
    final List<Link> links = new ArrayList<>();
    /** Children found while reading one artefact, inspected once its own record is complete. */
    private final List<Object[]> pendingChildren = new ArrayList<>();
    /** Paths already reported as fake documents by their name, so the declared type does not repeat it. */
    private final Set<String> fakeDocumentReported = new java.util.HashSet<>();

    AttachmentInspector(MailConfig config, ExtractionBudget budget, List<String> bodyPasswords) {
        this.config = config;
        this.lists = config.lists();
        this.budget = budget;
        List<String> all = new ArrayList<>(bodyPasswords);
        for (String p : config.passwords()) {
            if (!all.contains(p)) {
                all.add(p);
            }
        }
        this.passwords = List.copyOf(all);
        this.bodyPasswords = Set.copyOf(bodyPasswords);
        this.office = new OfficeAnalysis(all);
    }

    /** A MIME part: its content, or only its hashes when it was too large to keep. */
    void part(MessagePart p) {
        String name = p.fileName().isEmpty() ? "(unnamed " + p.contentType() + ")" : p.fileName();
        if (p.content().isEmpty()) {
            Digests d = p.digests();
            artefacts.add(new Artefact(name, name, p.size(), "?", d.md5(), d.sha1(), d.sha256(),
                    Map.of("note", "not kept in memory: larger than the limit"), Optional.empty()));
            nameChecks(name, name, FileType.UNKNOWN);
            return;
        }
        inspect(name, p.content().get(), name, 0, p.digests());
        byte[] data = p.content().get();
        FileType type = FileType.detect(data, Math.min(data.length, 0x9100));
        String declared = p.contentType();
        String claimed = DECLARED_DOCUMENTS.get(declared);
        boolean hollow = type == FileType.EMPTY || type == FileType.TEXT;
        if (claimed != null && hollow && !fakeDocumentReported.contains(name)) {
            findings.add(Finding.of("attachment.fake_document", name + " (Content-Type " + declared + ")", claimed,
                    type.shortName()));
        }
    }

    void inspect(String name, byte[] data, String path, int depth) {
        inspect(name, data, path, depth, null);
    }

    private void inspect(String name, byte[] data, String path, int depth, Digests known) {
        try {
            budget.checkDepth(depth);
            budget.checkTime();
        } catch (LimitExceededException e) {
            incomplete.add(new Incomplete("limit." + e.limit(), path, e.getMessage()));
            return;
        }
        FileType type = FileType.detect(data, Math.min(data.length, 0x9100));
        if (type == FileType.OLE2 && isOutlookMessage(data)) {
            type = FileType.MESSAGE;
        }
        Digests d = known != null ? known : Digests.of(data);
        Map<String, String> details = new LinkedHashMap<>();
        int artefactIndex = artefacts.size();
        artefacts.add(null);
        nameChecks(name, path, type);
        try {
            switch (type) {
                case PE, ELF, MACHO, JAVA_CLASS -> {
                    findings.add(Finding.of("attachment.executable", path, type.shortName()));
                    if (type == FileType.PE) {
                        selfExtracting(data, path);
                    }
                }
                case LNK -> lnk(data, path, details);
                case MESSAGE -> message(data, path, depth);
                case PDF -> pdf(data, path, depth);
                case HTML, SVG -> html(data, path, type);
                case ONENOTE -> oneNote(data, path, depth);
                case TNEF -> tnef(data, path, depth);
                case CHM -> findings.add(Finding.of("attachment.chm", path));
                case OLE2, RTF, SLK -> office(data, type, path, depth, details);
                case ZIP -> {
                    if (OfficeAnalysis.handles(type, data)) {
                        office(data, type, path, depth, details);
                    } else {
                        container(type, name, data, path, depth, details);
                    }
                }
                default -> {
                    if (Archives.isContainer(type)) {
                        container(type, name, data, path, depth, details);
                    }
                }
            }
        } catch (LimitExceededException e) {
            incomplete.add(new Incomplete("limit." + e.limit(), path, e.getMessage()));
        } catch (OutOfMemoryError e) {
            incomplete.add(new Incomplete("limit.memory", path, "out of memory while analysing"));
        } catch (RuntimeException e) {
            incomplete.add(new Incomplete("parse." + type.shortName(), path, e.getClass().getSimpleName() + ": "
                    + e.getMessage()));
        }
        artefacts.set(artefactIndex, new Artefact(path, name, data.length, type.shortName(), d.md5(), d.sha1(),
                d.sha256(), details, config.keepContent() ? Optional.of(data) : Optional.empty()));
        List<Object[]> children = new ArrayList<>(pendingChildren);
        pendingChildren.clear();
        for (Object[] c : children) {
            inspect((String) c[0], (byte[]) c[1], (String) c[2], depth + 1);
        }
    }

    // ---- names ------------------------------------------------------------------------------------------------

    private void nameChecks(String name, String path, FileType type) {
        for (int i = 0; i < name.length(); i++) {
            if (BIDI.indexOf(name.charAt(i)) >= 0) {
                findings.add(Finding.of("attachment.bidi_name", path, String.format("U+%04X", (int) name.charAt(i))));
                break;
            }
        }
        // Characters that render as nothing hide a file name's real words and extension from filters and readers
        // (rspamd mime_types: MIME_BAD_UNICODE).
        List<Integer> hidden = kagami.mail.lists.Text.hiddenCodePoints(name);
        if (!hidden.isEmpty()) {
            findings.add(Finding.of("attachment.invisible_characters", path,
                    kagami.mail.lists.Text.codePointNames(hidden)));
        }
        String base = name.substring(name.lastIndexOf('/') + 1);
        base = base.substring(base.lastIndexOf('\\') + 1);
        StringBuilder visible = new StringBuilder();
        base.codePoints().filter(c -> !hidden.contains(c) && BIDI.indexOf(c) < 0).forEach(visible::appendCodePoint);
        String clean = visible.toString().toLowerCase(Locale.ROOT).strip();
        String[] parts = clean.split("\\.");
        String ext = parts.length > 1 ? parts[parts.length - 1].strip() : "";
        if (parts.length > 2) {
            String inner = parts[parts.length - 2].strip();
            boolean risky = lists.executableExts().contains(ext) || SCRIPT_EXTS.contains(ext) || ext.equals("lnk")
                    || ext.equals("htm") || ext.equals("html") || ext.equals("svg") || IMAGE_EXTS.contains(ext);
            if (DOCUMENT_EXTS.contains(inner) && risky && !inner.equals(ext)) {
                findings.add(Finding.of("attachment.double_extension", path, inner, ext));
            }
        }
        if (clean.matches(".*\\s{5,}\\.[a-z0-9]{1,5}$")) {
            findings.add(Finding.of("attachment.padded_name", path));
        }
        if (!ext.isEmpty() && !type.executable() && type != FileType.LNK) {
            if (SCRIPT_EXTS.contains(ext)) {
                findings.add(Finding.of("attachment.script", path, ext));
            } else if (lists.executableExts().contains(ext) && !ext.equals("lnk") && !IMAGE_EXTS.contains(ext)) {
                findings.add(Finding.of("attachment.executable_name", path, ext));
            }
        }
        if (ext.equals("lnk") && type != FileType.LNK && type != FileType.UNKNOWN) {
            findings.add(Finding.of("attachment.type_mismatch", path, ext, type.shortName()));
        }
        mismatch(ext, type, path);
        if (BINARY_DOCUMENT_EXTS.contains(ext) && (type == FileType.EMPTY || type == FileType.TEXT)) {
            findings.add(Finding.of("attachment.fake_document", path, ext, type.shortName()));
            fakeDocumentReported.add(path);
        }
        if (IMAGE_EXTS.contains(ext) || type == FileType.ISO9660 || type == FileType.UDF || type == FileType.VHD
                || type == FileType.VHDX) {
            findings.add(Finding.of("attachment.disk_image", path, ext.isEmpty() ? type.shortName() : ext));
        }
        if (lists.macroExts().contains(ext) && (ext.endsWith("m") || ext.equals("xlam") || ext.equals("dotm"))) {
            findings.add(Finding.of("attachment.macro_extension", path, ext));
        }
    }

    /** Extension versus content: a document name on an executable, an image name on an archive, and so on. */
    private void mismatch(String ext, FileType type, String path) {
        if (ext.isEmpty() || type == FileType.UNKNOWN || type == FileType.EMPTY || type == FileType.TEXT) {
            return;
        }
        Set<FileType> expected = switch (ext) {
            case "pdf" -> Set.of(FileType.PDF);
            case "doc", "xls", "ppt", "msg", "vsd", "pub" -> Set.of(FileType.OLE2, FileType.RTF, FileType.MESSAGE,
                    FileType.HTML, FileType.XML);
            case "docx", "docm", "xlsx", "xlsm", "xlsb", "pptx", "pptm", "dotm", "xltm", "potm", "ppsm", "vsdm" ->
                    Set.of(FileType.ZIP, FileType.OLE2);
            case "rtf" -> Set.of(FileType.RTF);
            case "jpg", "jpeg" -> Set.of(FileType.JPEG);
            case "png" -> Set.of(FileType.PNG);
            case "gif" -> Set.of(FileType.GIF);
            case "zip" -> Set.of(FileType.ZIP);
            case "txt", "csv" -> Set.of(FileType.TEXT, FileType.HTML, FileType.XML, FileType.MESSAGE);
            default -> Set.of();
        };
        if (!expected.isEmpty() && !expected.contains(type)) {
            findings.add(Finding.of(type.executable() ? "attachment.disguised_executable" : "attachment.type_mismatch",
                    path, ext, type.shortName()));
        }
    }

    // ---- types ------------------------------------------------------------------------------------------------

    private void lnk(byte[] data, String path, Map<String, String> details) {
        findings.add(Finding.of("attachment.lnk", path));
        try {
            ShellLink link = ShellLink.parse(data);
            details.put("lnk.target", link.target());
            link.strings().arguments().ifPresent(a -> details.put("lnk.arguments", a.strip()));
            link.strings().workingDir().ifPresent(w -> details.put("lnk.working_dir", w.strip()));
            link.extraData().iconEnvironment().or(() -> link.strings().iconLocation())
                    .ifPresent(i -> details.put("lnk.icon", i));
            link.extraData().tracker().ifPresent(t -> details.put("lnk.machine_id", t.machineId()));
            findings.addAll(LnkAssessment.assess(link, path));
            if (link.overlaySize() > 0 && link.overlaySize() <= data.length) {
                // What follows the terminal block (an appended CAB, ZIP or PE) is analysed like an attachment.
                byte[] overlay = java.util.Arrays.copyOfRange(data, (int) (data.length - link.overlaySize()), data.length);
                String n = "[overlay]." + FileType.detect(overlay, overlay.length).shortName();
                pendingChildren.add(new Object[] {n, overlay, path + ARROW + n});
            }
            if (!link.warnings().isEmpty()) {
                incomplete.add(new Incomplete("parse.lnk", path, String.join("; ", link.warnings())));
            }
        } catch (LnkFormatException e) {
            incomplete.add(new Incomplete("parse.lnk", path, e.getMessage()));
        }
    }

    private void container(FileType type, String name, byte[] data, String path, int depth,
            Map<String, String> details) throws LimitExceededException {
        ArchiveContents c = Archives.open(type, name, data, passwords, budget);
        details.put("archive.format", c.format());
        details.put("archive.members", Integer.toString(c.names().size()));
        if (c.encrypted()) {
            findings.add(Finding.of("archive.encrypted", path, c.format()));
            if (c.passwordUsed().isPresent()) {
                details.put("archive.password", c.passwordUsed().get());
                if (bodyPasswords.contains(c.passwordUsed().get())) {
                    findings.add(Finding.of("archive.password_in_body", path, c.passwordUsed().get()));
                }
            }
        }
        if (depth > 0) {
            findings.add(Finding.of("archive.nested", path, c.format()));
        }
        c.problem().ifPresent(p -> incomplete.add(new Incomplete(p.cause(), path, p.detail())));
        sideLoadingPair(c.names(), path);
        for (String member : c.names()) {
            if (c.members().stream().noneMatch(m -> m.name().equals(member))) {
                nameChecks(member, path + ARROW + member, FileType.UNKNOWN);
            }
        }
        for (ArchiveMember m : c.members()) {
            inspect(m.name(), m.content(), path + ARROW + m.name(), depth + 1);
        }
    }

    /** A RAR archive appended to a program (self-extracting) is analysed as a container of the program. */
    private void selfExtracting(byte[] data, String path) {
        int at = Archives.selfExtractingRarStart(data);
        if (at > 0) {
            pendingChildren.add(new Object[] {"[sfx].rar", java.util.Arrays.copyOfRange(data, at, data.length),
                    path + ARROW + "[sfx].rar"});
        }
    }

    /**
     * A program delivered with a DLL in the same folder of one archive: how MirrorFace's loaders arrive (LODEINFO:
     * {@code NRTOLF.exe} + {@code K7SysMn1.dll}; ANEL: {@code ScnCfg32.Exe} + {@code vsodscpl.dll} in
     * {@code _@_.zip}), a signed program made to load the attacker's DLL (DLL side-loading, T1574.001). Reported
     * once per archive, from the member names, so a pair is seen even when the members cannot be unpacked.
     */
    private void sideLoadingPair(List<String> names, String path) {
        Map<String, String> programs = new java.util.HashMap<>();
        Map<String, String> dlls = new java.util.HashMap<>();
        for (String n : names) {
            String p = n.replace('\\', '/');
            int slash = p.lastIndexOf('/');
            String folder = slash < 0 ? "" : p.substring(0, slash).toLowerCase(Locale.ROOT);
            String lower = p.toLowerCase(Locale.ROOT);
            if (lower.endsWith(".exe")) {
                programs.putIfAbsent(folder, p.substring(slash + 1));
            } else if (lower.endsWith(".dll")) {
                dlls.putIfAbsent(folder, p.substring(slash + 1));
            }
        }
        for (Map.Entry<String, String> e : programs.entrySet()) {
            String dll = dlls.get(e.getKey());
            if (dll != null) {
                findings.add(Finding.of("archive.sideloading_pair", path, e.getValue(), dll));
                return;
            }
        }
    }

    private void office(byte[] data, FileType type, String path, int depth, Map<String, String> details)
            throws LimitExceededException {
        OfficeReport r = office.analyse(data, type, path);
        findings.addAll(r.findings());
        for (OfficeReport.Problem p : r.problems()) {
            incomplete.add(new Incomplete(p.cause(), path, p.detail()));
        }
        if (!r.modules().isEmpty()) {
            details.put("vba.modules", String.join(", ", r.modules().stream().map(VbaModule::name).toList()));
            details.put("vba.flags", r.macros().flags());
        }
        for (String l : r.links()) {
            links.add(new Link(l, "", path));
        }
        for (OfficeReport.Embedded e : r.embedded()) {
            inspect(e.name(), e.content(), path + ARROW + e.name(), depth + 1);
        }
    }

    private void pdf(byte[] data, String path, int depth) {
        PdfAnalysis.Result r = PdfAnalysis.analyse(data, path, passwords);
        findings.addAll(r.findings());
        for (String u : r.uris()) {
            links.add(new Link(u, "", path));
        }
        for (String p : r.problems()) {
            incomplete.add(new Incomplete(p.startsWith("encrypted") ? "encrypted.unknown_password" : "parse.pdf",
                    path, p));
        }
        for (PdfAnalysis.Embedded e : r.embedded()) {
            inspect(e.name(), e.content(), path + ARROW + e.name(), depth + 1);
        }
    }

    private void html(byte[] data, String path, FileType type) {
        findings.add(Finding.of("attachment.html", path, type.shortName()));
        String text = new String(data, StandardCharsets.UTF_8);
        HtmlAnalysis.Result r = HtmlAnalysis.analyse(text, path, true, 500);
        findings.addAll(r.findings());
        links.addAll(r.links());
        links.addAll(LinkExtractor.fromText(r.text(), path, 200));
    }

    private void message(byte[] data, String path, int depth) throws LimitExceededException {
        budget.checkDepth(depth + 1);
        try {
            MailMessage inner = isOutlookMessage(data)
                    ? new OutlookMessageReader(config.mimeLimits()).read(new ByteArrayInputStream(data))
                    : new MimeReader(config.mimeLimits()).read(new ByteArrayInputStream(data));
            for (MailMessage.Problem p : inner.problems()) {
                if (!p.cause().equals("msg.no_transport_headers")) {
                    incomplete.add(new Incomplete(p.cause(), path, p.detail()));
                }
            }
            for (String t : inner.textBodies()) {
                links.addAll(LinkExtractor.fromText(t, path, 200));
            }
            for (String h : inner.htmlBodies()) {
                HtmlAnalysis.Result r = HtmlAnalysis.analyse(h, path, false, 500);
                findings.addAll(r.findings());
                links.addAll(r.links());
            }
            for (MessagePart p : inner.parts()) {
                String n = p.fileName().isEmpty() ? "(unnamed " + p.contentType() + ")" : p.fileName();
                if (p.content().isPresent()) {
                    inspect(n, p.content().get(), path + ARROW + n, depth + 1);
                } else {
                    incomplete.add(new Incomplete("limit.part_size", path + ARROW + n, p.size() + " bytes"));
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            incomplete.add(new Incomplete("parse.message", path, e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
    }

    /**
     * OneNote (MS-ONESTORE 2.6.13 FileDataStoreObject): embedded files follow the GUID
     * {BDE316E7-2665-4511-A4C4-8D4D0B7A9EAC}, then cbLength (u64), 4 unused bytes, 8 reserved, then the data.
     */
    private void oneNote(byte[] data, String path, int depth) {
        byte[] guid = {(byte) 0xe7, 0x16, (byte) 0xe3, (byte) 0xbd, 0x65, 0x26, 0x11, 0x45, (byte) 0xa4,
            (byte) 0xc4, (byte) 0x8d, 0x4d, 0x0b, 0x7a, (byte) 0x9e, (byte) 0xac};
        int n = 0;
        for (int i = 0; i + 36 <= data.length && n < 100; i++) {
            if (!regionEquals(data, i, guid)) {
                continue;
            }
            long len = 0;
            for (int k = 7; k >= 0; k--) {
                len = len << 8 | (data[i + 16 + k] & 0xff);
            }
            int start = i + 36;
            if (len <= 0 || len > data.length - start) {
                continue;
            }
            n++;
            byte[] content = new byte[(int) len];
            System.arraycopy(data, start, content, 0, content.length);
            String name = "onenote-object-" + n + "." + FileType.detect(content, content.length).shortName();
            findings.add(Finding.of("onenote.embedded_file", path + ARROW + name, name));
            inspect(name, content, path + ARROW + name, depth + 1);
            i = start + content.length - 1;
        }
    }

    private void tnef(byte[] data, String path, int depth) {
        try {
            HMEFMessage m = new HMEFMessage(new ByteArrayInputStream(data));
            for (Attachment a : m.getAttachments()) {
                String n = a.getLongFilename() != null ? a.getLongFilename() : a.getFilename();
                byte[] c = a.getContents();
                if (c != null) {
                    inspect(n == null ? "tnef-attachment" : n, c, path + ARROW + n, depth + 1);
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            incomplete.add(new Incomplete("parse.tnef", path, e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
    }

    /** MS-OXMSG: an Outlook message's compound file holds "__substg1.0_" property streams. */
    static boolean isOutlookMessage(byte[] data) {
        byte[] marker = "__substg1.0_".getBytes(StandardCharsets.UTF_16LE);
        outer:
        for (int i = 512; i + marker.length <= Math.min(data.length, 1 << 20); i++) {
            for (int j = 0; j < marker.length; j++) {
                if (data[i + j] != marker[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static boolean regionEquals(byte[] d, int at, byte[] m) {
        for (int j = 0; j < m.length; j++) {
            if (d[at + j] != m[j]) {
                return false;
            }
        }
        return true;
    }
}
