package kagami.evtx.render;

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
 */
public final class JsonRenderer {
    private static final byte[] ATTRIBUTES_SUFFIX = "_attributes".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final Utf8Output out;
    private final boolean separateAttributes;

    private JsonRenderer(Utf8Output out, boolean separateAttributes) {
        this.out = out;
        this.separateAttributes = separateAttributes;
    }

    public static void render(Fragment record, Utf8Output out, boolean separateAttributes) {
        JsonRenderer r = new JsonRenderer(out, separateAttributes);
        out.write('{');
        if (record.root() != null) {
            r.member(record.root(), record.values(), 0, false);
        }
        out.write('}');
    }

    /** Writes {@code "Name[_N]": value} (and {@code "Name_attributes": {...}} when separating). */
    private void member(Node.Element e, SubstitutionValues v, int suffix, boolean container) {
        if (separateAttributes && attributesHaveText(e, v)) {
            key(e.name(), suffix, true);
            attributesObject(e, v);
            boolean elements = Content.hasElement(e.children(), v);
            if (!elements && !Content.hasText(e.children(), v)) {
                return;
            }
            out.write(',');
            key(e.name(), suffix, false);
            if (elements) {
                body(e, v, container, false);
            } else {
                contentValue(e.children(), v);
            }
            return;
        }
        key(e.name(), suffix, false);
        value(e, v, container);
    }

    private void key(Name name, int suffix, boolean attributes) {
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

    private void value(Node.Element e, SubstitutionValues v, boolean container) {
        Node[] children = e.children();
        boolean text = Content.hasText(children, v);
        boolean attrs = !separateAttributes && attributesHaveText(e, v);
        boolean elements = Content.hasElement(children, v);
        if (!elements && !text && !attrs) {
            out.ascii("null");
        } else if (!elements && !attrs) {
            contentValue(children, v);
        } else {
            body(e, v, container, !separateAttributes);
        }
    }

    private static boolean attributesHaveText(Node.Element e, SubstitutionValues v) {
        for (Node.Attribute a : e.attributes()) {
            if (Content.hasText(a.value(), v)) {
                return true;
            }
        }
        return false;
    }

    private void attributesObject(Node.Element e, SubstitutionValues v) {
        out.write('{');
        boolean first = true;
        for (Node.Attribute a : e.attributes()) {
            if (!Content.hasText(a.value(), v)) {
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
            contentValue(a.value(), v);
        }
        out.write('}');
    }

    private void body(Node.Element e, SubstitutionValues v, boolean container, boolean withAttributes) {
        Node[] children = e.children();
        out.write('{');
        boolean wrote = false;
        if (withAttributes && attributesHaveText(e, v)) {
            out.ascii("\"#attributes\":");
            attributesObject(e, v);
            wrote = true;
        }
        if (Content.hasText(children, v)) {
            if (wrote) {
                out.write(',');
            }
            wrote = true;
            out.ascii("\"#text\":");
            contentValueSkippingElements(children, v);
        }
        boolean flattenNamedData = container && hasNamedData(children, v);
        boolean positionalDone = false;
        for (int i = 0; i < children.length; i++) {
            Node n = children[i];
            int count = Content.elementCount(n, v);
            for (int k = 0; k < count; k++) {
                Node.Element child = Content.element(n, v, k);
                SubstitutionValues cv = Content.values(n, v, k);
                if (container && child.name().is("Data")) {
                    if (flattenNamedData) {
                        Node.Attribute nameAttr = Content.attribute(child, "Name");
                        if (nameAttr == null || !Content.hasText(nameAttr.value(), cv)) {
                            continue;
                        }
                        if (wrote) {
                            out.write(',');
                        }
                        wrote = true;
                        out.write('"');
                        text(nameAttr.value(), cv);
                        out.write('"');
                        out.write(':');
                        dataValue(child, cv);
                    } else if (!positionalDone) {
                        positionalDone = true;
                        if (wrote) {
                            out.write(',');
                        }
                        wrote = true;
                        out.ascii("\"Data\":{\"#text\":");
                        positionalData(children, v);
                        out.write('}');
                    }
                    continue;
                }
                if (wrote) {
                    out.write(',');
                }
                wrote = true;
                member(child, cv, occurrence(children, i, k, child.name(), v, container), isContainer(child.name()));
            }
        }
        out.write('}');
    }

    /** Unnamed {@code Data} elements: one value, or an array of them. */
    private void positionalData(Node[] children, SubstitutionValues v) {
        int data = 0;
        for (Node n : children) {
            int count = Content.elementCount(n, v);
            for (int k = 0; k < count; k++) {
                if (Content.element(n, v, k).name().is("Data")) {
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
                if (c.name().is("Data")) {
                    if (!first) {
                        out.write(',');
                    }
                    first = false;
                    dataValue(c, Content.values(n, v, k));
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
        if (container && name.is("Data")) {
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

    private static boolean isContainer(Name name) {
        return name.is("EventData") || name.is("UserData");
    }

    private static boolean hasNamedData(Node[] children, SubstitutionValues v) {
        for (Node n : children) {
            int count = Content.elementCount(n, v);
            for (int k = 0; k < count; k++) {
                Node.Element c = Content.element(n, v, k);
                if (c.name().is("Data")) {
                    Node.Attribute a = Content.attribute(c, "Name");
                    if (a != null && Content.hasText(a.value(), Content.values(n, v, k))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** A {@code Data} element's value: {@code ""} when empty, an object when it holds elements. */
    private void dataValue(Node.Element e, SubstitutionValues v) {
        Node[] children = e.children();
        boolean elements = Content.hasElement(children, v);
        if (!elements && !Content.hasText(children, v)) {
            out.ascii("\"\"");
        } else if (elements) {
            body(e, v, false, !separateAttributes);
        } else {
            contentValue(children, v);
        }
    }

    /** A number when the content is one numeric value, else a string of all its text. */
    private void contentValue(Node[] nodes, SubstitutionValues v) {
        if (Content.resolvedCount(nodes, v) == 1) {
            for (Node n : nodes) {
                if (!Content.dropped(n, v)) {
                    if (number(n, v)) {
                        return;
                    }
                    break;
                }
            }
        }
        out.write('"');
        text(nodes, v);
        out.write('"');
    }

    /** As {@link #contentValue}, ignoring child elements and empty values (an element's {@code #text}). */
    private void contentValueSkippingElements(Node[] nodes, SubstitutionValues v) {
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
        if (plain && single != null && number(single, v)) {
            return;
        }
        out.write('"');
        text(nodes, v);
        out.write('"');
    }

    private boolean number(Node n, SubstitutionValues v) {
        int type = Content.valueType(n, v);
        if (type < 0 || !ValueText.isJsonNumber(type)) {
            return false;
        }
        if (n instanceof Node.Substitution s) {
            int i = s.index();
            int need = ValueType.fixedSize(type);
            if (v.size(i) < need) {
                return false;
            }
            ValueText.write(out, v.data(), v.offset(i), v.size(i), type, Dialect.JSON, Escaping.JSON);
        } else {
            Node.Literal l = (Node.Literal) n;
            ValueText.write(out, l.data(), 0, l.data().length, type, Dialect.JSON, Escaping.JSON);
        }
        return true;
    }

    /** The text of content nodes inside a JSON string; elements are skipped, references kept as written. */
    private void text(Node[] nodes, SubstitutionValues v) {
        for (Node n : nodes) {
            if (n instanceof Node.Substitution s) {
                int i = s.index();
                if (i < v.count() && v.type(i) != ValueType.BINXML) {
                    ValueText.write(out, v.data(), v.offset(i), v.size(i), v.type(i), Dialect.JSON, Escaping.JSON);
                }
            } else if (n instanceof Node.Text t) {
                out.text(t.text(), Escaping.JSON);
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
