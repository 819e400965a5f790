package kagami.mail.mime;

/**
 * One header field of the top-level message, in order of appearance.
 *
 * @param name  field name as written
 * @param value unfolded value, RFC 2047 encoded words decoded
 * @param raw   unfolded value as written (encoded words kept), for structured parsing
 */
public record HeaderField(String name, String value, String raw) {
}
