package kagami.intel.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import kagami.core.IndicatorType;
import kagami.intel.Observable;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

class NormalizerTest {
    private static String n(IndicatorType t, String v) throws InvalidValueException {
        return Normalizer.normalize(t, v).value();
    }

    @Test
    void domainsLoseCaseTrailingDotsAndDefanging() throws Exception {
        assertThat(n(IndicatorType.DOMAIN, "WWW.NinesMN[.]com.")).isEqualTo("www.ninesmn.com");
        assertThat(n(IndicatorType.DOMAIN, " foeake(.)org ")).isEqualTo("foeake.org");
        assertThat(n(IndicatorType.DOMAIN, "example[dot]net")).isEqualTo("example.net");
    }

    @Test
    void internationalisedDomainsBecomePunycode() throws Exception {
        assertThat(n(IndicatorType.DOMAIN, "例え.JP")).isEqualTo("xn--r8jz45g.jp");
        assertThat(n(IndicatorType.DOMAIN, "xn--r8jz45g.jp")).isEqualTo("xn--r8jz45g.jp");
        assertThat(n(IndicatorType.DOMAIN, "bücher.example")).isEqualTo("xn--bcher-kva.example");
    }

    @Test
    void suffixFormsBecomeWildcards() throws Exception {
        assertThat(n(IndicatorType.DOMAIN, ".devtunnels.ms")).isEqualTo("*.devtunnels.ms");
        assertThat(Normalizer.normalize(IndicatorType.DOMAIN, "*.Tunnels.api.visualstudio.com").wildcard()).isTrue();
    }

    @Test
    void hostnameAndDomainAreOneDnsName() throws Exception {
        assertThat(Normalizer.normalize(IndicatorType.HOSTNAME, "a.b.example").type())
                .isEqualTo(IndicatorType.HOSTNAME);
        assertThat(n(IndicatorType.HOSTNAME, "A.B.EXAMPLE.")).isEqualTo("a.b.example");
    }

    @Test
    void urlsAreRefangedWithLowerCaseSchemeAndHostOnly() throws Exception {
        assertThat(n(IndicatorType.URL, "hxxp://172.104.112[.]218/11554.htm"))
                .isEqualTo("http://172.104.112.218/11554.htm");
        assertThat(n(IndicatorType.URL, "HXXPS[://]Evil.Example./Path?Q=A")).isEqualTo("https://evil.example/Path?Q=A");
        assertThat(n(IndicatorType.URL, "https://evil.example")).isEqualTo("https://evil.example/");
        assertThat(n(IndicatorType.URL, "http://[2001:DB8::1]:8080/x")).isEqualTo("http://[2001:db8::1]:8080/x");
    }

    @Test
    void hashesAreUpperCaseHexOfTheRightLength() throws Exception {
        assertThat(n(IndicatorType.MD5, "da20ff8988198063b56680833c298113"))
                .isEqualTo("DA20FF8988198063B56680833C298113");
        assertThatThrownBy(() -> n(IndicatorType.SHA256, "da20ff8988198063b56680833c298113"))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("64 hexadecimal");
    }

    @Test
    void addressesAndBlocksAreCanonical() throws Exception {
        assertThat(n(IndicatorType.IPV4, "172.104.112[.]218")).isEqualTo("172.104.112.218");
        assertThat(n(IndicatorType.CIDR, "10.1.2.3/8")).isEqualTo("10.0.0.0/8");
        assertThat(n(IndicatorType.CIDR, "10.1.2.3/32")).isEqualTo("10.1.2.3");
        assertThat(n(IndicatorType.IPV6, "2001:0DB8:0000:0000:0000:0000:0000:0001")).isEqualTo("2001:db8::1");
        assertThat(n(IndicatorType.IPV6, "::ffff:192.0.2.1")).isEqualTo("::ffff:c000:201");
        assertThat(n(IndicatorType.CIDR, "2001:db8:1:2::/48")).isEqualTo("2001:db8:1::/48");
        assertThatThrownBy(() -> n(IndicatorType.IPV4, "010.1.1.1")).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> n(IndicatorType.IPV4, "1.2.3.256")).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> n(IndicatorType.IPV6, "1::2::3")).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void registryHivesAreSpelledOut() throws Exception {
        assertThat(n(IndicatorType.REGISTRY_KEY, "HKCU\\SOFTWARE\\Microsoft\\COM3\\"))
                .isEqualTo("HKEY_CURRENT_USER\\SOFTWARE\\Microsoft\\COM3");
        assertThatThrownBy(() -> n(IndicatorType.REGISTRY_KEY, "HKXX\\a")).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void badValuesAreRejectedWithTheReason() {
        assertThatThrownBy(() -> n(IndicatorType.DOMAIN, "domain autuo.xicp.net"))
                .hasMessageContaining("invalid label");
        assertThatThrownBy(() -> n(IndicatorType.DOMAIN, "localhost")).hasMessageContaining("two labels");
        assertThatThrownBy(() -> n(IndicatorType.DOMAIN, "1.2.3.4")).hasMessageContaining("IP address");
        assertThatThrownBy(() -> n(IndicatorType.EMAIL_ADDRESS, "nobody")).hasMessageContaining("local@domain");
        assertThatThrownBy(() -> n(IndicatorType.FILE_NAME, "a\\b.exe")).hasMessageContaining("path");
        assertThatThrownBy(() -> n(IndicatorType.URL, "no scheme")).hasMessageContaining("scheme");
    }

    @Test
    void guessingTellsTheKindOfBareValues() {
        assertThat(Normalizer.guess("45.32.13[.]180")).contains(new Observable(IndicatorType.IPV4, "45.32.13.180"));
        assertThat(Normalizer.guess("10.0.0.0/8")).contains(new Observable(IndicatorType.CIDR, "10.0.0.0/8"));
        assertThat(Normalizer.guess("hxxps://x.example/a")).map(Observable::type).contains(IndicatorType.URL);
        assertThat(Normalizer.guess("a@b.example")).map(Observable::type).contains(IndicatorType.EMAIL_ADDRESS);
        assertThat(Normalizer.guess("0fcf90fe2f5165286814ab858d6d4f2a")).map(Observable::type)
                .contains(IndicatorType.MD5);
        assertThat(Normalizer.guess("not a value")).isEmpty();
    }

    @Property
    void normalisingIsIdempotent(@ForAll String s) {
        for (IndicatorType t : IndicatorType.values()) {
            try {
                String once = n(t, s);
                assertThat(n(t, once)).isEqualTo(once);
            } catch (InvalidValueException e) {
                assertThat(e.getMessage()).isNotBlank();
            }
        }
    }
}
