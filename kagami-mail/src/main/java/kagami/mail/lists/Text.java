package kagami.mail.lists;

import java.text.Normalizer;
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
            if (Character.isWhitespace(c) || c == '\u00a0' || c == '\u200b' || c == '\u200c' || c == '\u200d'
                    || c == '\u2060' || c == '\ufeff' || c == '\u00ad') {
                if (c == '\u200b' || c == '\u200c' || c == '\u200d' || c == '\u2060' || c == '\ufeff'
                        || c == '\u00ad') {
                    continue;
                }
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
}
