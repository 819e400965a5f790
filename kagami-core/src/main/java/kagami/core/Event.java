package kagami.core;

import java.io.Serializable;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One log record from any source (EVTX, JSON export, Kafka topic), in the vocabulary analysts and Sigma use.
 *
 * <p>An event carries two views of the same record:
 * <ul>
 *   <li>a <em>flat</em> field table keyed by the names Sigma rules use ({@code Image}, {@code CommandLine},
 *       {@code EventID}, {@code Provider_Name} ...). Readers fill it; it is what a detection engine looks
 *       fields up in, millions of times per second, so it is a plain hash table with no per-lookup work;</li>
 *   <li>the <em>document</em>: the record as a nested tree in the shape of the evtx crate's JSON
 *       ({@code Event.System.Provider.#attributes.Name}), reachable by dotted path for rules and profiles
 *       that address fields that way.</li>
 * </ul>
 * Field values are {@link String}, {@link Long}, {@link Double}, {@link Boolean}, {@link List} or
 * {@link Map} (documents only). A field may be present with no value (an empty {@code <Data/>} element):
 * {@link #hasField} is then true and {@link #fieldOrNull} returns {@code null}, which is what Sigma's
 * {@code null} and {@code exists} semantics need.
 *
 * <p>Instances are immutable once built and safe to share between threads; they are {@link Serializable}
 * so stream processors can ship them.
 */
public final class Event implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Value of {@link #eventId()} when the source has no event id. */
    public static final int NO_EVENT_ID = -1;
    /** Value of {@link #recordId()} when the source has no record number. */
    public static final long NO_RECORD_ID = -1L;

    private final Instant timestamp;
    private final String host;
    private final String channel;
    private final String provider;
    private final int eventId;
    private final long recordId;
    private final Origin origin;
    private final FieldTable fields;
    private final Map<String, Object> document;

    private Event(Builder b) {
        this.timestamp = b.timestamp;
        this.host = b.host;
        this.channel = b.channel;
        this.provider = b.provider;
        this.eventId = b.eventId;
        this.recordId = b.recordId;
        this.origin = b.origin;
        this.fields = b.fields;
        this.document = b.document;
    }

    private Event(Event e, Origin origin, Map<String, Object> document) {
        this.timestamp = e.timestamp;
        this.host = e.host;
        this.channel = e.channel;
        this.provider = e.provider;
        this.eventId = e.eventId;
        this.recordId = e.recordId;
        this.origin = origin;
        this.fields = e.fields;
        this.document = document;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * A document that may still read from a buffer shared with other events (an EVTX reader's 64 KiB chunk,
     * read once for all of its records), and can give a version of itself that does not.
     */
    public interface SharedDocument {
        /** The same document, holding only what belongs to this event. */
        Map<String, Object> detach();
    }

    /**
     * This event in a form fit to be kept after its input has moved on (in a detection, a buffer, a window):
     * a document that reads from a shared buffer is replaced by one that holds only the event's own bytes, so a
     * kept event does not keep its neighbours' data alive. Readers hand out events that are cheap to make and
     * drop (most are matched and forgotten); whoever keeps one calls this. Returns {@code this} when nothing is
     * shared.
     */
    public Event detached() {
        if (document instanceof SharedDocument s) {
            Map<String, Object> own = s.detach();
            return own == document ? this : new Event(this, origin, own);
        }
        return this;
    }

    /** The same record read from somewhere else (an archive member named as the user sees it): fields and document shared. */
    public Event withOrigin(Origin o) {
        return new Event(this, Objects.requireNonNull(o, "origin"), document);
    }

    /** Time the record was written (EVTX {@code System/TimeCreated/@SystemTime}); {@link Instant#EPOCH} if unknown. */
    public Instant timestamp() {
        return timestamp;
    }

    /** Computer name as recorded ({@code System/Computer}); empty if unknown. */
    public String host() {
        return host;
    }

    /** Log channel ({@code System/Channel}), e.g. {@code Microsoft-Windows-Sysmon/Operational}; empty if unknown. */
    public String channel() {
        return channel;
    }

    /** Provider name ({@code System/Provider/@Name}); empty if unknown. */
    public String provider() {
        return provider;
    }

    /** Event id ({@code System/EventID}) or {@link #NO_EVENT_ID}. */
    public int eventId() {
        return eventId;
    }

    /** Record number ({@code System/EventRecordID}) or {@link #NO_RECORD_ID}. */
    public long recordId() {
        return recordId;
    }

    /** Where the record was read from. */
    public Origin origin() {
        return origin;
    }

    /**
     * The hot-path lookup: the value of a field by its flat name, or else by dotted path into the document;
     * {@code null} when absent or present without a value. Allocation-free for flat names.
     */
    public Object fieldOrNull(String name) {
        int i = fields.indexOf(name);
        if (i >= 0) {
            return fields.valueAt(i);
        }
        return name.indexOf('.') >= 0 ? DocumentPath.resolve(document, name) : null;
    }

    /** {@link #fieldOrNull} for callers off the hot path. */
    public Optional<Object> field(String name) {
        return Optional.ofNullable(fieldOrNull(name));
    }

    /** Whether the record has the field (by flat name or dotted path), even if it has no value. */
    public boolean hasField(String name) {
        if (fields.containsKey(name)) {
            return true;
        }
        return name.indexOf('.') >= 0 && DocumentPath.exists(document, name);
    }

    /** The flat field table, read-only, in the order the reader added the fields. */
    public Map<String, Object> fields() {
        return fields; // read-only itself
    }

    /** The record as a nested document (evtx-crate JSON shape), read-only; empty if the reader kept none. */
    public Map<String, Object> document() {
        return Collections.unmodifiableMap(document);
    }

    @Override
    public String toString() {
        return "Event[" + timestamp + " " + host + " " + channel + " " + eventId + " #" + recordId + " " + origin + "]";
    }

    /** Builds an {@link Event}; not thread-safe, not reusable after {@link #build()}. */
    public static final class Builder {
        private Instant timestamp = Instant.EPOCH;
        private String host = "";
        private String channel = "";
        private String provider = "";
        private int eventId = NO_EVENT_ID;
        private long recordId = NO_RECORD_ID;
        private Origin origin = Origin.UNKNOWN;
        /** Sized for a Windows event (about 20 System fields plus the EventData ones) without rehashing. */
        private FieldTable fields = new FieldTable(40);
        private Map<String, Object> document = Map.of();
        private boolean built;

        private Builder() {
        }

        public Builder timestamp(Instant t) {
            this.timestamp = Objects.requireNonNull(t, "timestamp");
            return this;
        }

        public Builder host(String h) {
            this.host = Objects.requireNonNull(h, "host");
            return this;
        }

        public Builder channel(String c) {
            this.channel = Objects.requireNonNull(c, "channel");
            return this;
        }

        public Builder provider(String p) {
            this.provider = Objects.requireNonNull(p, "provider");
            return this;
        }

        public Builder eventId(int id) {
            this.eventId = id;
            return this;
        }

        public Builder recordId(long id) {
            this.recordId = id;
            return this;
        }

        public Builder origin(Origin o) {
            this.origin = Objects.requireNonNull(o, "origin");
            return this;
        }

        /**
         * Adds a flat field. {@code value} may be {@code null} (present without a value). A later call with the
         * same name replaces the earlier value.
         */
        public Builder field(String name, Object value) {
            unbuilt();
            fields.set(Objects.requireNonNull(name, "name"), value);
            return this;
        }

        /** Adds a flat field only if no field of that name exists yet. */
        public Builder fieldIfAbsent(String name, Object value) {
            unbuilt();
            if (!fields.containsKey(name)) {
                fields.set(name, value);
            }
            return this;
        }

        /** The nested document; the caller must not modify it afterwards. */
        public Builder document(Map<String, Object> doc) {
            this.document = Objects.requireNonNull(doc, "document");
            return this;
        }

        /** The table is the built event's own: a used builder must not change it. */
        private void unbuilt() {
            if (built) {
                throw new IllegalStateException("Event.Builder already used");
            }
        }

        public Event build() {
            if (built) {
                throw new IllegalStateException("Event.Builder already used");
            }
            built = true;
            return new Event(this);
        }
    }
}
