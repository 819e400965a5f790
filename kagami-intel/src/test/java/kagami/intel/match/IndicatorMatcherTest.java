package kagami.intel.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import kagami.core.IndicatorType;
import kagami.intel.TestIndicators;
import kagami.intel.normalize.Normalizer;

class IndicatorMatcherTest {
    static final IndicatorMatcher M = IndicatorMatcher.builder()
            .add(TestIndicators.of(IndicatorType.DOMAIN, "example.net"))
            .add(TestIndicators.of(IndicatorType.DOMAIN, "*.devtunnels.ms"))
            .add(TestIndicators.of(IndicatorType.IPV4, "45.32.13.180"))
            .add(TestIndicators.of(IndicatorType.CIDR, "223.166.0.0/15"))
            .add(TestIndicators.of(IndicatorType.CIDR, "2001:db8:1::/48"))
            .add(TestIndicators.of(IndicatorType.URL, "http://172.104.112.218/11554.htm"))
            .add(TestIndicators.of(IndicatorType.SHA256,
                    "73470ea496126133fd025cfa9b3599bea9550abe2c8d065de11afb6f7aa6b5df"))
            .add(TestIndicators.of(IndicatorType.FILE_NAME, "K7SysMn1.dll"))
            .add(TestIndicators.of(IndicatorType.FILE_NAME, "【参考】220628*発・*.exe"))
            .add(TestIndicators.of(IndicatorType.FILE_PATH, "C:\\Users\\Public\\TMWJPA\\"))
            .add(TestIndicators.of(IndicatorType.FILE_PATH, "%TEMP%\\31558.txt"))
            .add(TestIndicators.of(IndicatorType.REGISTRY_KEY, "HKCU\\SOFTWARE\\Microsoft\\COM3"))
            .build();

    private static List<IndicatorMatcher.How> how(List<IndicatorMatcher.Match> m) {
        return m.stream().map(IndicatorMatcher.Match::how).toList();
    }

    @Test
    void domainsMatchThemselvesTheirParentsAndWildcards() {
        assertThat(how(M.lookupDomain("EXAMPLE.NET."))).containsExactly(IndicatorMatcher.How.EXACT);
        assertThat(how(M.lookupDomain("a.b.example.net"))).containsExactly(IndicatorMatcher.How.PARENT_DOMAIN);
        assertThat(M.lookupDomain("notexample.net")).isEmpty();
        assertThat(how(M.lookupDomain("x.devtunnels.ms"))).containsExactly(IndicatorMatcher.How.WILDCARD_DOMAIN);
        assertThat(M.lookupDomain("devtunnels.ms")).isEmpty();
    }

    @Test
    void addressesMatchExactlyAndInsideBlocks() throws Exception {
        assertThat(how(M.lookupIp("45.32.13.180"))).containsExactly(IndicatorMatcher.How.EXACT);
        assertThat(how(M.lookupIp("223.167.255.1"))).containsExactly(IndicatorMatcher.How.CIDR);
        assertThat(M.lookupIp("223.168.0.1")).isEmpty();
        assertThat(M.matchesIpv4(Normalizer.parseIpv4("223.166.0.0"))).isTrue();
        assertThat(M.matchesIpv4(Normalizer.parseIpv4("45.32.13.181"))).isFalse();
        assertThat(how(M.lookupIp("2001:DB8:1:ffff::9"))).containsExactly(IndicatorMatcher.How.CIDR);
        assertThat(M.lookupIp("2001:db8:2::1")).isEmpty();
        assertThat(M.lookupIp("not an ip")).isEmpty();
    }

    @Test
    void urlsMatchExactlyAndByHost() {
        assertThat(how(M.lookupUrl("HXXP://172.104.112[.]218/11554.htm"))).containsExactly(IndicatorMatcher.How.EXACT);
        assertThat(how(M.lookupUrl("https://www.example.net/login"))).containsExactly(IndicatorMatcher.How.URL_HOST);
    }

    @Test
    void hashesFileNamesPathsAndKeys() {
        assertThat(M.lookupHash("73470EA496126133FD025CFA9B3599BEA9550ABE2C8D065DE11AFB6F7AA6B5DF")).hasSize(1);
        assertThat(M.lookupFileName("k7sysmn1.DLL")).hasSize(1);
        assertThat(how(M.lookupFileName("【参考】220628某党発・某選挙.exe"))).containsExactly(IndicatorMatcher.How.GLOB);
        assertThat(how(M.lookupFilePath("C:\\Users\\Public\\TMWJPA\\GFIUFR.zip"))).containsExactly(
                IndicatorMatcher.How.EXACT);
        assertThat(how(M.lookupFilePath("C:\\Users\\a\\AppData\\Local\\Temp\\31558.txt")))
                .containsExactly(IndicatorMatcher.How.GLOB);
        assertThat(how(M.lookupFilePath("D:\\tools\\K7SysMn1.dll"))).containsExactly(
                IndicatorMatcher.How.PATH_FILE_NAME);
        assertThat(M.lookupRegistryKey("HKEY_CURRENT_USER\\Software\\Microsoft\\com3")).hasSize(1);
    }

    @Test
    void globsCannotBeMadeToBacktrackForever() {
        IndicatorMatcher m = IndicatorMatcher.builder()
                .add(TestIndicators.of(IndicatorType.FILE_NAME, "*a*a*a*a*a*a*a*a*a*a*a*a*b")).build();
        assertThat(m.lookupFileName("a".repeat(5000))).isEmpty();
    }
}
