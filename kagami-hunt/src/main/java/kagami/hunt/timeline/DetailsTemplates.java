package kagami.hunt.timeline;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import kagami.hunt.HuntContent;

/**
 * What the {@code Details} column shows for an event, per (provider, event id): a template such as
 * {@code Cmdline: %CommandLine% ¦ Proc: %Image%}, read from {@code content/hunt/default-details.tsv} (format in
 * its header). Sigma rules have no place for such a template, so, as in Hayabusa's {@code default_details.txt},
 * it belongs to the event type rather than the rule.
 */
public final class DetailsTemplates {
    /** The separator between labelled values in a template and in rendered Details. */
    public static final String SEPARATOR = " ¦ ";

    /** One slot of a template: a label and the field it shows ({@code dataIndex} > 0 for {@code Data[n]}). */
    public record Slot(String label, String field, int dataIndex) {
    }

    private static volatile DetailsTemplates bundled;
    private final Map<String, List<Slot>> templates;

    private DetailsTemplates(Map<String, List<Slot>> templates) {
        this.templates = templates;
    }

    public static DetailsTemplates bundled() {
        DetailsTemplates t = bundled;
        if (t == null) {
            try (BufferedReader r = HuntContent.bundled("hunt/default-details.tsv")) {
                t = parse(r);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            bundled = t;
        }
        return t;
    }

    /** No templates: every event shows all its fields in Details. */
    public static DetailsTemplates none() {
        return new DetailsTemplates(Map.of());
    }

    public static DetailsTemplates parse(BufferedReader tsv) throws IOException {
        Map<String, List<Slot>> map = new HashMap<>();
        String line;
        int n = 0;
        while ((line = tsv.readLine()) != null) {
            n++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] c = line.split("\t", -1);
            if (c.length != 3) {
                throw new IOException("default details line " + n + ": expected provider, event id and template");
            }
            int eventId;
            try {
                eventId = Integer.parseInt(c[1].trim());
            } catch (NumberFormatException e) {
                throw new IOException("default details line " + n + ": bad event id " + c[1], e);
            }
            map.put(key(c[0].trim(), eventId), parseTemplate(c[2], n));
        }
        return new DetailsTemplates(map);
    }

    private static List<Slot> parseTemplate(String template, int line) throws IOException {
        List<Slot> slots = new ArrayList<>();
        for (String part : template.split(" ¦ ")) {
            String p = part.trim();
            int colon = p.indexOf(": %");
            if (colon <= 0 || !p.endsWith("%")) {
                throw new IOException("default details line " + line + ": '" + p + "' is not 'Label: %Field%'");
            }
            String label = p.substring(0, colon).trim();
            String field = p.substring(colon + 3, p.length() - 1);
            int index = 0;
            int bracket = field.indexOf('[');
            if (bracket > 0 && field.endsWith("]")) {
                try {
                    index = Integer.parseInt(field.substring(bracket + 1, field.length() - 1));
                } catch (NumberFormatException e) {
                    throw new IOException("default details line " + line + ": bad index in " + field, e);
                }
                if (index < 1) {
                    throw new IOException("default details line " + line + ": indexes start at 1 in " + field);
                }
                field = field.substring(0, bracket);
            }
            slots.add(new Slot(label, field, index));
        }
        return List.copyOf(slots);
    }

    private static String key(String provider, int eventId) {
        return provider.toLowerCase(Locale.ROOT) + "\u0000" + eventId;
    }

    /** The template for this provider and event id, if there is one. */
    public Optional<List<Slot>> template(String provider, int eventId) {
        return Optional.ofNullable(templates.get(key(provider, eventId)));
    }
}
