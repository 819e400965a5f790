package kagami.evtx.render;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import kagami.core.Event;
import kagami.core.Origin;
import kagami.evtx.binxml.Fragment;
import kagami.evtx.binxml.LittleEndian;
import kagami.evtx.binxml.Node;
import kagami.evtx.binxml.SubstitutionValues;
import kagami.evtx.binxml.ValueType;

/**
 * Converts a record to a {@link kagami.core.Event}, filling the flat field table directly from the template
 * tree and the substitution values (no XML or JSON in between), per the shared event conventions:
 * <ul>
 *   <li>{@code System}: each element by its name ({@code EventID}, {@code Channel} ...) and each attribute as
 *       element + {@code _} + attribute ({@code Provider_Name}, {@code TimeCreated_SystemTime});</li>
 *   <li>{@code EventData}: {@code <Data Name="X">} as {@code X}; unnamed {@code Data} as {@code Data} (a string,
 *       or a list when there are several); other children by element name;</li>
 *   <li>{@code UserData} and other sections: leaf elements by name, first occurrence wins; deeper structure
 *       by dotted path into the document.</li>
 * </ul>
 * The nested document is a {@link LazyDocument} over the record in its chunk (see {@link Event#detached()} for
 * events that are kept). One converter per thread.
 */
public final class EventConverter {
    private final TypedValues values = new TypedValues();

    /**
     * @param record      the record's fragment (values in the chunk)
     * @param recordStart chunk offset of the record's first byte, {@code recordEnd} of the byte after it; a
     *                    detached event's document keeps a copy of this range instead of the chunk
     */
    public Event convert(Fragment record, int recordStart, int recordEnd, Origin origin, long headerRecordId,
            long writtenFiletime) {
        Event.Builder b = Event.builder().origin(origin).recordId(headerRecordId);
        Facts facts = new Facts();
        Node.Element root = record.root();
        if (root != null) {
            SubstitutionValues v = record.values();
            Content.forEachElement(root.children(), v, (section, sv) -> {
                if (section.name().is("System")) {
                    system(section, sv, b, facts);
                } else if (section.name().is("EventData")) {
                    eventData(section, sv, b);
                } else {
                    leaves(section, sv, b, 0);
                }
            });
        }
        b.timestamp(facts.timestamp != null ? facts.timestamp : instant(writtenFiletime));
        b.host(facts.host).channel(facts.channel).provider(facts.provider).eventId(facts.eventId);
        if (facts.recordId != Event.NO_RECORD_ID) {
            b.recordId(facts.recordId);
        }
        b.document(new LazyDocument(record, recordStart, recordEnd));
        return b.build();
    }

    /** Header facts picked up while walking {@code System}. */
    private static final class Facts {
        Instant timestamp;
        String host = "";
        String channel = "";
        String provider = "";
        int eventId = Event.NO_EVENT_ID;
        long recordId = Event.NO_RECORD_ID;
    }

    private void system(Node.Element system, SubstitutionValues v, Event.Builder b, Facts facts) {
        Content.forEachElement(system.children(), v, (e, ev) -> systemElement(e, ev, b, facts));
    }

    private void systemElement(Node.Element e, SubstitutionValues ev, Event.Builder b, Facts facts) {
        Node[] children = e.children();
        boolean text = Content.hasText(children, ev);
        Object value = null;
        if (text) {
            value = numericSystemField(e.name().value(), values.content(children, ev));
            b.field(e.name().value(), value);
        } else if (!Content.hasElement(children, ev) && !attributesHaveText(e, ev)) {
            b.field(e.name().value(), null);
        }
        String name = e.name().value();
        switch (name) {
            case "EventID":
                facts.eventId = (int) asLong(value, Event.NO_EVENT_ID);
                break;
            case "EventRecordID":
                facts.recordId = asLong(value, Event.NO_RECORD_ID);
                break;
            case "Computer":
                facts.host = value == null ? "" : value.toString();
                break;
            case "Channel":
                facts.channel = value == null ? "" : value.toString();
                break;
            default:
                break;
        }
        for (Node.Attribute a : e.attributes()) {
            if (!Content.hasText(a.value(), ev)) {
                continue;
            }
            String field = a.field();
            Object av = numericSystemField(field, values.content(a.value(), ev));
            b.field(field, av);
            if (name.equals("Provider") && a.name().is("Name")) {
                facts.provider = String.valueOf(av);
            } else if (name.equals("TimeCreated") && a.name().is("SystemTime")) {
                facts.timestamp = timestamp(a.value(), ev, av);
            }
        }
    }

    private void eventData(Node.Element section, SubstitutionValues v, Event.Builder b) {
        List<Object> unnamed = new ArrayList<>(0);
        Content.forEachElement(section.children(), v, (e, ev) -> dataElement(e, ev, b, unnamed));
        if (!unnamed.isEmpty()) {
            b.field("Data", unnamed.size() == 1 ? unnamed.get(0) : List.copyOf(unnamed));
        }
    }

    private void dataElement(Node.Element e, SubstitutionValues ev, Event.Builder b, List<Object> unnamed) {
        Node[] children = e.children();
        Object value = Content.hasText(children, ev) ? values.content(children, ev) : null;
        if (e.name().is("Data")) {
            Node.Attribute nameAttribute = Content.attribute(e, "Name");
            if (nameAttribute != null && Content.hasText(nameAttribute.value(), ev)) {
                b.field(String.valueOf(values.content(nameAttribute.value(), ev)), value);
            } else {
                unnamed.add(value == null ? "" : value.toString());
            }
        } else if (Content.hasElement(children, ev)) {
            leaves(e, ev, b, 1);
        } else {
            b.fieldIfAbsent(e.name().value(), value);
        }
    }

    /** Leaf elements below {@code e} by name (first occurrence wins), with their attributes as name_attr. */
    private void leaves(Node.Element e, SubstitutionValues v, Event.Builder b, int depth) {
        if (depth > 64) {
            return;
        }
        Content.forEachElement(e.children(), v, (c, cv) -> leaf(c, cv, b, depth));
    }

    private void leaf(Node.Element c, SubstitutionValues cv, Event.Builder b, int depth) {
        Node[] children = c.children();
        if (Content.hasElement(children, cv)) {
            leaves(c, cv, b, depth + 1);
            return;
        }
        b.fieldIfAbsent(c.name().value(), Content.hasText(children, cv) ? values.content(children, cv) : null);
        for (Node.Attribute a : c.attributes()) {
            if (Content.hasText(a.value(), cv)) {
                b.fieldIfAbsent(a.field(), values.content(a.value(), cv));
            }
        }
    }

    /** System fields the conventions type as {@link Long}; forwarded events (WEC) hold them as text. */
    private static final java.util.Set<String> NUMERIC_SYSTEM_FIELDS = java.util.Set.of("EventID", "EventID_Qualifiers",
            "Version", "Level", "Task", "Opcode", "EventRecordID", "Execution_ProcessID", "Execution_ThreadID");

    private static Object numericSystemField(String field, Object value) {
        // the cheap tests first: most System values are text that does not start with a digit
        if (value instanceof String s && !s.isEmpty() && s.length() < 19 && Character.isDigit(s.charAt(0))
                && NUMERIC_SYSTEM_FIELDS.contains(field) && s.chars().allMatch(Character::isDigit)) {
            return Long.valueOf(s);
        }
        return value;
    }

    private static boolean attributesHaveText(Node.Element e, SubstitutionValues v) {
        for (Node.Attribute a : e.attributes()) {
            if (Content.hasText(a.value(), v)) {
                return true;
            }
        }
        return false;
    }


    private static long asLong(Object value, long fallback) {
        if (value instanceof Long l) {
            return l;
        }
        if (value instanceof String s) {
            try {
                return Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                return fallback;
            }
        }
        return fallback;
    }

    /** The exact FILETIME of {@code TimeCreated/@SystemTime} when it is one, else its text parsed as ISO-8601. */
    private static Instant timestamp(Node[] nodes, SubstitutionValues v, Object text) {
        for (Node n : nodes) {
            if (n instanceof Node.Substitution s && s.index() < v.count() && v.type(s.index()) == ValueType.FILETIME
                    && v.size(s.index()) >= 8) {
                return instant(LittleEndian.i64(v.data(), v.offset(s.index())));
            }
        }
        if (text instanceof String s) {
            try {
                return Instant.parse(s.trim());
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        return null;
    }

    static Instant instant(long filetime) {
        long ticks = filetime - ValueText.FILETIME_UNIX_EPOCH;
        if (filetime < 0) {
            return Instant.EPOCH;
        }
        return Instant.ofEpochSecond(Math.floorDiv(ticks, 10_000_000L), Math.floorMod(ticks, 10_000_000L) * 100);
    }
}
