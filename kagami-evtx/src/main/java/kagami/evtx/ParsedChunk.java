package kagami.evtx;

import java.util.List;

/**
 * What a worker hands back for one chunk: its records in file order, its warnings, and the result of the
 * caller's per-chunk work (rendering, conversion) done on the worker thread.
 */
record ParsedChunk(int index, long fileOffset, List<EvtxRecord> records, List<EvtxWarning> warnings, Object result) {

    ParsedChunk withResult(Object r) {
        return new ParsedChunk(index, fileOffset, records, warnings, r);
    }
}
