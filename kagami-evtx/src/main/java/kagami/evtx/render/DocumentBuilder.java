package kagami.evtx.render;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import kagami.evtx.binxml.Fragment;
import kagami.evtx.binxml.Node;
import kagami.evtx.binxml.SubstitutionValues;

/**
 * Builds a record's nested document — the evtx crate's JSON shape ({@code #attributes}, {@code #text},
 * {@code _N} suffixes, {@code Data} flattened by {@code Name}) as maps, lists and typed values — following
 * the same rules as {@link JsonRenderer}, so a dotted path means the same thing in the JSON and in an
 * {@code Event}.
 */
final class DocumentBuilder {
    private final TypedValues values = new TypedValues();

    Map<String, Object> build(Fragment record) {
        Map<String, Object> doc = new LinkedHashMap<>();
        if (record.root() != null) {
            doc.put(record.root().name().value(), value(record.root(), record.values(), false));
        }
        return doc;
    }

    private Object value(Node.Element e, SubstitutionValues v, boolean container) {
        Node[] children = e.children();
        boolean text = Content.hasText(children, v);
        boolean attrs = attributesHaveText(e, v);
        boolean elements = Content.hasElement(children, v);
        if (!elements && !text && !attrs) {
            return null;
        }
        if (!elements && !attrs) {
            return values.content(children, v);
        }
        return body(e, v, container);
    }

    private static boolean attributesHaveText(Node.Element e, SubstitutionValues v) {
        for (Node.Attribute a : e.attributes()) {
            if (Content.hasText(a.value(), v)) {
                return true;
            }
        }
        return false;
    }

    private Map<String, Object> body(Node.Element e, SubstitutionValues v, boolean container) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (attributesHaveText(e, v)) {
            Map<String, Object> attrs = new LinkedHashMap<>();
            for (Node.Attribute a : e.attributes()) {
                if (Content.hasText(a.value(), v)) {
                    attrs.put(a.name().value(), values.content(a.value(), v));
                }
            }
            m.put("#attributes", attrs);
        }
        Node[] children = e.children();
        if (Content.hasText(children, v)) {
            m.put("#text", values.content(children, v));
        }
        boolean flatten = false;
        List<Object> positional = null;
        if (container) {
            search:
            for (Node n : children) {
                int count = Content.elementCount(n, v);
                for (int k = 0; k < count; k++) {
                    Node.Element c = Content.element(n, v, k);
                    if (c.name().is("Data")) {
                        Node.Attribute a = Content.attribute(c, "Name");
                        if (a != null && Content.hasText(a.value(), Content.values(n, v, k))) {
                            flatten = true;
                            break search;
                        }
                    }
                }
            }
        }
        for (Node n : children) {
            int count = Content.elementCount(n, v);
            for (int k = 0; k < count; k++) {
                Node.Element c = Content.element(n, v, k);
                SubstitutionValues cv = Content.values(n, v, k);
                if (container && c.name().is("Data")) {
                    if (flatten) {
                        Node.Attribute a = Content.attribute(c, "Name");
                        if (a != null && Content.hasText(a.value(), cv)) {
                            m.put(String.valueOf(values.content(a.value(), cv)), dataValue(c, cv));
                        }
                    } else {
                        if (positional == null) {
                            positional = new ArrayList<>();
                            Map<String, Object> data = new LinkedHashMap<>();
                            m.put("Data", data);
                            data.put("#text", positional);
                        }
                        positional.add(dataValue(c, cv));
                    }
                    continue;
                }
                String key = c.name().value();
                if (m.containsKey(key)) {
                    int suffix = 1;
                    while (m.containsKey(key + "_" + suffix)) {
                        suffix++;
                    }
                    key = key + "_" + suffix;
                }
                m.put(key, value(c, cv, c.name().is("EventData") || c.name().is("UserData")));
            }
        }
        if (positional != null && positional.size() == 1) {
            @SuppressWarnings("unchecked")
            Map<String, Object> data = (Map<String, Object>) m.get("Data");
            data.put("#text", positional.get(0));
        }
        return m;
    }

    private Object dataValue(Node.Element e, SubstitutionValues v) {
        Node[] children = e.children();
        boolean elements = Content.hasElement(children, v);
        if (!elements && !Content.hasText(children, v)) {
            return "";
        }
        return elements ? body(e, v, false) : values.content(children, v);
    }
}
