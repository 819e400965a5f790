package kagami.evtx.binxml;

/**
 * Reads Binary XML tokens from a chunk (libyal EVTX "Binary XML"). Names are resolved through the chunk's
 * {@link NameTable}; inline name and template definitions are stepped over. Element starts carry a dependency
 * identifier except inside a BinXml substitution value (libyal: "The dependency identifier is not present when
 * the element start is used in a substitution token with value type: Binary XML (0x21)"). Forwarded-event
 * (WEC) logs also store plain element trees without it, so each element start is read both ways and the
 * reading whose name offset makes sense wins: a name is either defined right there or earlier in the chunk.
 */
public final class TokenReader {
    private static final Token.EndOfFile EOF = new Token.EndOfFile();
    private static final Token.CloseStartElement CLOSE_START = new Token.CloseStartElement();
    private static final Token.CloseEmptyElement CLOSE_EMPTY = new Token.CloseEmptyElement();
    private static final Token.EndElement END_ELEMENT = new Token.EndElement();

    private final BinXmlCursor in;
    private final NameTable names;
    private final boolean dependencyIds;
    private NameReferences references;

    public TokenReader(BinXmlCursor in, NameTable names, boolean dependencyIds) {
        this.in = in;
        this.names = names;
        this.dependencyIds = dependencyIds;
    }

    /** Records every name reference read from now on (for the cross-chunk template cache). */
    TokenReader recordingNames(NameReferences into) {
        this.references = into;
        return this;
    }

    public BinXmlCursor cursor() {
        return in;
    }

    public boolean atEnd() {
        return in.remaining() == 0;
    }

    /** The next token; {@link BinXmlException} on an unknown token or truncated data. */
    public Token next() {
        int at = in.position();
        int tokenByte = in.u8("token");
        int kind = tokenByte & 0x1f;
        boolean more = (tokenByte & Token.MORE_DATA) != 0;
        switch (kind) {
            case Token.EOF:
                return EOF;
            case Token.OPEN_START_ELEMENT: {
                if (hasDependencyId()) {
                    in.u16("dependency identifier");
                }
                int dataSize = in.u32AsInt("element data size");
                Name name = readName();
                if (more) {
                    in.u32AsInt("attribute list size");
                }
                return new Token.OpenStartElement(name, dataSize, more);
            }
            case Token.CLOSE_START_ELEMENT:
                return CLOSE_START;
            case Token.CLOSE_EMPTY_ELEMENT:
                return CLOSE_EMPTY;
            case Token.END_ELEMENT:
                return END_ELEMENT;
            case Token.VALUE:
                return readValue();
            case Token.ATTRIBUTE:
                return new Token.Attribute(readName());
            case Token.CDATA_SECTION:
                return new Token.CDataSection(in.utf16(in.u16("CDATA length"), "CDATA text"));
            case Token.CHAR_REFERENCE:
                return new Token.CharReference(in.u16("character reference"));
            case Token.ENTITY_REFERENCE:
                return new Token.EntityReference(readName());
            case Token.PI_TARGET:
                return new Token.PITarget(readName());
            case Token.PI_DATA:
                return new Token.PIData(in.utf16(in.u16("PI data length"), "PI data"));
            case Token.TEMPLATE_INSTANCE:
                return readTemplateInstance();
            case Token.NORMAL_SUBSTITUTION:
            case Token.OPTIONAL_SUBSTITUTION: {
                int index = in.u16("substitution index");
                int type = in.u8("substitution value type");
                return new Token.Substitution(index, type, kind == Token.OPTIONAL_SUBSTITUTION);
            }
            case Token.FRAGMENT_HEADER:
                return new Token.FragmentHeader(in.u8("major version"), in.u8("minor version"), in.u8("flags"));
            default:
                throw new BinXmlException(at, String.format("unknown Binary XML token 0x%02x", tokenByte));
        }
    }

    /** Whether the element start at the position carries a dependency identifier (see the class comment). */
    private boolean hasDependencyId() {
        boolean with = plausibleElementStart(2);
        boolean without = plausibleElementStart(0);
        if (with != without) {
            return with;
        }
        return dependencyIds;
    }

    /** Whether reading data size and name offset {@code skip} bytes ahead gives sensible values. */
    private boolean plausibleElementStart(int skip) {
        int p = in.position() + skip;
        if (in.limit() - p < 8) {
            return false;
        }
        byte[] d = in.data();
        long dataSize = LittleEndian.u32(d, p);
        long nameOffset = LittleEndian.u32(d, p + 4);
        return dataSize <= in.limit() - p && (nameOffset == p + 8 || nameOffset + 8 <= p);
    }

    private Token.Value readValue() {
        int type = in.u8("value type");
        int offset;
        int size;
        if (type == ValueType.STRING) {
            int chars = in.u16("value text length");
            offset = in.position();
            size = chars * 2;
        } else if (type == ValueType.SID) {
            offset = in.position();
            in.need(8, "SID");
            size = 8 + 4 * LittleEndian.u8(in.data(), offset + 1);
        } else {
            size = ValueType.fixedSize(type);
            offset = in.position();
            if (size == 0) {
                throw new BinXmlException(offset - 1, "value token of unsized type " + ValueType.name(type));
            }
        }
        in.skip(size, "value data");
        return new Token.Value(type, offset, size);
    }

    private Name readName() {
        int field = in.position();
        int offset = in.u32AsInt("name offset");
        boolean inline = offset == in.position();
        if (inline) {
            // Defined inline on first use in the chunk: step over next-link, hash, count, text and NUL.
            in.skip(6, "name header");
            int chars = in.u16("name length");
            in.skip(chars * 2 + 2, "name text");
        }
        Name n = names.nameAt(offset);
        if (references != null) {
            references.add(field, inline, n);
        }
        return n;
    }

    private Token.TemplateInstance readTemplateInstance() {
        in.u8("template instance version");
        int templateId = in.i32("template identifier");
        int definitionOffset = in.u32AsInt("template definition offset");
        if (definitionOffset == in.position()) {
            // Inline definition (first use in the chunk): next-definition offset, GUID, data size, data.
            in.skip(20, "template definition header");
            int dataSize = in.u32AsInt("template data size");
            in.skip(dataSize, "template definition data");
        }
        return new Token.TemplateInstance(templateId, definitionOffset, in.position());
    }
}
