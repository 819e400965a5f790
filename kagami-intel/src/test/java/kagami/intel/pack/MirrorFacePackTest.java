package kagami.intel.pack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import kagami.core.IndicatorType;
import kagami.core.Tlp;
import kagami.intel.IndicatorFilter;
import kagami.intel.IntelIndicator;
import kagami.intel.Observable;
import kagami.intel.blocklist.Blocklists;
import kagami.intel.blocklist.WarningList;
import kagami.intel.stix.StixBundle;
import kagami.intel.stix.StixExchange;
import kagami.intel.stix.StixSchemas;
import kagami.intel.store.IntelStore;

class MirrorFacePackTest {
    @TempDir
    static Path dir;
    static byte[] generated;

    @BeforeAll
    static void generate() throws Exception {
        generated = MirrorFacePackGenerator.fromRepository().build();
        if (System.getenv("KAGAMI_REGENERATE_PACK") != null) {
            Files.write(MirrorFacePackGenerator.root().resolve("content/iocs/mirrorface/mirrorface.stix.json"),
                    generated);
        }
    }

    @Test
    void committedPackIsWhatTheGeneratorBuildsFromTheCurrentSources() throws Exception {
        try (InputStream in = MirrorFacePackGenerator.committed()) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                    .as("content/iocs/mirrorface/mirrorface.stix.json is stale; regenerate (see its README.md)")
                    .isEqualTo(new String(generated, StandardCharsets.UTF_8));
        }
    }

    @Test
    void packLoadsWithoutErrorsAndHasAtLeastAHundredIndicators() throws Exception {
        try (IntelStore store = IntelStore.open(dir.resolve("load.db"))) {
            IntelStore.ImportResult r = ContentPacks.load(store, ContentPacks.MIRRORFACE);
            assertThat(r.errors()).isEmpty();
            assertThat(r.warnings()).isEmpty();
            List<IntelIndicator> all = store.indicators(IndicatorFilter.all());
            assertThat(all.size()).isGreaterThanOrEqualTo(100);
            assertThat(all).allMatch(i -> i.tlp() == Tlp.CLEAR);
            assertThat(all).allMatch(i -> !i.source().isEmpty());
            // Facts only: every indicator is tied to MirrorFace and keeps its report.
            assertThat(all).allMatch(i -> i.related().contains("MirrorFace"));
            IntelIndicator k7 = all.stream().filter(i -> i.observables().contains(
                    new Observable(IndicatorType.FILE_NAME, "K7SysMn1.dll"))).findFirst().orElseThrow();
            assertThat(k7.related()).contains("LODEINFO");
            assertThat(k7.source()).isEqualTo("https://securelist.com/apt10-tracking-down-lodeinfo-2022-part-i/107742/");
            // Legitimate services the attacker abused are context, not blocking indicators.
            IntelIndicator tunnels = all.stream().filter(i -> i.observables().contains(
                    new Observable(IndicatorType.DOMAIN, "*.devtunnels.ms"))).findFirst().orElseThrow();
            assertThat(tunnels.context()).isTrue();
            assertThat(store.search("abc.devtunnels.ms")).extracting(m -> m.indicator().id())
                    .contains(tunnels.id());
            // The redacted LiberalFace lure name became a glob that matches the real name.
            assertThat(store.search("PART_01\\【参考】220628自民党発・選挙管理委員会宛文書（添書分）.exe")).isNotEmpty();
            // Re-loading is a no-op.
            IntelStore.ImportResult again = ContentPacks.load(store, ContentPacks.MIRRORFACE);
            assertThat(again.added() + again.updated()).isZero();
        }
    }

    @Test
    void packExportedAsStixValidatesAgainstTheOasisSchemas() throws Exception {
        Path out = dir.resolve("export.json");
        try (IntelStore store = IntelStore.open(dir.resolve("export.db"))) {
            ContentPacks.load(store, ContentPacks.MIRRORFACE);
            Set<String> ids = new HashSet<>();
            store.forEachIndicator(IndicatorFilter.all(), i -> ids.add(i.id()));
            try (var os = Files.newOutputStream(out)) {
                StixExchange.write(store, ids, Tlp.RED, os, null, false);
            }
        }
        JsonNode bundle = StixBundle.MAPPER.readTree(out.toFile());
        List<String> problems = new StixSchemas().validateBundle(bundle);
        assertThat(problems).isEmpty();
        long indicators = 0;
        for (JsonNode o : bundle.get("objects")) {
            indicators += o.get("type").asText().equals("indicator") ? 1 : 0;
        }
        assertThat(indicators).isGreaterThanOrEqualTo(100);
        // Second opinion: the Python reference validator (Debian python3-jsonschema), run live.
        Path tool = Path.of(System.getProperty("kagami.shared"), "tools", "stix_validate.py");
        Process p = new ProcessBuilder("/usr/bin/python3", tool.toString(), out.toString())
                .redirectErrorStream(true).start();
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        p.getInputStream().transferTo(text);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String[] fields = text.toString(StandardCharsets.UTF_8).strip().split(" ", 4);
        assertThat(p.exitValue()).as("stix_validate.py (needs python3-jsonschema): " + text).isZero();
        assertThat(fields[0]).as(text.toString()).isEqualTo(fields[1]);
        assertThat(Long.parseLong(fields[2])).isEqualTo(indicators);
    }

    @Test
    void noWarningListedDomainReachesADefaultBlocklist() throws Exception {
        try (IntelStore store = IntelStore.open(dir.resolve("block.db"))) {
            ContentPacks.load(store, ContentPacks.MIRRORFACE);
            List<IntelIndicator> blockable = store.indicators(IndicatorFilter.all().withContext(false));
            WarningList w = WarningList.loadDefault();
            for (Blocklists.Format f : Blocklists.Format.values()) {
                var sw = new java.io.StringWriter();
                Blocklists.Result r = Blocklists.write(f, blockable, Blocklists.Options.defaults(w), sw);
                for (String line : sw.toString().split("\n")) {
                    for (String bad : new String[] {"visualstudio.com", "devtunnels.ms", "3utilities.com CNAME",
                            "0.0.0.0 3utilities.com", "vscode.dev"}) {
                        assertThat(line).as(f + " output").doesNotContain(bad);
                    }
                }
                if (f == Blocklists.Format.HOSTS) {
                    // The five dynamic-DNS parent zones of the Cuckoo Spear list are protected.
                    assertThat(r.warningListed()).isGreaterThanOrEqualTo(5);
                    assertThat(sw.toString()).contains("0.0.0.0 www.ninesmn.com");
                }
            }
        }
    }
}
