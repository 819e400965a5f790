package kagami.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import kagami.core.Detection;
import kagami.foreign.Gadget;
import kagami.sigma.logsource.Pipeline;

/**
 * The rule cache gives exactly what loading and compiling gives, and is ignored whenever anything it depends on
 * changed or the file cannot be trusted: another rule file content, other placeholder values, another pipeline,
 * another build of the code, a corrupt file, a class from outside the engine in the stream.
 */
class RuleCacheTest {
    static final String WHOAMI = """
            title: whoami
            id: 5a1c2f0e-0000-4000-8000-000000000001
            logsource: {product: windows, category: process_creation}
            detection:
              sel: {Image|endswith: '\\\\whoami.exe'}
              condition: sel
            level: medium
            """;
    static final String MIMIKATZ = """
            title: mimikatz keywords
            id: 5a1c2f0e-0000-4000-8000-000000000002
            logsource: {product: windows}
            detection:
              keywords: ['sekurlsa::', 'privilege::debug']
              condition: keywords
            level: high
            """;
    static final String EXPAND = """
            title: dc names
            id: 5a1c2f0e-0000-4000-8000-000000000003
            logsource: {product: windows, service: security}
            detection:
              sel: {Computer|expand: '%dcs%'}
              condition: sel
            level: low
            """;

    @TempDir
    Path dir;

    private Path rules() throws Exception {
        Path r = dir.resolve("rules");
        Files.createDirectories(r);
        Files.writeString(r.resolve("whoami.yml"), WHOAMI);
        Files.writeString(r.resolve("mimikatz.yml"), MIMIKATZ);
        Files.writeString(r.resolve("expand.yml"), EXPAND);
        Files.writeString(r.resolve("broken.yml"), "title: [unclosed\n");
        return r;
    }

    private static LoadedRules load(RuleCache cache, Path rules) throws Exception {
        return cache.load(List.of(rules), LoadOptions.defaults(), Pipeline.windows());
    }

    private static List<String> detections(LoadedRules r, Map<String, Object> fields) {
        List<String> out = new ArrayList<>();
        r.compiled().newMatcher().match(Rules.event(fields), (Detection d) -> out.add(d.ruleId() + " " + d.level()));
        return out;
    }

    private Path cacheDir() {
        return dir.resolve("cache");
    }

    private List<Path> entries() throws Exception {
        if (!Files.isDirectory(cacheDir())) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(cacheDir())) {
            return s.filter(p -> p.toString().endsWith(".bin")).toList();
        }
    }

    @Test
    void secondLoadComesFromTheCacheAndGivesTheSameRulesErrorsAndDetections() throws Exception {
        Path rules = rules();
        RuleCache cache = RuleCache.in(cacheDir());
        LoadedRules first = load(cache, rules);
        LoadedRules second = load(cache, rules);
        LoadedRules uncached = load(RuleCache.disabled(), rules);
        assertThat(first.fromCache()).isFalse();
        assertThat(second.fromCache()).isTrue();
        assertThat(uncached.fromCache()).isFalse();
        for (LoadedRules r : List.of(second, uncached)) {
            assertThat(r.documents()).isEqualTo(first.documents());
            assertThat(r.allErrors()).isEqualTo(first.allErrors());
            assertThat(r.compiled().rules()).isEqualTo(first.compiled().rules());
            assertThat(r.compiled().inactiveRules()).isEqualTo(first.compiled().inactiveRules());
        }
        assertThat(first.allErrors()).hasSize(2); // the broken file, and the placeholder without values
        Map<String, Object> both = Map.of("Image", "C:\\Windows\\System32\\whoami.exe", "CommandLine",
                "mimikatz # privilege::debug");
        assertThat(detections(second, both)).isEqualTo(detections(uncached, both)).hasSize(2);
        assertThat(entries()).hasSize(1);
    }

    @Test
    void changedRuleFileIsLoadedAgain() throws Exception {
        Path rules = rules();
        RuleCache cache = RuleCache.in(cacheDir());
        load(cache, rules);
        Files.writeString(rules.resolve("whoami.yml"), WHOAMI.replace("level: medium", "level: critical"));
        LoadedRules changed = load(cache, rules);
        assertThat(changed.fromCache()).isFalse();
        assertThat(changed.compiled().rules().get("5a1c2f0e-0000-4000-8000-000000000001").level())
                .isEqualTo(kagami.core.Level.CRITICAL);
        Files.delete(rules.resolve("mimikatz.yml"));
        LoadedRules removed = load(cache, rules);
        assertThat(removed.fromCache()).isFalse();
        assertThat(removed.compiled().ruleCount()).isEqualTo(1);
    }

    @Test
    void placeholderValuesAndPipelineArePartOfTheKey() throws Exception {
        Path rules = rules();
        RuleCache cache = RuleCache.in(cacheDir());
        load(cache, rules);
        LoadedRules withValues = cache.load(List.of(rules),
                LoadOptions.defaults().withPlaceholders(Map.of("dcs", List.of("DC01"))), Pipeline.windows());
        assertThat(withValues.fromCache()).isFalse();
        assertThat(withValues.allErrors()).hasSize(1);
        Path pipeline = dir.resolve("pipeline.yml");
        Files.writeString(pipeline, "name: empty\nproduct: windows\nservices: {}\ncategories: {}\n");
        LoadedRules otherPipeline = cache.load(List.of(rules), LoadOptions.defaults(), Pipeline.load(pipeline));
        assertThat(otherPipeline.fromCache()).isFalse();
        assertThat(cache.load(List.of(rules), LoadOptions.defaults(), Pipeline.load(pipeline)).fromCache()).isTrue();
    }

    @Test
    void anotherBuildOfTheCodeDoesNotUseTheEntry() throws Exception {
        Path rules = rules();
        assertThat(load(new RuleCache(cacheDir(), "build A"), rules).fromCache()).isFalse();
        assertThat(load(new RuleCache(cacheDir(), "build A"), rules).fromCache()).isTrue();
        assertThat(load(new RuleCache(cacheDir(), "build B"), rules).fromCache()).isFalse();
        assertThat(RuleCache.CodeFingerprint.VALUE).isNotEmpty();
    }

    @Test
    void corruptEntryIsIgnoredAndReplaced() throws Exception {
        Path rules = rules();
        RuleCache cache = RuleCache.in(cacheDir());
        LoadedRules fresh = load(cache, rules);
        Path entry = entries().get(0);
        byte[] bytes = Files.readAllBytes(entry);
        for (int i = bytes.length / 2; i < bytes.length; i++) {
            bytes[i] = (byte) (bytes[i] ^ 0x5A);
        }
        Files.write(entry, bytes);
        LoadedRules afterCorruption = load(cache, rules);
        assertThat(afterCorruption.fromCache()).isFalse();
        assertThat(afterCorruption.compiled().rules()).isEqualTo(fresh.compiled().rules());
        assertThat(load(cache, rules).fromCache()).isTrue();
        Files.write(entry, new byte[] {1, 2, 3});
        assertThat(load(cache, rules).fromCache()).isFalse();
        Files.write(entry, new byte[0]);
        assertThat(load(cache, rules).fromCache()).isFalse();
    }

    @Test
    void foreignClassInTheStreamIsNeverInstantiated() throws Exception {
        Path rules = rules();
        RuleCache cache = RuleCache.in(cacheDir());
        byte[] key = cache.key(SigmaRules.read(List.of(rules), LoadOptions.defaults()), LoadOptions.defaults(),
                Pipeline.windows());
        Files.createDirectories(cacheDir());
        for (Object payload : List.of(new Gadget(), new ArrayList<>(List.of("ok", new Gadget())))) {
            try (OutputStream out = Files.newOutputStream(cache.entry(key))) {
                out.write(RuleCache.MAGIC);
                out.write(key);
                ObjectOutputStream objects = new ObjectOutputStream(out);
                objects.writeObject(payload);
                objects.flush();
            }
            Gadget.instantiated = false;
            LoadedRules r = load(cache, rules);
            assertThat(Gadget.instantiated).isFalse();
            assertThat(r.fromCache()).isFalse();
            assertThat(r.compiled().ruleCount()).isEqualTo(2); // the expand rule has no placeholder values
        }
    }

    @Test
    void entryForOtherRulesUnderThisNameIsIgnored() throws Exception {
        Path rules = rules();
        RuleCache cache = RuleCache.in(cacheDir());
        load(cache, rules);
        Path entry = entries().get(0);
        byte[] bytes = Files.readAllBytes(entry);
        bytes[RuleCache.MAGIC.length] ^= 1; // the key in the header no longer matches the name's
        Files.write(entry, bytes);
        assertThat(load(cache, rules).fromCache()).isFalse();
        bytes[0] ^= 1; // nor is it a cache file at all
        Files.write(entry, bytes);
        assertThat(load(cache, rules).fromCache()).isFalse();
    }

    @Test
    void keepsOnlyTheMostRecentlyUsedEntries() throws Exception {
        Path rules = rules();
        RuleCache cache = RuleCache.in(cacheDir());
        for (int i = 0; i < RuleCache.MAX_ENTRIES + 2; i++) {
            Files.writeString(rules.resolve("whoami.yml"), WHOAMI.replace("whoami", "whoami" + i));
            load(cache, rules);
            for (Path p : entries()) { // make the order of writes visible whatever the clock's resolution
                Files.setLastModifiedTime(p, FileTime.fromMillis(Files.getLastModifiedTime(p).toMillis() - 10_000));
            }
        }
        assertThat(entries()).hasSize(RuleCache.MAX_ENTRIES);
        assertThat(load(cache, rules).fromCache()).isTrue(); // the latest is kept
    }

    @Test
    void disabledCacheWritesNothing() throws Exception {
        Path rules = rules();
        assertThat(load(RuleCache.disabled(), rules).fromCache()).isFalse();
        assertThat(load(RuleCache.disabled(), rules).fromCache()).isFalse();
        assertThat(RuleCache.disabled().directory()).isEmpty();
        assertThat(entries()).isEmpty();
    }

    @Test
    void standardLocationFollowsTheSetting() {
        String old = System.getProperty(RuleCache.PROPERTY);
        try {
            System.setProperty(RuleCache.PROPERTY, "off");
            assertThat(RuleCache.standard().directory()).isEmpty();
            System.setProperty(RuleCache.PROPERTY, dir.toString());
            assertThat(RuleCache.standard().directory()).contains(dir.toAbsolutePath());
        } finally {
            if (old == null) {
                System.clearProperty(RuleCache.PROPERTY);
            } else {
                System.setProperty(RuleCache.PROPERTY, old);
            }
        }
        assertThat(new String(RuleCache.MAGIC, StandardCharsets.US_ASCII)).startsWith("KAGAMI");
    }
}
