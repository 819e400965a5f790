package kagami.hunt.tuning;

/** What the tuning file formats share: {@code #} comments and blank lines. */
final class TuningFiles {
    private TuningFiles() {
    }

    /** The line without its comment and surrounding blanks; empty for a comment or blank line. */
    static String strip(String line) {
        int hash = line.indexOf('#');
        String l = hash >= 0 ? line.substring(0, hash) : line;
        if (!l.isEmpty() && l.charAt(0) == '\uFEFF') {
            l = l.substring(1);
        }
        return l.trim();
    }
}
