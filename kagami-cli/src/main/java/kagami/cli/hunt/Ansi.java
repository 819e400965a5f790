package kagami.cli.hunt;

import kagami.core.Level;
import kagami.hunt.summary.Highlighter;

/** Colours for a terminal (ECMA-48 SGR sequences); used only when {@code Cli.colours()} says so. */
final class Ansi implements Highlighter {
    static final Ansi INSTANCE = new Ansi();
    private static final String RESET = "\u001b[0m";

    private Ansi() {
    }

    @Override
    public String level(Level level, String text) {
        String code = switch (level) {
            case CRITICAL -> "\u001b[1;97;41m";
            case HIGH -> "\u001b[1;91m";
            case MEDIUM -> "\u001b[33m";
            case LOW -> "\u001b[36m";
            case INFORMATIONAL -> "\u001b[2m";
        };
        return code + text + RESET;
    }

    @Override
    public String heading(String text) {
        return "\u001b[1m" + text + RESET;
    }

    static Highlighter choose(boolean colours) {
        return colours ? INSTANCE : Highlighter.PLAIN;
    }
}
