package kagami.evtx;

/** The two JSON shapes of the evtx crate, which tools downstream expect. */
public enum JsonStyle {
    /** Attributes under {@code "#attributes"}, element text beside them under {@code "#text"} (evtx default). */
    NESTED_ATTRIBUTES,
    /**
     * Attributes in a sibling {@code "<Element>_attributes"} object, the element keeping its plain value
     * (evtx {@code --separate-json-attributes}; the shape Hayabusa and Chainsaw read).
     */
    SEPARATE_ATTRIBUTES
}
