package kagami.intel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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

class IntelMessagesTest {
    /** Prefixes of the message keys kagami-intel's code uses. */
    private static final Pattern KEY = Pattern.compile("\"((?:at|error|warning|value|pattern|json|stix|store|import"
            + "|misp|csv|text|loki|list|warninglist|yaml|content|input|taxii)\\.[A-Za-z0-9.]+)\"");

    @Test
    void bundleIsCompleteAndWellFormedInBothLanguages() {
        assertThat(Messages.missingTranslations(IntelMessage.BUNDLE)).isEmpty();
        assertThat(Messages.malformedTexts(IntelMessage.BUNDLE)).isEmpty();
    }

    /** Every key written in the code exists in the bundle (a missing one would show as "[key]"). */
    @Test
    void everyKeyTheCodeUsesHasATextInBothLanguages() throws IOException {
        Set<String> keys = new TreeSet<>();
        Path src = Path.of(System.getProperty("kagami.root"), "kagami-intel", "src", "main", "java");
        try (Stream<Path> files = Files.walk(src)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = KEY.matcher(Files.readString(f, StandardCharsets.UTF_8));
                while (m.find()) {
                    keys.add(m.group(1));
                }
            }
        }
        // Built from a prefix and the HTTP status in TaxiiClient.
        keys.remove("taxii.status");
        for (int status : new int[] {400, 401, 403, 404, 406, 416}) {
            keys.add("taxii.status" + status);
        }
        assertThat(keys).hasSizeGreaterThan(100);
        for (Locale l : Messages.SUPPORTED) {
            Messages m = Messages.load(IntelMessage.BUNDLE, l);
            assertThat(keys).as(l.toString()).allMatch(m::has);
        }
    }

    @Test
    void nestedMessagesRenderInTheSameLanguage() {
        IntelFormatException e = new IntelFormatException(InputLocation.line("feed.csv", 3), "value",
                IntelMessage.of("value.invalid", "ipv4", "300.1.1.1", IntelMessage.of("value.ipv4.octetRange", 300)));
        assertThat(e.describe(Locale.ENGLISH))
                .isEqualTo("feed.csv: line 3, field 'value': invalid ipv4 '300.1.1.1': octet 300 is greater than 255");
        assertThat(e.describe(Locale.JAPANESE))
                .isEqualTo("feed.csv: 3 行目、フィールド「value」: 不正な ipv4「300.1.1.1」: オクテット 300 が 255 を超えています");
        assertThat(e.getMessage()).isEqualTo(e.describe(Locale.ENGLISH));
    }

    @Test
    void hostileArgumentsCannotControlTheTerminal() {
        String hostile = "evil\u001b[2J\u001b]0;title\u0007\u202etxt.exe\r\n" + "x".repeat(500);
        String shown = IntelMessage.of("at.source", hostile).text(Locale.ENGLISH);
        assertThat(shown).doesNotContain("\u001b").doesNotContain("\u202e").doesNotContain("\r").doesNotContain("\n")
                .contains("\\u001b").startsWith("evil").hasSizeLessThan(IntelMessage.MAX_ARGUMENT + 60);
    }
}
