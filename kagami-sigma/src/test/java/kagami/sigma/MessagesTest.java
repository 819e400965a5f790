package kagami.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import kagami.core.i18n.Messages;

/** Every reason the engine can give exists in English and Japanese. */
class MessagesTest {

    @Test
    void bundlesAreComplete() {
        assertThat(Messages.missingTranslations(SigmaException.BUNDLE)).isEmpty();
    }

    @Test
    void everyKeyUsedInTheEngineIsInTheBundle() throws IOException {
        Path src = Path.of(System.getProperty("kagami.root"), "kagami-sigma", "src", "main", "java");
        Pattern key = Pattern.compile("(?:SigmaException\\([^\"]*|ConditionSyntaxException\\()\"([a-z]+\\.[A-Za-z]+)\"");
        Set<String> used = new TreeSet<>();
        try (Stream<Path> files = Files.walk(src)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = key.matcher(Files.readString(f));
                while (m.find()) {
                    used.add(m.group(1));
                }
            }
        }
        Messages en = Messages.load(SigmaException.BUNDLE, Locale.ENGLISH);
        assertThat(used).hasSizeGreaterThan(50);
        assertThat(used).allSatisfy(k -> assertThat(en.has(k)).as(k).isTrue());
    }

    @Test
    void reasonsRenderInBothLanguages() {
        SigmaException e = new SigmaException(3, "rule.unknownLevel", "severe");
        assertThat(e.getMessage()).isEqualTo("unknown level 'severe' (use informational, low, medium, high or critical)");
        assertThat(e.reason(Locale.JAPANESE)).startsWith("不明なレベル 'severe'");
        assertThat(new SigmaException(1, "correlation.conditionNotMapping").getMessage()).contains("{gte: 10}");
    }
}
