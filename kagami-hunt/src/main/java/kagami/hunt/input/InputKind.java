package kagami.hunt.input;

/** What a file holds, recognised by its first bytes, never by its name. */
public enum InputKind {
    /** A Windows XML Event Log: file header magic {@code ElfFile\0} (libyal EVTX format, "File header"). */
    EVTX,
    /** JSON: a JSON Lines file, an array of records, or concatenated objects (first non-blank byte {@code {} or {@code [}). */
    JSON,
    /** gzip (RFC 1952: {@code 1f 8b}, method 8). */
    GZIP,
    /** ZIP (PKWARE APPNOTE 4.3.7: local file header {@code PK\3\4}, or an empty archive's {@code PK\5\6}). */
    ZIP,
    /** A file with no bytes. */
    EMPTY,
    /** Anything else. */
    UNKNOWN
}
