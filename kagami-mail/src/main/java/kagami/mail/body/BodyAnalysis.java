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

    /** Distinct lure phrases from which the accumulation itself is a signal. */
    static final int MANY_LURES = 4;
    private static final Pattern RANDOM_TOKEN = Pattern.compile("\\b(?=[A-Za-z0-9]*[A-Z][A-Za-z0-9]*[A-Z])"
            + "(?=[A-Za-z0-9]*[a-z][A-Za-z0-9]*[a-z])(?=[A-Za-z0-9]*\\d[A-Za-z0-9]*\\d)[A-Za-z0-9]{10,}\\b");

    private final MailLists lists;

    private final kagami.mail.lists.PhraseMatcher matcher;
    private final Map<String, int[]> categoryRanges = new java.util.LinkedHashMap<>();

    public BodyAnalysis(MailLists lists) {
        this.lists = lists;
        List<String> all = new ArrayList<>();
        for (Map.Entry<String, List<String>> c : lists.lures().entrySet()) {
            int from = all.size();
            all.addAll(c.getValue());
            categoryRanges.put(c.getKey(), new int[] {from, all.size()});
        }
        this.matcher = new kagami.mail.lists.PhraseMatcher(all);
    }

    /** Lure phrases of every category found in {@code subject} and {@code text}. */
    public List<Finding> lures(String subject, String text) {
        return lures(subject, text, List.of());
    }

    /**
     * Lure phrases of every category found in {@code subject}, {@code text} and the attachments' names
     * ({@code Urgent_Payment_Advice.pdf} reads "urgent payment advice pdf": file names carry the lure when the
     * body is empty).
     */
    public List<Finding> lures(String subject, String text, List<String> attachmentNames) {
        List<Finding> out = new ArrayList<>();
        java.util.BitSet inSubject = matcher.find(Text.normalise(subject));
        java.util.BitSet inText = matcher.find(Text.normalise(text));
        List<java.util.BitSet> inNames = new ArrayList<>();
        for (String n : attachmentNames) {
            inNames.add(matcher.find(Text.normalise(n.replaceAll("[_.\\-]+", " "))));
        }
        java.util.BitSet any = (java.util.BitSet) inSubject.clone();
        any.or(inText);
        inNames.forEach(any::or);
        List<String> seen = new ArrayList<>();
        for (int i = any.nextSetBit(0); i >= 0; i = any.nextSetBit(i + 1)) {
            seen.add(matcher.phrase(i));
        }
        for (Map.Entry<String, int[]> c : categoryRanges.entrySet()) {
            for (int i = c.getValue()[0]; i < c.getValue()[1]; i++) {
                if (any.get(i)) {
                    String where = inSubject.get(i) ? "Subject" : inText.get(i) ? "body" : "attachment name "
                            + attachmentNames.get(firstHolding(inNames, i));
                    out.add(Finding.of("lure." + c.getKey(), where + ": \"" + matcher.phrase(i) + "\"",
                            matcher.phrase(i)));
                    break;
                }
            }
        }
        if (!inSubject.isEmpty()) {
            out.add(Finding.of("lure.in_subject", "Subject: " + subject));
        }
        if (seen.size() >= MANY_LURES) {
            out.add(Finding.of("lure.many", String.join(", ", seen.subList(0, Math.min(6, seen.size()))),
                    Integer.toString(seen.size())));
        }
        return out;
    }

    private static int firstHolding(List<java.util.BitSet> sets, int bit) {
        for (int k = 0; k < sets.size(); k++) {
            if (sets.get(k).get(bit)) {
                return k;
            }
        }
        return 0;
    }

    /**
     * Signals in the message's own headers: words mixing Latin with Cyrillic or Greek letters (homoglyph
     * spoofing, "Amаzon" with a Cyrillic а), text in Unicode mathematical letters that filters do not read, the
     * recipient's address in the subject, and a "Re:"/"Fw:" subject on a message that answers nothing.
     */
    public List<Finding> headerSignals(kagami.mail.mime.MailMessage m) {
        List<Finding> out = new ArrayList<>();
        String name = m.sender().map(kagami.mail.mime.Mailbox::displayName).orElse("");
        for (String[] field : new String[][] {{"Subject", m.subject()}, {"From", name}}) {
            Matcher w = MIXED_SCRIPT.matcher(field[1]);
            while (w.find()) {
                if (mixesScripts(w.group())) {
                    out.add(Finding.of("message.mixed_script", field[0] + ": " + field[1], w.group()));
                    break;
                }
            }
            List<Integer> hidden = Text.hiddenCodePoints(field[1]);
            if (!hidden.isEmpty()) {
                String shown = withoutHidden(field[1]);
                out.add(Finding.of("message.invisible_characters", field[0] + ": " + shown + " ("
                        + Text.codePointNames(hidden) + ")", shown));
            }
            Matcher rt = RANDOM_TOKEN.matcher(field[1]);
            if (rt.find()) {
                out.add(Finding.of("message.random_token", field[0] + ": " + field[1], rt.group()));
            }
            if (field[1].codePoints().anyMatch(c -> c >= 0x1d400 && c <= 0x1d7ff)) {
                out.add(Finding.of("message.styled_text", field[0] + ": " + field[1]));
            }
        }
        String subject = m.subject().toLowerCase(java.util.Locale.ROOT);
        for (String to : m.header("To")) {
            for (kagami.mail.mime.Mailbox r : kagami.mail.mime.MimeReader.mailboxesOf(to)) {
                if (r.address().contains("@") && subject.contains(r.address().toLowerCase(java.util.Locale.ROOT))) {
                    out.add(Finding.of("message.recipient_in_subject", "Subject: " + m.subject(), r.address()));
                }
            }
        }
        if (REPLY.matcher(m.subject()).find() && m.header("In-Reply-To").isEmpty()
                && m.header("References").isEmpty() && m.header("Thread-Index").isEmpty()) {
            out.add(Finding.of("message.fake_reply", "Subject: " + m.subject()));
        }
        return out.stream().distinct().toList();
    }

    private static final Pattern MIXED_SCRIPT = Pattern.compile("[\\p{L}\\p{M}]{3,}");
    private static final Pattern REPLY = Pattern.compile("(?i)^\\s*(?:re|fw|fwd|aw|wg|tr|rv|sv|vs|回复|転送|返信)\\s*[:：]");

    /** {@code s} without the characters {@link Text#hiddenCodePoints} reports, as a reader sees it. */
    static String withoutHidden(String s) {
        Set<Integer> hidden = new java.util.HashSet<>(Text.hiddenCodePoints(s));
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().filter(c -> !hidden.contains(c)).forEach(sb::appendCodePoint);
        return sb.toString();
    }

    /** Whether a word holds Latin letters together with Cyrillic or Greek ones. */
    static boolean mixesScripts(String word) {
        boolean latin = false;
        boolean other = false;
        for (int i = 0; i < word.length(); i++) {
            Character.UnicodeScript sc = Character.UnicodeScript.of(word.charAt(i));
            if (sc == Character.UnicodeScript.LATIN) {
                latin = true;
            } else if (sc == Character.UnicodeScript.CYRILLIC || sc == Character.UnicodeScript.GREEK
                    || sc == Character.UnicodeScript.ARMENIAN || sc == Character.UnicodeScript.CHEROKEE) {
                other = true;
            }
        }
        return latin && other;
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
