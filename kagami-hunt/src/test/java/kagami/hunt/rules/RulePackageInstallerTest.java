package kagami.hunt.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import com.sun.net.httpserver.HttpServer;
import kagami.core.io.LimitExceededException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RulePackageInstallerTest {
    @TempDir
    Path dir;

    private static final String RULE = """
            title: Test Rule
            id: 5f0d7c52-0000-4000-8000-000000000001
            status: test
            logsource: {product: windows, category: process_creation}
            detection:
              sel: {Image|endswith: '\\\\calc.exe'}
              condition: sel
            level: low
            """;

    static byte[] zip(Map<String, byte[]> members) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(b)) {
            for (Map.Entry<String, byte[]> m : members.entrySet()) {
                z.putNextEntry(new ZipEntry(m.getKey()));
                z.write(m.getValue());
                z.closeEntry();
            }
        }
        return b.toByteArray();
    }

    private RulePackageInstaller installer() {
        return new RulePackageInstaller(dir.resolve("store"), RulePackageInstaller.Limits.defaults());
    }

    @Test
    void installsAReleaseZipWithRulesAndLicence() throws IOException {
        Path z = dir.resolve("sigma_core.zip");
        Files.write(z, zip(Map.of("rules/windows/proc/a.yml", RULE.getBytes(StandardCharsets.UTF_8),
                "LICENSE", "Detection Rule License (DRL) 1.1".getBytes(StandardCharsets.UTF_8),
                "tools/run.exe", new byte[] {'M', 'Z'})));
        RulePackageInstaller.Report r = installer().install(z.toString(), "sigmahq", staged -> { });
        assertThat(r.files()).isEqualTo(2);
        assertThat(r.skipped()).containsExactly("tools/run.exe");
        assertThat(r.sha256()).hasSize(64);
        assertThat(dir.resolve("store/sigmahq/rules/windows/proc/a.yml")).exists();
        assertThat(dir.resolve("store/sigmahq/tools")).doesNotExist();
        assertThat(dir.resolve("store/sigmahq/.kagami-package")).content().contains("sha256: " + r.sha256());
    }

    @Test
    void downloadsFromALoopbackHttpServer() throws IOException {
        byte[] body = zip(Map.of("rules/a.yml", RULE.getBytes(StandardCharsets.UTF_8)));
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/sigma_core.zip", ex -> {
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(body);
            }
        });
        server.createContext("/missing.zip", ex -> {
            ex.sendResponseHeaders(404, -1);
            ex.close();
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            RulePackageInstaller.Report r = installer().install(base + "/sigma_core.zip", "sigmahq", s -> { });
            assertThat(r.files()).isEqualTo(1);
            assertThat(dir.resolve("store/sigmahq/rules/a.yml")).exists();
            assertThatThrownBy(() -> installer().install(base + "/missing.zip", "sigmahq", s -> { }))
                    .hasMessageContaining("HTTP 404");
            assertThat(dir.resolve("store/sigmahq/rules/a.yml")).as("a failed update keeps the installed rules")
                    .exists();
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aDownloadLargerThanTheLimitIsRefused() throws IOException {
        byte[] body = new byte[64 * 1024];
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/big.zip", ex -> {
            ex.sendResponseHeaders(200, 0);
            try (OutputStream o = ex.getResponseBody()) {
                for (int i = 0; i < 16; i++) {
                    o.write(body);
                }
            } catch (IOException clientGaveUp) {
                // the installer stops reading at its limit
            }
        });
        server.start();
        try {
            RulePackageInstaller small = new RulePackageInstaller(dir.resolve("store"),
                    new RulePackageInstaller.Limits(100, 1 << 20, 1 << 20, 100, 256 * 1024, Duration.ofSeconds(30)));
            assertThatThrownBy(() -> small.install("http://127.0.0.1:" + server.getAddress().getPort() + "/big.zip",
                    "sigmahq", s -> { })).isInstanceOf(LimitExceededException.class);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void membersThatEscapeTheFolderAreRejected() throws IOException {
        for (String evil : new String[] {"../evil.yml", "rules/../../evil.yml", "/etc/evil.yml", "C:/evil.yml",
            "rules\\..\\..\\evil.yml"}) {
            Path z = dir.resolve("evil.zip");
            Files.write(z, zip(Map.of(evil, RULE.getBytes(StandardCharsets.UTF_8))));
            assertThatThrownBy(() -> installer().install(z.toString(), "sigmahq", s -> { }))
                    .as(evil).isInstanceOf(RulePackageInstaller.PackageException.class);
        }
        assertThat(dir.resolve("evil.yml")).doesNotExist();
        assertThat(dir.getParent().resolve("evil.yml")).doesNotExist();
    }

    @Test
    void aRuleFileBombIsStopped() throws IOException {
        byte[] big = new byte[8 << 20];
        java.util.Arrays.fill(big, (byte) ' ');
        Path z = dir.resolve("bomb.zip");
        Files.write(z, zip(Map.of("rules/a.yml", big)));
        assertThatThrownBy(() -> installer().install(z.toString(), "sigmahq", s -> { }))
                .isInstanceOf(LimitExceededException.class);
    }

    @Test
    void aPackageThatFailsValidationLeavesTheInstalledOneInPlace() throws IOException {
        Path good = dir.resolve("good.zip");
        Files.write(good, zip(Map.of("rules/a.yml", RULE.getBytes(StandardCharsets.UTF_8))));
        installer().install(good.toString(), "sigmahq", s -> { });
        Path bad = dir.resolve("bad.zip");
        Files.write(bad, zip(Map.of("rules/b.yml", "not: a rule".getBytes(StandardCharsets.UTF_8))));
        assertThatThrownBy(() -> installer().install(bad.toString(), "sigmahq", s -> {
            throw new RulePackageInstaller.PackageException("no rule loads");
        })).hasMessageContaining("no rule loads");
        assertThat(dir.resolve("store/sigmahq/rules/a.yml")).exists();
        assertThat(dir.resolve("store/sigmahq/rules/b.yml")).doesNotExist();
        try (var s = Files.list(dir.resolve("store"))) {
            assertThat(s).as("no staging left behind").extracting(p -> p.getFileName().toString())
                    .containsExactly("sigmahq");
        }
    }

    @Test
    void storeFollowsXdgDataHome() {
        assertThat(RuleStore.root(Map.of("XDG_DATA_HOME", "/data"), "/home/u")).isEqualTo(Path.of("/data/kagami/rules"));
        assertThat(RuleStore.root(Map.of(), "/home/u")).isEqualTo(Path.of("/home/u/.local/share/kagami/rules"));
        assertThat(RuleStore.root(Map.of("XDG_DATA_HOME", "relative"), "/home/u"))
                .as("a relative XDG_DATA_HOME is ignored, as the specification says")
                .isEqualTo(Path.of("/home/u/.local/share/kagami/rules"));
    }
}
