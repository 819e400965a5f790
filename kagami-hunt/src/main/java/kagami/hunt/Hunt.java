package kagami.hunt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import kagami.core.Detection;
import kagami.core.Event;
import kagami.core.io.LimitExceededException;
import kagami.hunt.input.EventReader;
import kagami.hunt.input.InputKind;
import kagami.hunt.input.InputSource;
import kagami.hunt.input.ReadResult;
import kagami.hunt.input.SkippedInput;
import kagami.hunt.rules.HuntRules;
import kagami.hunt.summary.ProgressModel;
import kagami.hunt.summary.RunFacts;
import kagami.hunt.timeline.TimeWindow;
import kagami.hunt.timeline.Timeline;
import kagami.hunt.timeline.TimelineRecords;
import kagami.sigma.compile.Matcher;
import kagami.sigma.correlation.Correlator;

/**
 * One hunt: reads every input (in parallel across inputs), runs the compiled rules on each event, sends the
 * matches of correlation-fed rules through the correlator in event-time order, tunes levels, and hands the
 * detections to the {@link Timeline}. Inputs that cannot be read, or only in part, are collected with their
 * reason; a reader failing never stops the others.
 */
public final class Hunt {
    /** Detections of correlation-fed rules held for the correlator; beyond, the correlation is reported partial. */
    static final int MAX_CORRELATION_BUFFER = 2_000_000;

    private static final Comparator<Detection> EVENT_ORDER = Comparator.comparing(Detection::timestamp)
            .thenComparing(d -> d.events().isEmpty() ? "" : d.firstEvent().origin().source())
            .thenComparingLong(d -> d.events().isEmpty() ? 0 : d.firstEvent().origin().offset())
            .thenComparing(Detection::ruleId);

    private final HuntRules rules;
    private final Map<InputKind, EventReader> readers;
    private final TimeWindow window;
    private final boolean channelFilter;
    private final int threads;

    /**
     * @param readers       a reader per input kind ({@link InputKind#JSON}, {@link InputKind#EVTX}); an input
     *                      without a reader is reported as unreadable
     * @param window        events outside it are not matched
     * @param channelFilter skip EVTX inputs whose first record's channel no rule can match
     * @param threads       inputs read at once (EVTX readers bring their own chunk threads)
     */
    public Hunt(HuntRules rules, Map<InputKind, EventReader> readers, TimeWindow window, boolean channelFilter,
                int threads) {
        this.rules = Objects.requireNonNull(rules, "rules");
        this.readers = Map.copyOf(readers);
        this.window = Objects.requireNonNull(window, "window");
        this.channelFilter = channelFilter;
        this.threads = Math.max(1, threads);
    }

    /** What the run did, for the summary. */
    public record Outcome(long events, long inputsRead, List<SkippedInput> skipped, long correlationOverflow) {
    }

    /**
     * Runs over {@code sources} (already expanded; {@code skippedBefore} lists what expansion could not open)
     * and finishes the timeline.
     */
    public Outcome run(List<InputSource> sources, List<SkippedInput> skippedBefore, Timeline timeline,
                       TimelineRecords records, ProgressModel progress) throws IOException {
        return run(sources, skippedBefore, timeline, records, progress, d -> { });
    }

    /**
     * As {@link #run(List, List, Timeline, TimelineRecords, ProgressModel)}, also giving every detection that
     * reaches the timeline (after level tuning) to {@code observer}, from any thread; {@code kagami demo} scores
     * the hunt against its ground truth this way.
     */
    public Outcome run(List<InputSource> sources, List<SkippedInput> skippedBefore, Timeline timeline,
                       TimelineRecords records, ProgressModel progress, Consumer<Detection> observer)
            throws IOException {
        Objects.requireNonNull(observer, "observer");
        List<SkippedInput> skipped = Collections.synchronizedList(new ArrayList<>(skippedBefore));
        AtomicLong events = new AtomicLong();
        AtomicLong read = new AtomicLong();
        List<Detection> correlated = new ArrayList<>();
        AtomicLong overflow = new AtomicLong();
        Consumer<Detection> emit = d -> rules.tune(d).ifPresent(t -> {
            try {
                timeline.add(records.of(t));
                progress.addDetections(1);
                observer.accept(t);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        Consumer<Detection> route = d -> {
            if (rules.correlated().contains(d.ruleId())) {
                synchronized (correlated) {
                    if (correlated.size() < MAX_CORRELATION_BUFFER) {
                        correlated.add(d);
                    } else {
                        overflow.incrementAndGet();
                    }
                }
            } else {
                emit.accept(d);
            }
        };
        ThreadLocal<EventMatcher> matchers = ThreadLocal.withInitial(() -> new EventMatcher(rules.compiled().newMatcher()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "kagami-hunt");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (InputSource s : sources) {
                futures.add(pool.submit(() -> {
                    readOne(s, matchers, route, skipped, events, read, progress);
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    Throwable c = e.getCause();
                    if (c instanceof UncheckedIOException u) {
                        throw u.getCause();
                    }
                    if (c instanceof RuntimeException r) {
                        throw r;
                    }
                    if (c instanceof Error err) {
                        throw err;
                    }
                    throw new IOException(c);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("hunt interrupted", e);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        try {
            if (!correlated.isEmpty() || !rules.compiled().correlations().isEmpty()) {
                correlated.sort(EVENT_ORDER);
                Correlator correlator = new Correlator(rules.compiled());
                for (Detection d : correlated) {
                    correlator.accept(d, emit);
                }
                correlator.finish(emit);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        List<SkippedInput> sorted = new ArrayList<>(skipped);
        sorted.sort(Comparator.comparing(SkippedInput::name));
        return new Outcome(events.get(), read.get(), sorted, overflow.get());
    }

    private void readOne(InputSource s, ThreadLocal<EventMatcher> matchers, Consumer<Detection> route,
                         List<SkippedInput> skipped, AtomicLong events, AtomicLong read, ProgressModel progress) {
        EventReader reader = readers.get(s.kind());
        long[] bytesDone = new long[1];
        if (reader == null) {
            skipped.add(new SkippedInput(s.name(), SkippedInput.Reason.UNREADABLE,
                    "no " + s.kind() + " reader in this build"));
            progress.inputDone();
            return;
        }
        try {
            if (channelFilter && s.kind() == InputKind.EVTX && !rules.anyChannel()) {
                // Hayabusa's channel filter: an EVTX file holds one channel, named in every record.
                String channel = reader.firstEvent(s).map(Event::channel).orElse(null);
                if (channel != null && !channel.equalsIgnoreCase("ForwardedEvents")
                        && !rules.mayMatchChannel(channel)) {
                    skipped.add(new SkippedInput(s.name(), SkippedInput.Reason.NO_APPLICABLE_RULES, channel));
                    return;
                }
            }
            // Matching runs where the reader parses (EVTX worker threads); detections come back in source order.
            ReadResult r = reader.read(s, e -> {
                progress.addEvents(1);
                return window.contains(e.timestamp()) ? matchers.get().match(e) : null;
            }, (List<Detection> found) -> found.forEach(route), n -> {
                bytesDone[0] += n;
                progress.addBytes(n);
            });
            events.addAndGet(r.events());
            read.incrementAndGet();
            String first = String.join("; ", r.warnings().subList(0, Math.min(3, r.warnings().size())));
            boolean json = s.kind() == InputKind.JSON;
            if (json && r.events() == 0 && r.badRecords() > 0) {
                skipped.add(new SkippedInput(s.name(), SkippedInput.Reason.UNKNOWN_JSON_SHAPE, first));
            } else if (!r.complete()) {
                skipped.add(new SkippedInput(s.name(), SkippedInput.Reason.DAMAGED, first));
            } else if (r.badRecords() > 0) {
                skipped.add(new SkippedInput(s.name(), SkippedInput.Reason.DAMAGED, r.badRecords()
                        + (json ? " records unreadable: " : " damaged structures: ")
                        + (r.warnings().isEmpty() ? "" : r.warnings().get(0))));
            }
        } catch (LimitExceededException e) {
            skipped.add(new SkippedInput(s.name(), SkippedInput.Reason.LIMIT_EXCEEDED, e.getMessage()));
        } catch (IOException e) {
            skipped.add(new SkippedInput(s.name(), SkippedInput.Reason.UNREADABLE, message(e)));
        } finally {
            progress.addBytes(Math.max(0, Math.max(0, s.size()) - bytesDone[0]));
            progress.inputDone();
        }
    }

    /** A thread's matcher and the detections it found for the current event. */
    private static final class EventMatcher implements Consumer<Detection> {
        private final Matcher matcher;
        private List<Detection> found;

        EventMatcher(Matcher matcher) {
            this.matcher = matcher;
        }

        /** The event's detections, or {@code null} when no rule fired (the common case allocates nothing). */
        List<Detection> match(Event e) {
            found = null;
            matcher.match(e, this);
            List<Detection> f = found;
            found = null;
            return f;
        }

        @Override
        public void accept(Detection d) {
            if (found == null) {
                found = new ArrayList<>(2);
            }
            found.add(d);
        }
    }

    private static String message(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    /** The run's facts for the summary, from this outcome, the rules and the timeline's counts. */
    public static RunFacts facts(Outcome o, HuntRules rules, Timeline.Counts counts, Duration elapsed) {
        return new RunFacts(o.events(), o.inputsRead(), o.skipped(), rules.loaded(), rules.problems(),
                rules.excluded(), rules.filtered(), counts.duplicates(), counts.outsideWindow(), elapsed);
    }
}
