package kagami.intel;

/**
 * Where in an input a record sits, as an {@link IntelMessage} that reads naturally in both languages ({@code
 * feed.csv: line 12} / {@code feed.csv: 12 行目}). Locations nest: a MISP attribute lies in an object of an event of
 * a file, a STIX object on a page of a TAXII collection.
 */
public final class InputLocation {
    private InputLocation() {
    }

    /** A whole input: a file name, a URL. */
    public static IntelMessage of(String source) {
        return IntelMessage.of("at.source", source);
    }

    /** A line of a text input (1-based). */
    public static IntelMessage line(Object source, long line) {
        return IntelMessage.of("at.line", source, line);
    }

    /** A line and column of a JSON input (1-based). */
    public static IntelMessage lineColumn(Object source, long line, long column) {
        return IntelMessage.of("at.lineColumn", source, line, column);
    }

    /** The {@code index}-th object (1-based) of a STIX bundle or TAXII envelope, with its id when it has one. */
    public static IntelMessage object(Object source, long index, String id) {
        return id == null || id.isEmpty() ? IntelMessage.of("at.object", source, index)
                : IntelMessage.of("at.objectId", source, index, id.length() > 120 ? id.substring(0, 120) + "..." : id);
    }

    /** A STIX object by its id (objects the store re-imports itself). */
    public static IntelMessage stixId(String id) {
        return IntelMessage.of("at.stixId", id);
    }

    /** The {@code n}-th entry of a list file such as the warning list. */
    public static IntelMessage entry(Object source, long n) {
        return IntelMessage.of("at.entry", source, n);
    }

    /** The {@code n}-th page of a TAXII objects request. */
    public static IntelMessage page(Object url, long n) {
        return IntelMessage.of("at.page", url, n);
    }

    /** The {@code n}-th element (1-based) named {@code element} (MISP: Event, Attribute, Object, Sighting ...). */
    public static IntelMessage element(Object parent, String element, long n) {
        return IntelMessage.of("at.element", parent, element, n);
    }
}
