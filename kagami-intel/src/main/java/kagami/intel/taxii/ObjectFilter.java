package kagami.intel.taxii;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import kagami.intel.stix.StixIds;

/**
 * The match filters of a TAXII 2.1 objects request (§3.4.1, "Supported Filters"): {@code match[type]},
 * {@code match[id]} and {@code match[version]}. Several values of one filter are alternatives (the spec joins them
 * with commas, a logical OR); different filters must all hold (AND). They are sent with every page, next to
 * {@code added_after} and {@code next}, since §3.4 pages "the same original query".
 *
 * @param types    STIX object types ({@code indicator}, {@code malware} ...); empty means every type
 * @param ids      STIX identifiers; empty means every object
 * @param versions {@code last} (the server's default), {@code first}, {@code all}, or STIX {@code modified}
 *                 timestamps; empty means the server's default
 */
public record ObjectFilter(List<String> types, List<String> ids, List<String> versions) {
    /** No filter: every object, latest versions (§3.4.1 defaults). */
    public static final ObjectFilter NONE = new ObjectFilter(List.of(), List.of(), List.of());

    private static final Pattern TYPE = Pattern.compile("[a-z0-9][a-z0-9-]{1,248}[a-z0-9]");

    public ObjectFilter {
        types = List.copyOf(new TreeSet<>(types));
        ids = List.copyOf(new TreeSet<>(ids));
        versions = List.copyOf(new TreeSet<>(versions));
    }

    /**
     * A filter from what a user gave, each value checked so nothing but a type, an identifier or a version
     * selector reaches the query string.
     */
    public static ObjectFilter of(Collection<String> types, Collection<String> ids, Collection<String> versions)
            throws TaxiiException {
        List<String> t = new ArrayList<>();
        for (String s : types) {
            String v = s.strip().toLowerCase(Locale.ROOT);
            if (!TYPE.matcher(v).matches()) {
                throw new TaxiiException(0, "taxii.matchType", s);
            }
            t.add(v);
        }
        List<String> i = new ArrayList<>();
        for (String s : ids) {
            String v = s.strip();
            if (!StixIds.valid(v, null)) {
                throw new TaxiiException(0, "taxii.matchId", s);
            }
            i.add(v.toLowerCase(Locale.ROOT));
        }
        List<String> ver = new ArrayList<>();
        for (String s : versions) {
            String v = s.strip();
            String l = v.toLowerCase(Locale.ROOT);
            if (l.equals("first") || l.equals("last") || l.equals("all")) {
                ver.add(l);
            } else {
                try {
                    Instant.parse(v);
                } catch (DateTimeParseException e) {
                    throw new TaxiiException(0, "taxii.matchVersion", s);
                }
                ver.add(v);
            }
        }
        return new ObjectFilter(t, i, ver);
    }

    /** Whether no filter is set. */
    public boolean none() {
        return types.isEmpty() && ids.isEmpty() && (versions.isEmpty() || versions.equals(List.of("last")));
    }

    /**
     * Whether {@code object} is one this filter asks for, by type and id (what a client can check; the version
     * selection only the server can make). Servers that ignore filters are caught with this.
     */
    public boolean admits(JsonNode object) {
        return (types.isEmpty() || types.contains(object.path("type").asText()))
                && (ids.isEmpty() || ids.contains(object.path("id").asText().toLowerCase(Locale.ROOT)));
    }

    /** The query parameters, in a fixed order, e.g. {@code match[type]=indicator,malware}; values not encoded. */
    List<String[]> parameters() {
        List<String[]> out = new ArrayList<>(3);
        if (!ids.isEmpty()) {
            out.add(new String[] {"match[id]", String.join(",", ids)});
        }
        if (!types.isEmpty()) {
            out.add(new String[] {"match[type]", String.join(",", types)});
        }
        if (!versions.isEmpty()) {
            out.add(new String[] {"match[version]", String.join(",", versions)});
        }
        return out;
    }

    /**
     * The filter as a stable text, empty for {@link #none()}: the store keeps one resume point per collection and
     * filter, so a pull of only indicators does not move the resume point of a pull of everything.
     */
    public String key() {
        if (none()) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (String[] p : parameters()) {
            sb.append(sb.length() == 0 ? "" : "&").append(p[0]).append('=').append(p[1]);
        }
        return sb.toString();
    }
}
