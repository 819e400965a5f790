package kagami.mail.lists;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;

/** Text normalisation shared by phrase and name matching: NFKC, lower case, runs of white space as one space. */
public final class Text {
    private Text() {
    }

    public static String normalise(String s) {
        String n = Normalizer.normalize(s.replace("\u2122", "").replace("\u00ae", "").replace("\u00a9", ""),
                Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        StringBuilder sb = new StringBuilder(n.length());
        boolean space = false;
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            if (defaultIgnorable(c) || Character.isLowSurrogate(c) && i > 0 && defaultIgnorable(n.codePointAt(i - 1))) {
                // Invisible characters split words ("in\u200bvoice"): matching reads through them.
                continue;
            }
            if (Character.isHighSurrogate(c) && defaultIgnorable(n.codePointAt(i))) {
                continue;
            }
            if (Character.isWhitespace(c) || c == '\u00a0') {
                if (!space && sb.length() > 0) {
                    sb.append(' ');
                }
                space = true;
            } else {
                sb.append(c);
                space = false;
            }
        }
        return sb.toString().strip();
    }

    /**
     * The code points of {@code s} that render as nothing: Unicode's Default_Ignorable_Code_Point set
     * (DerivedCoreProperties.txt: soft hyphen, combining grapheme joiner, zero-width spaces and joiners, word
     * joiner and invisible operators, Hangul and Mongolian fillers, variation selectors, tag characters …).
     * Senders put them in subjects, names and file names to break the words filters and analysts look for
     * ({@code In\u034Fvoice}). Left out: the bidirectional marks and embeddings, which right-to-left text
     * needs (their abuse in file names is {@code attachment.bidi_name}), and the joiners, variation selectors
     * and tags that do a visible job in emoji sequences (ZWJ between pictographs, VS15/VS16 after a symbol,
     * tags after the black flag of a subdivision flag).
     */
    public static List<Integer> hiddenCodePoints(String s) {
        List<Integer> out = new java.util.ArrayList<>();
        int[] cps = s.codePoints().toArray();
        for (int i = 0; i < cps.length; i++) {
            int c = cps[i];
            if (!defaultIgnorable(c) || c == 0x200e || c == 0x200f || c >= 0x202a && c <= 0x202e
                    || c >= 0x2066 && c <= 0x2069 || c == 0x061c) {
                continue;
            }
            int prev = i > 0 ? cps[i - 1] : -1;
            int next = i + 1 < cps.length ? cps[i + 1] : -1;
            boolean emojiJob = switch (c) {
                case 0x200d -> pictographic(prev) || prev == 0xfe0f;
                case 0xfe0e, 0xfe0f -> pictographic(prev) || prev >= 0x20 && prev < 0x40 && next == 0x20e3;
                default -> c >= 0xe0020 && c <= 0xe007f && (prev == 0x1f3f4 || prev >= 0xe0020 && prev <= 0xe007f);
            };
            if (!emojiJob) {
                out.add(c);
            }
        }
        return out;
    }

    /** {@code U+034F, U+200B} for the first few distinct code points, as evidence. */
    public static String codePointNames(List<Integer> cps) {
        return String.join(", ", cps.stream().distinct().limit(4).map(c -> String.format("U+%04X", c)).toList());
    }

    private static boolean defaultIgnorable(int c) {
        return c == 0x00ad || c == 0x034f || c == 0x061c || c == 0x115f || c == 0x1160 || c == 0x17b4 || c == 0x17b5
                || c >= 0x180b && c <= 0x180f || c >= 0x200b && c <= 0x200f || c >= 0x202a && c <= 0x202e
                || c >= 0x2060 && c <= 0x206f || c == 0x3164 || c >= 0xfe00 && c <= 0xfe0f || c == 0xfeff
                || c == 0xffa0 || c >= 0xfff0 && c <= 0xfff8 || c >= 0x1bca0 && c <= 0x1bca3
                || c >= 0x1d173 && c <= 0x1d17a || c >= 0xe0000 && c <= 0xe0fff;
    }

    /** Emoji and pictographic symbols (the blocks of Extended_Pictographic, approximately). */
    private static boolean pictographic(int c) {
        return c >= 0x1f000 && c <= 0x1faff || c >= 0x2600 && c <= 0x27bf || c >= 0x2190 && c <= 0x21ff
                || c >= 0x2b00 && c <= 0x2bff || c == 0x00a9 || c == 0x00ae || c == 0x203c || c == 0x2049
                || c == 0x2122 || c == 0x2139 || c >= 0x2300 && c <= 0x23ff || c >= 0x25a0 && c <= 0x25ff
                || c >= 0x1f3fb && c <= 0x1f3ff;
    }
}
