package kagami.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;

import org.junit.jupiter.api.Test;

import kagami.core.i18n.Messages;
import kagami.mail.verdict.Weights;

class MessagesTest {
    @Test
    void everyTextExistsInJapaneseAndEnglish() {
        assertThat(Messages.missingTranslations("kagami.mail.messages")).isEmpty();
    }

    @Test
    void everyWeightedSignalHasAMessageInBothLanguagesAndATechniqueFormat() {
        Weights w = Weights.defaults();
        for (Locale l : Messages.SUPPORTED) {
            Messages m = Messages.load("kagami.mail.messages", l);
            for (String signal : w.all().keySet()) {
                assertThat(m.has("signal." + signal)).as(l + " signal." + signal).isTrue();
            }
        }
        assertThat(w.all().values()).allSatisfy(e -> assertThat(e.technique()).matches("T\\d{4}(\\.\\d{3})?"));
        assertThat(w.suspiciousThreshold()).isLessThan(w.maliciousThreshold());
    }

    @Test
    void everyMessageKeyForASignalHasAWeight() {
        Weights w = Weights.defaults();
        Messages m = Messages.load("kagami.mail.messages", Locale.ENGLISH);
        java.util.Properties p = new java.util.Properties();
        try (var in = getClass().getClassLoader().getResourceAsStream("kagami/mail/messages.properties")) {
            p.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        for (String k : p.stringPropertyNames()) {
            if (k.startsWith("signal.")) {
                assertThat(w.of(k.substring("signal.".length()))).as(k).isPresent();
            }
        }
        assertThat(m.get("level.malicious")).isEqualTo("malicious");
    }
}
