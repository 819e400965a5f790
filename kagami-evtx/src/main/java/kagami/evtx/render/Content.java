package kagami.evtx.render;

import kagami.evtx.binxml.Fragment;
import kagami.evtx.binxml.Node;
import kagami.evtx.binxml.SubstitutionValues;
import kagami.evtx.binxml.ValueType;

/**
 * What an element's content resolves to once its substitutions are filled, without building the resolved
 * tree: which nodes are text, which are elements (a BinXml value is an element), which disappear (an optional
 * substitution of an empty value, MS-EVEN6 2.2.12). Shared by the XML, JSON and {@code Event} renderers so
 * they agree on emptiness.
 */
final class Content {
    private Content() {
    }

    /** Whether the node resolves to nothing at all (an optional substitution of an empty value). */
    static boolean dropped(Node n, SubstitutionValues v) {
        return n instanceof Node.Substitution s && (s.optional() || s.index() >= v.count()) && v.isEmpty(s.index());
    }

    /** Whether the node resolves to non-empty character content. */
    static boolean isText(Node n, SubstitutionValues v) {
        if (n instanceof Node.Substitution s) {
            return v.isText(s.index());
        }
        if (n instanceof Node.Text t) {
            return !t.text().isEmpty();
        }
        if (n instanceof Node.Literal l) {
            return l.data().length > 0;
        }
        if (n instanceof Node.CData c) {
            return !c.text().isEmpty();
        }
        return n instanceof Node.CharReference || n instanceof Node.EntityReference;
    }

    /** {@link #hasText(Node[], SubstitutionValues)} for an element's content, using its shape. */
    static boolean hasText(Node.Element e, SubstitutionValues v) {
        switch (e.shape()) {
            case Node.EMPTY:
            case Node.DISTINCT_ELEMENTS:
            case Node.ELEMENTS:
                return false;
            case Node.ONE_SUBSTITUTION:
                return isText(e.children()[0], v);
            case Node.ONE_TEXT:
                return !((Node.Text) e.children()[0]).text().isEmpty();
            default:
                return hasText(e.children(), v);
        }
    }

    /** Whether an attribute's value resolves to non-empty text. */
    static boolean hasText(Node.Attribute a, SubstitutionValues v) {
        switch (a.shape()) {
            case Node.EMPTY:
                return false;
            case Node.ONE_SUBSTITUTION:
                return isText(a.value()[0], v);
            case Node.ONE_TEXT:
                return !((Node.Text) a.value()[0]).text().isEmpty();
            default:
                return hasText(a.value(), v);
        }
    }

    /** {@link #hasElement(Node[], SubstitutionValues)} for an element's content, using its shape. */
    static boolean hasElement(Node.Element e, SubstitutionValues v) {
        switch (e.shape()) {
            case Node.EMPTY:
            case Node.ONE_TEXT:
                return false;
            case Node.DISTINCT_ELEMENTS:
            case Node.ELEMENTS:
                return true;
            case Node.ONE_SUBSTITUTION:
                return elementCount(e.children()[0], v) > 0;
            default:
                return hasElement(e.children(), v);
        }
    }

    static boolean hasText(Node[] nodes, SubstitutionValues v) {
        for (Node n : nodes) {
            if (isText(n, v)) {
                return true;
            }
        }
        return false;
    }

    /**
     * How many elements a content node resolves to: 1 for an element or a template instance, the number of
     * top-level elements of a BinXml value (usually 1, sometimes more), else 0.
     */
    static int elementCount(Node n, SubstitutionValues v) {
        if (n instanceof Node.Element) {
            return 1;
        }
        if (n instanceof Fragment f) {
            return f.root() == null ? 0 : 1;
        }
        if (n instanceof Node.Substitution s && s.index() < v.count() && v.type(s.index()) == ValueType.BINXML) {
            return v.fragments(s.index()).length;
        }
        return 0;
    }

    /** The {@code k}-th element a node resolves to ({@code k < elementCount}). */
    static Node.Element element(Node n, SubstitutionValues v, int k) {
        if (n instanceof Node.Element e) {
            return e;
        }
        if (n instanceof Fragment f) {
            return f.root();
        }
        return v.fragments(((Node.Substitution) n).index())[k].root();
    }

    /** The values the {@code k}-th element of a node reads. */
    static SubstitutionValues values(Node n, SubstitutionValues v, int k) {
        if (n instanceof Node.Element) {
            return v;
        }
        if (n instanceof Fragment f) {
            return f.values();
        }
        return v.fragments(((Node.Substitution) n).index())[k].values();
    }

    /** Receives each element content resolves to, with the values it reads. */
    interface ElementVisitor {
        void visit(Node.Element element, SubstitutionValues values);
    }

    /** Every element the content nodes resolve to, in order (a BinXml value may give several). */
    static void forEachElement(Node[] nodes, SubstitutionValues v, ElementVisitor visitor) {
        for (Node n : nodes) {
            int count = elementCount(n, v);
            for (int k = 0; k < count; k++) {
                visitor.visit(element(n, v, k), values(n, v, k));
            }
        }
    }

    static boolean hasElement(Node[] nodes, SubstitutionValues v) {
        for (Node n : nodes) {
            if (n instanceof Node.Element || elementCount(n, v) > 0) {
                return true;
            }
        }
        return false;
    }

    /** Number of nodes that remain after optional empty substitutions are dropped. */
    static int resolvedCount(Node[] nodes, SubstitutionValues v) {
        int n = 0;
        for (Node node : nodes) {
            if (!dropped(node, v)) {
                n++;
            }
        }
        return n;
    }

    /** The value type a node renders as a typed value, or -1 for text, references and elements. */
    static int valueType(Node n, SubstitutionValues v) {
        if (n instanceof Node.Substitution s) {
            int i = s.index();
            if (i >= v.count()) {
                return ValueType.NULL;
            }
            int t = v.type(i);
            return t == ValueType.STRING || t == ValueType.ANSI_STRING || t == ValueType.BINXML ? -1 : t;
        }
        if (n instanceof Node.Literal l) {
            return l.valueType();
        }
        return -1;
    }

    /** The {@code Name} attribute of an element, or {@code null}. */
    static Node.Attribute attribute(Node.Element e, String name) {
        for (Node.Attribute a : e.attributes()) {
            if (a.name().is(name)) {
                return a;
            }
        }
        return null;
    }
}
