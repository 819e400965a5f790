package kagami.evtx;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import kagami.evtx.binxml.BinXmlException;
import kagami.evtx.binxml.BinXmlParser;
import kagami.evtx.binxml.Fragment;
import kagami.evtx.binxml.Node;
import kagami.evtx.binxml.SubstitutionValues;
import kagami.evtx.binxml.TemplateCache;

/**
 * Reads the records of one 64 KiB chunk (libyal EVTX "Chunk": header, event records, unused space), with the
 * recovery libyal describes ("Recovery", "Corruption scenarios"):
 * <ul>
 *   <li>an all-zero chunk is skipped silently;</li>
 *   <li>a chunk without the {@code ElfChnk} signature is scanned for records (they are flagged recovered);</li>
 *   <li>records are walked from offset 512 by their sizes up to the free-space offset (clamped to the chunk);
 *       a zero run ends the walk cleanly;</li>
 *   <li>a record with a bad signature, an impossible size (zero-size records included: the walk always moves
 *       forward) or a size copy that disagrees ends the walk: the record is parsed if its Binary XML is whole,
 *       and the rest of the chunk is scanned for records whose size and size copy agree (libyal: "Any event
 *       records found are considered recovered"), dropping copies of records already read;</li>
 *   <li>a record whose Binary XML is malformed is skipped with a warning, and the walk goes on;</li>
 *   <li>with carving, the slack after the last record is scanned the same way.</li>
 * </ul>
 */
final class Chunk {
    private final byte[] data;
    private final int index;
    private final long fileOffset;
    private final String source;
    private final EvtxOptions options;
    private final BinXmlParser parser;
    private final List<EvtxRecord> records = new ArrayList<>();
    private final List<EvtxWarning> warnings = new ArrayList<>(0);
    /** Identifiers of the records read so far; built only once recovery needs it (scanning, carving). */
    private Set<Long> liveIds;
    private final CarvedDuplicates elsewhere;
    private final boolean beyondDeclared;
    private ChunkHeader header;

    private Chunk(byte[] data, int index, long fileOffset, String source, EvtxOptions options, TemplateCache templates,
            CarvedDuplicates elsewhere, boolean beyondDeclared) {
        this.elsewhere = elsewhere;
        this.beyondDeclared = beyondDeclared;
        this.data = data;
        this.index = index;
        this.fileOffset = fileOffset;
        this.source = source;
        this.options = options;
        this.parser = new BinXmlParser(data, templates);
    }

    /**
     * Parses a chunk. {@code data} is 65536 bytes; when the file ended early only {@code length} of them were
     * read and the rest is zero. {@code beyondDeclared}: the chunk lies past the file header's chunk count, where
     * a file may hold leftover bytes that were never a chunk.
     */
    static ParsedChunk read(byte[] data, int length, int index, long fileOffset, String source, EvtxOptions options,
            TemplateCache templates, CarvedDuplicates elsewhere, boolean beyondDeclared) {
        Chunk c = new Chunk(data, index, fileOffset, source, options, templates, elsewhere, beyondDeclared);
        c.readAll(length);
        return new ParsedChunk(index, fileOffset, c.records, c.warnings, null);
    }

    private ChunkHeader readAll(int length) {
        if (length < ChunkHeader.CHUNK_SIZE) {
            warn(0, EvtxWarning.Kind.CHUNK_TRUNCATED, "the file ends " + length + " bytes into the chunk");
        }
        if (isZero(0, length)) {
            return null;
        }
        ChunkHeader h = ChunkHeader.parse(data);
        header = h;
        if (!h.signatureValid()) {
            scan(ChunkHeader.SIZE, ChunkHeader.CHUNK_SIZE, false);
            // Past the header's chunk count, a block without a signature and without records is unused space
            // (a preallocated file over old disk contents), not a damaged chunk.
            if (!records.isEmpty() || !beyondDeclared) {
                warnings.add(0, new EvtxWarning(source, fileOffset, EvtxWarning.Kind.CHUNK_BAD_SIGNATURE,
                        "chunk " + index + ": signature bytes " + hex(0, 8) + ", " + records.size() + " records recovered"));
            }
            return h;
        }
        int limit = (int) Math.min(h.freeSpaceOffset(), Integer.MAX_VALUE);
        boolean limitValid = limit >= ChunkHeader.SIZE && limit <= ChunkHeader.CHUNK_SIZE;
        if (options.validateChecksums() && !h.noChecksum()) {
            long computed = ChunkHeader.computeHeaderChecksum(data);
            if (computed != h.headerChecksum()) {
                warn(124, EvtxWarning.Kind.CHUNK_HEADER_CHECKSUM,
                        String.format("stored 0x%08x, computed 0x%08x", h.headerChecksum(), computed));
            }
            if (limitValid) {
                long records = ChunkHeader.computeRecordsChecksum(data, limit);
                if (records != h.recordsChecksum()) {
                    warn(52, EvtxWarning.Kind.CHUNK_DATA_CHECKSUM,
                            String.format("stored 0x%08x, computed 0x%08x", h.recordsChecksum(), records));
                }
            }
        }
        if (!limitValid) {
            warn(48, EvtxWarning.Kind.FREE_SPACE_OFFSET, "free-space offset " + h.freeSpaceOffset() + " (0x"
                    + Long.toHexString(h.freeSpaceOffset()) + ") lies outside the chunk");
            limit = ChunkHeader.CHUNK_SIZE;
        }
        int end = walk(limit, limitValid);
        if (options.carve()) {
            scan(end, ChunkHeader.CHUNK_SIZE, true);
        }
        return h;
    }

    /**
     * Walks records by their sizes; returns where the records ended (or where scanning stopped). With no valid
     * free-space offset, where the records end is unknown: leftover bytes after them are scanned, unreported.
     */
    private int walk(int limit, boolean limitKnown) {
        int off = ChunkHeader.SIZE;
        while (off + EventRecord.HEADER_SIZE <= limit) {
            if (!EventRecord.signatureAt(data, off)) {
                if (isZero(off, limit)) {
                    return off;
                }
                if (limitKnown) {
                    warn(off, EvtxWarning.Kind.RECORD_BAD_SIGNATURE, "bytes " + hex(off, 4));
                }
                return scan(off + 1, limit, false);
            }
            EventRecord r = EventRecord.at(data, off);
            if (!r.sizeFits(ChunkHeader.CHUNK_SIZE)) {
                warn(off, EvtxWarning.Kind.RECORD_BAD_SIZE, "record " + r.recordId() + " has size " + Integer.toUnsignedString(r.size()));
                return scan(off + 4, limit, false);
            }
            int copy = r.sizeCopy(data);
            if (copy != r.size()) {
                warn(off, EvtxWarning.Kind.RECORD_SIZE_MISMATCH, "record " + r.recordId() + " has size " + r.size()
                        + " but its size copy says " + Integer.toUnsignedString(copy));
                // The record may still be whole (a zeroed tail after the event): keep it if it parses.
                Fragment f = tryParse(r);
                if (f != null) {
                    add(r, f, true, false);
                }
                return scan(off + 4, limit, false);
            }
            try {
                add(r, parser.parseRecord(r.binXmlStart(), r.binXmlEnd()), false, false);
            } catch (BinXmlException e) {
                // Where the problem was found, when that is a place in this record; else the record itself.
                int at = e.chunkOffset() >= r.offset() && e.chunkOffset() < r.offset() + r.size() ? e.chunkOffset() : r.offset();
                warn(at, EvtxWarning.Kind.RECORD_DAMAGED, "record " + r.recordId() + ": " + e.getMessage());
            } catch (RuntimeException e) {
                // Defence in depth: a parser bug must cost one record, not the file.
                warn(off, EvtxWarning.Kind.RECORD_DAMAGED, "record " + r.recordId() + ": " + e);
            }
            off += r.size();
        }
        return off;
    }

    /**
     * Scans {@code [from, to)} for records whose size and size copy agree and whose Binary XML parses; they are
     * recovered records. Copies of records already read from this chunk are dropped. Returns {@code to}.
     */
    private int scan(int from, int to, boolean slack) {
        int last = Math.min(to, ChunkHeader.CHUNK_SIZE) - EventRecord.MIN_SIZE;
        int off = Math.max(from, ChunkHeader.SIZE);
        while (off <= last) {
            if (data[off] != 0x2a || !EventRecord.signatureAt(data, off)) {
                off++;
                continue;
            }
            EventRecord r = EventRecord.at(data, off);
            if (r.sizeFits(ChunkHeader.CHUNK_SIZE) && r.sizeCopy(data) == r.size() && !liveIds().contains(r.recordId())) {
                Fragment f = tryParse(r);
                if (f != null) {
                    add(r, f, true, slack);
                    off += r.size();
                    continue;
                }
            }
            off++;
        }
        return to;
    }

    private Set<Long> liveIds() {
        if (liveIds == null) {
            liveIds = new HashSet<>();
            for (EvtxRecord r : records) {
                liveIds.add(r.recordId());
            }
        }
        return liveIds;
    }

    /**
     * A record found outside the intact record sequence, if it parses and reads as an event: every element and
     * attribute name an XML name. A carved record can parse yet refer to a template definition whose bytes were
     * reused (its names then come from misaligned bytes and render as megabytes of noise); such a record is not
     * recovered rather than shown as one.
     */
    private Fragment tryParse(EventRecord r) {
        try {
            Fragment f = parser.parseRecord(r.binXmlStart(), r.binXmlEnd());
            return plausible(f, 0) ? f : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static boolean plausible(Fragment f, int depth) {
        return f.root() == null || plausible(f.root(), f.values(), depth);
    }

    private static boolean plausible(Node.Element e, SubstitutionValues v, int depth) {
        if (depth > 64 || !e.name().isXmlName()) {
            return false;
        }
        for (Node.Attribute a : e.attributes()) {
            if (!a.name().isXmlName()) {
                return false;
            }
            for (Node n : a.value()) {
                if (!plausible(n, v, depth)) {
                    return false;
                }
            }
        }
        for (Node n : e.children()) {
            if (!plausible(n, v, depth)) {
                return false;
            }
        }
        return true;
    }

    private static boolean plausible(Node n, SubstitutionValues v, int depth) {
        if (n instanceof Node.Element c) {
            return plausible(c, v, depth + 1);
        }
        if (n instanceof Fragment f) {
            return plausible(f, depth + 1);
        }
        if (n instanceof Node.Substitution s && s.index() < v.count()) {
            for (Fragment f : v.fragments(s.index())) {
                if (!plausible(f, depth + 1)) {
                    return false;
                }
            }
        }
        return true;
    }

    private void add(EventRecord r, Fragment f, boolean recovered, boolean carved) {
        if (recovered && liveIds().contains(r.recordId())) {
            return;
        }
        if (carved && elsewhere != null && elsewhere.isLiveElsewhere(r.recordId(),
                header.signatureValid() ? header.firstRecordId() : 0, header.signatureValid() ? header.lastRecordId() : -1)) {
            return;
        }
        if (liveIds != null) {
            liveIds.add(r.recordId());
        }
        records.add(new EvtxRecord(source, fileOffset + r.offset(), r.recordId(), r.writtenTime(), recovered, carved,
                f, r.binXmlStart(), r.binXmlEnd()));
    }

    private boolean isZero(int from, int to) {
        for (int i = from; i < to; i++) {
            if (data[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private String hex(int off, int n) {
        StringBuilder b = new StringBuilder();
        for (int i = off; i < off + n && i < data.length; i++) {
            b.append(String.format("%02x", data[i] & 0xff));
        }
        return b.toString();
    }

    private void warn(int chunkOffset, EvtxWarning.Kind kind, String detail) {
        warnings.add(new EvtxWarning(source, fileOffset + chunkOffset, kind, "chunk " + index + ": " + detail));
    }
}
