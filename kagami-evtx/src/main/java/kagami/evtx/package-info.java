/**
 * Reading Windows XML Event Log (EVTX) files: the public API of {@code kagami-evtx}.
 *
 * <ul>
 *   <li>{@link kagami.evtx.EvtxReader} opens a file ({@code EvtxReader.open(path, options)}) and gives its records
 *       in file order: iteration, {@code forEach}, or {@code map}/{@code mapChunks} to do per-record or per-chunk
 *       work on the reader's worker threads with the results delivered in order;</li>
 *   <li>{@link kagami.evtx.EvtxOptions}: threads, carving, checksum validation, the warning listener;</li>
 *   <li>{@link kagami.evtx.EvtxRecord}: record id, written time, file offset, recovered flag; XML, JSON (both
 *       attribute shapes, {@link kagami.evtx.JsonStyle}) and {@link kagami.core.Event} conversion;</li>
 *   <li>{@link kagami.evtx.EvtxWarning}: a damaged structure, with its file offset, that did not stop reading;</li>
 *   <li>{@link kagami.evtx.EvtxFormatException}: the file is not EVTX at all.</li>
 * </ul>
 *
 * The package also holds the format's structures (file header, chunk header, chunk, event record), package-
 * private. The Binary XML parser ({@code kagami.evtx.binxml}) and the renderers ({@code kagami.evtx.render}) are
 * public only because they are separate packages: they are not API and may change.
 */
package kagami.evtx;
