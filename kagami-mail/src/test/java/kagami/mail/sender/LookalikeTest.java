package kagami.mail.sender;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class LookalikeTest {
    @Test
    void findsTyposquatsHomoglyphsAndPunycodeOfOurDomains() {
        List<String> ours = List.of("mofa.go.jp", "jaxa.jp");
        assertThat(Lookalike.imitates("mofa-go.jp", ours, true)).contains("mofa.go.jp");
        assertThat(Lookalike.imitates("jaxxa.jp", ours, true)).isEmpty(); // "jaxa" is too short for edit distance
        assertThat(Lookalike.imitates("jаxa.jp", ours, true)).contains("jaxa.jp"); // Cyrillic а
        assertThat(Lookalike.imitates("xn--jxa-8cd.jp", ours, true)).isEmpty();
        assertThat(Lookalike.imitates("mofa.go.jp", ours, true)).isEmpty();
        assertThat(Lookalike.imitates("mail.mofa.go.jp", ours, true)).isEmpty();
    }

    @Test
    void brandsNeedAOneCharacterSlipOnALongName() {
        List<String> brands = List.of("docusign.com", "microsoft.com");
        assertThat(Lookalike.imitates("docusing.com", brands)).contains("docusign.com");
        assertThat(Lookalike.imitates("rnicrosoft.com", brands)).contains("microsoft.com");
        assertThat(Lookalike.imitates("onmicrosoft.com", brands)).isEmpty();
    }

    @Test
    void levenshteinGivesUpEarly() {
        assertThat(Lookalike.levenshtein("kitten", "sitting", 5)).isEqualTo(3);
        assertThat(Lookalike.levenshtein("a", "abcdefgh", 2)).isEqualTo(3);
    }
}
