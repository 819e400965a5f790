package kagami.sigma;

import static kagami.sigma.Rules.fires;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Every value modifier of the Sigma 2.1 appendix, and value semantics (wildcards, escapes, null, empty). */
class ModifierTest {

    static Map<String, Object> f(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void plainValueIsCaseInsensitiveWholeValue() {
        assertThat(fires("s:\n  Image: 'C:\\Windows\\cmd.exe'\ncondition: s", f("Image", "c:\\windows\\CMD.EXE"))).isTrue();
        assertThat(fires("s:\n  Image: 'C:\\Windows\\cmd.exe'\ncondition: s", f("Image", "C:\\Windows\\cmd.exe2"))).isFalse();
    }

    @Test
    void containsStartswithEndswith() {
        assertThat(fires("s:\n  C|contains: 'EnC'\ncondition: s", f("C", "powershell -enc AAA"))).isTrue();
        assertThat(fires("s:\n  C|startswith: 'power'\ncondition: s", f("C", "PowerShell -x"))).isTrue();
        assertThat(fires("s:\n  C|startswith: 'shell'\ncondition: s", f("C", "PowerShell -x"))).isFalse();
        assertThat(fires("s:\n  C|endswith: '.EXE'\ncondition: s", f("C", "a.exe"))).isTrue();
        assertThat(fires("s:\n  C|endswith: '.exe'\ncondition: s", f("C", "a.exe "))).isFalse();
    }

    @Test
    void listsAreOredAndAllAndsThem() {
        assertThat(fires("s:\n  C|contains:\n    - x1\n    - x2\ncondition: s", f("C", "a x2"))).isTrue();
        assertThat(fires("s:\n  C|contains|all:\n    - x1\n    - x2\ncondition: s", f("C", "a x2"))).isFalse();
        assertThat(fires("s:\n  C|contains|all:\n    - x1\n    - x2\ncondition: s", f("C", "x2 x1"))).isTrue();
    }

    @Test
    void wildcardsAndEscapes() {
        assertThat(fires("s:\n  C: 'a*c'\ncondition: s", f("C", "abbbc"))).isTrue();
        assertThat(fires("s:\n  C: 'a?c'\ncondition: s", f("C", "abc"))).isTrue();
        assertThat(fires("s:\n  C: 'a?c'\ncondition: s", f("C", "abbc"))).isFalse();
        // \* is a literal star, \? a literal question mark, \\ one backslash (specification, "Escaping")
        assertThat(fires("s:\n  C: 'a\\*c'\ncondition: s", f("C", "a*c"))).isTrue();
        assertThat(fires("s:\n  C: 'a\\*c'\ncondition: s", f("C", "abc"))).isFalse();
        assertThat(fires("s:\n  C: 'a\\?'\ncondition: s", f("C", "a?"))).isTrue();
        assertThat(fires("s:\n  C: 'a\\\\*'\ncondition: s", f("C", "a\\zzz"))).isTrue();
        // a backslash before anything else is itself
        assertThat(fires("s:\n  C: 'C:\\Windows\\x'\ncondition: s", f("C", "C:\\Windows\\x"))).isTrue();
        assertThat(fires("s:\n  C|contains: '\\\\\\\\server'\ncondition: s", f("C", "net use \\\\server\\c$"))).isTrue();
    }

    @Test
    void nullMeansAbsentOrWithoutValueAndEmptyMeansEmpty() {
        assertThat(fires("s:\n  X: null\ncondition: s", f("Y", "1"))).isTrue();
        assertThat(fires("s:\n  X: null\ncondition: s", f("X", null))).isTrue();
        assertThat(fires("s:\n  X: null\ncondition: s", f("X", ""))).isFalse();
        assertThat(fires("s:\n  X: ''\ncondition: s", f("X", ""))).isTrue();
        assertThat(fires("s:\n  X: ''\ncondition: s", f("X", null))).isTrue();
        assertThat(fires("s:\n  X: ''\ncondition: s", f("Y", "1"))).isFalse();
        assertThat(fires("s:\n  X: ''\ncondition: s", f("X", "a"))).isFalse();
    }

    @Test
    void existsAndCased() {
        assertThat(fires("s:\n  X|exists: true\ncondition: s", f("X", null))).isTrue();
        assertThat(fires("s:\n  X|exists: false\ncondition: s", f("X", "a"))).isFalse();
        assertThat(fires("s:\n  X|exists: false\ncondition: s", f("Y", "a"))).isTrue();
        assertThat(fires("s:\n  X|cased: 'AbC'\ncondition: s", f("X", "abc"))).isFalse();
        assertThat(fires("s:\n  X|cased: 'AbC'\ncondition: s", f("X", "AbC"))).isTrue();
        assertThat(fires("s:\n  X|contains|cased: 'B'\ncondition: s", f("X", "abc"))).isFalse();
    }

    @Test
    void neqOnStringsAndNumbers() {
        assertThat(fires("s:\n  X|neq: 'a'\ncondition: s", f("X", "b"))).isTrue();
        assertThat(fires("s:\n  X|neq: 'a'\ncondition: s", f("X", "A"))).isFalse();
        assertThat(fires("s:\n  X|neq: 'a'\ncondition: s", f("Y", "b"))).isFalse();
        assertThat(fires("s:\n  X|neq:\n    - 1\n    - 2\ncondition: s", f("X", 2L))).isFalse();
        assertThat(fires("s:\n  X|neq:\n    - 1\n    - 2\ncondition: s", f("X", 3L))).isTrue();
    }

    @Test
    void windashMatchesEveryDashVariant() {
        String rule = "s:\n  C|contains|windash: ' -enc '\ncondition: s";
        for (String dash : List.of("-", "/", "\u2013", "\u2014", "\u2015")) {
            assertThat(fires(rule, f("C", "powershell " + dash + "enc AAA"))).as(dash).isTrue();
        }
        assertThat(fires(rule, f("C", "powershell +enc AAA"))).isFalse();
        // many dashes: the glob dash class instead of 5^n literals
        assertThat(fires("s:\n  C|contains|windash: '-a -b -c'\ncondition: s", f("C", "x /a \u2014b -c"))).isTrue();
        assertThat(fires("s:\n  C|endswith|windash: '-x'\ncondition: s", f("C", "run /x"))).isTrue();
    }

    @Test
    void regexWithFlags() {
        assertThat(fires("s:\n  C|re: 'a[0-9]+b'\ncondition: s", f("C", "xxa123bxx"))).isTrue();
        assertThat(fires("s:\n  C|re: 'A[0-9]+B'\ncondition: s", f("C", "a1b"))).isFalse();
        assertThat(fires("s:\n  C|re|i: 'A[0-9]+B'\ncondition: s", f("C", "a1b"))).isTrue();
        assertThat(fires("s:\n  C|re: '^b$'\ncondition: s", f("C", "a\nb"))).isFalse();
        assertThat(fires("s:\n  C|re|m: '^b$'\ncondition: s", f("C", "a\nb"))).isTrue();
        assertThat(fires("s:\n  C|re: 'a.b'\ncondition: s", f("C", "a\nb"))).isFalse();
        assertThat(fires("s:\n  C|re|s: 'a.b'\ncondition: s", f("C", "a\nb"))).isTrue();
    }

    @Test
    void base64AndBase64offset() {
        String enc = Base64.getEncoder().encodeToString("http://evil".getBytes(StandardCharsets.UTF_8));
        assertThat(fires("s:\n  C|base64: 'http://evil'\ncondition: s", f("C", enc))).isTrue();
        for (String prefix : List.of("", "a", "ab", "abc")) {
            String b64 = Base64.getEncoder().encodeToString((prefix + "http://evil/x").getBytes(StandardCharsets.UTF_8));
            assertThat(fires("s:\n  C|base64offset|contains: 'http://'\ncondition: s", f("C", "-e " + b64)))
                    .as("offset " + prefix.length()).isTrue();
        }
        String other = Base64.getEncoder().encodeToString("ftp://x".getBytes(StandardCharsets.UTF_8));
        assertThat(fires("s:\n  C|base64offset|contains: 'http://'\ncondition: s", f("C", other))).isFalse();
    }

    @Test
    void utf16EncodingsChainedWithBase64() {
        for (String prefix : List.of("", "x", "xy")) {
            String ps = Base64.getEncoder().encodeToString((prefix + "Invoke-Mimikatz").getBytes(StandardCharsets.UTF_16LE));
            assertThat(fires("s:\n  C|wide|base64offset|contains: 'Invoke-'\ncondition: s", f("C", ps))).isTrue();
            assertThat(fires("s:\n  C|utf16le|base64offset|contains: 'Invoke-'\ncondition: s", f("C", ps))).isTrue();
        }
        String be = Base64.getEncoder().encodeToString("cmd".getBytes(StandardCharsets.UTF_16BE));
        assertThat(fires("s:\n  C|utf16be|base64: 'cmd'\ncondition: s", f("C", be))).isTrue();
        byte[] bom = {(byte) 0xFF, (byte) 0xFE, 'c', 0, 'm', 0, 'd', 0};
        assertThat(fires("s:\n  C|utf16|base64: 'cmd'\ncondition: s", f("C", Base64.getEncoder().encodeToString(bom)))).isTrue();
    }

    @Test
    void numericComparisons() {
        assertThat(fires("s:\n  N|gt: 10\ncondition: s", f("N", 11L))).isTrue();
        assertThat(fires("s:\n  N|gt: 10\ncondition: s", f("N", 10L))).isFalse();
        assertThat(fires("s:\n  N|gte: 10\ncondition: s", f("N", "10"))).isTrue();
        assertThat(fires("s:\n  N|lt: 10\ncondition: s", f("N", "0x9"))).isTrue();
        assertThat(fires("s:\n  N|lte: 10\ncondition: s", f("N", 10.5))).isFalse();
        assertThat(fires("s:\n  N|lt: 10\ncondition: s", f("N", "abc"))).isFalse();
    }

    @Test
    void timeModifiersExtractParts() {
        Map<String, Object> e = f("T", "2025-11-27T07:40:10.165324Z", "U", "2025-11-27 23:05:00.000");
        assertThat(fires("s:\n  T|hour: 7\ncondition: s", e)).isTrue();
        assertThat(fires("s:\n  T|minute: 40\ncondition: s", e)).isTrue();
        assertThat(fires("s:\n  T|day: 27\ncondition: s", e)).isTrue();
        assertThat(fires("s:\n  T|month: 11\ncondition: s", e)).isTrue();
        assertThat(fires("s:\n  T|year: 2025\ncondition: s", e)).isTrue();
        assertThat(fires("s:\n  T|week: 48\ncondition: s", e)).isTrue();
        assertThat(fires("s:\n  U|hour|gte: 22\ncondition: s", e)).isTrue();
        assertThat(fires("s:\n  U|hour|lt: 22\ncondition: s", e)).isFalse();
    }

    @Test
    void cidrIpv4AndIpv6() {
        assertThat(fires("s:\n  Ip|cidr: 10.0.0.0/8\ncondition: s", f("Ip", "10.1.2.3"))).isTrue();
        assertThat(fires("s:\n  Ip|cidr: 10.0.0.0/8\ncondition: s", f("Ip", "11.1.2.3"))).isFalse();
        assertThat(fires("s:\n  Ip|cidr: 192.168.1.0/25\ncondition: s", f("Ip", "192.168.1.127"))).isTrue();
        assertThat(fires("s:\n  Ip|cidr: 192.168.1.0/25\ncondition: s", f("Ip", "192.168.1.128"))).isFalse();
        assertThat(fires("s:\n  Ip|cidr: 'fe80::/10'\ncondition: s", f("Ip", "fe80::1%12"))).isTrue();
        assertThat(fires("s:\n  Ip|cidr: 'fe80::/10'\ncondition: s", f("Ip", "2001:db8::1"))).isFalse();
        assertThat(fires("s:\n  Ip|cidr: 10.0.0.0/8\ncondition: s", f("Ip", "::ffff:10.0.0.1"))).isTrue();
        assertThat(fires("s:\n  Ip|cidr: 10.0.0.0/8\ncondition: s", f("Ip", "not-an-ip.example"))).isFalse();
    }

    @Test
    void fieldrefComparesTwoFields() {
        Map<String, Object> same = f("A", "C:\\x\\a.exe", "B", "c:\\x\\A.EXE");
        assertThat(fires("s:\n  A|fieldref: B\ncondition: s", same)).isTrue();
        assertThat(fires("s:\n  A|fieldref|neq: B\ncondition: s", same)).isFalse();
        assertThat(fires("s:\n  A|fieldref|startswith: B\ncondition: s", f("A", "abc", "B", "ab"))).isTrue();
        assertThat(fires("s:\n  A|fieldref|endswith: B\ncondition: s", f("A", "abc", "B", "bc"))).isTrue();
        assertThat(fires("s:\n  A|fieldref|contains: B\ncondition: s", f("A", "abc", "B", "x"))).isFalse();
    }

    @Test
    void expandUsesPlaceholderValues() {
        String yaml = Rules.rule("s:\n  H|expand: '%dcs%'\ncondition: s");
        RuleSet noValues = SigmaRules.parse(yaml, "x.yml", LoadOptions.defaults());
        assertThat(noValues.compile(kagami.sigma.logsource.Pipeline.windows()).errors())
                .singleElement().satisfies(e -> assertThat(e.reason()).contains("%dcs%"));
        RuleSet withValues = SigmaRules.parse(yaml, "x.yml",
                LoadOptions.defaults().withPlaceholders(Map.of("dcs", List.of("dc01", "dc02"))));
        var c = withValues.compile(kagami.sigma.logsource.Pipeline.windows());
        assertThat(Rules.match(c, Rules.event(f("H", "DC02")))).hasSize(1);
        assertThat(Rules.match(c, Rules.event(f("H", "ws01")))).isEmpty();
    }

    @Test
    void keywordsSearchEveryField() {
        assertThat(fires("k:\n  - 'mimikatz'\n  - 'sekurlsa'\ncondition: k", f("A", "x", "B", "run Mimikatz.exe"))).isTrue();
        assertThat(fires("k:\n  - 'mimikatz'\ncondition: k", f("A", "x"))).isFalse();
        assertThat(fires("k:\n  '|all':\n    - 'a1'\n    - 'b2'\ncondition: k", f("A", "a1", "B", "zb2"))).isTrue();
        assertThat(fires("k:\n  '|all':\n    - 'a1'\n    - 'b2'\ncondition: k", f("A", "a1"))).isFalse();
    }

    @Test
    void integersMatchLongsAndTheirText() {
        assertThat(fires("s:\n  EventID: 4688\ncondition: s", f("EventID", 4688L))).isTrue();
        assertThat(fires("s:\n  EventID: 4688\ncondition: s", f("EventID", "4688"))).isTrue();
        assertThat(fires("s:\n  EventID: 4688\ncondition: s", f("EventID", 46880L))).isFalse();
    }

    @Test
    void listValuesMatchAnyElement() {
        assertThat(fires("s:\n  Data|contains: 'evil'\ncondition: s", f("Data", List.of("a", "an evil b")))).isTrue();
        assertThat(fires("s:\n  Data|contains: 'evil'\ncondition: s", f("Data", List.of("a", "b")))).isFalse();
    }
}
