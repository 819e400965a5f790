package kagami.mail.lnk;

import java.util.Optional;

/**
 * MS-SHLLINK 2.4 StringData, in the fixed order NAME_STRING, RELATIVE_PATH, WORKING_DIR, COMMAND_LINE_ARGUMENTS,
 * ICON_LOCATION; each a CountCharacters (u16) then that many characters, UTF-16LE when IsUnicode is set, else the
 * system code page, without a terminator.
 *
 * <p>Windows reads at most 260 characters (MAX_PATH) for the first three, whatever CountCharacters says; malware
 * declares a longer WORKING_DIR (e.g. 1,693) but stores 260, so a spec-literal reader loses the arguments that
 * follow. We read what Windows reads and record the declared count in {@link #declaredOverflow}.
 *
 * @param name             NAME_STRING (description)
 * @param relativePath     RELATIVE_PATH
 * @param workingDir       WORKING_DIR
 * @param arguments        COMMAND_LINE_ARGUMENTS
 * @param iconLocation     ICON_LOCATION
 * @param declaredOverflow a field whose CountCharacters exceeded 260 and was capped, e.g. {@code WORKING_DIR=1693}
 */
public record StringData(Optional<String> name, Optional<String> relativePath, Optional<String> workingDir,
        Optional<String> arguments, Optional<String> iconLocation, Optional<String> declaredOverflow) {

    /** MAX_PATH: Windows' cap on NAME_STRING, RELATIVE_PATH and WORKING_DIR. */
    public static final int MAX_PATH = 260;
}
