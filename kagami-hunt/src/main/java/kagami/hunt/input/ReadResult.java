package kagami.hunt.input;

import java.util.List;

/**
 * What reading one input gave.
 *
 * @param events     events handed to the sink
 * @param badRecords records that could not be turned into events (malformed, over a size bound, unknown shape)
 * @param complete   false when reading stopped before the end of the input (damage the reader could not pass)
 * @param warnings   what the user should know, one line each (bounded by the reader)
 */
public record ReadResult(long events, long badRecords, boolean complete, List<String> warnings) {
    public ReadResult {
        warnings = List.copyOf(warnings);
    }
}
