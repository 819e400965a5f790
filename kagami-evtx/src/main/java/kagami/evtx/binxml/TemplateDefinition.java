package kagami.evtx.binxml;

/**
 * A compiled template definition (libyal "Template definition": next-definition offset, template GUID, data
 * size, then a fragment header, one element and an end-of-file token). {@code root} is the element tree with
 * substitution slots, built once per chunk (or taken from the cross-chunk {@link TemplateCache}) and filled by
 * every record that instantiates it.
 */
public record TemplateDefinition(byte[] guid, int dataSize, Node.Element root) {
}
