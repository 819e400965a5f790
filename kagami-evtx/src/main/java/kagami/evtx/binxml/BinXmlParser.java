package kagami.evtx.binxml;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Parses the Binary XML of one chunk: record documents, template definitions (compiled once per chunk and
 * looked up by chunk offset, since instances refer to them that way) and template instance values.
 * Templates and names are chunk-scoped in the format, so one parser serves one chunk and chunks can be parsed
 * on different threads. Not thread-safe.
 *
 * <p>Every length and offset is checked against the chunk; nesting is capped, so hostile input ends in a
 * {@link BinXmlException}, not a stack overflow or an endless loop.
 */
public final class BinXmlParser {
    /** Deepest element nesting accepted; real events nest fewer than ten levels. */
    static final int MAX_ELEMENT_DEPTH = 64;
    /** Deepest nesting of BinXml values inside BinXml values (each level is strictly inside its parent). */
    static final int MAX_FRAGMENT_DEPTH = 8;
    /** Top-level elements accepted in one document. */
    private static final int MAX_ROOTS = 64;
    /** More values than fit in a 64 KiB chunk at 4 bytes per descriptor cannot be genuine. */
    private static final int MAX_VALUES = 16384;

    private final byte[] chunk;
    private final NameTable names;
    private final TemplateCache sharedTemplates;
    /** Compiled templates of this chunk by definition offset: open addressing, no boxing on the per-record path. */
    private int[] templateOffsets = new int[32];
    private TemplateDefinition[] templateDefinitions = new TemplateDefinition[32];
    private int templateCount;

    /** @param sharedTemplates cross-chunk cache, or {@code null} to compile every template in every chunk */
    public BinXmlParser(byte[] chunk, TemplateCache sharedTemplates) {
        this.chunk = chunk;
        this.names = new NameTable(chunk);
        this.sharedTemplates = sharedTemplates;
    }

    public byte[] chunk() {
        return chunk;
    }

    /** Number of distinct template definitions used so far in this chunk. */
    public int templateCount() {
        return templateCount;
    }

    /**
     * Parses the Binary XML of an event record, {@code [start, end)} in the chunk. The common shape — fragment
     * header, template instance, end of file — is read directly; anything else goes through the general tree
     * builder.
     */
    public Fragment parseRecord(int start, int end) {
        BinXmlCursor in = new BinXmlCursor(chunk, start, end);
        if (in.remaining() >= 15 && chunk[start] == Token.FRAGMENT_HEADER && chunk[start + 4] == Token.TEMPLATE_INSTANCE) {
            in.skip(4, "fragment header");
            TokenReader tokens = new TokenReader(in, names, true);
            Token.TemplateInstance t = (Token.TemplateInstance) tokens.next();
            Fragment f = instantiate(in, t, 0);
            if (f.root() == null) {
                throw new BinXmlException(start, "the record holds no event element");
            }
            return f;
        }
        Fragment[] roots = parseDocument(in, true, 0);
        if (roots.length == 0) {
            throw new BinXmlException(start, "the record holds no event element");
        }
        // A record holds one event; anything after its root element is not part of it.
        return roots[0];
    }

    /** A template definition at a chunk offset, compiled on first use in this chunk. */
    public TemplateDefinition templateAt(int offset) {
        int mask = templateOffsets.length - 1;
        int slot = (offset * 0x9E3779B1) >>> 16 & mask;
        while (templateDefinitions[slot] != null) {
            if (templateOffsets[slot] == offset) {
                return templateDefinitions[slot];
            }
            slot = (slot + 1) & mask;
        }
        TemplateDefinition t = compile(offset);
        remember(offset, t);
        return t;
    }

    private void remember(int offset, TemplateDefinition t) {
        if ((templateCount + 1) * 2 > templateOffsets.length) {
            int[] oldOffsets = templateOffsets;
            TemplateDefinition[] oldDefinitions = templateDefinitions;
            templateOffsets = new int[oldOffsets.length * 2];
            templateDefinitions = new TemplateDefinition[oldOffsets.length * 2];
            templateCount = 0;
            for (int i = 0; i < oldOffsets.length; i++) {
                if (oldDefinitions[i] != null) {
                    remember(oldOffsets[i], oldDefinitions[i]);
                }
            }
        }
        int mask = templateOffsets.length - 1;
        int slot = (offset * 0x9E3779B1) >>> 16 & mask;
        while (templateDefinitions[slot] != null) {
            slot = (slot + 1) & mask;
        }
        templateOffsets[slot] = offset;
        templateDefinitions[slot] = t;
        templateCount++;
    }

    private TemplateDefinition compile(int offset) {
        if (offset < 0 || offset > chunk.length - 24) {
            throw new BinXmlException(offset, "template definition offset " + offset + " lies outside the chunk");
        }
        byte[] guid = Arrays.copyOfRange(chunk, offset + 4, offset + 20);
        long size = LittleEndian.u32(chunk, offset + 20);
        int dataStart = offset + 24;
        if (size > chunk.length - dataStart) {
            throw new BinXmlException(offset, "template definition data size " + size + " runs past the chunk");
        }
        int dataEnd = dataStart + (int) size;
        if (sharedTemplates != null) {
            TemplateDefinition shared = sharedTemplates.lookup(chunk, guid, dataStart, dataEnd, names);
            if (shared != null) {
                return shared;
            }
        }
        BinXmlCursor in = new BinXmlCursor(chunk, dataStart, dataEnd);
        NameReferences references = sharedTemplates == null ? null : new NameReferences();
        TokenReader tokens = new TokenReader(in, names, true);
        if (references != null) {
            tokens.recordingNames(references);
        }
        Node root = new TreeBuilder(tokens, false, 0).build();
        if (!(root instanceof Node.Element element)) {
            throw new BinXmlException(offset, "template definition holds no element");
        }
        TemplateDefinition t = new TemplateDefinition(guid, (int) size, element);
        if (sharedTemplates != null) {
            sharedTemplates.store(chunk, t, dataStart, dataEnd, references);
        }
        return t;
    }

    /** Reads the instance data after a template instance token and binds it to the compiled template. */
    private Fragment instantiate(BinXmlCursor in, Token.TemplateInstance t, int depth) {
        TemplateDefinition definition = templateAt(t.definitionOffset());
        // The instance's template identifier is the first four bytes of the definition's GUID: a reference into
        // bytes that now hold another template (stale slack, damage) is refused rather than mis-rendered.
        if (LittleEndian.i32(definition.guid(), 0) != t.templateId()) {
            throw new BinXmlException(t.definitionOffset(), String.format(
                    "template identifier 0x%08x does not match the definition at offset %d", t.templateId(), t.definitionOffset()));
        }
        SubstitutionValues values = readValues(in, depth);
        return new Fragment(definition.root(), values);
    }

    private SubstitutionValues readValues(BinXmlCursor in, int depth) {
        int at = in.position();
        int count = in.u32AsInt("template value count");
        if (count > MAX_VALUES || count > in.remaining() / 4) {
            throw new BinXmlException(at, "template value count " + count + " does not fit the record");
        }
        if (count == 0) {
            return SubstitutionValues.EMPTY;
        }
        int[] slots = new int[count * 2];
        byte[] data = in.data();
        int pos = in.position();
        for (int i = 0; i < count; i++) {
            int size = LittleEndian.u16(data, pos);
            int type = data[pos + 2] & 0xff;
            slots[(i << 1) + 1] = size << 8 | type;
            pos += 4;
        }
        in.skip(count * 4, "value descriptors");
        Fragment[][] fragments = null;
        int offset = in.position();
        int limit = in.limit();
        for (int i = 0; i < count; i++) {
            int size = slots[(i << 1) + 1] >>> 8;
            int type = slots[(i << 1) + 1] & 0xff;
            if (size > limit - offset) {
                throw new BinXmlException(offset, "value " + i + " (" + ValueType.name(type) + ", " + size
                        + " bytes) runs past the record");
            }
            slots[i << 1] = offset;
            if (type == ValueType.BINXML && size > 0) {
                if (depth + 1 > MAX_FRAGMENT_DEPTH) {
                    throw new BinXmlException(offset, "BinXml values nested more than " + MAX_FRAGMENT_DEPTH + " deep");
                }
                if (fragments == null) {
                    fragments = new Fragment[count][];
                }
                fragments[i] = parseDocument(new BinXmlCursor(data, offset, offset + size), false, depth + 1);
            }
            offset += size;
        }
        in.skip(offset - in.position(), "values");
        return new SubstitutionValues(data, slots, fragments);
    }

    /**
     * The top-level elements and template instances of a document, each as a fragment. A record has one; a
     * BinXml value may hold several (an {@code EventData} instance followed by a {@code RenderingInfo} one).
     */
    private Fragment[] parseDocument(BinXmlCursor in, boolean dependencyIds, int depth) {
        byte[] d = in.data();
        int p = in.position();
        if (in.remaining() >= 15 && d[p] == Token.FRAGMENT_HEADER && d[p + 4] == Token.TEMPLATE_INSTANCE) {
            // The common shape (fragment header, one template instance, end of file) without the tree builder.
            in.skip(4, "fragment header");
            Token.TemplateInstance t = (Token.TemplateInstance) new TokenReader(in, names, dependencyIds).next();
            Fragment f = instantiate(in, t, depth);
            if (in.remaining() == 0 || (in.remaining() == 1 && d[in.position()] == Token.EOF)) {
                return f.root() == null ? new Fragment[0] : new Fragment[] {f};
            }
            in = new BinXmlCursor(d, p, in.limit());
        }
        TreeBuilder b = new TreeBuilder(new TokenReader(in, names, dependencyIds), true, depth);
        b.build();
        List<Fragment> out = new ArrayList<>(b.roots.size());
        for (Node n : b.roots) {
            if (n instanceof Fragment f) {
                if (f.root() != null) {
                    out.add(f);
                }
            } else if (n instanceof Node.Element e) {
                out.add(new Fragment(e, SubstitutionValues.EMPTY));
            }
        }
        return out.toArray(new Fragment[0]);
    }

    /**
     * Builds an element tree from tokens. In a template definition, substitutions become slots and template
     * instances are refused (the format has none there, and refusing them rules out template cycles); in a
     * record, template instances are bound to their values.
     */
    private final class TreeBuilder {
        private final TokenReader tokens;
        private final boolean record;
        private final int depth;
        private final ArrayDeque<ElementBuilder> open = new ArrayDeque<>();
        private ElementBuilder start;
        private final List<Node> roots = new ArrayList<>(1);
        private Name piTarget;

        TreeBuilder(TokenReader tokens, boolean record, int depth) {
            this.tokens = tokens;
            this.record = record;
            this.depth = depth;
        }

        Node build() {
            BinXmlCursor in = tokens.cursor();
            while (!tokens.atEnd()) {
                int at = in.position();
                Token t = tokens.next();
                if (t instanceof Token.EndOfFile) {
                    break;
                } else if (t instanceof Token.Substitution s) {
                    if (record) {
                        throw new BinXmlException(at, "substitution outside a template definition");
                    }
                    add(new Node.Substitution(s.index(), s.valueType(), s.optional()), at);
                } else if (t instanceof Token.Value v) {
                    add(literal(v), at);
                } else if (t instanceof Token.OpenStartElement o) {
                    if (start != null) {
                        throw new BinXmlException(at, "element starts inside another element's start tag");
                    }
                    if (open.size() >= MAX_ELEMENT_DEPTH) {
                        throw new BinXmlException(at, "elements nested more than " + MAX_ELEMENT_DEPTH + " deep");
                    }
                    start = new ElementBuilder(o.name());
                } else if (t instanceof Token.Attribute a) {
                    if (start == null) {
                        throw new BinXmlException(at, "attribute outside a start tag");
                    }
                    start.startAttribute(a.name());
                } else if (t instanceof Token.CloseStartElement) {
                    if (start == null) {
                        throw new BinXmlException(at, "close of a start tag that was not opened");
                    }
                    open.push(start);
                    start = null;
                } else if (t instanceof Token.CloseEmptyElement) {
                    if (start == null) {
                        throw new BinXmlException(at, "close of an empty element that was not opened");
                    }
                    Node.Element e = start.build();
                    start = null;
                    attach(e, at);
                } else if (t instanceof Token.EndElement) {
                    if (start != null || open.isEmpty()) {
                        throw new BinXmlException(at, "end of an element that was not opened");
                    }
                    attach(open.pop().build(), at);
                } else if (t instanceof Token.TemplateInstance ti) {
                    if (!record) {
                        throw new BinXmlException(at, "template instance inside a template definition");
                    }
                    if (start != null) {
                        throw new BinXmlException(at, "template instance inside a start tag");
                    }
                    attach(instantiate(in, ti, depth), at);
                } else if (t instanceof Token.CharReference c) {
                    add(new Node.CharReference(c.value()), at);
                } else if (t instanceof Token.EntityReference e) {
                    add(new Node.EntityReference(e.name()), at);
                } else if (t instanceof Token.CDataSection c) {
                    add(new Node.CData(c.text()), at);
                } else if (t instanceof Token.PITarget p) {
                    piTarget = p.name();
                } else if (t instanceof Token.PIData p) {
                    if (piTarget != null && !open.isEmpty() && start == null) {
                        open.peek().addChild(new Node.ProcessingInstruction(piTarget, p.text()));
                    }
                    piTarget = null;
                }
                // Fragment headers carry nothing to keep; a PI outside the root element (prologue) is dropped.
            }
            if (start != null || !open.isEmpty()) {
                throw new BinXmlException(in.position(), "document ends inside an element");
            }
            return roots.isEmpty() ? null : roots.get(0);
        }

        private Node literal(Token.Value v) {
            byte[] data = tokens.cursor().data();
            if (v.valueType() == ValueType.STRING) {
                return Node.Text.of(trimNul(new String(data, v.offset(), v.size(), java.nio.charset.StandardCharsets.UTF_16LE)));
            }
            return new Node.Literal(v.valueType(), Arrays.copyOfRange(data, v.offset(), v.offset() + v.size()));
        }

        private void add(Node n, int at) {
            if (start != null) {
                start.addAttributeValue(n, at);
            } else if (!open.isEmpty()) {
                open.peek().addChild(n);
            } else {
                throw new BinXmlException(at, "content outside the root element");
            }
        }

        private void attach(Node n, int at) {
            if (!open.isEmpty()) {
                open.peek().addChild(n);
            } else if (roots.size() < MAX_ROOTS) {
                roots.add(n);
            } else {
                throw new BinXmlException(at, "more than " + MAX_ROOTS + " top-level elements");
            }
        }
    }

    static String trimNul(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == 0) {
            end--;
        }
        return end == s.length() ? s : s.substring(0, end);
    }

    private static final class ElementBuilder {
        private static final Node[] NO_NODES = new Node[0];
        private static final Node.Attribute[] NO_ATTRIBUTES = new Node.Attribute[0];

        private final Name name;
        private List<Node.Attribute> attributes;
        private Name attributeName;
        private List<Node> attributeValue;
        private List<Node> children;

        ElementBuilder(Name name) {
            this.name = name;
        }

        void startAttribute(Name n) {
            finishAttribute();
            attributeName = n;
            attributeValue = new ArrayList<>(1);
        }

        void addAttributeValue(Node n, int at) {
            if (attributeName == null) {
                throw new BinXmlException(at, "attribute value without an attribute");
            }
            attributeValue.add(n);
        }

        void addChild(Node n) {
            if (children == null) {
                children = new ArrayList<>(4);
            }
            children.add(n);
        }

        private void finishAttribute() {
            if (attributeName != null) {
                if (attributes == null) {
                    attributes = new ArrayList<>(2);
                }
                attributes.add(Node.Attribute.of(name, attributeName, attributeValue.toArray(NO_NODES)));
                attributeName = null;
                attributeValue = null;
            }
        }

        Node.Element build() {
            finishAttribute();
            return Node.Element.of(name,
                    attributes == null ? NO_ATTRIBUTES : attributes.toArray(NO_ATTRIBUTES),
                    children == null ? NO_NODES : children.toArray(NO_NODES));
        }
    }
}
