package kagami.evtx.binxml;

/**
 * The values of one template instance (libyal "Template instance data": a count, one (size, type) descriptor
 * per value, then the value data). Values stay in the chunk's bytes and are decoded only when rendered; a
 * BinXml-typed value (0x21) is parsed up front into nested {@link Fragment}s (one per top-level element or
 * template instance it holds) so rendering cannot fail.
 */
public final class SubstitutionValues {
    public static final SubstitutionValues EMPTY = new SubstitutionValues(new byte[0], new int[0], null);

    private final byte[] data;
    /** Two ints per value: chunk offset, then {@code size << 8 | type}. */
    private final int[] slots;
    private final Fragment[][] fragments;

    SubstitutionValues(byte[] data, int[] slots, Fragment[][] fragments) {
        this.data = data;
        this.slots = slots;
        this.fragments = fragments;
    }

    public int count() {
        return slots.length >> 1;
    }

    /** The chunk bytes the values live in. */
    public byte[] data() {
        return data;
    }

    public int type(int i) {
        return slots[(i << 1) + 1] & 0xff;
    }

    public int offset(int i) {
        return slots[i << 1];
    }

    public int size(int i) {
        return slots[(i << 1) + 1] >>> 8;
    }

    private static final Fragment[] NONE = new Fragment[0];

    /** The nested fragments of a BinXml value (empty for other values). */
    public Fragment[] fragments(int i) {
        if (fragments == null || i >= fragments.length || fragments[i] == null) {
            return NONE;
        }
        return fragments[i];
    }

    /** Whether value {@code i} renders as text: present, not empty, and not a BinXml value (an element). */
    public boolean isText(int i) {
        if (i >= count()) {
            return false;
        }
        int slot = slots[(i << 1) + 1];
        int type = slot & 0xff;
        int size = slot >>> 8;
        if (size == 0 || type == ValueType.NULL || type == ValueType.BINXML) {
            return false;
        }
        if (type == ValueType.STRING) {
            int off = slots[i << 1];
            return size >= 2 && (data[off] | data[off + 1]) != 0;
        }
        return type != ValueType.ANSI_STRING || data[slots[i << 1]] != 0;
    }

    /**
     * Whether value {@code i} is absent or renders as nothing: out of range, type Null, no bytes, or a string
     * that ends before its first character. Optional substitutions drop such values (MS-EVEN6 2.2.12: an
     * optional substitution of a null value is omitted).
     */
    public boolean isEmpty(int i) {
        if (i >= count()) {
            return true;
        }
        int type = type(i);
        int size = size(i);
        if (type == ValueType.NULL || size == 0) {
            return true;
        }
        if (type == ValueType.STRING) {
            return size < 2 || (data[offset(i)] == 0 && data[offset(i) + 1] == 0);
        }
        if (type == ValueType.ANSI_STRING) {
            return data[offset(i)] == 0;
        }
        if (type == ValueType.BINXML) {
            return fragments(i).length == 0;
        }
        return false;
    }

    /**
     * What a renderer may decide from value {@code i} without reading its text: its type, whether it
     * {@link #isEmpty is empty}, whether it {@link #isText is text}, whether it has at least the bytes of its type,
     * and for a BinXml value how many fragments it holds ({@code type | empty << 8 | text << 9 | fits << 10 |
     * fragments << 11}). Records of one template whose values (and nested fragments' values) have equal
     * signatures, and whose nested fragments have the same template trees, render alike but for the values' text
     * (the JSON renderer's plans rely on it).
     */
    public int signature(int i) {
        int off = slots[i << 1];
        int slot = slots[(i << 1) + 1];
        int type = slot & 0xff;
        int size = slot >>> 8;
        // isEmpty and isText, in one pass: every type but BinXml is text exactly when it is not empty.
        boolean empty;
        if (size == 0 || type == ValueType.NULL) {
            empty = true;
        } else if (type == ValueType.STRING) {
            empty = size < 2 || (data[off] | data[off + 1]) == 0;
        } else if (type == ValueType.ANSI_STRING) {
            empty = data[off] == 0;
        } else if (type == ValueType.BINXML) {
            int fragmentCount = fragments(i).length;
            return type | (fragmentCount == 0 ? 1 << 8 : 0) | 1 << 10 | fragmentCount << 11;
        } else {
            empty = false;
        }
        int code = type | (empty ? 1 << 8 : 1 << 9);
        if (size >= ValueType.fixedSize(type)) {
            code |= 1 << 10;
        }
        return code;
    }

    /**
     * These values moved into {@code copy}, whose index 0 is chunk offset {@code start}; nested fragments move
     * with them. {@code null} if a value lies outside {@code [start, start + copy.length)}.
     */
    public SubstitutionValues relocated(byte[] copy, int start) {
        if (this == EMPTY) {
            return this;
        }
        int[] moved = slots.clone();
        for (int i = 0; i < count(); i++) {
            int off = offset(i) - start;
            if (off < 0 || off + size(i) > copy.length) {
                return null;
            }
            moved[i << 1] = off;
        }
        Fragment[][] nested = null;
        if (fragments != null) {
            nested = new Fragment[fragments.length][];
            for (int i = 0; i < fragments.length; i++) {
                if (fragments[i] != null) {
                    nested[i] = new Fragment[fragments[i].length];
                    for (int k = 0; k < fragments[i].length; k++) {
                        nested[i][k] = fragments[i][k].relocated(copy, start);
                        if (nested[i][k] == null) {
                            return null;
                        }
                    }
                }
            }
        }
        return new SubstitutionValues(copy, moved, nested);
    }
}
