package kagami.intel.stix.pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import kagami.core.IndicatorType;
import kagami.intel.Observable;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class StixPatternTest {
    /** Patterns from STIX 2.1 §9 and its examples (the spec's own pattern examples). */
    @ParameterizedTest
    @ValueSource(strings = {
        "[file:hashes.'SHA-256' = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f']",
        "[email-message:from_ref.value MATCHES '.+\\\\@example\\\\.com$' AND "
                + "email-message:body_multipart[*].body_raw_ref.name MATCHES '^Final Report.+\\\\.exe$']",
        "[file:hashes.'SHA-256' = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f' OR "
                + "file:hashes.MD5 = 'cead3f77f6cda6ec00f57d76c9a6879f']",
        "[file:hashes.MD5 = '79054025255fb1a26e4bc422aef54eb4'] FOLLOWEDBY [windows-registry-key:key = "
                + "'HKEY_LOCAL_MACHINE\\\\foo\\\\bar'] WITHIN 300 SECONDS",
        "[user-account:account_type = 'unix' AND user-account:user_id = '1007' AND "
                + "user-account:account_login = 'Peter'] AND [user-account:account_type = 'unix' AND "
                + "user-account:user_id = '1008' AND user-account:account_login = 'Paul']",
        "[artifact:mime_type = 'application/vnd.tcpdump.pcap' AND artifact:payload_bin MATCHES "
                + "'\\\\xd4\\\\xc3\\\\xb2\\\\xa1\\\\x02\\\\x00\\\\x04\\\\x00']",
        "[file:name = 'foo.dll' AND file:parent_directory_ref.path = 'C:\\\\Windows\\\\System32']",
        "[file:extensions.'windows-pebinary-ext'.sections[*].entropy > 7.0]",
        "[file:mime_type = 'image/bmp' AND file:magic_number_hex = h'ffd8']",
        "[network-traffic:dst_ref.type = 'ipv4-addr' AND network-traffic:dst_ref.value = '203.0.113.33/32']",
        "[network-traffic:dst_ref.type = 'domain-name' AND network-traffic:dst_ref.value = 'example.com'] "
                + "REPEATS 5 TIMES WITHIN 180 SECONDS",
        "[domain-name:value = 'www.5z8.info' AND domain-name:resolves_to_refs[*].value = '198.51.100.1/32']",
        "[url:value = 'http://example.com/foo' OR url:value = 'http://example.com/bar']",
        "[x509-certificate:issuer = 'CN=WEBMAIL' AND x509-certificate:serial_number = "
                + "'4c:0b:1d:19:74:86:a7:66:b4:1a:bf:40:27:21:76:28']",
        "[windows-registry-key:key = 'HKEY_CURRENT_USER\\\\Software\\\\CryptoLocker\\\\Files' OR "
                + "windows-registry-key:key = 'HKEY_CURRENT_USER\\\\Software\\\\Microsoft\\\\CurrentVersion\\\\Run\\\\"
                + "CryptoLocker_0388']",
        "([file:name = 'x'] OR [file:name = 'y']) AND [process:pid = 4] START t'2016-06-01T00:00:00Z' STOP "
                + "t'2016-07-01T00:00:00Z'",
        "[ipv4-addr:value ISSUBSET '198.51.100.0/24']",
        "[ipv4-addr:value NOT IN ('1.2.3.4', '5.6.7.8')]",
        "[EXISTS windows-registry-key:values]",
        "[process:command_line LIKE '%Containers-DisposableClientVM%' /* comment */]",
        "[artifact:payload_bin = b'dGVzdA==']"
    })
    void specPatternsParseAndFormatStably(String text) throws Exception {
        StixPattern p = StixPattern.parse(text);
        String once = p.format();
        assertThat(StixPattern.parse(once).format()).isEqualTo(once);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "[", "[file:name = 'x'", "file:name = 'x'", "[file:name 'x']", "[file:name = 'x]",
        "[file:name = 'a\\q']", "[File:name = 'x']", "[file: = 'x']", "[file:name = 'x'] WITHIN -5 SECONDS",
        "[file:name LIKE 5]", "[a:b = 1] REPEATS 0 TIMES", "[a:b = 007]", "[a:b = t'2016-13-45T00:00:00Z']",
        "[a:b = h'abc']", "[]", "[a:b = 1] AND", "[a:b = 1] [a:b = 2]", "[a:b IN 1]"})
    void malformedPatternsAreRejectedWithAPosition(String text) {
        assertThatThrownBy(() -> StixPattern.parse(text)).isInstanceOf(StixPatternException.class)
                .hasMessageContaining("at character");
    }

    @Test
    void deeplyNestedPatternsAreRefusedNotOverflowed() {
        String deep = "(".repeat(5000) + "[a:b = 1]" + ")".repeat(5000);
        assertThatThrownBy(() -> StixPattern.parse(deep)).isInstanceOf(StixPatternException.class)
                .hasMessageContaining("nested deeper");
    }

    private static List<Observable> extract(String p) throws Exception {
        return PatternObservables.extract(StixPattern.parse(p)).observables();
    }

    @Test
    void disjunctionsOfEqualitiesBecomeObservables() throws Exception {
        assertThat(extract("[domain-name:value = 'www.webserver.dynssl.com' OR ipv4-addr:value = '113.10.246.30']"))
                .containsExactly(new Observable(IndicatorType.DOMAIN, "www.webserver.dynssl.com"),
                        new Observable(IndicatorType.IPV4, "113.10.246.30"));
        assertThat(extract("[ipv4-addr:value = '223.166.0.0/15']"))
                .containsExactly(new Observable(IndicatorType.CIDR, "223.166.0.0/15"));
        assertThat(extract("[ipv4-addr:value ISSUBSET '198.51.100.0/24']"))
                .containsExactly(new Observable(IndicatorType.CIDR, "198.51.100.0/24"));
        assertThat(extract("[file:hashes.md5 = '001dd76872d80801692ff942308c64e6']"))
                .containsExactly(new Observable(IndicatorType.MD5, "001DD76872D80801692FF942308C64E6"));
        assertThat(extract("[process:image_ref.name IN ('wuauclt.exe', 'tabcal.exe')]")).hasSize(2);
        assertThat(extract("[file:parent_directory_ref.path = '%TEMP%' AND file:name = '31558.txt']"))
                .containsExactly(new Observable(IndicatorType.FILE_PATH, "%TEMP%\\31558.txt"));
        assertThat(extract("[domain-name:value LIKE '%.devtunnels.ms']"))
                .containsExactly(new Observable(IndicatorType.DOMAIN, "*.devtunnels.ms"));
    }

    @Test
    void patternsThatDoNotPinAValueAreNotMatchedOn() throws Exception {
        for (String p : new String[] {"[file:name = 'a'] AND [file:name = 'b']", "[file:name != 'a']",
            "[file:name = 'a'] WITHIN 5 SECONDS", "[file:size > 10]", "[url:value LIKE 'https://vscode.dev/%']",
            "[x509-certificate:issuer = 'CN=WEBMAIL' AND x509-certificate:serial_number = '4c:0b']",
            "[domain-name:value MATCHES '^.*evil']"}) {
            PatternObservables.Extraction x = PatternObservables.extract(StixPattern.parse(p));
            assertThat(x.observables()).as(p).isEmpty();
            assertThat(x.complete()).as(p).isFalse();
        }
    }

    @Provide
    Arbitrary<Observable> observables() {
        Arbitrary<String> label = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(12);
        Arbitrary<String> name = Arbitraries.strings().withChars("abcXYZ019 _-%'\\.()【】参考").ofMinLength(1)
                .ofMaxLength(20);
        return Arbitraries.oneOf(
                label.list().ofMinSize(2).ofMaxSize(4).map(l -> new Observable(IndicatorType.DOMAIN, String.join(".", l))),
                label.list().ofMinSize(2).ofMaxSize(4).map(l -> new Observable(IndicatorType.DOMAIN,
                        "*." + String.join(".", l))),
                name.map(n -> n.replace("\\", "")).filter(n -> !n.isBlank() && n.strip().equals(n))
                        .map(n -> new Observable(IndicatorType.FILE_NAME, n)),
                name.map(n -> n.replace('\\', 'x')).map(n -> new Observable(IndicatorType.FILE_NAME, n + "*.exe"))
                        .filter(o -> o.value().strip().equals(o.value())),
                name.list().ofMinSize(1).ofMaxSize(3).map(l -> new Observable(IndicatorType.FILE_PATH,
                        "C:\\" + String.join("\\", l).replace("\\\\", "\\x"))).filter(o ->
                        o.value().strip().equals(o.value()) && !o.value().contains("\\\\")),
                name.map(n -> new Observable(IndicatorType.MUTEX, n)).filter(o -> o.value().strip().equals(o.value())),
                name.map(n -> new Observable(IndicatorType.USER_AGENT, "Mozilla/5.0 " + n))
                        .filter(o -> o.value().strip().equals(o.value())));
    }

    @Property
    void patternForAnObservableExtractsBackToIt(@ForAll("observables") Observable o) throws Exception {
        String pattern = PatternObservables.patternFor(o);
        PatternObservables.Extraction x = PatternObservables.extract(StixPattern.parse(pattern));
        assertThat(x.observables()).as(pattern).containsExactly(o);
        assertThat(x.complete()).isTrue();
    }

    @Property
    void arbitraryTextNeverCrashesTheParser(@ForAll String s) {
        try {
            StixPattern.parse(s);
        } catch (StixPatternException e) {
            assertThat(e.position()).isBetween(0, s.length() + 1);
        }
    }

    @Property
    void mutatedValidPatternsNeverCrashTheParser(@ForAll("mutations") String s) {
        try {
            StixPattern p = StixPattern.parse(s);
            assertThat(StixPattern.parse(p.format()).format()).isEqualTo(p.format());
        } catch (StixPatternException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }

    @Provide
    Arbitrary<String> mutations() {
        String base = "([file:hashes.'SHA-256' = 'ab' OR file:name LIKE 'x%'] AND [ipv4-addr:value ISSUBSET "
                + "'10.0.0.0/8']) FOLLOWEDBY [a:b[*].c NOT IN (1, -2.5, true, h'00', b'AA==', t'2020-01-01T00:00:00Z')]"
                + " REPEATS 2 TIMES WITHIN 1.5 SECONDS";
        return Arbitraries.integers().between(0, base.length() - 1).list().ofMinSize(1).ofMaxSize(4)
                .flatMap(cuts -> Arbitraries.of("", "[", "]", "(", ")", "'", "\\", " AND ", "OR", "=", "*", "-", "9")
                        .list().ofSize(cuts.size()).map(ins -> {
                            StringBuilder sb = new StringBuilder(base);
                            for (int k = 0; k < cuts.size(); k++) {
                                int at = Math.min(cuts.get(k), sb.length());
                                sb.replace(at, Math.min(sb.length(), at + 1), ins.get(k));
                            }
                            return sb.toString();
                        }));
    }
}
