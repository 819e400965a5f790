package kagami.mail.body;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import kagami.mail.lists.MailLists;
import kagami.mail.lists.Text;
import kagami.mail.verdict.Finding;

/**
 * What the words of a message say: lure phrases by category (configurable data, Japanese and English), and
 * passwords announced in the body for an encrypted attachment (「パスワード：…」, "password: …") — MirrorFace
 * sent password-protected archives and documents with the password in the mail (NPA/NISC, ESET AkaiRyū).
 */
public final class BodyAnalysis {
    /** A password-looking announcement: a keyword, a separator, then the token. */
    private static final Pattern PASSWORD = Pattern.compile(
            "(?i)(?:パスワード|暗号化パスワード|解凍パスワード|解凍用パスワード|パスコード|password|passwort|pass ?code|"
                    + "passwd|pwd|pw|密码|密碼|暗証番号)\\s*(?:は|:|：|=|＝|-|→)?\\s*[「『\"'“]?"
                    + "([\\p{Alnum}!#$%&*+,\\-./:;<=>?@\\[\\]^_{|}~]{3,64}?)[」』\"'”]?(?=\\s|$|[。、，,）)]|です|となります)");

    private final MailLists lists;

    public BodyAnalysis(MailLists lists) {
        this.lists = lists;
    }

    /** Lure phrases of every category found in {@code subject} and {@code text}. */
    public List<Finding> lures(String subject, String text) {
        List<Finding> out = new ArrayList<>();
        String s = Text.normalise(subject);
        String t = Text.normalise(text);
        for (Map.Entry<String, List<String>> c : lists.lures().entrySet()) {
            for (String phrase : c.getValue()) {
                boolean inSubject = s.contains(phrase);
                if (inSubject || t.contains(phrase)) {
                    out.add(Finding.of("lure." + c.getKey(), (inSubject ? "Subject" : "body") + ": \"" + phrase + "\"",
                            phrase));
                    break;
                }
            }
        }
        return out;
    }

    /** Candidate passwords announced in {@code text}, in order, without duplicates. */
    public static List<String> passwords(String text) {
        Set<String> out = new LinkedHashSet<>();
        String t = java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFKC);
        Matcher m = PASSWORD.matcher(t);
        while (m.find() && out.size() < 20) {
            String p = m.group(1);
            if (!p.isBlank() && !p.equalsIgnoreCase("is") && !p.equalsIgnoreCase("for")) {
                out.add(p);
            }
        }
        return new ArrayList<>(out);
    }
}
