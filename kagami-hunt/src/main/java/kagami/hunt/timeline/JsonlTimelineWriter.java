package kagami.hunt.timeline;

import java.io.IOException;
import java.io.Writer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

/**
 * Writes a timeline as JSON Lines: one object per detection, keys in profile order. Event and record ids are
 * numbers, tactics and tags arrays, and {@code Details}/{@code ExtraFieldInfo} objects of label to value, as in
 * Hayabusa's JSON output, so {@code jq}, Elastic and Timesketch read them without parsing a joined string.
 * Values are written exactly (JSON escapes control characters); a repeated label gets a {@code _2} suffix.
 */
public final class JsonlTimelineWriter implements TimelineSink {
    private static final JsonFactory JSON = new JsonFactory();

    private final Writer out;
    private final JsonGenerator gen;
    private final TimelineProfile profile;
    private final RenderOptions options;

    public JsonlTimelineWriter(Writer out, TimelineProfile profile, RenderOptions options) throws IOException {
        this.out = Objects.requireNonNull(out, "out");
        this.profile = Objects.requireNonNull(profile, "profile");
        this.options = Objects.requireNonNull(options, "options");
        this.gen = JSON.createGenerator(out);
        gen.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
        gen.setRootValueSeparator(null);
    }

    @Override
    public void accept(TimelineRecord r) throws IOException {
        gen.writeStartObject();
        for (TimelineProfile.Column c : profile.columns()) {
            gen.writeFieldName(c.header());
            Object v = c.placeholder().isPresent() ? ColumnValues.value(c.placeholder().get(), r, options)
                    : c.literal();
            writeValue(v, c.placeholder().map(JsonlTimelineWriter::isLabelled).orElse(false));
        }
        gen.writeEndObject();
        gen.flush();
        out.write('\n');
    }

    private static boolean isLabelled(Placeholder p) {
        return p == Placeholder.DETAILS || p == Placeholder.EXTRA_FIELD_INFO || p == Placeholder.ALL_FIELD_INFO
                || p == Placeholder.MATCHED_FIELDS;
    }

    private void writeValue(Object v, boolean labelled) throws IOException {
        if (v == null) {
            gen.writeNull();
        } else if (v instanceof Long l) {
            gen.writeNumber(l);
        } else if (v instanceof List<?> list) {
            if (labelled) {
                gen.writeStartObject();
                Map<String, Integer> seen = new HashMap<>();
                for (Object o : list) {
                    DetailField d = (DetailField) o;
                    int n = seen.merge(d.label(), 1, Integer::sum);
                    gen.writeStringField(n == 1 ? d.label() : d.label() + "_" + n, d.value());
                }
                gen.writeEndObject();
            } else {
                gen.writeStartArray();
                for (Object o : list) {
                    gen.writeString(String.valueOf(o));
                }
                gen.writeEndArray();
            }
        } else {
            gen.writeString(v.toString());
        }
    }

    @Override
    public void close() throws IOException {
        gen.flush();
        out.flush();
    }
}
