package kagami.hunt.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import kagami.core.Level;
import kagami.core.i18n.Messages;
import kagami.hunt.attack.AttackCatalog;
import kagami.hunt.input.SkippedInput;
import kagami.hunt.summary.RuleProblem;
import kagami.hunt.summary.SummaryReport;

/**
 * Writes the hunt report: ONE self-contained HTML file (inline CSS, JavaScript and SVG; a Content-Security-Policy
 * that forbids every network request), so it can be mailed, archived with the case and opened on an offline
 * analysis machine. It shows the overview, detections over time, by level, computer and rule (with each rule's
 * author and licence: DRL 1.1 attribution for SigmaHQ rules), an ATT&CK matrix heatmap and the timeline table
 * with filtering, in the chosen language.
 *
 * <p>The data travels as JSON inside a {@code <script type="application/json">} element, escaped so no value can
 * close the element; the page's script builds the DOM with {@code textContent}, never {@code innerHTML}, so
 * attacker-controlled event text cannot run in the analyst's browser.
 */
public final class HtmlReport {
    private static final String TEMPLATE = "/kagami/hunt/report/report.html";
    /** Rows shown in the report's table at most; the timeline files hold all. */
    public static final int MAX_ROWS = 5000;
    private static final int MAX_RULES = 1000;
    private static final int MAX_HOSTS = 200;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx");
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");

    private final Messages messages;
    private final ZoneId zone;
    private final AttackCatalog attack;
    private final String version;

    public HtmlReport(Messages messages, ZoneId zone, AttackCatalog attack, String version) {
        this.messages = Objects.requireNonNull(messages, "messages");
        this.zone = Objects.requireNonNull(zone, "zone");
        this.attack = Objects.requireNonNull(attack, "attack");
        this.version = Objects.requireNonNull(version, "version");
    }

    public void write(SummaryReport report, ReportRows rows, Instant generated, Writer out) throws IOException {
        String template = template();
        String json = data(report, rows, generated);
        String html = template
                .replace("{{LANG}}", "ja".equals(messages.locale().getLanguage()) ? "ja" : "en")
                .replace("{{TITLE}}", escapeHtml(messages.get("report.title")))
                .replace("{{DATA}}", escapeScriptJson(json));
        out.write(html);
        out.flush();
    }

    private static String template() {
        try (InputStream in = HtmlReport.class.getResourceAsStream(TEMPLATE)) {
            if (in == null) {
                throw new IOException("report template " + TEMPLATE + " missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String data(SummaryReport r, ReportRows rows, Instant generated) throws IOException {
        StringWriter sw = new StringWriter();
        Locale loc = messages.locale();
        try (JsonGenerator g = new JsonFactory().createGenerator(sw)) {
            g.writeStartObject();
            g.writeObjectFieldStart("t");
            for (String key : KEYS) {
                g.writeStringField(key, messages.get(key));
            }
            g.writeStringField("report.matrix", messages.get("report.matrix", attack.version()));
            g.writeStringField("report.generated", messages.get("report.generated", TIME.format(generated.atZone(zone)),
                    version));
            List<ReportRow> shown = rows.rows(MAX_ROWS);
            g.writeStringField("report.timelineTruncated", messages.get("report.timelineTruncated", shown.size(),
                    rows.total()));
            g.writeEndObject();
            g.writeArrayFieldStart("levels");
            for (Level l : Level.values()) {
                g.writeStartObject();
                g.writeStringField("id", l.sigmaName());
                g.writeStringField("name", messages.get("level." + l.sigmaName()));
                g.writeNumberField("count", r.count(l));
                g.writeNumberField("rules", r.rulesByLevel().getOrDefault(l, 0));
                g.writeEndObject();
            }
            g.writeEndArray();
            var f = r.facts();
            g.writeObjectFieldStart("overview");
            g.writeNumberField("events", f.eventsRead());
            g.writeNumberField("inputs", f.filesRead());
            g.writeNumberField("skipped", f.skipped().size());
            g.writeNumberField("rules", f.rulesLoaded());
            g.writeNumberField("rulesFailed", f.rulesFailed().size());
            g.writeNumberField("detections", r.detections());
            g.writeStringField("first", r.first().map(t -> TIME.format(t.atZone(zone))).orElse("-"));
            g.writeStringField("last", r.last().map(t -> TIME.format(t.atZone(zone))).orElse("-"));
            g.writeEndObject();
            g.writeObjectFieldStart("histogram");
            g.writeBooleanField("byDay", r.histogramByDay());
            g.writeArrayFieldStart("buckets");
            for (SummaryReport.TimeBucket b : r.histogram()) {
                g.writeStartObject();
                g.writeStringField("t", (r.histogramByDay() ? DAY : HOUR).format(b.start().atZone(zone)));
                g.writeArrayFieldStart("c");
                for (long c : b.perLevel()) {
                    g.writeNumber(c);
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeArrayFieldStart("hosts");
            for (SummaryReport.HostCount h : r.hosts().subList(0, Math.min(MAX_HOSTS, r.hosts().size()))) {
                g.writeStartObject();
                g.writeStringField("h", h.host());
                g.writeNumberField("c", h.count());
                g.writeNumberField("max", h.maxLevel().ordinal());
                g.writeEndObject();
            }
            g.writeEndArray();
            boolean drl = false;
            g.writeArrayFieldStart("rules");
            for (SummaryReport.RuleCount rc : r.rules().subList(0, Math.min(MAX_RULES, r.rules().size()))) {
                g.writeStartObject();
                g.writeStringField("title", rc.title());
                g.writeStringField("id", rc.ruleId());
                g.writeNumberField("level", rc.level().ordinal());
                g.writeNumberField("count", rc.count());
                g.writeStringField("author", rc.author());
                g.writeStringField("license", rc.license());
                drl |= rc.license().toUpperCase(Locale.ROOT).contains("DRL");
                g.writeArrayFieldStart("tactics");
                for (String t : rc.tactics()) {
                    g.writeString(attack.tactic(t).map(x -> x.name(loc)).orElse(t));
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeBooleanField("drl", drl);
            writeMatrix(g, r, loc);
            g.writeArrayFieldStart("rows");
            for (ReportRow row : shown) {
                g.writeStartArray();
                g.writeString(row.time());
                g.writeNumber(row.level().ordinal());
                g.writeString(row.rule());
                g.writeString(row.computer());
                g.writeString(row.channel());
                g.writeString(row.eventId());
                g.writeString(row.recordId());
                g.writeString(row.details());
                g.writeEndArray();
            }
            g.writeEndArray();
            g.writeNumberField("totalRows", rows.total());
            g.writeArrayFieldStart("skipped");
            for (SkippedInput s : f.skipped()) {
                g.writeStartArray();
                g.writeString(s.name());
                g.writeString(messages.get("skip." + s.reason().name()) + (s.detail().isEmpty() ? ""
                        : " (" + s.detail() + ")"));
                g.writeEndArray();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("rulesFailed");
            for (RuleProblem p : f.rulesFailed()) {
                g.writeStartArray();
                g.writeString(p.ruleFile());
                g.writeString(p.message());
                g.writeEndArray();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        return sw.toString();
    }

    /** Every tactic with its parent techniques; sub-technique detections count for their parent's cell. */
    private void writeMatrix(JsonGenerator g, SummaryReport r, Locale loc) throws IOException {
        Map<String, Long> parentCounts = new HashMap<>();
        Map<String, List<String>> parentDetail = new HashMap<>();
        for (SummaryReport.TechniqueCount t : r.techniques().values()) {
            var tech = attack.technique(t.technique());
            if (tech.isEmpty()) {
                continue;
            }
            String parent = tech.get().parentId();
            parentCounts.merge(parent, t.detections(), Long::sum);
            List<String> d = parentDetail.computeIfAbsent(parent, k -> new ArrayList<>());
            String label = t.technique() + " " + tech.get().name() + ": " + String.join(", ", t.ruleTitles());
            if (d.size() < 20) {
                d.add(label);
            }
        }
        g.writeArrayFieldStart("matrix");
        for (AttackCatalog.Tactic tactic : attack.tactics()) {
            g.writeStartObject();
            g.writeStringField("id", tactic.id());
            g.writeStringField("name", tactic.name(loc));
            List<AttackCatalog.Technique> techs = new ArrayList<>();
            for (AttackCatalog.Technique t : attack.techniques()) {
                if (!t.isSubTechnique() && t.tactics().contains(tactic.shortName())) {
                    techs.add(t);
                }
            }
            techs.sort(Comparator.comparing((AttackCatalog.Technique t) -> -parentCounts.getOrDefault(t.id(), 0L))
                    .thenComparing(AttackCatalog.Technique::name));
            g.writeArrayFieldStart("techniques");
            for (AttackCatalog.Technique t : techs) {
                g.writeStartArray();
                g.writeString(t.id());
                g.writeString(t.name());
                g.writeNumber(parentCounts.getOrDefault(t.id(), 0L));
                g.writeString(String.join("\n", parentDetail.getOrDefault(t.id(), List.of())));
                g.writeEndArray();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static final List<String> KEYS = List.of("report.title", "report.overview", "report.events",
            "report.inputs", "report.skipped", "report.rules", "report.rulesFailed", "report.detections",
            "report.first", "report.last", "report.overTime", "report.byLevel", "report.byHost", "report.byRule",
            "report.matrixHint", "report.timeline", "report.filter", "report.allLevels", "report.col.time",
            "report.col.level", "report.col.rule", "report.col.computer", "report.col.channel",
            "report.col.eventId", "report.col.recordId", "report.col.details", "report.col.count",
            "report.col.author", "report.col.license", "report.col.tactics", "report.col.input",
            "report.col.reason", "report.attribution", "report.noDetections", "report.skippedInputs");

    static String escapeHtml(String s) {
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

    /**
     * JSON made safe inside a script element (HTML 4.12.1.3, "restrictions for contents of script elements"):
     * {@code <}, {@code >} and {@code &} as JSON unicode escapes, so no {@code </script>} or {@code <!--} can
     * appear; U+2028/U+2029 likewise.
     */
    static String escapeScriptJson(String json) {
        StringBuilder sb = new StringBuilder(json.length() + 64);
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            switch (c) {
                case '<' -> sb.append("\\u003c");
                case '>' -> sb.append("\\u003e");
                case '&' -> sb.append("\\u0026");
                case '\u2028' -> sb.append("\\u2028");
                case '\u2029' -> sb.append("\\u2029");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
