package kagami.mail.mime;

import java.util.Optional;

import kagami.mail.filetype.Digests;

/**
 * A leaf part that is not a body text: an attachment or inline file.
 *
 * @param fileName    the name the sender gave (Content-Disposition filename or Content-Type name), decoded;
 *                    empty if none
 * @param contentType declared media type, lower case
 * @param size        decoded size in bytes (counted in full even when the content was not kept)
 * @param content     the decoded bytes, empty when the part exceeded the in-memory limit
 * @param digests     hashes over the full decoded content
 */
public record MessagePart(String fileName, String contentType, long size, Optional<byte[]> content, Digests digests) {
}
