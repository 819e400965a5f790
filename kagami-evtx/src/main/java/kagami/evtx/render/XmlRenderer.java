package kagami.evtx.render;

import kagami.evtx.binxml.Fragment;
import kagami.evtx.binxml.Node;
import kagami.evtx.binxml.SubstitutionValues;
import kagami.evtx.binxml.ValueType;
import kagami.evtx.render.Utf8Output.Escaping;
import kagami.evtx.render.ValueText.Dialect;

/**
 * Renders a record as event XML the way Windows (and libevtx's {@code evtxexport -f xml}) shows it: one element
 * per line, two-space indentation, values in the {@link Dialect#XML} dialect, and the substitution rules of
 * libyal's format description:
 * <ul>
 *   <li>an element whose content is an optional substitution of a NULL value, and nothing else that renders,
 *       is not created;</li>
 *   <li>an element whose content is an array value is repeated for every item of the array (a single empty
 *       element for an empty array);</li>
 *   <li>attributes whose value comes out empty are left out.</li>
 * </ul>
 */
public final class XmlRenderer {
    private XmlRenderer() {
    }

    public static void render(Fragment record, Utf8Output out) {
        if (record.root() != null) {
            element(record.root(), record.values(), out, 0);
        }
    }

    private static void element(Node.Element e, SubstitutionValues v, Utf8Output out, int depth) {
        Node[] children = e.children();
        switch (e.shape()) {
            case Node.EMPTY:
                startTag(e, v, out, depth);
                out.write(EMPTY_END);
                return;
            case Node.DISTINCT_ELEMENTS:
            case Node.ELEMENTS:
                startTag(e, v, out, depth);
                out.write('>');
                out.write('\n');
                for (Node child : children) {
                    element((Node.Element) child, v, out, depth + 1);
                }
                endTag(e, out, depth);
                return;
            case Node.ONE_SUBSTITUTION: {
                int index = ((Node.Substitution) children[0]).index();
                int type = index < v.count() ? v.type(index) : ValueType.NULL;
                if ((type & ValueType.ARRAY) == 0 && type != ValueType.BINXML) {
                    if (type == ValueType.NULL && ((Node.Substitution) children[0]).optional()) {
                        return;
                    }
                    startTag(e, v, out, depth);
                    if (!v.isText(index)) {
                        out.write(EMPTY_END);
                        return;
                    }
                    out.write('>');
                    ValueText.write(out, v.data(), v.offset(index), v.size(index), type, Dialect.XML, Escaping.XML_TEXT);
                    out.write('<');
                    out.write('/');
                    out.write(e.name().xmlBytes());
                    out.write('>');
                    out.write('\n');
                    return;
                }
                break;
            }
            default:
                break;
        }
        int array = -1;
        boolean nullOptional = false;
        for (int i = 0; i < children.length; i++) {
            if (children[i] instanceof Node.Substitution s) {
                int index = s.index();
                int type = index < v.count() ? v.type(index) : ValueType.NULL;
                if (type == ValueType.NULL && s.optional()) {
                    nullOptional = true;
                }
                if ((type & ValueType.ARRAY) != 0 && array < 0) {
                    array = i;
                }
            }
        }
        if (nullOptional && !Content.hasElement(children, v) && !Content.hasText(children, v)) {
            return;
        }
        if (array < 0) {
            element(e, v, out, depth, null, -1, 0);
            return;
        }
        int index = ((Node.Substitution) children[array]).index();
        int[] items = ArrayItems.of(v.data(), v.offset(index), v.size(index), v.type(index));
        if (items.length == 0) {
            element(e, v, out, depth, children[array], 0, 0);
        }
        for (int k = 0; k < items.length; k += 2) {
            element(e, v, out, depth, children[array], items[k], items[k + 1]);
        }
    }

    /**
     * One element. {@code arrayNode}, when not null, is the content node holding an array value; it renders as
     * the single item {@code [itemOffset, itemOffset + itemSize)}.
     */
    private static void element(Node.Element e, SubstitutionValues v, Utf8Output out, int depth, Node arrayNode,
            int itemOffset, int itemSize) {
        startTag(e, v, out, depth);
        Node[] children = e.children();
        boolean elements = Content.hasElement(children, v);
        boolean text = arrayNode != null ? itemSize > 0 || hasTextBesides(children, v, arrayNode)
                : Content.hasText(children, v);
        if (!elements && !text) {
            out.write('/');
            out.write('>');
            out.write('\n');
            return;
        }
        out.write('>');
        if (elements) {
            out.write('\n');
            for (Node n : children) {
                int count = Content.elementCount(n, v);
                if (count > 0) {
                    for (int k = 0; k < count; k++) {
                        element(Content.element(n, v, k), Content.values(n, v, k), out, depth + 1);
                    }
                } else if (Content.isText(n, v)) {
                    out.spaces(depth * 2 + 2);
                    node(n, v, out, Escaping.XML_TEXT, arrayNode, itemOffset, itemSize);
                    out.write('\n');
                }
            }
            out.spaces(depth * 2);
        } else {
            text(children, v, out, Escaping.XML_TEXT, arrayNode, itemOffset, itemSize);
        }
        out.write('<');
        out.write('/');
        out.write(e.name().xmlBytes());
        out.write('>');
        out.write('\n');
    }

    private static final byte[] EMPTY_END = {'/', '>', '\n'};

    /** Indentation, {@code <Name} and the attributes whose value is not empty (no closing {@code >}). */
    private static void startTag(Node.Element e, SubstitutionValues v, Utf8Output out, int depth) {
        out.spaces(depth * 2);
        out.write('<');
        out.write(e.name().xmlBytes());
        for (Node.Attribute a : e.attributes()) {
            if (!Content.hasText(a, v)) {
                continue;
            }
            out.write(' ');
            out.write(a.name().xmlBytes());
            out.write('=');
            out.write('"');
            if (a.shape() == Node.ONE_SUBSTITUTION) {
                int i = ((Node.Substitution) a.value()[0]).index();
                ValueText.write(out, v.data(), v.offset(i), v.size(i), v.type(i), Dialect.XML, Escaping.XML_ATTRIBUTE);
            } else if (a.shape() == Node.ONE_TEXT) {
                out.write(((Node.Text) a.value()[0]).xmlAttribute());
            } else {
                text(a.value(), v, out, Escaping.XML_ATTRIBUTE, null, 0, 0);
            }
            out.write('"');
        }
    }

    private static void endTag(Node.Element e, Utf8Output out, int depth) {
        out.spaces(depth * 2);
        out.write('<');
        out.write('/');
        out.write(e.name().xmlBytes());
        out.write('>');
        out.write('\n');
    }

    private static boolean hasTextBesides(Node[] nodes, SubstitutionValues v, Node skip) {
        for (Node n : nodes) {
            if (n != skip && Content.isText(n, v)) {
                return true;
            }
        }
        return false;
    }

    private static void text(Node[] nodes, SubstitutionValues v, Utf8Output out, Escaping escaping, Node arrayNode,
            int itemOffset, int itemSize) {
        for (Node n : nodes) {
            node(n, v, out, escaping, arrayNode, itemOffset, itemSize);
        }
    }

    private static void node(Node n, SubstitutionValues v, Utf8Output out, Escaping escaping, Node arrayNode,
            int itemOffset, int itemSize) {
        if (n instanceof Node.Substitution s) {
            int i = s.index();
            if (i < v.count()) {
                int type = v.type(i);
                if (n == arrayNode) {
                    ValueText.write(out, v.data(), itemOffset, itemSize, ArrayItems.itemType(type), Dialect.XML, escaping);
                } else if (type != ValueType.BINXML) {
                    ValueText.write(out, v.data(), v.offset(i), v.size(i), type, Dialect.XML, escaping);
                }
            }
        } else if (n instanceof Node.Text t) {
            out.write(escaping == Escaping.XML_ATTRIBUTE ? t.xmlAttribute() : t.xmlText());
        } else if (n instanceof Node.Literal l) {
            ValueText.write(out, l.data(), 0, l.data().length, l.valueType(), Dialect.XML, escaping);
        } else if (n instanceof Node.CharReference c) {
            out.ascii("&#");
            out.decimal(c.value());
            out.write(';');
        } else if (n instanceof Node.EntityReference r) {
            if (!isPredefinedEntity(r.name().value())) {
                // An unknown entity would make the document unreadable; keep its name as text.
                out.ascii("&amp;");
            } else {
                out.write('&');
            }
            out.write(r.name().xmlBytes());
            out.write(';');
        } else if (n instanceof Node.CData c) {
            if (escaping == Escaping.XML_TEXT) {
                out.ascii("<![CDATA[");
                out.text(c.text().replace("]]>", "]]]]><![CDATA[>"), Escaping.NONE);
                out.ascii("]]>");
            } else {
                out.text(c.text(), escaping);
            }
        } else if (n instanceof Node.ProcessingInstruction p && escaping == Escaping.XML_TEXT) {
            out.ascii("<?");
            out.write(p.target().xmlBytes());
            out.write(' ');
            out.text(p.data().replace("?>", "? >"), escaping);
            out.ascii("?>");
        }
    }

    static boolean isPredefinedEntity(String name) {
        return name.equals("lt") || name.equals("gt") || name.equals("amp") || name.equals("quot") || name.equals("apos");
    }
}
