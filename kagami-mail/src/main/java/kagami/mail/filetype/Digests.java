package kagami.mail.filetype;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import org.apache.commons.codec.binary.Hex;

/**
 * MD5, SHA-1 and SHA-256 of an artefact, the hashes analysts pivot on (VirusTotal, MISP, blocklists). Fed
 * incrementally so an attachment too large to keep in memory is still hashed in full.
 *
 * @param md5    lower-case hex
 * @param sha1   lower-case hex
 * @param sha256 lower-case hex
 */
public record Digests(String md5, String sha1, String sha256) {

    public static Digests of(byte[] data, int offset, int length) {
        Builder b = new Builder();
        b.update(data, offset, length);
        return b.done();
    }

    public static Digests of(byte[] data) {
        return of(data, 0, data.length);
    }

    /** Incremental hashing of a stream of bytes. */
    public static final class Builder {
        private final MessageDigest md5;
        private final MessageDigest sha1;
        private final MessageDigest sha256;

        public Builder() {
            try {
                md5 = MessageDigest.getInstance("MD5");
                sha1 = MessageDigest.getInstance("SHA-1");
                sha256 = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("the JDK lacks a standard digest", e);
            }
        }

        public void update(byte[] b, int off, int len) {
            md5.update(b, off, len);
            sha1.update(b, off, len);
            sha256.update(b, off, len);
        }

        public Digests done() {
            return new Digests(Hex.encodeHexString(md5.digest()), Hex.encodeHexString(sha1.digest()),
                    Hex.encodeHexString(sha256.digest()));
        }
    }
}
