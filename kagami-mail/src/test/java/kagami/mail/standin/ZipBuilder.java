package kagami.mail.standin;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import net.lingala.zip4j.io.outputstream.ZipOutputStream;
import net.lingala.zip4j.model.ZipParameters;
import net.lingala.zip4j.model.enums.AesKeyStrength;
import net.lingala.zip4j.model.enums.CompressionMethod;
import net.lingala.zip4j.model.enums.EncryptionMethod;

/** In-memory ZIPs, plain or encrypted (ZipCrypto or AES-256, written by zip4j), with fixed timestamps. */
public final class ZipBuilder {
    private final Map<String, byte[]> entries = new LinkedHashMap<>();
    private String password;
    private EncryptionMethod method = EncryptionMethod.NONE;

    public ZipBuilder add(String name, byte[] content) {
        entries.put(name, content);
        return this;
    }

    public ZipBuilder zipCrypto(String pw) {
        password = pw;
        method = EncryptionMethod.ZIP_STANDARD;
        return this;
    }

    public ZipBuilder aes(String pw) {
        password = pw;
        method = EncryptionMethod.AES;
        return this;
    }

    public byte[] build() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = password == null ? new ZipOutputStream(out)
                : new ZipOutputStream(out, password.toCharArray())) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                ZipParameters p = new ZipParameters();
                p.setFileNameInZip(e.getKey());
                p.setCompressionMethod(CompressionMethod.DEFLATE);
                p.setLastModifiedFileTime(315532800000L);
                if (method != EncryptionMethod.NONE) {
                    p.setEncryptFiles(true);
                    p.setEncryptionMethod(method);
                    p.setAesKeyStrength(AesKeyStrength.KEY_STRENGTH_256);
                }
                z.putNextEntry(p);
                z.write(e.getValue());
                z.closeEntry();
            }
        }
        return out.toByteArray();
    }
}
