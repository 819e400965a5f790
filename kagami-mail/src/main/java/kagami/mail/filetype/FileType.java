package kagami.mail.filetype;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * What an artefact is, decided by its bytes (magic numbers), never by its name. The extension is compared with
 * this afterwards to find disguises.
 */
public enum FileType {
    PE("exe", true), ELF("elf", true), MACHO("macho", true), JAVA_CLASS("class", true),
    ZIP("zip", false), OLE2("ole", false), RTF("rtf", false), PDF("pdf", false), RAR("rar", false),
    SEVEN_ZIP("7z", false), GZIP("gz", false), BZIP2("bz2", false), XZ("xz", false), TAR("tar", false),
    CAB("cab", false), ISO9660("iso", false), UDF("udf", false), VHD("vhd", false), VHDX("vhdx", false),
    LNK("lnk", false), ONENOTE("one", false), CHM("chm", false), TNEF("tnef", false), MESSAGE("eml", false),
    HTML("html", false), SVG("svg", false), XML("xml", false), SLK("slk", false), PNG("png", false),
    JPEG("jpg", false), GIF("gif", false), TEXT("txt", false), UNKNOWN("bin", false), EMPTY("empty", false);

    private final String shortName;
    private final boolean executable;

    FileType(String shortName, boolean executable) {
        this.shortName = shortName;
        this.executable = executable;
    }

    /** A short lower-case name used in output ({@code exe}, {@code zip}, {@code lnk}). */
    public String shortName() {
        return shortName;
    }

    /** Native executable code. */
    public boolean executable() {
        return executable;
    }

    /** Identifies {@code data} (the first bytes suffice; 64 KiB finds ISO 9660 volume descriptors). */
    public static FileType detect(byte[] data, int length) {
        int n = Math.min(length, data.length);
        if (n == 0) {
            return EMPTY;
        }
        if (starts(data, n, 'M', 'Z')) {
            return PE;
        }
        if (starts(data, n, 0x7f, 'E', 'L', 'F')) {
            return ELF;
        }
        if (starts(data, n, 0xcf, 0xfa, 0xed, 0xfe) || starts(data, n, 0xce, 0xfa, 0xed, 0xfe)
                || starts(data, n, 0xfe, 0xed, 0xfa, 0xce) || starts(data, n, 0xfe, 0xed, 0xfa, 0xcf)) {
            return MACHO;
        }
        if (starts(data, n, 0xca, 0xfe, 0xba, 0xbe)) {
            return JAVA_CLASS;
        }
        if (starts(data, n, 'P', 'K', 3, 4) || starts(data, n, 'P', 'K', 5, 6) || starts(data, n, 'P', 'K', 7, 8)) {
            return ZIP;
        }
        if (starts(data, n, 0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)) {
            return OLE2;
        }
        if (starts(data, n, '{', '\\', 'r', 't')) {
            return RTF;
        }
        if (starts(data, n, 'R', 'a', 'r', '!', 0x1a, 0x07)) {
            return RAR;
        }
        if (starts(data, n, '7', 'z', 0xbc, 0xaf, 0x27, 0x1c)) {
            return SEVEN_ZIP;
        }
        if (starts(data, n, 0x1f, 0x8b)) {
            return GZIP;
        }
        if (starts(data, n, 'B', 'Z', 'h')) {
            return BZIP2;
        }
        if (starts(data, n, 0xfd, '7', 'z', 'X', 'Z', 0)) {
            return XZ;
        }
        if (starts(data, n, 'M', 'S', 'C', 'F')) {
            return CAB;
        }
        if (starts(data, n, 'I', 'T', 'S', 'F')) {
            return CHM;
        }
        if (starts(data, n, 0x78, 0x9f, 0x3e, 0x22)) {
            return TNEF;
        }
        if (starts(data, n, 0x4c, 0, 0, 0, 0x01, 0x14, 0x02, 0)) {
            return LNK;
        }
        if (starts(data, n, 0xe4, 0x52, 0x5c, 0x7b, 0x8c, 0xd8, 0xa7, 0x4d)) {
            return ONENOTE;
        }
        if (starts(data, n, 'v', 'h', 'd', 'x', 'f', 'i', 'l', 'e')) {
            return VHDX;
        }
        if (starts(data, n, 'c', 'o', 'n', 'e', 'c', 't', 'i', 'x')) {
            return VHD;
        }
        if (starts(data, n, 0x89, 'P', 'N', 'G')) {
            return PNG;
        }
        if (starts(data, n, 0xff, 0xd8, 0xff)) {
            return JPEG;
        }
        if (starts(data, n, 'G', 'I', 'F', '8')) {
            return GIF;
        }
        if (starts(data, n, 'I', 'D', ';', 'P')) {
            return SLK;
        }
        if (n > 262 && data[257] == 'u' && data[258] == 's' && data[259] == 't' && data[260] == 'a'
                && data[261] == 'r') {
            return TAR;
        }
        // ECMA-119 8.1: volume descriptors start at sector 16 (byte 32768), identifier "CD001" at offset 1.
        // ECMA-167 / UDF: "BEA01" ... "NSR02"/"NSR03" in the same area.
        for (int at : new int[] {0x8001, 0x8801, 0x9001}) {
            if (matchesAscii(data, n, at, "NSR02") || matchesAscii(data, n, at, "NSR03")) {
                return UDF;
            }
        }
        for (int at : new int[] {0x8001, 0x8801, 0x9001}) {
            if (matchesAscii(data, n, at, "CD001")) {
                return ISO9660;
            }
        }
        if (indexOf(data, Math.min(n, 1024), "%PDF-") >= 0) {
            return PDF;
        }
        return textual(data, n);
    }

    private static FileType textual(byte[] data, int n) {
        int probe = Math.min(n, 4096);
        int binary = 0;
        for (int i = 0; i < probe; i++) {
            int b = data[i] & 0xff;
            if (b == 0 || (b < 0x09) || (b > 0x0d && b < 0x20 && b != 0x1b)) {
                binary++;
            }
        }
        if (binary * 20 > probe) {
            return UNKNOWN;
        }
        String head = new String(data, 0, probe, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        String trimmed = head.stripLeading();
        if (trimmed.startsWith("<svg") || (trimmed.startsWith("<?xml") && head.contains("<svg"))) {
            return SVG;
        }
        if (trimmed.startsWith("<!doctype html") || head.contains("<html") || head.contains("<script")
                || head.contains("<body") || head.contains("<iframe") || head.contains("<meta ")) {
            return HTML;
        }
        if (trimmed.startsWith("<?xml")) {
            return XML;
        }
        if (looksLikeMessage(head)) {
            return MESSAGE;
        }
        return TEXT;
    }

    private static boolean looksLikeMessage(String head) {
        int headers = 0;
        for (String h : new String[] {"\nfrom:", "\nto:", "\nsubject:", "\ndate:", "\nmessage-id:", "\nreceived:",
                "\nmime-version:"}) {
            if (("\n" + head).contains(h)) {
                headers++;
            }
        }
        return headers >= 3;
    }

    private static boolean starts(byte[] d, int n, int... magic) {
        if (n < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((d[i] & 0xff) != magic[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean matchesAscii(byte[] d, int n, int at, String s) {
        if (at + s.length() > n) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (d[at + i] != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] d, int n, String s) {
        outer:
        for (int i = 0; i + s.length() <= n; i++) {
            for (int j = 0; j < s.length(); j++) {
                if (d[i + j] != s.charAt(j)) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
