package kagami.mail.url;

/**
 * A link found in a message or attachment.
 *
 * @param href      the target as written (after HTML entity decoding)
 * @param shownText the text shown for it (anchor text), empty for links in plain text
 * @param source    where it was found ({@code body}, {@code html body}, an attachment path)
 */
public record Link(String href, String shownText, String source) {
}
