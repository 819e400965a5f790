package kagami.sigma.compile;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextFoldTest {
    @Test
    void theFoldTableIsTheCaseMappingRuleForEveryUtf16Unit() {
        int differ = 0;
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            char expected = Character.toLowerCase(Character.toUpperCase((char) c));
            if (Text.fold((char) c) != expected) {
                differ++;
            }
        }
        assertThat(differ).isZero();
        // the characters that fold to ASCII letters, which keyword and regex prefilters rely on
        assertThat(Text.fold('\u212A')).isEqualTo('k');
        assertThat(Text.fold('\u017F')).isEqualTo('s');
        assertThat(Text.fold('\u0130')).isEqualTo('i');
        assertThat(Text.fold('\u0131')).isEqualTo('i');
    }
}
