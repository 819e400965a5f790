package kagami.sigma.compile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class KeywordSearchTest {
    /** Letters with case pairs, the four non-ASCII letters that fold to ASCII ones, punctuation keywords use. */
    private static final String ALPHABET = "abkKsS:.\\ -\u0130\u0131\u017F\u212A\u00E9\u00C9\u00DF";

    @Test
    void findsMimikatzKeywordsInAnyCaseWithTheShiftTable() {
        List<String> folded = SentinelsTest.MIMIKATZ.stream().map(Text::fold).toList();
        KeywordSearch s = new KeywordSearch(folded, true);
        assertThat(s.shifts()).isTrue();
        Scratch.KeywordHits hits = new Scratch.KeywordHits();
        assertThat(s.find("C:\\Windows\\System32\\svchost.exe -k netsvcs -p", 0, hits)).isZero();
        assertThat(s.find("mimikatz # SEKURLSA::LogonPasswords", 0, hits))
                .isEqualTo(1L << SentinelsTest.MIMIKATZ.indexOf("sekurlsa::"));
        // the Kelvin sign folds to 'k': Java's case-insensitive comparison finds "kerberos::ptt" here too
        assertThat(s.find("\u212Aerberos::ptt", 0, hits)).isEqualTo(1L << SentinelsTest.MIMIKATZ.indexOf("kerberos::ptt"));
        assertThat(s.find("privilege::debug exit", 1L, hits))
                .isEqualTo(1L | 1L << SentinelsTest.MIMIKATZ.indexOf("privilege::debug"));
    }

    @Test
    void hugeTextsAreSearchedInPlaceWithTheSameResults() {
        List<String> folded = SentinelsTest.MIMIKATZ.stream().map(Text::fold).toList();
        KeywordSearch s = new KeywordSearch(folded, true);
        Scratch.KeywordHits hits = new Scratch.KeywordHits();
        String filler = "C:\\Windows\\System32\\svchost.exe -k netsvcs -p ".repeat(4000); // > MAX_COPY characters
        assertThat(filler.length()).isGreaterThan(Scratch.KeywordHits.MAX_COPY);
        assertThat(s.find(filler, 0, hits)).isZero();
        String huge = filler + "mimikatz # SEKURLSA::LogonPasswords " + filler + "\u212Aerberos::ptt";
        long expected = 1L << SentinelsTest.MIMIKATZ.indexOf("sekurlsa::")
                | 1L << SentinelsTest.MIMIKATZ.indexOf("kerberos::ptt");
        assertThat(s.find(huge, 0, hits)).isEqualTo(expected);
        // the same keywords in a text short enough to be copied give the same bits
        assertThat(s.find("mimikatz # SEKURLSA::LogonPasswords \u212Aerberos::ptt", 0, hits)).isEqualTo(expected);
    }

    @Test
    void shortKeywordsUseTheAutomaton() {
        KeywordSearch s = new KeywordSearch(List.of("ab", "kali"), true);
        assertThat(s.shifts()).isFalse();
        assertThat(s.find("xxAByy KALI", 0, new Scratch.KeywordHits())).isEqualTo(3L);
    }

    record Case(List<String> keywords, boolean folded, String text) {
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<String> keyword = Arbitraries.strings().withChars(ALPHABET).ofMinLength(1).ofMaxLength(7);
        Arbitrary<List<String>> keywords = keyword.list().ofMinSize(1).ofMaxSize(8);
        Arbitrary<String> noise = Arbitraries.strings().withChars(ALPHABET).ofMaxLength(12);
        return net.jqwik.api.Combinators.combine(keywords, Arbitraries.of(true, false), noise, noise,
                Arbitraries.integers().between(-1, 7), Arbitraries.of(true, false)).as((ks, folded, a, b, pick, upper) -> {
            List<String> stored = folded ? ks.stream().map(Text::fold).toList() : ks;
            // often plant one keyword, in the other case, so the texts hit as well as miss
            String planted = pick < 0 ? "" : ks.get(pick % ks.size());
            if (upper) {
                planted = planted.toUpperCase(java.util.Locale.ROOT);
            }
            return new Case(stored, folded, a + planted + b);
        });
    }

    /** The search agrees with a position-by-position comparison under the engine's folding rule. */
    @Property(tries = 2000)
    void findsExactlyTheKeywordsThatOccur(@ForAll("cases") Case c) {
        KeywordSearch s = new KeywordSearch(c.keywords(), c.folded());
        long expected = 0;
        for (int i = 0; i < c.keywords().size(); i++) {
            if (occurs(c.text(), c.keywords().get(i), c.folded())) {
                expected |= 1L << i;
            }
        }
        assertThat(s.find(c.text(), 0, new Scratch.KeywordHits())).as("%s in '%s'", c, c.text()).isEqualTo(expected);
    }

    /** The specification's case-insensitive comparison, as String.regionMatches(ignoreCase) does it. */
    private static boolean occurs(String text, String keyword, boolean folded) {
        for (int i = 0; i + keyword.length() <= text.length(); i++) {
            if (text.regionMatches(folded, i, keyword, 0, keyword.length())) {
                return true;
            }
        }
        return false;
    }

    @Test
    void rejectsEmptyAndOversizedLists() {
        List<String> many = new ArrayList<>();
        for (int i = 0; i <= KeywordSearch.MAX_KEYWORDS; i++) {
            many.add("kw" + i);
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new KeywordSearch(many, true))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new KeywordSearch(List.of(), true))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
