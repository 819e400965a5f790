package kagami.intel.stix;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * STIX identifiers ({@code type--UUID}, STIX 2.1 §2.9). Objects Kagami creates from flat inputs (CSV rows, list
 * lines, Loki entries) get UUIDv5 ids over their identifying content, so importing the same value twice — or from
 * two formats — lands on the same object instead of a copy (the deterministic-id practice of STIX 2.1 §2.9 for
 * SCOs, applied by Kagami to the SDOs it makes).
 */
public final class StixIds {
    /** STIX 2.1 §2.9: namespace for deterministic SCO identifiers. */
    public static final UUID STIX_NAMESPACE = UUID.fromString("00abedb4-aa42-466c-9c01-fed23315a9b7");
    /** Kagami's own namespace for the SDOs/SROs it derives (a fixed random UUID, never to change). */
    public static final UUID KAGAMI_NAMESPACE = UUID.fromString("3c0b7c52-5d5c-4c83-9a4e-7a3f5a7a6a11");

    private static final Pattern ID = Pattern.compile(
            "([a-z0-9][a-z0-9-]{0,249})--([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})");

    private StixIds() {
    }

    /** {@code type--uuid5(namespace, name)} (RFC 4122 §4.3). */
    public static String deterministic(String type, UUID namespace, String name) {
        return type + "--" + uuid5(namespace, name);
    }

    /** Kagami's deterministic id for a derived object of {@code type} named by {@code name}. */
    public static String kagami(String type, String name) {
        return deterministic(type, KAGAMI_NAMESPACE, type + "\u0000" + name);
    }

    public static UUID uuid5(UUID namespace, String name) {
        MessageDigest sha1;
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required by every JRE", e);
        }
        ByteBuffer ns = ByteBuffer.allocate(16);
        ns.putLong(namespace.getMostSignificantBits()).putLong(namespace.getLeastSignificantBits());
        sha1.update(ns.array());
        byte[] h = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
        h[6] = (byte) ((h[6] & 0x0f) | 0x50);
        h[8] = (byte) ((h[8] & 0x3f) | 0x80);
        ByteBuffer b = ByteBuffer.wrap(h, 0, 16);
        return new UUID(b.getLong(), b.getLong());
    }

    /** Whether {@code id} is a syntactically valid identifier, of {@code type} when that is not null. */
    public static boolean valid(String id, String type) {
        if (id == null) {
            return false;
        }
        var m = ID.matcher(id);
        return m.matches() && (type == null || m.group(1).equals(type));
    }

    /** The type part of an identifier. */
    public static String typeOf(String id) {
        int i = id.indexOf("--");
        return i < 0 ? "" : id.substring(0, i);
    }
}
