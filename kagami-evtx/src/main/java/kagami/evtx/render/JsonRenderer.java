package kagami.evtx.render;

import java.nio.charset.StandardCharsets;

import kagami.evtx.binxml.Fragment;
import kagami.evtx.binxml.Name;
import kagami.evtx.binxml.Node;
import kagami.evtx.binxml.SubstitutionValues;
import kagami.evtx.binxml.ValueType;
import kagami.evtx.render.Utf8Output.Escaping;
import kagami.evtx.render.ValueText.Dialect;

/**
 * Renders a record as JSON in the shape of the evtx crate (the shape Hayabusa, Chainsaw and SigmaHQ's
 * regression data use), straight from the template tree and the substitution values:
 * <ul>
 *   <li>an element with neither attributes, text nor child elements is {@code null}; one with only text is
 *       its value (a JSON number for integer types, {@code true}/{@code false} for booleans, else a string);
 *       otherwise an object with {@code #attributes}, {@code #text} and the child elements;</li>
 *   <li>repeated child names get {@code _1}, {@code _2} ... suffixes;</li>
 *   <li>in {@code EventData} and {@code UserData}, {@code <Data Name="X">v</Data>} becomes {@code "X": v}; unnamed
 *       {@code Data} elements become {@code "Data": {"#text": v}} or {@code {"#text": [v, ...]}};</li>
 *   <li>with separate attributes, an element's attributes go to a sibling {@code <Name>_attributes} object and
 *       the element keeps its plain value.</li>
 * </ul>
 * The common shapes (content that is one substitution, children with distinct names, {@code Data} elements with
 * a literal name) are rendered without re-examining the content; the general path handles the rest. Records of
 * a template already seen with the same kind of values are not walked at all: a {@link JsonPlan} recorded from the
 * first of them replays the bytes between the values.
 */
public final class JsonRenderer {
    private static final byte[] ATTRIBUTES_SUFFIX = "_attributes".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ATTRIBUTES_KEY = "\"#attributes\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TEXT_KEY = "\"#text\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] POSITIONAL_DATA = "\"Data\":{\"#text\":".getBytes(StandardCharsets.US_ASCII);

    private JsonRenderer() {
    }

    /**
     * How many records the calling thread rendered from a recorded plan rather than by walking the tree (a
     * diagnostic: tests use it to show the plans are taken).
     */
    public static long plannedRecords() {
        return JsonPlan.replayed();
    }

    public static void render(Fragment record, Utf8Output out, boolean separateAttributes) {
        if (!JsonPlan.render(record, out, separateAttributes)) {
            renderTree(record, out, separateAttributes);
        }
    }

    /**
     * Renders by walking the template tree, without plans: what {@link #render} falls back to and records its
     * plans from, and the reference the plans are tested against.
     */
    public static void renderTree(Fragment record, Utf8Output out, boolean separateAttributes) {
        out.write('{');
        if (record.root() != null) {
            member(out, record.root(), record.values(), 0, false, separateAttributes);
        }
        out.write('}');
    }

    /**
     * Writes {@code "Name[_N]": value} (and {@code "Name_attributes": {...}} when separating): {@code null}, the
     * element's single value, or an object. One method rather than a key writer and a value writer, so the JIT
     * calls it per element instead of copying the whole renderer into every caller.
     */
    private static void member(Utf8Output out, Node.Element e, SubstitutionValues v, int suffix, boolean container,
            boolean separate) {
        Node.Attribute[] attributes = e.attributes();
        if (separate && attributes.length > 0 && attributesHaveText(e, v)) {
            key(out, e.name(), suffix, true);
            attributesObject(out, e, v);
            boolean elements = Content.hasElement(e, v);
            if (!elements && !Content.hasText(e, v)) {
                return;
            }
            out.write(',');
            key(out, e.name(), suffix, false);
            if (elements) {
                body(out, e, v, container, false, separate);
            } else {
                contentValue(out, e.children(), v);
            }
            return;
        }
        key(out, e.name(), suffix, false);
        if (e.shape() == Node.EMPTY && !separate) {
            // Attributes only (Provider, TimeCreated, Execution, Security ...): {"#attributes": {...}}, or null
            // when every attribute came out empty (written optimistically, taken back then).
            int mark = out.size();
            out.write('{');
            out.write(ATTRIBUTES_KEY);
            if (attributes.length > 0 && attributesObject(out, e, v)) {
                out.write('}');
            } else {
                out.truncate(mark);
                out.write(NULL);
            }
            return;
        }
        if (attributes.length == 0 || separate) {
            switch (e.shape()) {
                case Node.EMPTY:
                    out.write(NULL);
                    return;
                case Node.ONE_SUBSTITUTION:
                    if (oneSubstitution(out, (Node.Substitution) e.children()[0], v, false)) {
                        return;
                    }
                    break;
                case Node.DISTINCT_ELEMENTS:
                    body(out, e, v, container, false, separate);
                    return;
                default:
                    break;
            }
        }
        Node[] children = e.children();
        boolean text = Content.hasText(e, v);
        boolean attrs = !separate && attributes.length > 0 && attributesHaveText(e, v);
        boolean elements = Content.hasElement(e, v);
        if (!elements && !text && !attrs) {
            out.write(NULL);
        } else if (!elements && !attrs) {
            contentValue(out, children, v);
        } else {
            body(out, e, v, container, !separate, separate);
        }
    }

    private static void key(Utf8Output out, Name name, int suffix, boolean attributes) {
        out.write('"');
        out.write(name.jsonBytes());
        if (suffix > 0) {
            out.write('_');
            out.decimal(suffix);
        }
        if (attributes) {
            out.write(ATTRIBUTES_SUFFIX);
        }
        out.write('"');
        out.write(':');
    }

    /**
     * The value of content that is one substitution, if it is not an element: {@code null} (or {@code ""} for a
     * {@code Data} value) when empty, a number, or a string. False for a BinXml value, left to the caller.
     */
    private static boolean oneSubstitution(Utf8Output out, Node.Substitution s, SubstitutionValues v, boolean data) {
        int i = s.index();
        if (i >= v.count()) {
            out.write(data ? EMPTY_STRING : NULL);
            return true;
        }
        int type = v.type(i);
        if (type == ValueType.BINXML) {
            return false;
        }
        if (v.isEmpty(i)) {
            out.write(data ? EMPTY_STRING : NULL);
            return true;
        }
        scalar(out, v, i);
        return true;
    }

    private static final byte[] EMPTY_STRING = {'"', '"'};

    /** A value as a bare number or boolean when its type is one, else as a JSON string. */
    private static void scalar(Utf8Output out, SubstitutionValues v, int i) {
        int type = v.type(i);
        if (ValueText.isJsonNumber(type) && v.size(i) >= ValueType.fixedSize(type)) {
            value(out, v, i);
        } else {
            out.write('"');
            value(out, v, i);
            out.write('"');
        }
    }

    /**
     * The text of substitution value {@code i}: every value the renderer writes goes through here, so that a
     * {@link JsonPlan} being recorded learns where values go.
     */
    private static void value(Utf8Output out, SubstitutionValues v, int i) {
        JsonPlan.Recorder recorder = out.recorder;
        if (recorder != null) {
            recorder.valueStart(out, v, i);
        }
        ValueText.write(out, v.data(), v.offset(i), v.size(i), v.type(i), Dialect.JSON, Escaping.JSON);
        if (recorder != null) {
            recorder.valueEnd(out);
        }
    }

    private static boolean attributesHaveText(Node.Element e, SubstitutionValues v) {
        for (Node.Attribute a : e.attributes()) {
            if (Content.hasText(a, v)) {
                return true;
            }
        }
        return false;
    }

    /** The {@code {...}} of the attributes that have text; false when there were none. */
    private static boolean attributesObject(Utf8Output out, Node.Element e, SubstitutionValues v) {
        out.write('{');
        boolean first = true;
        for (Node.Attribute a : e.attributes()) {
            if (!Content.hasText(a, v)) {
                continue;
            }
            if (!first) {
                out.write(',');
            }
            first = false;
            out.write('"');
            out.write(a.name().jsonBytes());
            out.write('"');
            out.write(':');
            if (a.shape() == Node.ONE_SUBSTITUTION) {
                scalar(out, v, ((Node.Substitution) a.value()[0]).index());
            } else if (a.shape() == Node.ONE_TEXT) {
                out.write('"');
                out.write(((Node.Text) a.value()[0]).json());
                out.write('"');
            } else {
                contentValue(out, a.value(), v);
            }
        }
        out.write('}');
        return !first;
    }

    private static void body(Utf8Output out, Node.Element e, SubstitutionValues v, boolean container,
            boolean withAttributes, boolean separate) {
        Node[] children = e.children();
        out.write('{');
        boolean wrote = false;
        if (withAttributes && e.attributes().length > 0 && attributesHaveText(e, v)) {
            out.write(ATTRIBUTES_KEY);
            attributesObject(out, e, v);
            wrote = true;
        }
        if (e.shape() == Node.DISTINCT_ELEMENTS || e.shape() == Node.ELEMENTS) {
            staticChildren(out, e, v, container, wrote, separate);
            return;
        }
        if (Content.hasText(e, v)) {
            if (wrote) {
                out.write(',');
            }
            wrote = true;
            out.write(TEXT_KEY);
            contentValueSkippingElements(out, children, v);
        }
        boolean flattenNamedData = container && hasNamedData(children, v);
        boolean positionalDone = false;
        for (int i = 0; i < children.length; i++) {
            Node n = children[i];
            int count = Content.elementCount(n, v);
            for (int k = 0; k < count; k++) {
                Node.Element child = Content.element(n, v, k);
                SubstitutionValues cv = Content.values(n, v, k);
                if (container && child.name().isData()) {
                    if (flattenNamedData) {
                        wrote |= namedData(out, child, cv, wrote, separate);
                    } else if (!positionalDone) {
                        positionalDone = true;
                        positional(out, children, v, wrote, separate);
                        wrote = true;
                    }
                    continue;
                }
                if (wrote) {
                    out.write(',');
                }
                wrote = true;
                int suffix = e.shape() == Node.DISTINCT_ELEMENTS ? 0 : occurrence(children, i, k, child.name(), v, container);
                member(out, child, cv, suffix, child.name().isDataContainer(), separate);
            }
        }
        out.write('}');
    }

    /** The body of an element whose children are all literal elements: suffixes and names known in advance. */
    private static void staticChildren(Utf8Output out, Node.Element e, SubstitutionValues v, boolean container,
            boolean wrote, boolean separate) {
        Node[] children = e.children();
        int[] suffixes = e.suffixes();
        boolean flatten = container && (e.namedData() || hasNamedData(children, v));
        boolean positionalDone = false;
        for (int i = 0; i < children.length; i++) {
            Node.Element child = (Node.Element) children[i];
            if (container && child.name().isData()) {
                if (flatten) {
                    wrote |= namedData(out, child, v, wrote, separate);
                } else if (!positionalDone) {
                    positionalDone = true;
                    positional(out, children, v, wrote, separate);
                    wrote = true;
                }
                continue;
            }
            if (wrote) {
                out.write(',');
            }
            wrote = true;
            member(out, child, v, suffixes[i], child.name().isDataContainer(), separate);
        }
        out.write('}');
    }

    /**
     * {@code "Name": value} for a {@code Data} element of a flattened container; false (nothing written) when it
     * has no name. {@code wrote}: a member precedes it.
     */
    private static boolean namedData(Utf8Output out, Node.Element data, SubstitutionValues v, boolean wrote,
            boolean separate) {
        Node.Text name = data.dataName();
        Node.Attribute nameAttr = null;
        if (name == null) {
            nameAttr = Content.attribute(data, "Name");
            if (nameAttr == null || !Content.hasText(nameAttr, v)) {
                return false;
            }
        }
        if (wrote) {
            out.write(',');
        }
        out.write('"');
        if (name != null) {
            out.write(name.json());
        } else {
            text(out, nameAttr.value(), v);
        }
        out.write('"');
        out.write(':');
        dataValue(out, data, v, separate);
        return true;
    }

    /** {@code "Data": {"#text": ...}} for the unnamed {@code Data} elements of a container. */
    private static void positional(Utf8Output out, Node[] children, SubstitutionValues v, boolean wrote, boolean separate) {
        if (wrote) {
            out.write(',');
        }
        out.write(POSITIONAL_DATA);
        positionalData(out, children, v, separate);
        out.write('}');
    }

    /** Unnamed {@code Data} elements: one value, or an array of them. */
    private static void positionalData(Utf8Output out, Node[] children, SubstitutionValues v, boolean separate) {
        int data = 0;
        for (Node n : children) {
            int count = Content.elementCount(n, v);
            for (int k = 0; k < count; k++) {
                if (Content.element(n, v, k).name().isData()) {
                    data++;
                }
            }
        }
        if (data > 1) {
            out.write('[');
        }
        boolean first = true;
        for (Node n : children) {
            int count = Content.elementCount(n, v);
            for (int k = 0; k < count; k++) {
                Node.Element c = Content.element(n, v, k);
                if (c.name().isData()) {
                    if (!first) {
                        out.write(',');
                    }
                    first = false;
                    dataValue(out, c, Content.values(n, v, k), separate);
                    if (data == 1) {
                        return;
                    }
                }
            }
        }
        if (data > 1) {
            out.write(']');
        }
    }

    /** How many earlier sibling elements share this name: 0 for the first, giving the {@code _N} suffix. */
    private static int occurrence(Node[] children, int index, int k, Name name, SubstitutionValues v, boolean container) {
        if (container && name.isData()) {
            return 0;
        }
        int seen = 0;
        for (int i = 0; i <= index; i++) {
            int count = i == index ? k : Content.elementCount(children[i], v);
            for (int j = 0; j < count; j++) {
                Name other = Content.element(children[i], v, j).name();
                if (other == name || other.equals(name)) {
                    seen++;
                }
            }
        }
        return seen;
    }

    private static boolean hasNamedData(Node[] children, SubstitutionValues v) {
        for (Node n : children) {
            int count = Content.elementCount(n, v);
            for (int k = 0; k < count; k++) {
                Node.Element c = Content.element(n, v, k);
                if (c.name().isData()) {
                    if (c.dataName() != null) {
                        return true;
                    }
                    Node.Attribute a = Content.attribute(c, "Name");
                    if (a != null && Content.hasText(a, Content.values(n, v, k))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** A {@code Data} element's value: {@code ""} when empty, an object when it holds elements. */
    private static void dataValue(Utf8Output out, Node.Element e, SubstitutionValues v, boolean separate) {
        if (e.shape() == Node.ONE_SUBSTITUTION && oneSubstitution(out, (Node.Substitution) e.children()[0], v, true)) {
            return;
        }
        boolean elements = Content.hasElement(e, v);
        if (!elements && !Content.hasText(e, v)) {
            out.write(EMPTY_STRING);
        } else if (elements) {
            body(out, e, v, false, !separate, separate);
        } else {
            contentValue(out, e.children(), v);
        }
    }

    /** A number when the content is one numeric value, else a string of all its text. */
    private static void contentValue(Utf8Output out, Node[] nodes, SubstitutionValues v) {
        if (Content.resolvedCount(nodes, v) == 1) {
            for (Node n : nodes) {
                if (!Content.dropped(n, v)) {
                    if (number(out, n, v)) {
                        return;
                    }
                    break;
                }
            }
        }
        out.write('"');
        text(out, nodes, v);
        out.write('"');
    }

    /** As {@link #contentValue}, ignoring child elements and empty values (an element's {@code #text}). */
    private static void contentValueSkippingElements(Utf8Output out, Node[] nodes, SubstitutionValues v) {
        Node single = null;
        boolean plain = true;
        for (Node n : nodes) {
            if (Content.elementCount(n, v) > 0 || n instanceof Node.ProcessingInstruction) {
                continue;
            }
            int type = Content.valueType(n, v);
            if (type >= 0) {
                if (!Content.isText(n, v)) {
                    continue;
                }
                if (single != null) {
                    plain = false;
                    break;
                }
                single = n;
            } else if (Content.isText(n, v)) {
                plain = false;
                break;
            }
        }
        if (plain && single != null && number(out, single, v)) {
            return;
        }
        out.write('"');
        text(out, nodes, v);
        out.write('"');
    }

    private static boolean number(Utf8Output out, Node n, SubstitutionValues v) {
        int type = Content.valueType(n, v);
        if (type < 0 || !ValueText.isJsonNumber(type)) {
            return false;
        }
        if (n instanceof Node.Substitution s) {
            int i = s.index();
            if (v.size(i) < ValueType.fixedSize(type)) {
                return false;
            }
            value(out, v, i);
        } else {
            Node.Literal l = (Node.Literal) n;
            if (l.data().length < ValueType.fixedSize(type)) {
                return false;
            }
            ValueText.write(out, l.data(), 0, l.data().length, type, Dialect.JSON, Escaping.JSON);
        }
        return true;
    }

    /** The text of content nodes inside a JSON string; elements are skipped, references kept as written. */
    private static void text(Utf8Output out, Node[] nodes, SubstitutionValues v) {
        for (Node n : nodes) {
            if (n instanceof Node.Substitution s) {
                int i = s.index();
                if (i < v.count() && v.type(i) != ValueType.BINXML) {
                    value(out, v, i);
                }
            } else if (n instanceof Node.Text t) {
                out.write(t.json());
            } else if (n instanceof Node.Literal l) {
                ValueText.write(out, l.data(), 0, l.data().length, l.valueType(), Dialect.JSON, Escaping.JSON);
            } else if (n instanceof Node.CData c) {
                out.text(c.text(), Escaping.JSON);
            } else if (n instanceof Node.CharReference c) {
                out.ascii("&#");
                out.decimal(c.value());
                out.write(';');
            } else if (n instanceof Node.EntityReference r) {
                out.write('&');
                out.write(r.name().jsonBytes());
                out.write(';');
            }
        }
    }
}
