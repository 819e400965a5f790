/**
 * Output shapes, kept apart from parsing: event XML as Windows and libevtx render it, JSON in the evtx crate's
 * shapes, and {@code kagami.core.Event} conversion, all written straight from compiled templates and substitution
 * values into a reusable UTF-8 buffer ({@link kagami.evtx.render.Utf8Output}). Internal to {@code kagami-evtx}:
 * not API, except that a {@code Utf8Output} may be handed to {@code EvtxRecord.writeJson}/{@code writeXml} to
 * render without a copy.
 */
package kagami.evtx.render;
