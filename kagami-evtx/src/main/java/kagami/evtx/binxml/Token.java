package kagami.evtx.binxml;

/**
 * The Binary XML tokens (libyal EVTX "Token types"; MS-EVEN6 2.2.12). The low five bits of a token byte give
 * its kind; 0x40 marks "more data follows" (attributes, or further value text). Offsets are chunk-relative.
 */
public sealed interface Token {
    int EOF = 0x00;
    int OPEN_START_ELEMENT = 0x01;
    int CLOSE_START_ELEMENT = 0x02;
    int CLOSE_EMPTY_ELEMENT = 0x03;
    int END_ELEMENT = 0x04;
    int VALUE = 0x05;
    int ATTRIBUTE = 0x06;
    int CDATA_SECTION = 0x07;
    int CHAR_REFERENCE = 0x08;
    int ENTITY_REFERENCE = 0x09;
    int PI_TARGET = 0x0a;
    int PI_DATA = 0x0b;
    int TEMPLATE_INSTANCE = 0x0c;
    int NORMAL_SUBSTITUTION = 0x0d;
    int OPTIONAL_SUBSTITUTION = 0x0e;
    int FRAGMENT_HEADER = 0x0f;
    int MORE_DATA = 0x40;

    /** BinXmlTokenEOF: end of the document or template. */
    record EndOfFile() implements Token {
    }

    /** BinXmlFragmentHeaderToken: major and minor version (1.1) and flags. */
    record FragmentHeader(int major, int minor, int flags) implements Token {
    }

    /** BinXmlTokenOpenStartElementTag ({@code <Name}); {@code hasAttributes} for token 0x41. */
    record OpenStartElement(Name name, int dataSize, boolean hasAttributes) implements Token {
    }

    /** BinXmlTokenCloseStartElementTag ({@code >}). */
    record CloseStartElement() implements Token {
    }

    /** BinXmlTokenCloseEmptyElementTag ({@code />}). */
    record CloseEmptyElement() implements Token {
    }

    /** BinXmlTokenEndElementTag ({@code </Name>}). */
    record EndElement() implements Token {
    }

    /** BinXmlTokenAttribute; its value is made of the value, substitution and reference tokens that follow. */
    record Attribute(Name name) implements Token {
    }

    /**
     * BinXmlTokenValue: literal text (type String) or, as seen in forwarded-event logs, a literal of another
     * fixed-size type; {@code offset}/{@code size} locate the value data in the chunk.
     */
    record Value(int valueType, int offset, int size) implements Token {
    }

    /** BinXmlTokenCDATASection. */
    record CDataSection(String text) implements Token {
    }

    /** BinXmlTokenCharRef: {@code &#N;}. */
    record CharReference(int value) implements Token {
    }

    /** BinXmlTokenEntityRef: {@code &name;}. */
    record EntityReference(Name name) implements Token {
    }

    /** BinXmlTokenPITarget. */
    record PITarget(Name name) implements Token {
    }

    /** BinXmlTokenPIData. */
    record PIData(String text) implements Token {
    }

    /**
     * BinXmlTokenTemplateInstance: the chunk offset of the template definition (inline when it equals the
     * position right after the offset field, else a back-reference) and the position of the instance data.
     */
    record TemplateInstance(int templateId, int definitionOffset, int instanceDataOffset) implements Token {
    }

    /** BinXmlTokenNormalSubstitution / BinXmlTokenOptionalSubstitution. */
    record Substitution(int index, int valueType, boolean optional) implements Token {
    }
}
