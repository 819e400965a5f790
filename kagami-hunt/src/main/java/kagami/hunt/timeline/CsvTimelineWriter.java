package kagami.hunt.timeline;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Objects;

import kagami.hunt.FieldValues;

/**
 * Writes a timeline as CSV (RFC 4180: comma-separated, CRLF line ends, fields quoted when they hold a comma,
 * quote or line break), one detection per line, columns from a {@link TimelineProfile}. Lists and labelled values
 * are joined with {@code " ¦ "} as Hayabusa does, so Timeline Explorer and spreadsheets show one readable cell.
 *
 * <p>Event data is attacker-controlled. Control characters become spaces, so a row stays one line; a cell that a
 * spreadsheet would run as a formula (starting with {@code = + - @}, OWASP "CSV injection") gets a leading
 * apostrophe, except plain numbers such as {@code -1}.
 */
public final class CsvTimelineWriter implements TimelineSink {
    private final Writer out;
    private final TimelineProfile profile;
    private final RenderOptions options;
    private final StringBuilder line = new StringBuilder(512);

    public CsvTimelineWriter(Writer out, TimelineProfile profile, RenderOptions options) throws IOException {
        this.out = Objects.requireNonNull(out, "out");
        this.profile = Objects.requireNonNull(profile, "profile");
        this.options = Objects.requireNonNull(options, "options");
        line.setLength(0);
        boolean first = true;
        for (String h : profile.headers()) {
            if (!first) {
                line.append(',');
            }
            first = false;
            appendCell(line, h);
        }
        line.append("\r\n");
        out.write(line.toString());
    }

    @Override
    public void accept(TimelineRecord r) throws IOException {
        line.setLength(0);
        boolean first = true;
        for (TimelineProfile.Column c : profile.columns()) {
            if (!first) {
                line.append(',');
            }
            first = false;
            Object v = c.placeholder().isPresent() ? ColumnValues.value(c.placeholder().get(), r, options)
                    : c.literal();
            appendCell(line, text(v));
        }
        line.append("\r\n");
        out.write(line.toString());
    }

    /** The cell text of a column value. */
    static String text(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof List<?> list) {
            StringBuilder sb = new StringBuilder();
            for (Object o : list) {
                if (sb.length() > 0) {
                    sb.append(DetailsTemplates.SEPARATOR);
                }
                if (o instanceof DetailField d) {
                    sb.append(d.label()).append(": ").append(d.value());
                } else {
                    sb.append(o);
                }
            }
            return sb.toString();
        }
        return v.toString();
    }

    static void appendCell(StringBuilder sb, String raw) {
        String s = FieldValues.oneLine(raw);
        if (!s.isEmpty() && isFormulaStart(s)) {
            s = "'" + s;
        }
        boolean quote = s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || (!s.isEmpty()
                && (s.charAt(0) == ' ' || s.charAt(s.length() - 1) == ' '));
        if (!quote) {
            sb.append(s);
            return;
        }
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '"') {
                sb.append('"');
            }
            sb.append(ch);
        }
        sb.append('"');
    }

    private static boolean isFormulaStart(String s) {
        char c = s.charAt(0);
        if (c == '=' || c == '+' || c == '@') {
            return true;
        }
        if (c == '-' && s.length() > 1) {
            for (int i = 1; i < s.length(); i++) {
                char d = s.charAt(i);
                if (!(Character.isDigit(d) || d == '.')) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public void close() throws IOException {
        out.flush();
    }
}
