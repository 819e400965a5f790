package kagami.intel;

import java.io.IOException;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Where a reader of an exchange format delivers what it read: STIX 2.1 objects (every format is mapped to STIX on
 * the way in), and the errors of single records it could skip.
 */
public interface ImportSink {
    /**
     * One STIX object.
     *
     * @param location where it came from, for error messages ({@link InputLocation}: a line, an object)
     * @param derived  true when the reader made the object from a flat record (CSV row, list line, MISP
     *                 attribute) with a deterministic id: re-importing the same content is then a no-op
     */
    void accept(ObjectNode object, IntelMessage location, boolean derived) throws IOException;

    /**
     * An object a reader makes only so that something can refer to it (the malware a CSV row names, a MISP galaxy
     * cluster): stored when its id is new, ignored when the store already holds the object. A richer version from
     * a curated source (the MirrorFace pack, a STIX bundle) is never replaced by such a stub.
     */
    default void acceptIfAbsent(ObjectNode object, IntelMessage location) throws IOException {
        accept(object, location, true);
    }

    /**
     * A record that could not be read. Throws {@code error} back (and the import is rolled back) unless the user
     * asked to continue past errors; then it is counted and reported.
     */
    void error(IntelFormatException error) throws IntelFormatException;

    /** Something imported but worth telling (a value skipped, an unknown marking). */
    void warning(IntelMessage location, IntelMessage message);

    /** A warning that is the message {@code key} with {@code args}. */
    default void warning(IntelMessage location, String key, Object... args) {
        warning(location, IntelMessage.of(key, args));
    }
}
