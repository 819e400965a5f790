package kagami.intel.blocklist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import kagami.core.IndicatorType;
import kagami.intel.IntelIndicator;
import kagami.intel.TestIndicators;

class BlocklistsTest {
    @TempDir
    Path dir;

    /** A mix covering every case a blocklist writer has to handle. */
    static List<IntelIndicator> sample() {
        return List.of(
                TestIndicators.of(IndicatorType.DOMAIN, "www.ninesmn.com", "LODEINFO"),
                TestIndicators.of(IndicatorType.DOMAIN, "Foeake.ORG.", "NOOPDOOR"),
                TestIndicators.of(IndicatorType.DOMAIN, "example[.]net"),
                TestIndicators.of(IndicatorType.DOMAIN, "*.dyn.example.com"),
                TestIndicators.of(IndicatorType.DOMAIN, "例え.jp"),
                TestIndicators.of(IndicatorType.DOMAIN, "_dmarc.bad.example"),
                TestIndicators.of(IndicatorType.IPV4, "45.32.13.180", "MirrorFace"),
                TestIndicators.of(IndicatorType.IPV4, "198.51.100.7"),
                TestIndicators.of(IndicatorType.CIDR, "198.51.100.0/24"),
                TestIndicators.of(IndicatorType.CIDR, "203.0.113.128/25"),
                TestIndicators.of(IndicatorType.IPV6, "2001:db8::1"),
                TestIndicators.of(IndicatorType.CIDR, "2001:db8:1::/48"),
                TestIndicators.of(IndicatorType.URL, "hxxp://172.104.112[.]218/11554.htm", "DOWNIISSA"),
                TestIndicators.of(IndicatorType.URL, "https://evil.example/a;b\"c"),
                TestIndicators.of(IndicatorType.SHA256,
                        "73470ea496126133fd025cfa9b3599bea9550abe2c8d065de11afb6f7aa6b5df"),
                // Warning-listed: never in a default blocklist.
                TestIndicators.of(IndicatorType.DOMAIN, "global.rel.tunnels.api.visualstudio.com"),
                TestIndicators.of(IndicatorType.DOMAIN, "3utilities.com"),
                TestIndicators.of(IndicatorType.IPV4, "8.8.8.8"),
                TestIndicators.of(IndicatorType.CIDR, "10.1.0.0/16"),
                TestIndicators.of(IndicatorType.URL, "https://onedrive.live.com/download?x=1"),
                // A sub-domain of a dynamic-DNS zone may be blocked; only the zone itself is protected.
                TestIndicators.of(IndicatorType.DOMAIN, "c2.3utilities.com"),
                // Context: never in any blocklist, forced or not.
                TestIndicators.context(IndicatorType.DOMAIN, "context.example.org"));
    }

    static Blocklists.Options options(boolean force) throws IOException {
        return Blocklists.Options.defaults(WarningList.loadDefault()).withSerial(2025010801).withForce(force);
    }

    static String render(Blocklists.Format f, Blocklists.Options o) throws IOException {
        StringWriter w = new StringWriter();
        Blocklists.write(f, sample(), o, w);
        return w.toString();
    }

    @ParameterizedTest
    @EnumSource(Blocklists.Format.class)
    void outputMatchesTheGoldenFile(Blocklists.Format f) throws IOException {
        String actual = render(f, options(false));
        Path golden = Path.of("src/test/resources/kagami/intel/blocklist/golden-" + f.name().toLowerCase() + ".txt");
        if (System.getenv("KAGAMI_UPDATE_GOLDEN") != null) {
            Files.writeString(golden, actual);
        }
        assertThat(actual).isEqualTo(Files.readString(golden));
    }

    @ParameterizedTest
    @EnumSource(Blocklists.Format.class)
    void noWarningListedOrContextValueInADefaultBlocklist(Blocklists.Format f) throws IOException {
        String out = render(f, options(false));
        for (String bad : new String[] {"visualstudio.com", "8.8.8.8", "10.1.0.0", "onedrive.live.com",
                "context.example.org"}) {
            assertThat(out).doesNotContain(bad);
        }
        assertThat(out.lines().filter(l -> !l.startsWith("#") && !l.startsWith(";"))
                .anyMatch(l -> l.matches("(0\\.0\\.0\\.0 )?(\\*\\.)?3utilities\\.com( CNAME \\.)?"))).isFalse();
    }

    @Test
    void warningListReasonsAreBilingualAndTheLeftOutValuesAreReported() throws IOException {
        StringWriter w = new StringWriter();
        Blocklists.Result r = Blocklists.write(Blocklists.Format.HOSTS, sample(), options(false), w);
        assertThat(r.warningListed()).isEqualTo(5);
        assertThat(r.leftOut()).extracting(l -> l.observable().value()).contains("3utilities.com", "8.8.8.8",
                "10.1.0.0/16");
        for (Blocklists.LeftOut l : r.leftOut()) {
            assertThat(l.entry().why(java.util.Locale.ENGLISH)).isNotBlank();
            assertThat(l.entry().why(java.util.Locale.JAPANESE)).isNotBlank();
        }
        assertThat(r.leftOut()).anyMatch(l -> l.entry().why(java.util.Locale.JAPANESE).contains("ダイナミック DNS"));
    }

    @Test
    void forceWritesWarningListedValuesButNeverContext() throws IOException {
        String out = render(Blocklists.Format.HOSTS, options(true));
        assertThat(out).contains("0.0.0.0 global.rel.tunnels.api.visualstudio.com", "0.0.0.0 3utilities.com")
                .doesNotContain("context.example.org");
    }

    @Test
    void nftablesOutputIsAcceptedByNft() throws Exception {
        for (boolean force : new boolean[] {false, true}) {
            Path f = dir.resolve("kagami-" + force + ".nft");
            Files.writeString(f, render(Blocklists.Format.NFTABLES, options(force)));
            check(nftCheck(f));
        }
        // An empty set must be valid too.
        Path empty = dir.resolve("empty.nft");
        StringWriter w = new StringWriter();
        Blocklists.write(Blocklists.Format.NFTABLES, List.of(), options(false), w);
        Files.writeString(empty, w.toString());
        check(nftCheck(empty));
    }

    @Test
    void rpzZoneIsAcceptedByNamedCheckzone() throws Exception {
        for (boolean force : new boolean[] {false, true}) {
            Path f = dir.resolve("rpz-" + force + ".zone");
            Files.writeString(f, render(Blocklists.Format.RPZ, options(force)));
            Run r = run(List.of(tool("named-checkzone", "bind9-utils"), "-k", "fail", "-n", "fail", "rpz.kagami",
                    f.toString()));
            check(r);
            assertThat(r.output).contains("OK");
        }
    }

    @Test
    void rpzIpTriggersFollowTheRpzOwnerNameSyntax() {
        assertThat(Blocklists.rpzIpv4("45.32.13.180")).isEqualTo("32.180.13.32.45");
        assertThat(Blocklists.rpzIpv4("198.51.100.0/24")).isEqualTo("24.0.100.51.198");
        assertThat(Blocklists.rpzIpv6("2001:db8::1")).isEqualTo("128.1.zz.db8.2001");
        assertThat(Blocklists.rpzIpv6("2001:db8:1::/48")).isEqualTo("48.zz.1.db8.2001");
    }

    record Run(int code, String output) {
    }

    private static void check(Run r) {
        if (r.code != 0) {
            fail("oracle rejected the output (exit " + r.code + "):\n" + r.output);
        }
    }

    /**
     * {@code nft -c -f}: as root it runs directly; a normal user lacks CAP_NET_ADMIN ("cache initialization failed:
     * Operation not permitted"), so it runs inside its own user + network namespace ({@code unshare -Urn}), where
     * the check is the same and touches no real firewall.
     */
    static Run nftCheck(Path f) throws Exception {
        String nft = tool("nft", "nftables");
        Run r = run(List.of(nft, "-c", "-f", f.toString()));
        if (r.code != 0 && r.output.contains("Operation not permitted")) {
            r = run(List.of("unshare", "-Urn", nft, "-c", "-f", f.toString()));
        }
        return r;
    }

    static String tool(String name, String debianPackage) {
        for (String d : new String[] {"/usr/sbin", "/usr/bin", "/sbin", "/bin"}) {
            if (Files.isExecutable(Path.of(d, name))) {
                return d + "/" + name;
            }
        }
        fail(name + " is not installed: apt-get install " + debianPackage + " (.ci/run installs it)");
        return null;
    }

    static Run run(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        p.getInputStream().transferTo(out);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(cmd + " did not finish in 60 s");
        }
        return new Run(p.exitValue(), out.toString(StandardCharsets.UTF_8));
    }
}
