package kagami.hunt.rules;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where installed rule packages live: {@code $XDG_DATA_HOME/kagami/rules}, else
 * {@code ~/.local/share/kagami/rules} (XDG Base Directory Specification: user data files).
 */
public final class RuleStore {
    /** The folder of the SigmaHQ package inside the store. */
    public static final String SIGMAHQ = "sigmahq";

    private RuleStore() {
    }

    public static Path root(Map<String, String> env, String userHome) {
        String xdg = env.get("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg)
                : Path.of(userHome, ".local", "share");
        return base.resolve("kagami").resolve("rules");
    }

    public static Path root() {
        return root(System.getenv(), System.getProperty("user.home"));
    }
}
