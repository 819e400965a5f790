package kagami.evtx;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;

import kagami.core.Event;
import kagami.core.Origin;
import kagami.evtx.binxml.Fragment;
import kagami.evtx.render.EventConverter;
import kagami.evtx.render.JsonRenderer;
import kagami.evtx.render.Utf8Output;
import kagami.evtx.render.XmlRenderer;

/**
 * One event record of an EVTX file, parsed and ready to render. Rendering never fails: everything that could
 * be malformed was checked when the record was read. A record refers to its chunk's bytes (64 KiB shared by
 * the chunk's records); keep {@link #toEvent()} results or rendered text rather than many records.
 *
 * <p>Thread-safe: renderers use per-thread scratch buffers.
 */
public final class EvtxRecord {
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private final String source;
    private final long fileOffset;
    private final long recordId;
    private final long writtenTime;
    private final boolean recovered;
    private final boolean carved;
    private final Fragment content;
    private final int start;
    private final int end;

    EvtxRecord(String source, long fileOffset, long recordId, long writtenTime, boolean recovered, boolean carved,
            Fragment content, int start, int end) {
        this.source = source;
        this.fileOffset = fileOffset;
        this.recordId = recordId;
        this.writtenTime = writtenTime;
        this.recovered = recovered;
        this.carved = carved;
        this.content = content;
        this.start = start;
        this.end = end;
    }

    /** The file the record was read from, as given to {@link EvtxReader#open}. */
    public String source() {
        return source;
    }

    /** Event record identifier from the record header (normally equal to {@code System/EventRecordID}). */
    public long recordId() {
        return recordId;
    }

    /** Written time from the record header (normally equal to {@code System/TimeCreated/@SystemTime}). */
    public Instant timestamp() {
        return instant(writtenTime);
    }

    /** FILETIME (100 ns since 1601) to an instant; out-of-range values (damaged data) give the epoch. */
    static Instant instant(long filetime) {
        if (filetime < 0) {
            return Instant.EPOCH;
        }
        long ticks = filetime - 116_444_736_000_000_000L;
        return Instant.ofEpochSecond(Math.floorDiv(ticks, 10_000_000L), Math.floorMod(ticks, 10_000_000L) * 100);
    }

    /** File offset of the record's first byte. */
    public long fileOffset() {
        return fileOffset;
    }

    /**
     * Whether the record was recovered from a damaged structure or from slack space rather than read from an
     * intact chunk; analysts should weigh it accordingly.
     */
    public boolean recovered() {
        return recovered;
    }

    /** Whether the record was carved from slack space (a recovered record outside the chunk's records). */
    boolean carved() {
        return carved;
    }

    /** The event as XML, one {@code <Event>} element, as Windows renders it. */
    public String toXml() {
        Utf8Output o = scratch();
        XmlRenderer.render(content, o);
        return o.toString();
    }

    /**
     * Writes {@link #toXml()} as UTF-8. A {@link Utf8Output} is rendered into directly (no copy): the fast path
     * for bulk conversion.
     */
    public void writeXml(OutputStream out) throws IOException {
        if (out instanceof Utf8Output direct) {
            XmlRenderer.render(content, direct);
            return;
        }
        Utf8Output o = scratch();
        XmlRenderer.render(content, o);
        o.writeTo(out);
    }

    /** The event as one line of JSON in the evtx crate's shape. */
    public String toJson(JsonStyle style) {
        Utf8Output o = scratch();
        JsonRenderer.render(content, o, style == JsonStyle.SEPARATE_ATTRIBUTES);
        return o.toString();
    }

    /** Writes {@link #toJson} as UTF-8, without a line break; a {@link Utf8Output} is rendered into directly. */
    public void writeJson(OutputStream out, JsonStyle style) throws IOException {
        if (out instanceof Utf8Output direct) {
            JsonRenderer.render(content, direct, style == JsonStyle.SEPARATE_ATTRIBUTES);
            return;
        }
        Utf8Output o = scratch();
        JsonRenderer.render(content, o, style == JsonStyle.SEPARATE_ATTRIBUTES);
        o.writeTo(out);
    }

    /**
     * The record as a {@link Event}: header facts, the flat field table Sigma rules read, and the nested
     * document (built on first dotted-path lookup). The document reads the record where it lies, in the chunk's
     * 64 KiB buffer, so an event kept beyond the reading of its chunk should be kept as {@link Event#detached()},
     * which holds only the record's own bytes.
     */
    public Event toEvent() {
        return SCRATCH.get().converter.convert(content, start, end, new Origin(source, fileOffset, recovered),
                recordId, writtenTime);
    }

    /** The parsed record: template tree and substitution values. */
    Fragment content() {
        return content;
    }

    @Override
    public String toString() {
        return "EvtxRecord[" + source + "@" + fileOffset + " #" + recordId + (recovered ? " recovered" : "") + "]";
    }

    private static Utf8Output scratch() {
        Utf8Output o = SCRATCH.get().out;
        o.reset();
        return o;
    }

    private static final class Scratch {
        final Utf8Output out = new Utf8Output(16384);
        final EventConverter converter = new EventConverter();
    }
}
