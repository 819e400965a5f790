package kagami.evtx;

import java.util.Locale;
import java.util.Objects;

import kagami.core.i18n.Messages;

/**
 * A problem found while reading a file that did not stop the reading: a damaged chunk or record, a checksum
 * mismatch. {@code offset} is the file offset of the damaged structure; {@code detail} is a technical note
 * (format terms, in English) for the analyst who opens the file in a hex editor.
 */
public record EvtxWarning(String source, long offset, Kind kind, String detail) {
    /** What was wrong; each has a bilingual text in {@code kagami/evtx/messages}. */
    public enum Kind {
        /** File header CRC32 does not match (reported only when checksums are validated). */
        FILE_HEADER_CHECKSUM,
        /** The file ends inside a chunk. */
        CHUNK_TRUNCATED,
        /** A chunk does not start with {@code ElfChnk\0}; its records were recovered by scanning. */
        CHUNK_BAD_SIGNATURE,
        /** Chunk header CRC32 mismatch (only when checksums are validated). */
        CHUNK_HEADER_CHECKSUM,
        /** CRC32 of the chunk's event records does not match (only when checksums are validated). */
        CHUNK_DATA_CHECKSUM,
        /** The chunk's free-space offset lies outside the chunk. */
        FREE_SPACE_OFFSET,
        /** A record does not start with {@code **\0\0} where one was expected; the rest of the chunk was scanned. */
        RECORD_BAD_SIGNATURE,
        /** A record's size is zero, too small, or runs past the chunk; the rest of the chunk was scanned. */
        RECORD_BAD_SIZE,
        /** A record's trailing copy of its size differs from its size. */
        RECORD_SIZE_MISMATCH,
        /** A record's Binary XML is malformed; the record was skipped. */
        RECORD_DAMAGED,
        /** The chunk could not be read because of an internal error (a bug; please report it). */
        CHUNK_DAMAGED
    }

    public EvtxWarning {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(detail, "detail");
    }

    /** One line for the user, in {@code locale}: file, offset, what happened, and the technical detail. */
    public String message(Locale locale) {
        Messages m = Messages.load("kagami.evtx.messages", locale);
        String text = m.get("warning." + kind.name());
        return m.get("warning.line", source, String.format("0x%x", offset), text, detail);
    }

    @Override
    public String toString() {
        return message(Locale.ENGLISH);
    }
}
