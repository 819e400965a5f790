package kagami.cli;

import static kagami.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import kagami.core.i18n.Messages;
import org.junit.jupiter.api.Test;

class KagamiTest {
    @Test
    void helpListsExitCodesInEnglish() {
        CliRun r = run("--lang", "en", "--help");
        assertThat(r.code()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).contains("Usage:").contains("Exit codes:").contains("64").contains("--lang");
    }

    @Test
    void helpSpeaksJapaneseWhenAsked() {
        CliRun r = run("--lang", "ja", "--help");
        assertThat(r.code()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).contains("使用法:").contains("終了コード:");
    }

    @Test
    void versionNamesKagami() {
        CliRun r = run("--version");
        assertThat(r.code()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).startsWith("kagami ");
    }

    @Test
    void unknownOptionIsAUsageErrorWithOneClearLine() {
        CliRun r = run("--lang", "en", "--no-such-option");
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("Unknown option: '--no-such-option'").doesNotContain("Exception");
    }

    @Test
    void unknownCommandIsAUsageErrorEvenWithHelp() {
        CliRun r = run("--lang", "en", "hnut", "--help");
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("'hnut'");
        assertThat(r.out()).doesNotContain("Usage:");
        CliRun sub = run("--lang", "en", "hunt", "--help", "--no-such-option");
        assertThat(sub.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(run("--lang", "en", "hunt", "--help").code()).isEqualTo(ExitCodes.OK);
        assertThat(run("--lang", "en", "help", "hunt").code()).isEqualTo(ExitCodes.OK);
    }

    @Test
    void unsupportedLanguageIsAUsageError() {
        CliRun r = run("--lang", "fr", "--help");
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("fr");
    }

    /** Every message bundle of every module, checked where all modules are on the classpath. */
    static final List<String> BUNDLES = List.of("kagami.cli.messages", "kagami.cli.demo.messages",
            "kagami.cli.dump.messages", "kagami.cli.intel.messages", "kagami.evtx.messages", "kagami.hunt.messages",
            "kagami.hunt.demo.messages", "kagami.intel.messages", "kagami.mail.messages", "kagami.sigma.messages");

    @Test
    void everyMessageIsAWellFormedPatternInBothLanguages() {
        for (String bundle : BUNDLES) {
            assertThat(Messages.missingTranslations(bundle)).as(bundle).isEmpty();
            assertThat(Messages.malformedTexts(bundle)).as(bundle).isEmpty();
        }
    }

    @Test
    void everyCliTextExistsInBothLanguages() {
        assertThat(Messages.missingTranslations("kagami.cli.messages")).isEmpty();
        assertThat(Messages.missingTranslations("kagami.cli.usage")).isEmpty();
    }
}
