package kagami.core.i18n;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;

import org.junit.jupiter.api.Test;

class MessagesTest {
    private static final String BUNDLE = "kagami.core.testbundle.texts";

    @Test
    void givesJapaneseOrEnglishWithArguments() {
        assertThat(Messages.load(BUNDLE, Locale.JAPANESE).get("files", 3)).isEqualTo("3 個のファイル");
        assertThat(Messages.load(BUNDLE, Locale.ENGLISH).get("files", 3)).isEqualTo("3 files");
    }

    @Test
    void englishIsNotReplacedByTheJvmDefaultLocale() {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.JAPAN);
            assertThat(Messages.load(BUNDLE, Locale.ENGLISH).get("files", 1)).isEqualTo("1 files");
        } finally {
            Locale.setDefault(saved);
        }
    }

    @Test
    void reportsKeysMissingInOneLanguage() {
        assertThat(Messages.missingTranslations(BUNDLE)).containsExactly("ja: onlyEnglish");
    }

    @Test
    void explicitLanguageWinsAndUnknownIsRejected() {
        assertThat(Messages.resolve("ja")).isEqualTo(Locale.JAPANESE);
        assertThat(Messages.resolve("en")).isEqualTo(Locale.ENGLISH);
        assertThatThrownBy(() -> Messages.resolve("fr")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void flagsLoneApostrophesButNotEscapedOnes() {
        assertThat(Messages.malformedTexts(BUNDLE)).containsExactly("en: apostrophe", "ja: apostrophe");
        assertThat(Messages.load(BUNDLE, Locale.ENGLISH).get("quoted", "x")).isEqualTo("'x' and {braces}");
    }

    @Test
    void missingKeyIsShownNotThrown() {
        assertThat(Messages.load(BUNDLE, Locale.ENGLISH).get("nope")).isEqualTo("[nope]");
    }
}
