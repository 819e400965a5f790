package kagami.mail;

import java.util.Map;
import java.util.Optional;

/**
 * One file met while analysing a message: an attachment, or a member of an archive or document inside one.
 *
 * @param path    where it sits ({@code invoice.zip > docs/readme.lnk})
 * @param name    its own file name as given by the sender or the container
 * @param size    bytes
 * @param type    type by magic bytes ({@code lnk}, {@code zip}, {@code ole} ...)
 * @param md5     MD5, lower-case hex
 * @param sha1    SHA-1
 * @param sha256  SHA-256
 * @param details facts for the analyst (LNK target and arguments, VBA flags, archive password used ...)
 * @param content the bytes, kept only when extraction was requested
 */
public record Artefact(String path, String name, long size, String type, String md5, String sha1, String sha256,
        Map<String, String> details, Optional<byte[]> content) {

    public Artefact {
        details = Map.copyOf(details);
    }
}
