package kagami.mail.office;

import java.util.List;

import kagami.mail.verdict.Finding;

/**
 * What an Office document (OLE2, OOXML, RTF or SYLK) holds that matters for triage.
 *
 * @param modules   VBA modules found
 * @param macros    the macro scan of all modules ({@link MacroScanner}), null when there are none
 * @param findings  signals raised
 * @param embedded  embedded files to analyse in turn (OLE Package payloads, OOXML embeddings, RTF objects)
 * @param links     external targets (remote templates, external relationships, DDE targets)
 * @param problems  what could not be read (cause id, detail)
 */
public record OfficeReport(List<VbaModule> modules, MacroScanner.Result macros, List<Finding> findings,
        List<Embedded> embedded, List<String> links, List<Problem> problems) {

    /** A file embedded in the document. */
    public record Embedded(String name, byte[] content) {
    }

    /** Something that could not be analysed. */
    public record Problem(String cause, String detail) {
    }

    public OfficeReport {
        modules = List.copyOf(modules);
        findings = List.copyOf(findings);
        embedded = List.copyOf(embedded);
        links = List.copyOf(links);
        problems = List.copyOf(problems);
    }
}
