package kagami.mail.archive;

import java.util.List;
import java.util.Optional;

/**
 * What a container held.
 *
 * @param format        {@code zip}, {@code 7z}, {@code tar}, {@code gzip}, {@code iso9660} ...
 * @param members       the members extracted, in order
 * @param names         every member name seen, also those that could not be extracted
 * @param encrypted     whether any member (or the header) is encrypted
 * @param passwordUsed  the password that opened it, when one was needed and found
 * @param problem       why extraction stopped early (cause id and detail), if it did
 */
public record ArchiveContents(String format, List<ArchiveMember> members, List<String> names, boolean encrypted,
        Optional<String> passwordUsed, Optional<Problem> problem) {

    /** Why a container could not be fully unpacked. */
    public record Problem(String cause, String detail) {
    }

    public ArchiveContents {
        members = List.copyOf(members);
        names = List.copyOf(names);
    }
}
