package kagami.hunt.input;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Recognises an input by its first bytes (see {@link InputKind}). */
public final class InputSniffer {
    /** How many leading bytes recognition looks at (JSON may start after a BOM and blank lines). */
    public static final int HEAD = 4096;
    private static final byte[] EVTX = "ElfFile\0".getBytes(StandardCharsets.US_ASCII);

    private InputSniffer() {
    }

    public static InputKind sniff(byte[] head, int length) {
        if (length <= 0) {
            return InputKind.EMPTY;
        }
        if (startsWith(head, length, EVTX)) {
            return InputKind.EVTX;
        }
        if (length >= 3 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b && head[2] == 8) {
            return InputKind.GZIP;
        }
        if (length >= 4 && head[0] == 'P' && head[1] == 'K'
                && ((head[2] == 3 && head[3] == 4) || (head[2] == 5 && head[3] == 6))) {
            return InputKind.ZIP;
        }
        int i = 0;
        if (length >= 3 && (head[0] & 0xff) == 0xef && (head[1] & 0xff) == 0xbb && (head[2] & 0xff) == 0xbf) {
            i = 3;
        }
        while (i < length && (head[i] == ' ' || head[i] == '\t' || head[i] == '\r' || head[i] == '\n')) {
            i++;
        }
        if (i < length && (head[i] == '{' || head[i] == '[')) {
            return InputKind.JSON;
        }
        return i == length && length < HEAD ? InputKind.EMPTY : InputKind.UNKNOWN;
    }

    /** Reads up to {@link #HEAD} bytes from {@code in} (which the caller closes) and recognises them. */
    public static InputKind sniff(InputStream in) throws IOException {
        byte[] head = new byte[HEAD];
        int n = in.readNBytes(head, 0, HEAD);
        return sniff(head, n);
    }

    private static boolean startsWith(byte[] data, int length, byte[] prefix) {
        if (length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (data[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
