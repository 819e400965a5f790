package kagami.evtx.binxml;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Little-endian reads from a byte array (libyal EVTX format: "Byte order: little-endian"). Callers check
 * bounds first; these methods are the unchecked fast path used after a {@link BinXmlCursor} or a chunk has
 * verified that the bytes are there.
 */
public final class LittleEndian {
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private LittleEndian() {
    }

    public static int u8(byte[] b, int off) {
        return b[off] & 0xff;
    }

    public static int u16(byte[] b, int off) {
        return ((short) SHORT.get(b, off)) & 0xffff;
    }

    public static short i16(byte[] b, int off) {
        return (short) SHORT.get(b, off);
    }

    public static int i32(byte[] b, int off) {
        return (int) INT.get(b, off);
    }

    public static long u32(byte[] b, int off) {
        return ((int) INT.get(b, off)) & 0xffffffffL;
    }

    public static long i64(byte[] b, int off) {
        return (long) LONG.get(b, off);
    }
}
