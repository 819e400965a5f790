package kagami.mail.pdf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentCatalog;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.pdmodel.PDEmbeddedFilesNameTreeNode;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.pdmodel.common.filespecification.PDEmbeddedFile;
import org.apache.pdfbox.pdmodel.interactive.action.PDAction;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionJavaScript;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionLaunch;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionURI;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotation;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationLink;

import kagami.mail.verdict.Finding;

/**
 * PDF attachments (ISO 32000): JavaScript (names tree, OpenAction, additional actions), Launch actions,
 * OpenAction, embedded files (extracted for analysis), and link URIs. A pdfid-style count of name tokens in the
 * raw bytes backs up the object-level reading with Apache PDFBox, so a PDF PDFBox cannot load still yields its
 * risky keywords — and is reported as not fully analysed.
 */
public final class PdfAnalysis {
    /** What a PDF holds. */
    public record Result(List<Finding> findings, List<String> uris, List<Embedded> embedded, List<String> problems) {
    }

    /** A file embedded in the PDF. */
    public record Embedded(String name, byte[] content) {
    }

    private static final Pattern TOKENS = Pattern.compile("/(JavaScript|JS|Launch|OpenAction|EmbeddedFile|AA|"
            + "RichMedia|XFA|SubmitForm|ImportData)\\b");
    private static final int MAX_PAGES = 500;
    private static final long MAX_EMBEDDED = 64L << 20;

    private PdfAnalysis() {
    }

    public static Result analyse(byte[] data, String where, java.util.List<String> passwords) {
        List<Finding> findings = new ArrayList<>();
        List<String> uris = new ArrayList<>();
        List<Embedded> embedded = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        String raw = new String(data, StandardCharsets.ISO_8859_1);
        Matcher m = TOKENS.matcher(raw);
        boolean js = false;
        boolean launch = false;
        boolean openAction = false;
        while (m.find()) {
            switch (m.group(1)) {
                case "JavaScript", "JS" -> js = true;
                case "Launch" -> launch = true;
                case "OpenAction" -> openAction = true;
                default -> { }
            }
        }
        PDDocument opened = null;
        for (String pw : passwordsWithEmpty(passwords)) {
            try {
                opened = Loader.loadPDF(data, pw);
                if (!pw.isEmpty()) {
                    findings.add(Finding.of("pdf.encrypted", where, pw));
                }
                break;
            } catch (org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException e) {
                continue;
            } catch (IOException | RuntimeException e) {
                problems.add(e.getClass().getSimpleName() + ": " + e.getMessage());
                break;
            }
        }
        if (opened == null && problems.isEmpty()) {
            findings.add(Finding.of("pdf.encrypted", where, "?"));
            problems.add("encrypted with a password not found in the message");
        }
        try (PDDocument doc = opened) {
            if (doc == null) {
                throw new IOException("not loaded");
            }
            PDDocumentCatalog cat = doc.getDocumentCatalog();
            Object open = cat.getOpenAction();
            if (open instanceof PDActionJavaScript a) {
                js = true;
                findings.add(Finding.of("pdf.open_action_javascript", where, snippet(a.getAction())));
            } else if (open instanceof PDActionLaunch l) {
                launch = true;
                findings.add(Finding.of("pdf.launch", where, l.getFile() == null ? "?" : l.getFile().getFile()));
            } else if (open instanceof PDActionURI u) {
                uris.add(u.getURI());
            }
            PDDocumentNameDictionary names = cat.getNames();
            if (names != null) {
                if (names.getJavaScript() != null) {
                    js = true;
                }
                PDEmbeddedFilesNameTreeNode files = names.getEmbeddedFiles();
                if (files != null) {
                    collectEmbedded(files, embedded, 0);
                }
            }
            int pages = 0;
            for (PDPage page : doc.getPages()) {
                if (++pages > MAX_PAGES) {
                    problems.add("more than " + MAX_PAGES + " pages: links of the rest not read");
                    break;
                }
                for (PDAnnotation an : page.getAnnotations()) {
                    if (an instanceof PDAnnotationLink link) {
                        PDAction a = link.getAction();
                        if (a instanceof PDActionURI u && u.getURI() != null) {
                            uris.add(u.getURI());
                        } else if (a instanceof PDActionLaunch l) {
                            launch = true;
                            findings.add(Finding.of("pdf.launch", where, l.getFile() == null ? "?"
                                    : l.getFile().getFile()));
                        } else if (a instanceof PDActionJavaScript) {
                            js = true;
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            if (opened != null) {
                problems.add(e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
        if (js && findings.stream().noneMatch(f -> f.signal().equals("pdf.open_action_javascript"))) {
            findings.add(Finding.of("pdf.javascript", where));
        }
        if (launch && findings.stream().noneMatch(f -> f.signal().equals("pdf.launch"))) {
            findings.add(Finding.of("pdf.launch", where, "?"));
        }
        if (openAction && !js && !launch) {
            findings.add(Finding.of("pdf.open_action", where));
        }
        for (Embedded e : embedded) {
            findings.add(Finding.of("pdf.embedded_file", where + " > " + e.name(), e.name()));
        }
        return new Result(findings, uris, embedded, problems);
    }

    private static void collectEmbedded(org.apache.pdfbox.pdmodel.common.PDNameTreeNode<PDComplexFileSpecification> node, List<Embedded> out, int depth)
            throws IOException {
        if (depth > 10 || out.size() > 100) {
            return;
        }
        Map<String, PDComplexFileSpecification> names = node.getNames();
        if (names != null) {
            for (Map.Entry<String, PDComplexFileSpecification> e : names.entrySet()) {
                PDComplexFileSpecification spec = e.getValue();
                PDEmbeddedFile f = spec.getEmbeddedFileUnicode() != null ? spec.getEmbeddedFileUnicode()
                        : spec.getEmbeddedFile();
                if (f == null) {
                    continue;
                }
                byte[] content = f.toByteArray();
                if (content.length > MAX_EMBEDDED) {
                    continue;
                }
                String name = spec.getFilename() != null ? spec.getFilename() : e.getKey();
                out.add(new Embedded(name, content));
            }
        }
        if (node.getKids() != null) {
            for (org.apache.pdfbox.pdmodel.common.PDNameTreeNode<PDComplexFileSpecification> kid : node.getKids()) {
                collectEmbedded(kid, out, depth + 1);
            }
        }
    }

    private static java.util.List<String> passwordsWithEmpty(java.util.List<String> passwords) {
        java.util.List<String> out = new ArrayList<>();
        out.add("");
        out.addAll(passwords);
        return out;
    }

    private static String snippet(String s) {
        if (s == null) {
            return "";
        }
        String t = s.replaceAll("\\s+", " ").trim();
        return t.length() > 80 ? t.substring(0, 80) + "…" : t;
    }
}
