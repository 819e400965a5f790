package kagami.evtx.binxml;

/**
 * A Binary XML fragment ready to render (libyal "Fragment": a fragment header followed by an element or a
 * template instance): an element tree and the substitution values its {@link Node.Substitution} slots read.
 * A template instance gives the template's tree and the instance's values; a plain element has no values.
 * Fragments nest: a BinXml-typed substitution value (0x21) is itself a fragment.
 */
public record Fragment(Node.Element root, SubstitutionValues values) implements Node {

    /**
     * This fragment reading its values from {@code copy} (chunk bytes from offset {@code start}), so it no longer
     * holds the whole chunk; {@code null} if a value lies outside the copy.
     */
    public Fragment relocated(byte[] copy, int start) {
        SubstitutionValues moved = values.relocated(copy, start);
        return moved == null ? null : new Fragment(root, moved);
    }
}
