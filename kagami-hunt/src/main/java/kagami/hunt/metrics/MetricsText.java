package kagami.hunt.metrics;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import kagami.core.i18n.Messages;
import kagami.hunt.FieldValues;
import kagami.hunt.HuntContent;
import kagami.hunt.summary.Highlighter;

/** Lays {@link EventMetrics} and {@link LogonSummary} out as aligned text tables or CSV, in the user's language. */
public final class MetricsText {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx");
    private final Messages messages;
    private final Highlighter hl;
    private final ZoneId zone;
    private final Map<String, String[]> statusNames;

    public MetricsText(Messages messages, Highlighter highlighter, ZoneId zone) {
        this.messages = messages;
        this.hl = highlighter;
        this.zone = zone;
        this.statusNames = statusNames();
    }

    private static Map<String, String[]> statusNames() {
        Map<String, String[]> m = new HashMap<>();
        try (BufferedReader r = HuntContent.bundled("hunt/logon-failure-status.tsv")) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] c = line.split("\t");
                if (c.length == 3) {
                    m.put(c[0].trim().toLowerCase(Locale.ROOT), new String[] {c[1], c[2]});
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return m;
    }

    public String render(EventMetrics.Report r, int top) {
        StringBuilder sb = new StringBuilder();
        sb.append(hl.heading(messages.get("metrics.title"))).append("  ")
                .append(messages.get("metrics.total", r.events())).append("\n\n");
        List<String[]> rows = new ArrayList<>();
        for (EventMetrics.ChannelCount c : limit(r.channels(), top)) {
            rows.add(new String[] {count(c.events()), percent(c.events(), r.events()), c.channel()});
        }
        table(sb, messages.get("metrics.channels"), new String[] {messages.get("metrics.col.count"),
            messages.get("metrics.col.percent"), messages.get("metrics.col.channel")}, rows);
        rows = new ArrayList<>();
        for (EventMetrics.EventIdCount c : limit(r.eventIds(), top)) {
            rows.add(new String[] {count(c.events()), percent(c.events(), r.events()), c.channel(),
                String.valueOf(c.eventId()), c.provider()});
        }
        table(sb, messages.get("metrics.eventIds"), new String[] {messages.get("metrics.col.count"),
            messages.get("metrics.col.percent"), messages.get("metrics.col.channel"),
            messages.get("metrics.col.eventId"), messages.get("metrics.col.provider")}, rows);
        rows = new ArrayList<>();
        for (EventMetrics.ComputerCount c : limit(r.computers(), top)) {
            rows.add(new String[] {count(c.events()), percent(c.events(), r.events()), c.computer()});
        }
        table(sb, messages.get("metrics.computers"), new String[] {messages.get("metrics.col.count"),
            messages.get("metrics.col.percent"), messages.get("metrics.col.computer")}, rows);
        rows = new ArrayList<>();
        for (EventMetrics.InputStats s : r.inputs()) {
            rows.add(new String[] {count(s.events()), time(s.first().orElse(null)), time(s.last().orElse(null)),
                String.join(", ", s.channels()), s.input()});
        }
        table(sb, messages.get("metrics.files"), new String[] {messages.get("metrics.col.count"),
            messages.get("metrics.col.first"), messages.get("metrics.col.last"),
            messages.get("metrics.col.channels"), messages.get("metrics.col.file")}, rows);
        return sb.toString();
    }

    public String render(LogonSummary s) {
        List<LogonSummary.Row> rows = s.rows();
        StringBuilder sb = new StringBuilder();
        sb.append(hl.heading(messages.get("logon.title"))).append("\n\n");
        if (rows.isEmpty()) {
            sb.append("  ").append(messages.get("logon.none")).append('\n');
            return sb.toString();
        }
        LogonSummary.Kind current = null;
        List<String[]> table = new ArrayList<>();
        for (LogonSummary.Row r : rows) {
            if (r.key().kind() != current) {
                if (current != null) {
                    logonTable(sb, current, table);
                    table = new ArrayList<>();
                }
                current = r.key().kind();
            }
            LogonSummary.Key k = r.key();
            table.add(new String[] {count(r.count()), k.account(), k.computer(), logonType(k.logonType()),
                k.sourceHost(), k.sourceIp(), detail(k.detail()), time(r.first()), time(r.last())});
        }
        logonTable(sb, current, table);
        return sb.toString();
    }

    private void logonTable(StringBuilder sb, LogonSummary.Kind kind, List<String[]> rows) {
        table(sb, messages.get("logon.kind." + kind.name()), new String[] {messages.get("logon.col.count"),
            messages.get("logon.col.account"), messages.get("logon.col.computer"), messages.get("logon.col.type"),
            messages.get("logon.col.sourceHost"), messages.get("logon.col.sourceIp"),
            messages.get("logon.col.detail"), messages.get("logon.col.first"), messages.get("logon.col.last")},
                rows);
    }

    private String logonType(String t) {
        if (t.isEmpty()) {
            return "";
        }
        String key = "logon.type." + t;
        return messages.has(key) ? t + " " + messages.get(key) : t;
    }

    private String detail(String d) {
        String[] names = statusNames.get(d);
        if (names == null) {
            return d;
        }
        return d + " " + ("ja".equals(messages.locale().getLanguage()) ? names[1] : names[0]);
    }

    private String time(Instant t) {
        return t == null ? "-" : TIME.format(t.atZone(zone));
    }

    private String count(long n) {
        return String.format(messages.locale(), "%,d", n);
    }

    private String percent(long n, long total) {
        return total == 0 ? "0.0" : String.format(Locale.ROOT, "%.1f", 100.0 * n / total);
    }

    private static <T> List<T> limit(List<T> l, int top) {
        return top > 0 && l.size() > top ? l.subList(0, top) : l;
    }

    /** Appends a titled table; columns padded by display width (CJK characters count two). */
    private void table(StringBuilder sb, String title, String[] header, List<String[]> rows) {
        sb.append(hl.heading(title)).append('\n');
        int[] w = new int[header.length];
        for (int i = 0; i < header.length; i++) {
            w[i] = width(header[i]);
        }
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                r[i] = FieldValues.oneLine(r[i]);
                w[i] = Math.min(60, Math.max(w[i], width(r[i])));
            }
        }
        line(sb, header, w);
        for (String[] r : rows) {
            line(sb, r, w);
        }
        sb.append('\n');
    }

    private static void line(StringBuilder sb, String[] cells, int[] w) {
        sb.append("  ");
        for (int i = 0; i < cells.length; i++) {
            String c = cells[i];
            sb.append(c);
            if (i < cells.length - 1) {
                sb.append(" ".repeat(Math.max(1, w[i] - width(c) + 2)));
            }
        }
        sb.append('\n');
    }

    /** Display width: East Asian wide characters take two columns in a terminal. */
    static int width(String s) {
        int w = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            w += (cp >= 0x1100 && (cp <= 0x115f || (cp >= 0x2e80 && cp <= 0xa4cf) || (cp >= 0xac00 && cp <= 0xd7a3)
                    || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xfe30 && cp <= 0xfe4f)
                    || (cp >= 0xff00 && cp <= 0xff60) || (cp >= 0xffe0 && cp <= 0xffe6)
                    || (cp >= 0x20000 && cp <= 0x3fffd))) ? 2 : 1;
        }
        return w;
    }
}
