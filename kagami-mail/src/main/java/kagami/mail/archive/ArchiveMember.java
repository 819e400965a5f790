package kagami.mail.archive;

/**
 * One file taken out of a container.
 *
 * @param name      the member's path inside the container, as stored
 * @param content   its bytes
 * @param encrypted whether it was stored encrypted (and was decrypted)
 */
public record ArchiveMember(String name, byte[] content, boolean encrypted) {
}
