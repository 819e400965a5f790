package kagami.mail.archive;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;

import org.apache.commons.compress.archivers.sevenz.SevenZArchiveEntry;
import org.apache.commons.compress.archivers.sevenz.SevenZFile;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;

import kagami.core.io.LimitExceededException;
import kagami.mail.filetype.FileType;
import net.lingala.zip4j.exception.ZipException;
import net.lingala.zip4j.io.inputstream.ZipInputStream;
import net.lingala.zip4j.model.LocalFileHeader;

/**
 * Unpacks containers under an {@link ExtractionBudget}: ZIP (also ZipCrypto- and AES-encrypted, with zip4j,
 * trying the candidate passwords), 7z (commons-compress, also AES-encrypted), tar, gzip, bzip2, xz, and ISO 9660
 * images ({@link Iso9660}) and cabinets ({@link Cabinet}); RAR archives ({@link Rar}) are listed and their stored
 * members taken out, compressed ones reported as not unpacked. UDF and VHD(X) are recognised but not unpacked: they
 * come back with a {@code unsupported.*} problem, which makes the verdict not fully analysed.
 */
public final class Archives {
    private Archives() {
    }

    /** Where a RAR archive appended to a program (a self-extracting archive) starts, or -1. */
    public static int selfExtractingRarStart(byte[] program) {
        return Rar.selfExtractingStart(program);
    }

    /** Whether {@code type} is a container this class opens or recognises. */
    public static boolean isContainer(FileType type) {
        return switch (type) {
            case ZIP, SEVEN_ZIP, TAR, GZIP, BZIP2, XZ, ISO9660, UDF, RAR, CAB, VHD, VHDX -> true;
            default -> false;
        };
    }

    public static ArchiveContents open(FileType type, String name, byte[] data, List<String> passwords,
            ExtractionBudget budget) throws LimitExceededException {
        return switch (type) {
            case ZIP -> zip(data, passwords, budget);
            case SEVEN_ZIP -> sevenZip(data, passwords, budget);
            case TAR -> tar(data, budget);
            case GZIP, BZIP2, XZ -> compressed(type, name, data, budget);
            case ISO9660 -> Iso9660.read(data, budget);
            case CAB -> Cabinet.read(data, budget);
            case RAR -> Rar.read(data, budget);
            case UDF, VHD, VHDX -> new ArchiveContents(type.shortName(), List.of(), List.of(), false,
                    Optional.empty(), Optional.of(new ArchiveContents.Problem("unsupported." + type.shortName(),
                            type.shortName() + " containers are recognised but not unpacked")));
            default -> throw new IllegalArgumentException("not a container: " + type);
        };
    }

    // ---- ZIP --------------------------------------------------------------------------------------------------

    static ArchiveContents zip(byte[] data, List<String> passwords, ExtractionBudget budget)
            throws LimitExceededException {
        List<ArchiveMember> members = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<String> encryptedNames = new ArrayList<>();
        if (hasEncryptedEntry(data)) {
            return encryptedZip(data, passwords, budget);
        }
        try (ZipInputStream zin = new ZipInputStream(new ByteArrayInputStream(data))) {
            LocalFileHeader h;
            while ((h = zin.getNextEntry()) != null) {
                budget.member();
                names.add(h.getFileName());
                if (h.isDirectory()) {
                    continue;
                }
                if (h.isEncrypted()) {
                    encryptedNames.add(h.getFileName());
                    continue;
                }
                try {
                    members.add(new ArchiveMember(h.getFileName(), read(zin, known(h.getCompressedSize(),
                            data.length), budget), false));
                } catch (LimitExceededException e) {
                    // Keep what was read so far and name the member that hit the bound.
                    return new ArchiveContents("zip", members, names, false, Optional.empty(), Optional.of(
                            new ArchiveContents.Problem("limit." + e.limit(), h.getFileName() + ": " + e.getMessage())));
                }
            }
        } catch (LimitExceededException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            if (encryptedNames.isEmpty()) {
                return zipByCentralDirectory(data, budget, e);
            }
        }
        if (encryptedNames.isEmpty()) {
            return new ArchiveContents("zip", members, names, false, Optional.empty(), Optional.empty());
        }
        for (String password : passwords) {
            List<ArchiveMember> decrypted = new ArrayList<>();
            try (ZipInputStream zin = new ZipInputStream(new ByteArrayInputStream(data), password.toCharArray())) {
                LocalFileHeader h;
                while ((h = zin.getNextEntry()) != null) {
                    if (h.isDirectory() || !h.isEncrypted()) {
                        continue;
                    }
                    budget.member();
                    decrypted.add(new ArchiveMember(h.getFileName(), read(zin, h.getCompressedSize(), budget), true));
                }
            } catch (LimitExceededException e) {
                throw e;
            } catch (IOException | RuntimeException e) {
                continue;
            }
            members.addAll(decrypted);
            return new ArchiveContents("zip", members, names, true, Optional.of(password), Optional.empty());
        }
        return new ArchiveContents("zip", members, names, true, Optional.empty(), Optional.of(
                new ArchiveContents.Problem("encrypted.unknown_password", "ZIP members encrypted with a password not "
                        + "found in the message: " + String.join(", ", encryptedNames))));
    }

    /**
     * APPNOTE 4.3.7: a local file header ("PK\\3\\4") whose general purpose bit 0 is set is encrypted. Scanned
     * over the raw bytes so the decision does not depend on a reader that may stop at the first encrypted entry.
     */
    static boolean hasEncryptedEntry(byte[] d) {
        for (int i = 0; i + 8 <= d.length; i++) {
            if (d[i] == 'P' && d[i + 1] == 'K' && d[i + 2] == 3 && d[i + 3] == 4 && (d[i + 6] & 1) != 0) {
                return true;
            }
        }
        return false;
    }

    private static ArchiveContents encryptedZip(byte[] data, List<String> passwords, ExtractionBudget budget)
            throws LimitExceededException {
        List<String> names = new ArrayList<>();
        String lastError = "";
        for (String password : passwords) {
            List<ArchiveMember> members = new ArrayList<>();
            names.clear();
            try (ZipInputStream zin = new ZipInputStream(new ByteArrayInputStream(data), password.toCharArray())) {
                LocalFileHeader h;
                while ((h = zin.getNextEntry()) != null) {
                    budget.member();
                    names.add(h.getFileName());
                    if (!h.isDirectory()) {
                        members.add(new ArchiveMember(h.getFileName(), read(zin, known(h.getCompressedSize(),
                                data.length), budget), h.isEncrypted()));
                    }
                }
                return new ArchiveContents("zip", members, names, true, Optional.of(password), Optional.empty());
            } catch (LimitExceededException e) {
                throw e;
            } catch (IOException | RuntimeException e) {
                lastError = String.valueOf(e.getMessage());
            }
        }
        List<String> listed = new ArrayList<>();
        try (ZipFile zf = ZipFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(data)).get()) {
            Enumeration<ZipArchiveEntry> en = zf.getEntriesInPhysicalOrder();
            while (en.hasMoreElements() && listed.size() < budget.limits().maxMembers()) {
                listed.add(en.nextElement().getName());
            }
        } catch (IOException | RuntimeException e) {
            listed.addAll(names);
        }
        return new ArchiveContents("zip", List.of(), listed, true, Optional.empty(), Optional.of(
                new ArchiveContents.Problem("encrypted.unknown_password", "encrypted ZIP (" + String.join(", ", listed)
                        + "); no password found in the message opened it (" + lastError + ")")));
    }

    /** Fallback for ZIPs the streaming reader rejects (e.g. stored entries with data descriptors). */
    private static ArchiveContents zipByCentralDirectory(byte[] data, ExtractionBudget budget, Exception first)
            throws LimitExceededException {
        List<ArchiveMember> members = new ArrayList<>();
        List<String> names = new ArrayList<>();
        try (ZipFile zf = ZipFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(data)).get()) {
            Enumeration<ZipArchiveEntry> en = zf.getEntriesInPhysicalOrder();
            boolean encrypted = false;
            while (en.hasMoreElements()) {
                ZipArchiveEntry e = en.nextElement();
                budget.member();
                names.add(e.getName());
                if (e.isDirectory()) {
                    continue;
                }
                if (e.getGeneralPurposeBit().usesEncryption()) {
                    encrypted = true;
                    continue;
                }
                try (InputStream in = zf.getInputStream(e)) {
                    members.add(new ArchiveMember(e.getName(), read(in, known(e.getCompressedSize(), data.length),
                            budget), false));
                }
            }
            return new ArchiveContents("zip", members, names, encrypted, Optional.empty(), encrypted
                    ? Optional.of(new ArchiveContents.Problem("encrypted.unknown_password", "encrypted ZIP members"))
                    : Optional.empty());
        } catch (LimitExceededException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            String why = first instanceof ZipException ze ? ze.getMessage() : String.valueOf(first.getMessage());
            return new ArchiveContents("zip", members, names, false, Optional.empty(),
                    Optional.of(new ArchiveContents.Problem("parse.zip", why + "; " + e.getMessage())));
        }
    }

    // ---- 7z, tar, single-stream compressors -------------------------------------------------------------------

    static ArchiveContents sevenZip(byte[] data, List<String> passwords, ExtractionBudget budget)
            throws LimitExceededException {
        List<String> tries = new ArrayList<>();
        tries.add(null);
        tries.addAll(passwords);
        String lastError = "";
        boolean encrypted = false;
        for (String password : tries) {
            List<ArchiveMember> members = new ArrayList<>();
            List<String> names = new ArrayList<>();
            SevenZFile.Builder b = SevenZFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(data))
                    .setMaxMemoryLimitKiB((int) Math.min(Integer.MAX_VALUE, budget.limits().maxMemberBytes() / 1024));
            if (password != null) {
                b.setPassword(password.toCharArray());
            }
            try (SevenZFile z = b.get()) {
                SevenZArchiveEntry e;
                while ((e = z.getNextEntry()) != null) {
                    budget.member();
                    names.add(e.getName());
                    if (e.isDirectory() || !e.hasStream()) {
                        continue;
                    }
                    members.add(new ArchiveMember(e.getName(), read(z.getInputStream(e), data.length, budget),
                            password != null));
                }
                return new ArchiveContents("7z", members, names, password != null,
                        Optional.ofNullable(password), Optional.empty());
            } catch (LimitExceededException e) {
                throw e;
            } catch (IOException | RuntimeException e) {
                lastError = String.valueOf(e.getMessage());
                String lower = lastError.toLowerCase(java.util.Locale.ROOT);
                if (lower.contains("password") || lower.contains("encrypt") || lower.contains("aes")) {
                    encrypted = true;
                    continue;
                }
                if (password == null) {
                    return new ArchiveContents("7z", members, names, false, Optional.empty(),
                            Optional.of(new ArchiveContents.Problem("parse.7z", lastError)));
                }
            }
        }
        return new ArchiveContents("7z", List.of(), List.of(), encrypted, Optional.empty(),
                Optional.of(new ArchiveContents.Problem(encrypted ? "encrypted.unknown_password" : "parse.7z",
                        lastError)));
    }

    static ArchiveContents tar(byte[] data, ExtractionBudget budget) throws LimitExceededException {
        List<ArchiveMember> members = new ArrayList<>();
        List<String> names = new ArrayList<>();
        try (TarArchiveInputStream t = new TarArchiveInputStream(new ByteArrayInputStream(data))) {
            TarArchiveEntry e;
            while ((e = t.getNextEntry()) != null) {
                budget.member();
                names.add(e.getName());
                if (e.isFile()) {
                    members.add(new ArchiveMember(e.getName(), read(t, Long.MAX_VALUE / 1024, budget), false));
                }
            }
            return new ArchiveContents("tar", members, names, false, Optional.empty(), Optional.empty());
        } catch (LimitExceededException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            return new ArchiveContents("tar", members, names, false, Optional.empty(),
                    Optional.of(new ArchiveContents.Problem("parse.tar", String.valueOf(e.getMessage()))));
        }
    }

    static ArchiveContents compressed(FileType type, String name, byte[] data, ExtractionBudget budget)
            throws LimitExceededException {
        String inner = name.replaceAll("(?i)\\.(gz|tgz|bz2|xz|txz)$", "");
        if (inner.equals(name)) {
            inner = name + ".out";
        }
        if (name.toLowerCase(java.util.Locale.ROOT).endsWith(".tgz")) {
            inner = inner + ".tar";
        }
        try (InputStream in = switch (type) {
            case GZIP -> GzipCompressorInputStream.builder().setByteArray(data).setDecompressConcatenated(true).get();
            case BZIP2 -> new BZip2CompressorInputStream(new ByteArrayInputStream(data), true);
            default -> new XZCompressorInputStream(new ByteArrayInputStream(data), true);
        }) {
            budget.member();
            byte[] out = read(in, data.length, budget);
            return new ArchiveContents(type.shortName(), List.of(new ArchiveMember(inner, out, false)), List.of(inner),
                    false, Optional.empty(), Optional.empty());
        } catch (LimitExceededException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            return new ArchiveContents(type.shortName(), List.of(), List.of(), false, Optional.empty(),
                    Optional.of(new ArchiveContents.Problem("parse." + type.shortName(), String.valueOf(e.getMessage()))));
        }
    }

    /**
     * The compressed size to judge a member's expansion by: its own when the header states it, else the whole
     * container's (streamed ZIP entries with a data descriptor carry 0), so a bomb cannot hide its ratio.
     */
    static long known(long compressed, long containerSize) {
        return compressed > 0 ? compressed : containerSize;
    }

    /**
     * Reads one member, stopping as soon as it exceeds the per-member cap or its expansion ratio (when the
     * compressed size is known) or the budget's total: a decompression bomb costs at most the cap.
     */
    static byte[] read(InputStream in, long compressedSize, ExtractionBudget budget) throws IOException {
        long cap = budget.memberCap(compressedSize);
        boolean ratioBound = cap < budget.limits().maxMemberBytes();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[65536];
        long total = 0;
        int n;
        while ((n = in.read(buf)) > 0) {
            total += n;
            if (total > cap) {
                throw ratioBound ? new LimitExceededException("ratio", budget.limits().maxRatio())
                        : new LimitExceededException("member_bytes", budget.limits().maxMemberBytes());
            }
            budget.bytes(n);
            out.write(buf, 0, n);
        }
        budget.checkTime();
        return out.toByteArray();
    }
}
