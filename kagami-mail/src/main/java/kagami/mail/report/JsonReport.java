package kagami.mail.report;

import java.io.IOException;
import java.io.Writer;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import kagami.core.Verdict;
import kagami.mail.Artefact;
import kagami.mail.MailReport;

/**
 * The stable JSON form of a {@link MailReport}, documented in {@code docs/mail-verdict-schema.md} and
 * {@code docs/mail-verdict.schema.json} (schema id {@value #SCHEMA}). Fields are only ever added, never renamed.
 */
public final class JsonReport {
    /** Schema identifier written into every object. */
    public static final String SCHEMA = "kagami.mail.verdict/1";

    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonReport() {
    }

    /** The level as written in JSON: {@code clean}, {@code suspicious}, {@code malicious}, {@code not-fully-analysed}. */
    public static String level(Verdict.Level l) {
        return l.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Writes one report as a single-line JSON object (JSON Lines). */
    public static void writeLine(MailReport r, Writer out) throws IOException {
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            write(r, g);
        }
        out.write('\n');
    }

    /** Writes one report into an open generator (for arrays). */
    public static void write(MailReport r, JsonGenerator g) throws IOException {
        Verdict v = r.verdict();
        g.writeStartObject();
        g.writeStringField("schema", SCHEMA);
        g.writeStringField("file", r.file());
        g.writeStringField("message_id", r.messageId());
        g.writeStringField("from", r.from());
        g.writeStringField("subject", r.subject());
        g.writeStringField("date", r.date());
        g.writeStringField("verdict", level(v.level()));
        g.writeStringField("assessed", level(r.assessed()));
        g.writeNumberField("score", v.score());
        g.writeArrayFieldStart("reasons");
        for (Verdict.Reason reason : v.reasons()) {
            g.writeStartObject();
            g.writeStringField("id", reason.id());
            g.writeNumberField("weight", reason.weight());
            g.writeStringField("evidence", reason.evidence());
            g.writeStringField("technique", reason.technique());
            g.writeStringField("message", reason.message());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("artefacts");
        for (Artefact a : r.artefacts()) {
            g.writeStartObject();
            g.writeStringField("path", a.path());
            g.writeStringField("name", a.name());
            g.writeNumberField("size", a.size());
            g.writeStringField("type", a.type());
            g.writeStringField("md5", a.md5());
            g.writeStringField("sha1", a.sha1());
            g.writeStringField("sha256", a.sha256());
            g.writeObjectFieldStart("details");
            for (Map.Entry<String, String> d : new java.util.TreeMap<>(a.details()).entrySet()) {
                g.writeStringField(d.getKey(), d.getValue());
            }
            g.writeEndObject();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeNumberField("links", r.links());
        g.writeEndObject();
    }

    /** A generator for a pretty-printed JSON array of reports. */
    public static JsonGenerator arrayWriter(Writer out) throws IOException {
        JsonGenerator g = FACTORY.createGenerator(out);
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        g.useDefaultPrettyPrinter();
        return g;
    }
}
