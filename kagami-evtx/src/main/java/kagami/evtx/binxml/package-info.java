/**
 * Binary XML, laid out as libyal's EVTX format description lays it out: {@link kagami.evtx.binxml.Token}s read
 * by the {@link kagami.evtx.binxml.TokenReader}, {@link kagami.evtx.binxml.Name}s by chunk offset, compiled
 * {@link kagami.evtx.binxml.TemplateDefinition}s (per chunk, and shared between chunks by the
 * {@link kagami.evtx.binxml.TemplateCache} when verified identical), {@link kagami.evtx.binxml.SubstitutionValues}
 * and the {@link kagami.evtx.binxml.Fragment} that binds them. Internal to {@code kagami-evtx}: not API.
 */
package kagami.evtx.binxml;
