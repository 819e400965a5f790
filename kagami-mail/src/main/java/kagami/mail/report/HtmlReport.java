package kagami.mail.report;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

import kagami.core.Verdict;
import kagami.core.i18n.Messages;
import kagami.mail.Artefact;
import kagami.mail.MailReport;

/** A self-contained HTML page (no script, no external resource) listing each message's verdict and reasons. */
public final class HtmlReport {
    private HtmlReport() {
    }

    public static void write(List<MailReport> reports, Messages m, Writer out) throws IOException {
        out.write("<!DOCTYPE html>\n<html lang=\"" + m.locale().getLanguage() + "\"><head><meta charset=\"utf-8\">"
                + "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
                + "<title>" + esc(m.get("report.title")) + "</title><style>"
                + "body{font-family:system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;width:100%;"
                + "margin:.5em 0 2em}td,th{border:1px solid #ccc;padding:.3em .5em;text-align:left;vertical-align:top;"
                + "font-size:.9em}th{background:#f4f4f4}.malicious{background:#c62828;color:#fff}.suspicious{"
                + "background:#ef6c00;color:#fff}.clean{background:#2e7d32;color:#fff}.not-fully-analysed{"
                + "background:#6a1b9a;color:#fff}.badge{padding:.1em .5em;border-radius:.3em;font-weight:bold}"
                + "code{word-break:break-all}</style></head><body>\n");
        out.write("<h1>" + esc(m.get("report.title")) + "</h1>\n");
        for (MailReport r : reports) {
            Verdict v = r.verdict();
            String lvl = JsonReport.level(v.level());
            out.write("<section><h2><span class=\"badge " + lvl + "\">" + esc(levelText(v.level(), m))
                    + "</span> " + esc(r.subject()) + "</h2>\n<table>");
            row(out, m.get("report.file"), r.file());
            row(out, m.get("report.from"), r.from());
            row(out, m.get("report.score"), v.score() + (v.level() == Verdict.Level.NOT_FULLY_ANALYSED
                    ? " (" + m.get("report.assessed", levelText(r.assessed(), m)) + ")" : ""));
            out.write("</table>\n<table><tr><th>" + esc(m.get("report.weight")) + "</th><th>"
                    + esc(m.get("report.reasons")) + "</th><th>" + esc(m.get("report.evidence")) + "</th><th>"
                    + esc(m.get("report.technique")) + "</th></tr>\n");
            for (Verdict.Reason reason : v.reasons()) {
                out.write("<tr><td>" + reason.weight() + "</td><td>" + esc(reason.message()) + "<br><code>"
                        + esc(reason.id()) + "</code></td><td><code>" + esc(reason.evidence()) + "</code></td><td>"
                        + esc(reason.technique()) + "</td></tr>\n");
            }
            out.write("</table>\n");
            if (!r.artefacts().isEmpty()) {
                out.write("<table><tr><th>" + esc(m.get("report.artefacts")) + "</th><th>type</th><th>size</th>"
                        + "<th>SHA-256</th></tr>\n");
                for (Artefact a : r.artefacts()) {
                    out.write("<tr><td><code>" + esc(a.path()) + "</code></td><td>" + esc(a.type()) + "</td><td>"
                            + a.size() + "</td><td><code>" + a.sha256() + "</code></td></tr>\n");
                }
                out.write("</table>\n");
            }
            out.write("</section>\n");
        }
        out.write("</body></html>\n");
    }

    public static String levelText(Verdict.Level l, Messages m) {
        return m.get("level." + l.name().toLowerCase(java.util.Locale.ROOT));
    }

    private static void row(Writer out, String k, String v) throws IOException {
        out.write("<tr><th>" + esc(k) + "</th><td>" + esc(v) + "</td></tr>\n");
    }

    static String esc(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
