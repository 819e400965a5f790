package kagami.hunt.input;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import kagami.core.Event;
import kagami.core.Origin;

/**
 * Reads Windows events from JSON in any of the shapes analysts get them in: JSON Lines, one JSON array, or
 * concatenated (pretty-printed) objects; each record in the evtx crate's shape (through the
 * {@link DocumentConverter}) or in a shape a {@link FieldMapping} recognises (Winlogbeat/ECS, NXLog ...).
 *
 * <p>JSON Lines are parsed line by line, so a damaged line costs that line only. Arrays and concatenated objects
 * are parsed as one stream; damage there ends the file, reported as incomplete. Every record is bounded in size,
 * depth and values ({@link JsonRecords}); lines longer than {@value #MAX_LINE} bytes are skipped.
 */
public final class JsonEventReader implements EventReader {
    static final int MAX_LINE = 32 << 20;
    private static final int MAX_WARNINGS = 20;
    /** Records read without any recognised before the file is declared of an unknown shape. */
    private static final int SHAPE_PROBE = 1000;

    private final List<FieldMapping> mappings;
    private final Optional<DocumentConverter> evtxJson;

    public JsonEventReader(List<FieldMapping> mappings, Optional<DocumentConverter> evtxJson) {
        this.mappings = List.copyOf(mappings);
        this.evtxJson = Objects.requireNonNull(evtxJson, "evtxJson");
    }

    /** With the bundled field mappings. */
    public static JsonEventReader bundled(Optional<DocumentConverter> evtxJson) {
        return new JsonEventReader(FieldMapping.bundled(), evtxJson);
    }

    @Override
    public ReadResult read(InputSource source, Consumer<Event> sink) throws IOException {
        State s = new State(source.name(), sink);
        try (InputStream raw = source.open()) {
            BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
            int first = firstSignificant(in);
            if (first == '[') {
                stream(in, s, true);
            } else if (first == '{') {
                byte[] line = LineReader.peekLine(in, MAX_LINE);
                if (line != null && looksLikeJsonLines(line)) {
                    lines(in, s);
                } else {
                    stream(in, s, false);
                }
            }
        }
        return s.result();
    }

    /** Skips a UTF-8 BOM and blank space; returns the first other byte without consuming it (-1 at the end). */
    private static int firstSignificant(BufferedInputStream in) throws IOException {
        in.mark(4);
        int b0 = in.read();
        int b1 = in.read();
        int b2 = in.read();
        if (!(b0 == 0xef && b1 == 0xbb && b2 == 0xbf)) {
            in.reset();
        }
        while (true) {
            in.mark(1);
            int b = in.read();
            if (b == ' ' || b == '\t' || b == '\r' || b == '\n') {
                continue;
            }
            in.reset();
            return b;
        }
    }

    /**
     * Whether a file whose first line is {@code line} is JSON Lines: that line is a whole object (it ends with
     * {@code }}), whereas pretty-printed objects open on a line of their own.
     */
    private static boolean looksLikeJsonLines(byte[] line) {
        int end = line.length - 1;
        while (end >= 0 && (line[end] == ' ' || line[end] == '\t' || line[end] == '\r')) {
            end--;
        }
        return end > 0 && line[end] == '}';
    }

    private void lines(BufferedInputStream in, State s) throws IOException {
        LineReader lr = new LineReader(in, MAX_LINE);
        LineReader.Line line;
        while ((line = lr.next()) != null && !s.stop) {
            if (line.tooLong()) {
                s.bad("line at byte " + line.offset() + " is longer than " + MAX_LINE + " bytes");
                continue;
            }
            if (line.isBlank()) {
                continue;
            }
            try (JsonParser p = JsonRecords.FACTORY.createParser(line.bytes(), 0, line.length())) {
                // Usually one object a line; compact objects written back to back on one line are read too.
                JsonToken t;
                while ((t = p.nextToken()) != null) {
                    if (t != JsonToken.START_OBJECT) {
                        s.bad("line at byte " + line.offset() + " holds a value that is not a JSON object");
                        break;
                    }
                    s.record(JsonRecords.read(p), line.offset());
                }
            } catch (StreamConstraintsException | JsonRecords.TooLargeException e) {
                s.bad("record at byte " + line.offset() + ": " + firstLine(e.getMessage()));
            } catch (IOException e) {
                s.bad("malformed JSON at byte " + line.offset() + ": " + firstLine(e.getMessage()));
            }
        }
    }

    private void stream(InputStream in, State s, boolean array) throws IOException {
        try (JsonParser p = JsonRecords.FACTORY.createParser(in)) {
            if (array && p.nextToken() != JsonToken.START_ARRAY) {
                s.incomplete("not a JSON array");
                return;
            }
            while (!s.stop) {
                JsonToken t = p.nextToken();
                if (t == null || (array && t == JsonToken.END_ARRAY)) {
                    break;
                }
                long offset = p.currentTokenLocation().getByteOffset();
                if (t != JsonToken.START_OBJECT) {
                    p.skipChildren();
                    s.bad("value at byte " + offset + " is not a JSON object");
                    continue;
                }
                try {
                    s.record(JsonRecords.read(p), offset);
                } catch (JsonRecords.TooLargeException e) {
                    s.bad("record at byte " + offset + ": " + e.getMessage());
                    p.skipChildren();
                }
            }
        } catch (StreamConstraintsException e) {
            s.incomplete("JSON over a size bound: " + firstLine(e.getMessage()));
        } catch (IOException e) {
            if (e instanceof kagami.core.io.LimitExceededException) {
                throw e;
            }
            s.incomplete("malformed JSON, reading stopped: " + firstLine(e.getMessage()));
        }
    }

    private static String firstLine(String m) {
        if (m == null) {
            return "";
        }
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    private final class State {
        final String name;
        final Consumer<Event> sink;
        final Set<String> warnings = new LinkedHashSet<>();
        long events;
        long bad;
        long unknownShape;
        boolean complete = true;
        boolean stop;
        FieldMapping last;
        Set<String> sampleKeys;

        State(String name, Consumer<Event> sink) {
            this.name = name;
            this.sink = sink;
        }

        void record(Object rec, long offset) {
            if (!(rec instanceof Map<?, ?>)) {
                bad("record at byte " + offset + " is not a JSON object");
                return;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> map = (Map<String, Object>) rec;
            Origin origin = Origin.of(name, offset);
            Event e;
            try {
                e = convert(map, origin);
            } catch (RuntimeException ex) {
                bad("record at byte " + offset + " could not be converted: " + ex.getMessage());
                return;
            }
            if (e == null) {
                unknownShape++;
                bad++;
                if (sampleKeys == null) {
                    sampleKeys = new LinkedHashSet<>(new ArrayList<>(map.keySet()).subList(0,
                            Math.min(8, map.size())));
                }
                if (events == 0 && unknownShape >= SHAPE_PROBE) {
                    incomplete("records match no known field mapping (first keys: " + sampleKeys + ")");
                }
                return;
            }
            events++;
            sink.accept(e);
        }

        private Event convert(Map<String, Object> map, Origin origin) {
            if (evtxJson.isPresent() && map.get("Event") instanceof Map<?, ?> ev && ev.containsKey("System")) {
                return evtxJson.get().convert(map, origin);
            }
            if (last != null) {
                Optional<Map<String, Object>> r = last.recognise(map);
                if (r.isPresent()) {
                    return last.toEvent(r.get(), origin, warningSink());
                }
            }
            for (FieldMapping m : mappings) {
                Optional<Map<String, Object>> r = m.recognise(map);
                if (r.isPresent()) {
                    last = m;
                    return m.toEvent(r.get(), origin, warningSink());
                }
            }
            if (evtxJson.isEmpty() && map.get("Event") instanceof Map<?, ?> ev && ev.containsKey("System")) {
                throw new IllegalStateException("evtx-crate JSON needs the Sigma engine's converter");
            }
            return null;
        }

        private java.util.Collection<String> warningSink() {
            return new java.util.AbstractCollection<>() {
                @Override
                public boolean add(String w) {
                    if (warnings.size() < MAX_WARNINGS) {
                        warnings.add(w);
                    }
                    return true;
                }

                @Override
                public java.util.Iterator<String> iterator() {
                    return warnings.iterator();
                }

                @Override
                public int size() {
                    return warnings.size();
                }
            };
        }

        void bad(String why) {
            bad++;
            if (warnings.size() < MAX_WARNINGS) {
                warnings.add(why);
            }
        }

        void incomplete(String why) {
            complete = false;
            stop = true;
            if (warnings.size() < MAX_WARNINGS + 1) {
                warnings.add(why);
            }
        }

        ReadResult result() {
            if (unknownShape > 0 && complete) {
                warnings.add(unknownShape + " records matched no field mapping (first keys: " + sampleKeys + ")");
            }
            return new ReadResult(events, bad, complete, new ArrayList<>(warnings));
        }
    }
}
