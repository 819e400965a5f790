package kagami.cli.mail;

import java.io.IOException;
import java.io.Writer;

import kagami.core.Verdict;
import kagami.core.i18n.Messages;
import kagami.mail.MailReport;
import kagami.mail.report.HtmlReport;

/** The terminal form of a report: a coloured verdict line, sender and subject, then one line per reason. */
final class TextReport {
    private static final String RESET = "\u001b[0m";

    private final Messages m;
    private final boolean colour;

    TextReport(Messages m, boolean colour) {
        this.m = m;
        this.colour = colour;
    }

    void write(MailReport r, Writer out) throws IOException {
        Verdict v = r.verdict();
        String level = HtmlReport.levelText(v.level(), m).toUpperCase(java.util.Locale.ROOT);
        out.write(paint(colourOf(v.level()), "[" + level + "]") + " " + m.get("report.score") + " " + v.score()
                + (v.level() == Verdict.Level.NOT_FULLY_ANALYSED
                        ? " (" + m.get("report.assessed", HtmlReport.levelText(r.assessed(), m)) + ")" : "")
                + "  " + r.file() + "\n");
        out.write("  " + m.get("report.from") + ": " + r.from() + "\n");
        out.write("  " + m.get("report.subject") + ": " + r.subject() + "\n");
        if (v.reasons().isEmpty()) {
            out.write("  (" + m.get("report.none") + ")\n");
        }
        for (Verdict.Reason reason : v.reasons()) {
            String w = reason.weight() > 0 ? String.format("%+4d", reason.weight()) : "   !";
            out.write("  " + paint(reason.weight() >= 40 ? "1;31" : reason.weight() > 0 ? "33" : "35", w) + " "
                    + reason.message() + (reason.technique().isEmpty() ? "" : "  [" + reason.technique() + "]")
                    + "\n");
            out.write("       " + paint("2", reason.id() + ": " + reason.evidence()) + "\n");
        }
        out.write("\n");
    }

    private static String colourOf(Verdict.Level l) {
        return switch (l) {
            case MALICIOUS -> "1;41;97";
            case SUSPICIOUS -> "1;43;30";
            case NOT_FULLY_ANALYSED -> "1;45;97";
            case CLEAN -> "1;42;97";
        };
    }

    private String paint(String code, String s) {
        return colour ? "\u001b[" + code + "m" + s + RESET : s;
    }
}
