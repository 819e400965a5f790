package kagami.hunt.timeline;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import kagami.hunt.HuntContent;

/**
 * Which columns a timeline has, in which order, and what each holds: a named list of (column name, placeholder or
 * literal text) read from a profiles file ({@code content/hunt/profiles.yaml} or the user's own), as Hayabusa's
 * {@code profiles.yaml} does.
 */
public record TimelineProfile(String name, List<Column> columns) {

    /** One column: its header and either a placeholder or, when {@code placeholder} is empty, fixed text. */
    public record Column(String header, Optional<Placeholder> placeholder, String literal) {
        public Column {
            Objects.requireNonNull(header, "header");
            Objects.requireNonNull(placeholder, "placeholder");
            Objects.requireNonNull(literal, "literal");
        }
    }

    public TimelineProfile {
        Objects.requireNonNull(name, "name");
        columns = List.copyOf(columns);
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("profile " + name + " has no columns");
        }
    }

    /** The profiles shipped in {@code content/hunt/profiles.yaml}, in file order. */
    public static Map<String, TimelineProfile> bundled() {
        try (Reader r = HuntContent.bundled("hunt/profiles.yaml")) {
            return parse(r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Parses a profiles file: a YAML mapping of profile name to a mapping of column header to {@code %Placeholder%}
     * or literal text. Unknown placeholders are errors, not silently empty columns.
     */
    public static Map<String, TimelineProfile> parse(Reader yaml) throws IOException {
        Object root = HuntContent.yaml(yaml, "profiles file");
        if (!(root instanceof Map<?, ?> profiles)) {
            throw new IOException("profiles file must map profile names to column lists");
        }
        Map<String, TimelineProfile> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> p : profiles.entrySet()) {
            String name = String.valueOf(p.getKey());
            if (!(p.getValue() instanceof Map<?, ?> cols)) {
                throw new IOException("profile " + name + ": expected a mapping of column name to placeholder");
            }
            List<Column> columns = new ArrayList<>();
            for (Map.Entry<?, ?> c : cols.entrySet()) {
                String header = String.valueOf(c.getKey());
                String value = c.getValue() == null ? "" : String.valueOf(c.getValue());
                Optional<Placeholder> ph = Placeholder.parse(value);
                if (ph.isEmpty() && value.trim().startsWith("%") && value.trim().endsWith("%")
                        && value.trim().length() > 2) {
                    throw new IOException("profile " + name + ", column " + header + ": unknown placeholder "
                            + value + " (known: " + known() + ")");
                }
                columns.add(new Column(header, ph, ph.isPresent() ? "" : value));
            }
            try {
                out.put(name, new TimelineProfile(name, columns));
            } catch (IllegalArgumentException e) {
                throw new IOException(e.getMessage(), e);
            }
        }
        return out;
    }

    private static String known() {
        StringBuilder sb = new StringBuilder();
        for (Placeholder p : Placeholder.values()) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append('%').append(p.token()).append('%');
        }
        return sb.toString();
    }

    /** The column headers in order. */
    public List<String> headers() {
        return columns.stream().map(Column::header).toList();
    }
}
