package kagami.hunt.input;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import kagami.core.Event;
import kagami.core.Origin;
import kagami.hunt.HuntContent;

/**
 * A field-mapping profile: how one JSON flavour of Windows events (Winlogbeat / Elastic Agent ECS, NXLog as in the
 * OTRF Security-Datasets, flat exports ...) maps onto the Event conventions every engine shares: Sysmon /
 * EventData field names, {@code EventID}, {@code Channel}, {@code Computer}, {@code Provider_Name} ... Profiles
 * are data ({@code content/hunt/field-mappings.yaml}, format described there), so a new shipper's JSON is a
 * YAML edit, not a code change.
 *
 * <p>The event's document is the original JSON record, so dotted paths such as {@code winlog.event_data.Image}
 * keep working for rules written against the shipper's own field names.
 */
public final class FieldMapping {
    /** System fields whose values are integers in the evtx crate's rendering (Event conventions). */
    private static final Set<String> LONG_FIELDS = Set.of("EventID", "EventRecordID", "Level", "Task", "Opcode",
            "Version", "Execution_ProcessID", "Execution_ThreadID");
    /** Windows event levels by name (winlogbeat's {@code log.level}): MS-EVEN6 / winmeta.xml level values. */
    private static final Map<String, Long> LEVEL_NAMES = Map.of("critical", 1L, "error", 2L, "warning", 3L,
            "information", 4L, "informational", 4L, "info", 4L, "verbose", 5L);

    /** One way to find the event time. */
    record TimeRule(String path, Optional<DateTimeFormatter> local, List<String> zoneFrom) {
    }

    private final String name;
    private final String description;
    private final int priority;
    private final List<String> recogniseAll;
    private final List<String> recogniseAny;
    private final List<String> unwrap;
    private final Map<String, List<String>> system;
    private final List<TimeRule> time;
    private final boolean eventDataRest;
    private final List<String> eventDataPaths;
    private final List<String> userDataPaths;
    private final Set<String> drop;

    private FieldMapping(String name, String description, int priority, List<String> recogniseAll,
                         List<String> recogniseAny, List<String> unwrap, Map<String, List<String>> system,
                         List<TimeRule> time, boolean eventDataRest, List<String> eventDataPaths,
                         List<String> userDataPaths, Set<String> drop) {
        this.name = name;
        this.description = description;
        this.priority = priority;
        this.recogniseAll = recogniseAll;
        this.recogniseAny = recogniseAny;
        this.unwrap = unwrap;
        this.system = system;
        this.time = time;
        this.eventDataRest = eventDataRest;
        this.eventDataPaths = eventDataPaths;
        this.userDataPaths = userDataPaths;
        this.drop = drop;
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    /** The bundled profiles, highest priority first. */
    public static List<FieldMapping> bundled() {
        try (Reader r = HuntContent.bundled("hunt/field-mappings.yaml")) {
            return parse(r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses a field-mappings file (a YAML list of profiles); returns them highest priority first. */
    public static List<FieldMapping> parse(Reader yaml) throws IOException {
        Object root = HuntContent.yaml(yaml, "field mappings");
        if (!(root instanceof List<?> list)) {
            throw new IOException("field mappings: expected a list of profiles");
        }
        List<FieldMapping> out = new ArrayList<>();
        for (Object o : list) {
            if (!(o instanceof Map<?, ?> m)) {
                throw new IOException("field mappings: each profile must be a mapping");
            }
            out.add(profile(m));
        }
        out.sort(Comparator.comparingInt((FieldMapping f) -> -f.priority));
        return out;
    }

    private static FieldMapping profile(Map<?, ?> m) throws IOException {
        String name = text(m.get("name"));
        if (name.isEmpty()) {
            throw new IOException("field mappings: a profile has no name");
        }
        Map<?, ?> rec = m.get("recognise") instanceof Map<?, ?> r ? r : Map.of();
        List<String> all = strings(rec.get("all"), name);
        List<String> any = strings(rec.get("any"), name);
        if (all.isEmpty() && any.isEmpty()) {
            throw new IOException("field mapping " + name + ": recognise needs 'all' or 'any' keys");
        }
        Map<String, List<String>> system = new LinkedHashMap<>();
        if (m.get("system") instanceof Map<?, ?> sys) {
            for (Map.Entry<?, ?> e : sys.entrySet()) {
                system.put(String.valueOf(e.getKey()), strings(e.getValue(), name));
            }
        }
        List<TimeRule> time = new ArrayList<>();
        if (m.get("time") instanceof List<?> tl) {
            for (Object t : tl) {
                if (!(t instanceof Map<?, ?> tm) || text(tm.get("path")).isEmpty()) {
                    throw new IOException("field mapping " + name + ": each time rule needs a path");
                }
                Optional<DateTimeFormatter> local = Optional.empty();
                if (tm.get("local") != null) {
                    try {
                        local = Optional.of(DateTimeFormatter.ofPattern(text(tm.get("local")), Locale.ROOT));
                    } catch (IllegalArgumentException e) {
                        throw new IOException("field mapping " + name + ": bad local time pattern", e);
                    }
                }
                List<String> zoneFrom = strings(tm.get("zone_from"), name);
                if (!zoneFrom.isEmpty() && zoneFrom.size() != 2) {
                    throw new IOException("field mapping " + name + ": zone_from needs [local path, UTC path]");
                }
                time.add(new TimeRule(text(tm.get("path")), local, zoneFrom));
            }
        }
        Object ed = m.get("event_data");
        boolean rest = "rest".equals(ed);
        List<String> edPaths = rest ? List.of() : strings(ed, name);
        int priority = m.get("priority") instanceof Number n ? n.intValue() : 0;
        return new FieldMapping(name, text(m.get("description")), priority, all, any,
                strings(m.get("unwrap"), name), system, time, rest, edPaths, strings(m.get("user_data"), name),
                new HashSet<>(strings(m.get("drop"), name)));
    }

    private static String text(Object o) {
        return o == null ? "" : String.valueOf(o).trim();
    }

    private static List<String> strings(Object o, String profile) throws IOException {
        if (o == null) {
            return List.of();
        }
        if (o instanceof String s) {
            return List.of(s);
        }
        if (o instanceof List<?> l) {
            List<String> out = new ArrayList<>();
            for (Object x : l) {
                out.add(String.valueOf(x));
            }
            return List.copyOf(out);
        }
        throw new IOException("field mapping " + profile + ": expected a name or a list of names, got " + o);
    }

    /** The record this profile reads ({@code record} itself or an unwrapped part), if it recognises the shape. */
    public Optional<Map<String, Object>> recognise(Map<String, Object> record) {
        Map<String, Object> r = record;
        for (String u : unwrap) {
            if (r.get(u) instanceof Map<?, ?> inner) {
                @SuppressWarnings("unchecked")
                Map<String, Object> m = (Map<String, Object>) inner;
                r = m;
                break;
            }
        }
        for (String k : recogniseAll) {
            if (!present(r, k)) {
                return Optional.empty();
            }
        }
        if (!recogniseAny.isEmpty()) {
            boolean found = false;
            for (String k : recogniseAny) {
                if (present(r, k)) {
                    found = true;
                    break;
                }
            }
            if (!found) {
                return Optional.empty();
            }
        }
        return Optional.of(r);
    }

    /**
     * Builds the event from a record this profile recognised. {@code warnings} receives at most one line per
     * kind of problem, for the reader to report.
     */
    public Event toEvent(Map<String, Object> record, Origin origin, Collection<String> warnings) {
        Event.Builder b = Event.builder().origin(origin).document(record);
        Set<String> consumed = new HashSet<>();
        Map<String, Object> sys = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : system.entrySet()) {
            for (String path : e.getValue()) {
                Object v = lookup(record, path);
                if (v != MISSING && v != null) {
                    sys.put(e.getKey(), systemValue(e.getKey(), v));
                    consumed.add(topKey(path));
                    break;
                }
            }
        }
        for (TimeRule t : time) {
            consumed.add(topKey(t.path()));
            t.zoneFrom().forEach(z -> consumed.add(topKey(z)));
        }
        Instant ts = timestamp(record, warnings);
        b.timestamp(ts);
        if (sys.get("EventID") instanceof Long id && id >= Integer.MIN_VALUE && id <= Integer.MAX_VALUE) {
            b.eventId(id.intValue());
        }
        if (sys.get("EventRecordID") instanceof Long rid) {
            b.recordId(rid);
        }
        b.host(textOf(sys.get("Computer")));
        b.channel(textOf(sys.get("Channel")));
        b.provider(textOf(sys.get("Provider_Name")));
        for (Map.Entry<String, Object> e : sys.entrySet()) {
            b.field(e.getKey(), e.getValue());
        }
        b.field("TimeCreated_SystemTime", DateTimeFormatter.ISO_INSTANT.format(ts));
        if (eventDataRest) {
            for (Map.Entry<String, Object> e : record.entrySet()) {
                String k = e.getKey();
                if (consumed.contains(k) || drop.contains(k) || unwrap.contains(k)) {
                    continue;
                }
                leaves(b, k, e.getValue(), 0);
            }
        }
        for (String path : eventDataPaths) {
            if (lookup(record, path) instanceof Map<?, ?> data) {
                for (Map.Entry<?, ?> e : data.entrySet()) {
                    String k = String.valueOf(e.getKey());
                    if (!drop.contains(k)) {
                        leaves(b, k, e.getValue(), 0);
                    }
                }
            }
        }
        for (String path : userDataPaths) {
            if (lookup(record, path) instanceof Map<?, ?> data) {
                for (Map.Entry<?, ?> e : data.entrySet()) {
                    String k = String.valueOf(e.getKey());
                    if (!drop.contains(k)) {
                        leaves(b, k, e.getValue(), 0);
                    }
                }
            }
        }
        return b.build();
    }

    /** Scalars and lists by name; nested objects by dotted name; the first occurrence of a name wins. */
    private static void leaves(Event.Builder b, String name, Object v, int depth) {
        if (v instanceof Map<?, ?> m && depth < 8) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                leaves(b, name + "." + e.getKey(), e.getValue(), depth + 1);
            }
        } else if (!(v instanceof Map<?, ?>)) {
            b.fieldIfAbsent(name, v);
        }
    }

    private Instant timestamp(Map<String, Object> record, Collection<String> warnings) {
        for (TimeRule t : time) {
            Object v = lookup(record, t.path());
            if (v == MISSING || v == null) {
                continue;
            }
            try {
                if (t.local().isEmpty()) {
                    return absolute(v);
                }
                LocalDateTime local = LocalDateTime.parse(textOf(v), t.local().get());
                ZoneOffset offset = ZoneOffset.UTC;
                if (!t.zoneFrom().isEmpty()) {
                    Object lref = lookup(record, t.zoneFrom().get(0));
                    Object uref = lookup(record, t.zoneFrom().get(1));
                    if (lref == MISSING || uref == MISSING || lref == null || uref == null) {
                        continue;
                    }
                    offset = derivedOffset(LocalDateTime.parse(textOf(lref), t.local().get()), absolute(uref));
                } else {
                    warnings.add("local times in " + t.path() + " read as UTC (no zone information)");
                }
                return local.toInstant(offset);
            } catch (DateTimeParseException | ArithmeticException e) {
                warnings.add("unreadable time in " + t.path() + ": " + shorten(textOf(v)));
            }
        }
        warnings.add("records without a readable time (shown at 1970-01-01)");
        return Instant.EPOCH;
    }

    /**
     * The zone offset of a collector that wrote the same moment once in local time and once in UTC (NXLog's
     * EventReceivedTime and Logstash's @timestamp), rounded to the quarter hour: every zone offset in use is a
     * multiple of 15 minutes, and the two stamps differ by the sub-second delay between them.
     */
    static ZoneOffset derivedOffset(LocalDateTime local, Instant utc) {
        long seconds = local.toEpochSecond(ZoneOffset.UTC) - utc.getEpochSecond();
        long quarters = Math.round(seconds / 900.0);
        if (Math.abs(quarters) > 18 * 4) {
            throw new ArithmeticException("zone offset out of range");
        }
        return ZoneOffset.ofTotalSeconds((int) (quarters * 900));
    }

    /** An absolute time: ISO-8601 with Z or an offset, or a number of milliseconds since the epoch. */
    static Instant absolute(Object v) {
        if (v instanceof Long ms) {
            return Instant.ofEpochMilli(ms);
        }
        if (v instanceof Double d) {
            return Instant.ofEpochMilli(d.longValue());
        }
        String s = textOf(v).trim();
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            return Instant.parse(s);
        }
    }

    private static Object systemValue(String field, Object v) {
        if (field.equals("Keywords")) {
            if (v instanceof Long l) {
                return "0x" + Long.toHexString(l);
            }
            String s = textOf(v);
            if (!s.startsWith("0x") && s.matches("-?\\d{1,20}")) {
                try {
                    return "0x" + Long.toHexString(new java.math.BigInteger(s).longValue());
                } catch (NumberFormatException e) {
                    return s;
                }
            }
            return s;
        }
        if (LONG_FIELDS.contains(field)) {
            if (v instanceof Long) {
                return v;
            }
            String s = textOf(v).trim();
            if (field.equals("Level")) {
                Long named = LEVEL_NAMES.get(s.toLowerCase(Locale.ROOT));
                if (named != null) {
                    return named;
                }
            }
            if (s.matches("-?\\d{1,18}")) {
                return Long.parseLong(s);
            }
            return s;
        }
        return v instanceof Map<?, ?> || v instanceof List<?> ? textOf(v) : v;
    }

    private static String textOf(Object v) {
        return v == null ? "" : v instanceof String s ? s : String.valueOf(v);
    }

    private static String shorten(String s) {
        return s.length() <= 60 ? s : s.substring(0, 60) + "…";
    }

    private static String topKey(String path) {
        int dot = path.indexOf('.');
        return dot < 0 ? path : path.substring(0, dot);
    }

    private static final Object MISSING = new Object();

    private static boolean present(Map<String, Object> r, String path) {
        return lookup(r, path) != MISSING;
    }

    /**
     * Looks a dotted path up in nested objects; a key that itself contains dots (Kibana exports flatten
     * {@code winlog.event_id} into one key) is found too.
     */
    static Object lookup(Map<String, Object> r, String path) {
        Objects.requireNonNull(path, "path");
        if (r.containsKey(path)) {
            return r.get(path);
        }
        int dot = path.indexOf('.');
        while (dot > 0) {
            Object head = r.get(path.substring(0, dot));
            if (head instanceof Map<?, ?> m) {
                @SuppressWarnings("unchecked")
                Map<String, Object> sub = (Map<String, Object>) m;
                Object v = lookup(sub, path.substring(dot + 1));
                if (v != MISSING) {
                    return v;
                }
            }
            dot = path.indexOf('.', dot + 1);
        }
        return MISSING;
    }
}
