package kagami.hunt.metrics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Consumer;

import kagami.core.Event;

/**
 * Counts events per channel, per (channel, event id, provider), per computer and per input, with the first and
 * last event time of each input: what an analyst looks at first to know what a collection holds (Hayabusa's
 * eid-metrics, computer-metrics and log-metrics in one pass). Any {@link Event} stream will do; memory is bounded
 * by the number of distinct keys, capped against hostile input.
 */
public final class EventMetrics implements Consumer<Event> {
    /** Distinct keys per table; beyond, events are counted under "(other)". */
    static final int MAX_KEYS = 100_000;
    /** Distinct channels remembered per input. */
    static final int MAX_CHANNELS_PER_INPUT = 256;
    public static final String OTHER = "(other)";
    private static final List<Object> OTHER_KEY = List.of(OTHER, -1, "");

    public record ChannelCount(String channel, long events) {
    }

    public record EventIdCount(String channel, int eventId, String provider, long events) {
    }

    public record ComputerCount(String computer, long events) {
    }

    public record InputStats(String input, long events, Optional<Instant> first, Optional<Instant> last,
                             List<String> channels, List<String> computers) {
    }

    /** A snapshot, every table sorted by count (descending), then name. */
    public record Report(long events, List<ChannelCount> channels, List<EventIdCount> eventIds,
                         List<ComputerCount> computers, List<InputStats> inputs) {
    }

    private long events;
    private final Map<String, long[]> channels = new HashMap<>();
    private final Map<List<Object>, long[]> eventIds = new HashMap<>();
    private final Map<String, long[]> computers = new HashMap<>();
    private final Map<String, InputAcc> inputs = new HashMap<>();

    private static final class InputAcc {
        long events;
        Instant first;
        Instant last;
        final TreeSet<String> channels = new TreeSet<>();
        final TreeSet<String> computers = new TreeSet<>();
    }

    @Override
    public synchronized void accept(Event e) {
        events++;
        count(channels, e.channel());
        List<Object> key = List.of(e.channel(), e.eventId(), e.provider());
        long[] c = eventIds.get(key);
        if (c == null) {
            c = eventIds.computeIfAbsent(eventIds.size() < MAX_KEYS ? key : OTHER_KEY, k -> new long[1]);
        }
        c[0]++;
        count(computers, e.host());
        String input = e.origin().source();
        InputAcc in = inputs.get(input);
        if (in == null) {
            in = inputs.computeIfAbsent(inputs.size() < MAX_KEYS ? input : OTHER, k -> new InputAcc());
        }
        in.events++;
        Instant t = e.timestamp();
        if (!Instant.EPOCH.equals(t)) {
            if (in.first == null || t.isBefore(in.first)) {
                in.first = t;
            }
            if (in.last == null || t.isAfter(in.last)) {
                in.last = t;
            }
        }
        if (in.channels.size() < MAX_CHANNELS_PER_INPUT) {
            in.channels.add(e.channel());
        }
        if (in.computers.size() < MAX_CHANNELS_PER_INPUT) {
            in.computers.add(e.host());
        }
    }

    private static void count(Map<String, long[]> map, String key) {
        long[] c = map.get(key);
        if (c == null) {
            c = map.computeIfAbsent(map.size() < MAX_KEYS ? key : OTHER, k -> new long[1]);
        }
        c[0]++;
    }

    public synchronized Report report() {
        List<ChannelCount> ch = new ArrayList<>();
        channels.forEach((k, v) -> ch.add(new ChannelCount(k, v[0])));
        ch.sort(Comparator.comparingLong(ChannelCount::events).reversed().thenComparing(ChannelCount::channel));
        List<EventIdCount> ids = new ArrayList<>();
        eventIds.forEach((k, v) -> ids.add(new EventIdCount((String) k.get(0), (Integer) k.get(1),
                (String) k.get(2), v[0])));
        ids.sort(Comparator.comparingLong(EventIdCount::events).reversed().thenComparing(EventIdCount::channel)
                .thenComparingInt(EventIdCount::eventId).thenComparing(EventIdCount::provider));
        List<ComputerCount> co = new ArrayList<>();
        computers.forEach((k, v) -> co.add(new ComputerCount(k, v[0])));
        co.sort(Comparator.comparingLong(ComputerCount::events).reversed().thenComparing(ComputerCount::computer));
        List<InputStats> in = new ArrayList<>();
        inputs.forEach((k, v) -> in.add(new InputStats(k, v.events, Optional.ofNullable(v.first),
                Optional.ofNullable(v.last), List.copyOf(v.channels), List.copyOf(v.computers))));
        in.sort(Comparator.comparing(InputStats::input));
        return new Report(events, List.copyOf(ch), List.copyOf(ids), List.copyOf(co), List.copyOf(in));
    }
}
