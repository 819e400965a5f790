package kagami.sigma.compile;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import kagami.core.Detection;
import kagami.core.Event;
import kagami.sigma.rule.RuleMeta;

/**
 * Matches events against a {@link CompiledRuleSet}. One matcher per thread (it keeps per-event working memory);
 * the rule set itself is shared. An event is tested only against rules indexed under its channel and event id
 * (and rules for any channel); matching a non-firing event allocates nothing on the common path.
 */
public final class Matcher {
    /** Channels remembered with their buckets: a hunt meets a handful, so lookups allocate nothing after the first. */
    private static final int RECENT_CHANNELS = 8;

    /** The last event a detection kept, and its detached copy ({@link #kept}). */
    private Event keptSource;
    private Event keptEvent;
    private final CompiledRuleSet set;
    private final Scratch scratch;
    private final String[] recentChannels = new String[RECENT_CHANNELS];
    private final CandidateIndex.Bucket[] recentBuckets = new CandidateIndex.Bucket[RECENT_CHANNELS];
    private int recentNext;

    Matcher(CompiledRuleSet set) {
        this.set = set;
        this.scratch = new Scratch(set);
    }

    /** Tests {@code event} against every candidate rule; each rule that fires gives one {@link Detection}. */
    public void match(Event event, Consumer<Detection> out) {
        scratch.nextEvent();
        int id = event.eventId();
        CandidateIndex.Bucket b = bucket(event.channel());
        if (b != null) {
            run(b.forId(id), event, out);
            run(b.anyId, event, out);
        }
        CandidateIndex.Bucket any = set.index.anyChannel;
        run(any.forId(id), event, out);
        run(any.anyId, event, out);
    }

    private CandidateIndex.Bucket bucket(String channel) {
        for (int i = 0; i < RECENT_CHANNELS; i++) {
            if (channel.equals(recentChannels[i])) {
                return recentBuckets[i];
            }
        }
        CandidateIndex.Bucket b = set.index.byChannel.get(CandidateIndex.key(channel));
        recentChannels[recentNext] = channel;
        recentBuckets[recentNext] = b;
        recentNext = (recentNext + 1) % RECENT_CHANNELS;
        return b;
    }

    private void run(int[] variants, Event e, Consumer<Detection> out) {
        for (int v : variants) {
            int rule = set.variantRule[v];
            if (scratch.ruleStamp[rule] == scratch.generation) {
                continue;
            }
            if (set.variantRoots[v].eval(e, scratch)) {
                scratch.ruleStamp[rule] = scratch.generation;
                out.accept(detection(set.rules[rule], set.variantRoots[v], e));
            }
        }
    }

    private Detection detection(RuleInfo info, Node root, Event e) {
        Map<String, String> evidence = new LinkedHashMap<>();
        root.explain(e, scratch, evidence);
        RuleMeta m = info.meta();
        return new Detection(m.key(), m.title(), m.level(), m.status(), m.tags(), info.attack(), m.author(),
                m.references(), m.license(), m.file(), e.timestamp(), List.of(kept(e)), evidence);
    }

    /** The event as detections keep it ({@link Event#detached()}), made once however many rules fire on it. */
    private Event kept(Event e) {
        if (keptSource != e) {
            keptSource = e;
            keptEvent = e.detached();
        }
        return keptEvent;
    }

}
