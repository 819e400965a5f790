package kagami.cli.metrics;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import kagami.core.Event;
import kagami.core.WindowsEventJson;
import kagami.cli.Cli;
import kagami.hunt.input.EventReader;
import kagami.hunt.input.EvtxEventReader;
import kagami.hunt.input.FieldMapping;
import kagami.hunt.input.InputKind;
import kagami.hunt.input.InputLimits;
import kagami.hunt.input.InputSource;
import kagami.hunt.input.Inputs;
import kagami.hunt.input.JsonEventReader;
import kagami.hunt.input.ReadResult;
import kagami.hunt.input.SkippedInput;

/** Reads every event of the user's paths, the way {@code kagami hunt} does, for the analyst helpers. */
final class EventSources {
    private EventSources() {
    }

    /** Readers by input kind; EVTX chunks are parsed on one thread per processor, events delivered in order. */
    static Map<InputKind, EventReader> readers() {
        return Map.of(InputKind.JSON, new JsonEventReader(FieldMapping.bundled(),
                Optional.of(WindowsEventJson::toEvent)),
                InputKind.EVTX, new EvtxEventReader(Runtime.getRuntime().availableProcessors(), false, Cli.locale()));
    }

    /** Feeds every event to {@code sink}; returns what could not be read. */
    static List<SkippedInput> readAll(List<Path> paths, Consumer<Event> sink) throws IOException {
        Map<InputKind, EventReader> readers = readers();
        List<SkippedInput> skipped = new ArrayList<>();
        try (Inputs.Expansion x = Inputs.expand(paths, InputLimits.defaults(),
                Path.of(System.getProperty("java.io.tmpdir")))) {
            skipped.addAll(x.skipped());
            for (InputSource s : x.sources()) {
                EventReader r = readers.get(s.kind());
                if (r == null) {
                    skipped.add(new SkippedInput(s.name(), SkippedInput.Reason.UNREADABLE,
                            "no " + s.kind() + " reader in this build"));
                    continue;
                }
                try {
                    ReadResult rr = r.read(s, sink);
                    if (!rr.complete() || rr.badRecords() > 0) {
                        skipped.add(new SkippedInput(s.name(), SkippedInput.Reason.DAMAGED,
                                rr.badRecords() + " unreadable records"));
                    }
                } catch (IOException e) {
                    skipped.add(new SkippedInput(s.name(), SkippedInput.Reason.UNREADABLE, String.valueOf(e.getMessage())));
                }
            }
        }
        return skipped;
    }
}
