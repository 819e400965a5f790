package kagami.sigma.compile;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A few characters at least one of which every literal of a set contains, chosen among characters that are rare
 * in event logs. A text that contains none of them cannot contain any of the literals, and {@link String#indexOf}
 * (vectorised by the JVM) decides that much faster than an automaton walks the text. Used for keyword searches,
 * which look at every field of every event.
 */
final class Sentinels {
    /**
     * ASCII characters (letters folded) from rarest to most common in Windows event field values, as counted over
     * the 5,772 distinct records of the evtx crate's sample files (Sysmon, Security, System, Shell-Core, RDP
     * logs in shared/testdata/evtx/edge-cases). A ranking, not a rule: any order gives correct results.
     */
    private static final String RARITY =
            "@^`~'*![]#&?,\"|()+j%q<>$=_/;zh{}vk .xuy:bg\\pmfl697wn85d43c2tr1oisea-0";

    /** More sentinels than this and the prefilter costs more than it saves. */
    private static final int MAX = 4;

    /** For each ASCII character, every character that {@link Text#fold(char)} maps to the same character. */
    private static final String[] FOLDS_TO = new String[128];

    static {
        StringBuilder[] b = new StringBuilder[128];
        for (int c = 0; c < 128; c++) {
            b[c] = new StringBuilder();
        }
        for (int x = 0; x <= Character.MAX_VALUE; x++) {
            char f = Text.fold((char) x);
            if (f < 128) {
                b[f].append((char) x);
            }
        }
        for (int c = 0; c < 128; c++) {
            FOLDS_TO[c] = b[Text.fold((char) c)].toString();
        }
    }

    private Sentinels() {
    }

    /** The sentinel characters (both cases of letters), or null when no small set exists. */
    static char[] of(List<String> literals) {
        Set<Character> chosen = new LinkedHashSet<>();
        List<String> open = new ArrayList<>();
        for (String lit : literals) {
            open.add(lit.toLowerCase(java.util.Locale.ROOT));
        }
        while (!open.isEmpty()) {
            // greedy weighted set cover: the character covering most literals per unit of commonness
            char best = 0;
            double bestScore = 0;
            for (int rank = 0; rank < RARITY.length(); rank++) {
                char c = RARITY.charAt(rank);
                int covered = 0;
                for (String lit : open) {
                    if (lit.indexOf(c) >= 0) {
                        covered++;
                    }
                }
                double score = covered / (1.0 + rank);
                if (score > bestScore) {
                    bestScore = score;
                    best = c;
                }
            }
            if (bestScore == 0) {
                return null; // a literal without any ASCII character: no prefilter
            }
            chosen.add(best);
            if (chosen.size() > MAX) {
                return null;
            }
            final char c = best;
            open.removeIf(lit -> lit.indexOf(c) >= 0);
        }
        StringBuilder out = new StringBuilder();
        for (char c : chosen) {
            // the ranking is over folded characters: a text may hold any character that folds to the chosen one
            // (both cases; for i, s and k also U+0130, U+0131, U+017F and the Kelvin sign U+212A)
            out.append(FOLDS_TO[c]);
        }
        return out.toString().toCharArray();
    }

    /** Whether {@code text} contains any of the sentinels. */
    static boolean any(String text, char[] sentinels) {
        for (char c : sentinels) {
            if (text.indexOf(c) >= 0) {
                return true;
            }
        }
        return false;
    }
}
