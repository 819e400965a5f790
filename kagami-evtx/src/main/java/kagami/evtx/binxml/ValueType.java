package kagami.evtx.binxml;

/**
 * Binary XML value types (libyal EVTX "Value types"; MS-EVEN6 2.2.18 "Type System"). The high bit
 * ({@link #ARRAY}) marks an array of the base type.
 */
public final class ValueType {
    public static final int NULL = 0x00;
    public static final int STRING = 0x01;
    public static final int ANSI_STRING = 0x02;
    public static final int INT8 = 0x03;
    public static final int UINT8 = 0x04;
    public static final int INT16 = 0x05;
    public static final int UINT16 = 0x06;
    public static final int INT32 = 0x07;
    public static final int UINT32 = 0x08;
    public static final int INT64 = 0x09;
    public static final int UINT64 = 0x0a;
    public static final int REAL32 = 0x0b;
    public static final int REAL64 = 0x0c;
    public static final int BOOL = 0x0d;
    public static final int BINARY = 0x0e;
    public static final int GUID = 0x0f;
    public static final int SIZE_T = 0x10;
    public static final int FILETIME = 0x11;
    public static final int SYSTEMTIME = 0x12;
    public static final int SID = 0x13;
    public static final int HEX_INT32 = 0x14;
    public static final int HEX_INT64 = 0x15;
    public static final int EVT_HANDLE = 0x20;
    public static final int BINXML = 0x21;
    public static final int EVT_XML = 0x23;
    public static final int ARRAY = 0x80;

    private ValueType() {
    }

    /**
     * Size in bytes of one value of a fixed-size base type, 0 for variable-size types (strings, binary, SID,
     * BinXml) and for size_t, whose size is that of the value (4 or 8 bytes).
     */
    public static int fixedSize(int baseType) {
        switch (baseType) {
            case INT8: case UINT8:
                return 1;
            case INT16: case UINT16:
                return 2;
            case INT32: case UINT32: case REAL32: case BOOL: case HEX_INT32:
                return 4;
            case INT64: case UINT64: case REAL64: case FILETIME: case HEX_INT64:
                return 8;
            case GUID: case SYSTEMTIME:
                return 16;
            default:
                return 0;
        }
    }

    /** The identifier used in the format documentation, for messages. */
    public static String name(int type) {
        String base;
        switch (type & 0x7f) {
            case NULL: base = "Null"; break;
            case STRING: base = "String"; break;
            case ANSI_STRING: base = "AnsiString"; break;
            case INT8: base = "Int8"; break;
            case UINT8: base = "UInt8"; break;
            case INT16: base = "Int16"; break;
            case UINT16: base = "UInt16"; break;
            case INT32: base = "Int32"; break;
            case UINT32: base = "UInt32"; break;
            case INT64: base = "Int64"; break;
            case UINT64: base = "UInt64"; break;
            case REAL32: base = "Real32"; break;
            case REAL64: base = "Real64"; break;
            case BOOL: base = "Bool"; break;
            case BINARY: base = "Binary"; break;
            case GUID: base = "Guid"; break;
            case SIZE_T: base = "SizeT"; break;
            case FILETIME: base = "FileTime"; break;
            case SYSTEMTIME: base = "SysTime"; break;
            case SID: base = "Sid"; break;
            case HEX_INT32: base = "HexInt32"; break;
            case HEX_INT64: base = "HexInt64"; break;
            case EVT_HANDLE: base = "EvtHandle"; break;
            case BINXML: base = "BinXml"; break;
            case EVT_XML: base = "EvtXml"; break;
            default: base = String.format("0x%02x", type & 0x7f);
        }
        return (type & ARRAY) != 0 ? base + "Array" : base;
    }
}
