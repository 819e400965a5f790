package kagami.evtx.binxml;

/**
 * The parsed form of Binary XML: an element tree whose leaves are literal text, typed literals, references
 * and substitution slots. A compiled {@link TemplateDefinition} is such a tree; a record is a {@link Fragment}
 * binding a tree to its substitution values. Trees hold no chunk offsets, so a compiled template can be reused
 * by any chunk that defines the same template.
 */
public sealed interface Node permits Node.Element, Node.Text, Node.Literal, Node.Substitution, Node.CharReference,
        Node.EntityReference, Node.CData, Node.ProcessingInstruction, Fragment {

    /** An element with its attributes and content (libyal "Element"). */
    record Element(Name name, Attribute[] attributes, Node[] children) implements Node {
    }

    /** An attribute; its value is a sequence of text, literal, substitution and reference nodes. */
    record Attribute(Name name, Node[] value) {
    }

    /** Literal text from a value token of type String. */
    record Text(String text) implements Node {
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
}
