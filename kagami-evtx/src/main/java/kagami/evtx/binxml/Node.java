package kagami.evtx.binxml;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * The parsed form of Binary XML: an element tree whose leaves are literal text, typed literals, references
 * and substitution slots. A compiled {@link TemplateDefinition} is such a tree; a record is a {@link Fragment}
 * binding a tree to its substitution values. Trees hold no chunk offsets, so a compiled template can be reused
 * by any chunk that defines the same template.
 *
 * <p>Elements and attributes carry a {@code shape} computed once when the tree is built, so renderers can take
 * the common cases (content that is one substitution, children that are distinct static elements) without
 * re-examining the content for every record.
 */
public sealed interface Node permits Node.Element, Node.Text, Node.Literal, Node.Substitution, Node.CharReference,
        Node.EntityReference, Node.CData, Node.ProcessingInstruction, Fragment {

    /** No content. */
    int EMPTY = 0;
    /** Exactly one node, a substitution. */
    int ONE_SUBSTITUTION = 1;
    /** Exactly one node, literal text. */
    int ONE_TEXT = 2;
    /** Only elements (at least one), with pairwise distinct names: no {@code _N} suffixes are ever needed. */
    int DISTINCT_ELEMENTS = 3;
    /** Anything else. */
    int GENERAL = 4;
    /** Only elements (at least one), some sharing a name ({@code Data}, {@code Header} ...). */
    int ELEMENTS = 5;

    /** An element with its attributes and content (libyal "Element"). */
    record Element(Name name, Attribute[] attributes, Node[] children, int shape, Text dataName, int[] suffixes,
            boolean namedData, int id) implements Node {
        /**
         * Builds an element and its shape. {@code dataName} is the static text of the {@code Name} attribute of
         * a {@code Data} element (the key {@code EventData} is flattened by), or {@code null}; {@code suffixes}
         * gives, for element children ({@link #ELEMENTS}, {@link #DISTINCT_ELEMENTS}), how many earlier siblings
         * share the child's name; {@code namedData} whether a child is a {@code Data} element with a literal name;
         * {@code id} a number of its own, a cheap hash for caches keyed by tree identity (records never compare
         * trees structurally).
         */
        public static Element of(Name name, Attribute[] attributes, Node[] children) {
            Text dataName = null;
            if (name.isData()) {
                for (Attribute a : attributes) {
                    if (a.name().is("Name") && a.shape() == ONE_TEXT && !((Text) a.value()[0]).text().isEmpty()) {
                        dataName = (Text) a.value()[0];
                    }
                }
            }
            int shape = contentShape(children);
            int[] suffixes = null;
            boolean namedData = false;
            if (shape == ELEMENTS || shape == DISTINCT_ELEMENTS) {
                suffixes = new int[children.length];
                java.util.Map<Name, Integer> seen = new java.util.HashMap<>();
                for (int i = 0; i < children.length; i++) {
                    Element c = (Element) children[i];
                    suffixes[i] = seen.merge(c.name(), 1, Integer::sum) - 1;
                    namedData |= c.dataName() != null;
                }
            }
            return new Element(name, attributes, children, shape, dataName, suffixes, namedData, IDS.incrementAndGet());
        }

        /** Element numbers ({@link #id}). */
        private static final java.util.concurrent.atomic.AtomicInteger IDS = new java.util.concurrent.atomic.AtomicInteger();
    }

    /**
     * An attribute; its value is a sequence of text, literal, substitution and reference nodes. {@code field} is
     * its flat field name, element + {@code _} + attribute ({@code Provider_Name}), made once per template.
     */
    record Attribute(Name name, Node[] value, int shape, String field) {
        public static Attribute of(Name element, Name name, Node[] value) {
            return new Attribute(name, value, contentShape(value), element.value() + "_" + name.value());
        }
    }

    /**
     * Literal text from a value token of type String, with its UTF-8 forms escaped for JSON strings, XML
     * character data and XML attribute values, so rendering copies bytes.
     */
    record Text(String text, byte[] json, byte[] xmlText, byte[] xmlAttribute) implements Node {
        public static Text of(String text) {
            return new Text(text, Escaping.json(text), Escaping.xml(text, false), Escaping.xml(text, true));
        }
    }

    /** A literal of another type from a value token (seen in forwarded-event logs); {@code data} is a copy. */
    record Literal(int valueType, byte[] data) implements Node {
    }

    /** A substitution slot: index into the instance's values, declared type, optional or normal. */
    record Substitution(int index, int valueType, boolean optional) implements Node {
    }

    /** {@code &#N;}. */
    record CharReference(int value) implements Node {
    }

    /** {@code &name;}. */
    record EntityReference(Name name) implements Node {
    }

    /** {@code <![CDATA[...]]>}. */
    record CData(String text) implements Node {
    }

    /** {@code <?target data?>}. */
    record ProcessingInstruction(Name target, String data) implements Node {
    }

    private static int contentShape(Node[] nodes) {
        if (nodes.length == 0) {
            return EMPTY;
        }
        if (nodes.length == 1 && nodes[0] instanceof Substitution) {
            return ONE_SUBSTITUTION;
        }
        if (nodes.length == 1 && nodes[0] instanceof Text) {
            return ONE_TEXT;
        }
        Set<Name> names = new HashSet<>();
        boolean distinct = true;
        for (Node n : nodes) {
            if (!(n instanceof Element e)) {
                return GENERAL;
            }
            distinct &= names.add(e.name());
        }
        return distinct ? DISTINCT_ELEMENTS : ELEMENTS;
    }

    /**
     * The escaping rules of the renderers' UTF-8 writer, for text known when a template is compiled: JSON
     * ({@code " \} and control characters), XML ({@code & < >}, {@code "} in attribute values, and control
     * characters as character references); unpaired surrogates become U+FFFD.
     */
    final class Escaping {
        private Escaping() {
        }

        static byte[] json(String s) {
            StringBuilder b = new StringBuilder(s.length() + 8);
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '"': b.append("\\\""); break;
                    case '\\': b.append("\\\\"); break;
                    case '\n': b.append("\\n"); break;
                    case '\r': b.append("\\r"); break;
                    case '\t': b.append("\\t"); break;
                    case '\b': b.append("\\b"); break;
                    case '\f': b.append("\\f"); break;
                    default:
                        if (c < 0x20) {
                            b.append(String.format("\\u00%02x", (int) c));
                        } else {
                            b.append(c);
                        }
                }
            }
            return utf8(b);
        }

        static byte[] xml(String s, boolean attribute) {
            StringBuilder b = new StringBuilder(s.length() + 8);
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '&': b.append("&amp;"); break;
                    case '<': b.append("&lt;"); break;
                    case '>': b.append("&gt;"); break;
                    case '"':
                        b.append(attribute ? "&quot;" : "\"");
                        break;
                    default:
                        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                            b.append("&#x").append(Integer.toHexString(c)).append(';');
                        } else {
                            b.append(c);
                        }
                }
            }
            return utf8(b);
        }

        private static byte[] utf8(CharSequence s) {
            StringBuilder clean = new StringBuilder(s.length());
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    clean.append(c).append(s.charAt(++i));
                } else {
                    clean.append(Character.isSurrogate(c) ? '\ufffd' : c);
                }
            }
            return clean.toString().getBytes(StandardCharsets.UTF_8);
        }
    }
}
