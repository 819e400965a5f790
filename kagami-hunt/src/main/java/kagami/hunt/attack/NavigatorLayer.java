package kagami.hunt.attack;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import kagami.hunt.summary.SummaryReport;

/**
 * Writes the techniques a hunt detected as a MITRE ATT&CK Navigator layer (layer file format 4.5, Navigator
 * 5.x; spec: attack-navigator {@code layers/spec/v4.5/layerformat.md}): each technique scored by its number of
 * detections, commented with the rules that fired, on a white-to-red gradient, so the analyst can open the file
 * in the Navigator and see the intrusion on the matrix.
 */
public final class NavigatorLayer {
    /** The Navigator version the layer declares; 4.5 layers need at least 4.9.0. */
    static final String NAVIGATOR_VERSION = "5.1.0";
    static final String LAYER_VERSION = "4.5";

    private final AttackCatalog attack;

    public NavigatorLayer(AttackCatalog attack) {
        this.attack = Objects.requireNonNull(attack, "attack");
    }

    public void write(SummaryReport report, String name, String description, Writer out) throws IOException {
        long max = 1;
        for (SummaryReport.TechniqueCount t : report.techniques().values()) {
            max = Math.max(max, t.detections());
        }
        try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
            g.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("name", name);
            g.writeObjectFieldStart("versions");
            g.writeStringField("attack", attack.version());
            g.writeStringField("navigator", NAVIGATOR_VERSION);
            g.writeStringField("layer", LAYER_VERSION);
            g.writeEndObject();
            g.writeStringField("domain", "enterprise-attack");
            g.writeStringField("description", description);
            g.writeObjectFieldStart("filters");
            g.writeArrayFieldStart("platforms");
            g.writeString("Windows");
            g.writeEndArray();
            g.writeEndObject();
            g.writeNumberField("sorting", 3);
            g.writeObjectFieldStart("layout");
            g.writeStringField("layout", "side");
            g.writeBooleanField("showID", true);
            g.writeBooleanField("showName", true);
            g.writeBooleanField("showAggregateScores", true);
            g.writeBooleanField("countUnscored", false);
            g.writeStringField("aggregateFunction", "sum");
            g.writeStringField("expandedSubtechniques", "annotated");
            g.writeEndObject();
            g.writeBooleanField("hideDisabled", false);
            g.writeArrayFieldStart("techniques");
            List<String> unknown = new ArrayList<>();
            for (Map.Entry<String, SummaryReport.TechniqueCount> e : report.techniques().entrySet()) {
                SummaryReport.TechniqueCount t = e.getValue();
                if (attack.technique(t.technique()).isEmpty()) {
                    // A tag for a technique this ATT&CK version does not know (revoked, deprecated or mistyped):
                    // the Navigator would drop it silently, so it is named in the layer's metadata instead.
                    unknown.add(t.technique());
                    continue;
                }
                g.writeStartObject();
                g.writeStringField("techniqueID", t.technique());
                g.writeNumberField("score", t.detections());
                g.writeStringField("comment", String.join("; ", t.ruleTitles()));
                g.writeBooleanField("enabled", true);
                g.writeArrayFieldStart("metadata");
                for (String title : t.ruleTitles()) {
                    g.writeStartObject();
                    g.writeStringField("name", "rule");
                    g.writeStringField("value", title);
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeBooleanField("showSubtechniques", hasDetectedSub(report, t.technique()));
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeObjectFieldStart("gradient");
            g.writeArrayFieldStart("colors");
            g.writeString("#ffffff");
            g.writeString("#ff9d9d");
            g.writeString("#d7191c");
            g.writeEndArray();
            g.writeNumberField("minValue", 0);
            g.writeNumberField("maxValue", max);
            g.writeEndObject();
            g.writeArrayFieldStart("legendItems");
            g.writeEndArray();
            g.writeArrayFieldStart("metadata");
            g.writeStartObject();
            g.writeStringField("name", "detections");
            g.writeStringField("value", Long.toString(report.detections()));
            g.writeEndObject();
            if (!unknown.isEmpty()) {
                g.writeStartObject();
                g.writeStringField("name", "techniques unknown to ATT&CK v" + attack.version());
                g.writeStringField("value", String.join(", ", unknown));
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeBooleanField("showTacticRowBackground", false);
            g.writeBooleanField("selectTechniquesAcrossTactics", true);
            g.writeBooleanField("selectSubtechniquesWithParent", false);
            g.writeBooleanField("selectVisibleTechniques", false);
            g.writeEndObject();
        }
        out.write('\n');
        out.flush();
    }

    private static boolean hasDetectedSub(SummaryReport report, String id) {
        if (id.indexOf('.') > 0) {
            return false;
        }
        for (String k : report.techniques().keySet()) {
            if (k.startsWith(id + ".")) {
                return true;
            }
        }
        return false;
    }
}
