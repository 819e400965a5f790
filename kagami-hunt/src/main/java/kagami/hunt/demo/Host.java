package kagami.hunt.demo;

import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * A Windows machine of the simulated think tank. Hands out process ids and GUIDs from the data set's seeded random
 * source, so a given seed always yields the same ids.
 */
final class Host {
    static final String SYSTEM = "NT AUTHORITY\\SYSTEM";

    private final String name;
    private final String ip;
    private final String role;
    private final RandomGenerator random;
    private long nextPid;

    Host(String name, String ip, String role, RandomGenerator random) {
        this.name = name;
        this.ip = ip;
        this.role = role;
        this.random = random;
        this.nextPid = 4000 + random.nextInt(2000) * 4L;
    }

    /** Fully qualified computer name, as in System/Computer. */
    String name() {
        return name;
    }

    String shortName() {
        return name.substring(0, name.indexOf('.')).toUpperCase(Locale.ROOT);
    }

    String ip() {
        return ip;
    }

    String role() {
        return role;
    }

    /** A new process; integrity follows the account (SYSTEM, an admin account, or a standard user). */
    Proc proc(String image, String commandLine, String user) {
        return proc(image, commandLine, user, VersionInfo.of(image));
    }

    Proc proc(String image, String commandLine, String user, VersionInfo version) {
        String integrity = user.equals(SYSTEM) ? "System" : user.contains("\\adm-") ? "High" : "Medium";
        String cwd = user.equals(SYSTEM) ? "C:\\Windows\\system32\\" : "C:\\Users\\" + user.substring(user.indexOf('\\') + 1) + "\\";
        nextPid += 4 * (1 + random.nextInt(60));
        return new Proc(this, image, commandLine, user, nextPid, guid(), integrity, cwd, version);
    }

    /** A GUID in the form Sysmon and the evtx crate print (upper case, no braces). */
    String guid() {
        long a = random.nextLong();
        long b = random.nextLong();
        return String.format(Locale.ROOT, "%08X-%04X-%04X-%04X-%012X", a >>> 32, (a >>> 16) & 0xFFFF, a & 0xFFFF,
                b >>> 48, b & 0xFFFFFFFFFFFFL);
    }

    int port() {
        return 49152 + random.nextInt(16000);
    }

    @Override
    public String toString() {
        return name;
    }
}
