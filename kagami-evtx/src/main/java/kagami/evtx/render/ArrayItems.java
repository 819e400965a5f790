package kagami.evtx.render;

import kagami.evtx.binxml.ValueType;

/**
 * The items of an array value (libyal EVTX "Value types": type | 0x80; strings are NUL-terminated, other
 * types fixed-size), as {@code [offset, size]} pairs, for renderers that repeat an element per item.
 */
final class ArrayItems {
    private static final int[] NONE = new int[0];

    private ArrayItems() {
    }

    /** The type of one item of an array type. */
    static int itemType(int arrayType) {
        return arrayType & 0x7f;
    }

    static int[] of(byte[] d, int off, int size, int arrayType) {
        int base = itemType(arrayType);
        int end = off + size;
        if (base == ValueType.STRING) {
            int n = 0;
            int[] items = new int[8];
            int start = off;
            int p = off;
            for (; p + 1 < end; p += 2) {
                if (d[p] == 0 && d[p + 1] == 0) {
                    items = add(items, n, start, p - start);
                    n += 2;
                    start = p + 2;
                }
            }
            if (start + 1 < end) {
                items = add(items, n, start, end - start);
                n += 2;
            }
            return java.util.Arrays.copyOf(items, n);
        }
        if (base == ValueType.ANSI_STRING) {
            int n = 0;
            int[] items = new int[8];
            int start = off;
            for (int p = off; p < end; p++) {
                if (d[p] == 0) {
                    items = add(items, n, start, p - start);
                    n += 2;
                    start = p + 1;
                }
            }
            if (start < end) {
                items = add(items, n, start, end - start);
                n += 2;
            }
            return java.util.Arrays.copyOf(items, n);
        }
        int item = base == ValueType.SIZE_T ? (size % 8 == 0 ? 8 : 4) : ValueType.fixedSize(base);
        if (base == ValueType.SID) {
            int n = 0;
            int[] items = new int[8];
            int p = off;
            while (p + 8 <= end) {
                int len = 8 + 4 * (d[p + 1] & 0xff);
                if (p + len > end) {
                    break;
                }
                items = add(items, n, p, len);
                n += 2;
                p += len;
            }
            return java.util.Arrays.copyOf(items, n);
        }
        if (item == 0) {
            return size == 0 ? NONE : new int[] {off, size};
        }
        int count = size / item;
        int[] items = new int[count * 2];
        for (int k = 0; k < count; k++) {
            items[2 * k] = off + k * item;
            items[2 * k + 1] = item;
        }
        return items;
    }

    private static int[] add(int[] items, int n, int offset, int size) {
        if (n + 2 > items.length) {
            items = java.util.Arrays.copyOf(items, items.length * 2);
        }
        items[n] = offset;
        items[n + 1] = size;
        return items;
    }
}
