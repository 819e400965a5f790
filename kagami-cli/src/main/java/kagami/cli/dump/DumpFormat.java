package kagami.cli.dump;

/** Output formats of {@code kagami dump}. */
enum DumpFormat {
    /** One JSON object per line (evtx crate shape). */
    JSONL,
    /** One JSON array holding every record. */
    JSON,
    /** One {@code <Event>} element after another, as Windows renders them. */
    XML
}
