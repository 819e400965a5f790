package kagami.sigma;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import kagami.sigma.rule.RuleParser;
import kagami.sigma.rule.RuleYaml;
import kagami.sigma.rule.SigmaDocument;

/**
 * Entry point of the Sigma engine: loads rule files and folders into a {@link RuleSet}.
 *
 * <pre>{@code
 * RuleSet rules = SigmaRules.load(List.of(Path.of("rules")), LoadOptions.defaults());
 * CompiledRuleSet compiled = rules.compile(Pipeline.windows());
 * Matcher m = compiled.newMatcher();
 * m.match(event, detection -> ...);
 * }</pre>
 * Every file and every YAML document is loaded on its own: one bad rule is reported ({@link RuleSet#errors()})
 * and the others still load.
 */
public final class SigmaRules {
    private SigmaRules() {
    }

    /** Loads every {@code .yml}/{@code .yaml} file under {@code paths} (files or folders, recursively, in name order). */
    public static RuleSet load(List<Path> paths, LoadOptions options) throws IOException {
        return parse(read(paths, options), options);
    }

    /**
     * A rule file as read from disk, before parsing: its path as the rules will name it, its licence, and its bytes
     * or why they could not be read. Everything a loaded rule depends on besides the {@link LoadOptions}, so the
     * rule cache keys on these.
     */
    record RuleFile(String path, String license, byte[] bytes, SigmaException error) {
    }

    /** Finds and reads the rule files under {@code paths} (files or folders, recursively, in name order). */
    static List<RuleFile> read(List<Path> paths, LoadOptions options) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.walk(p)) {
                    files.addAll(s.filter(Files::isRegularFile).filter(SigmaRules::isYaml).sorted().toList());
                }
            } else if (Files.isRegularFile(p)) {
                files.add(p);
            } else {
                throw new java.nio.file.NoSuchFileException(p.toString());
            }
        }
        Map<Path, String> licenseCache = new HashMap<>();
        List<String> licenses = new ArrayList<>();
        for (Path f : files) {
            licenses.add(licenseOf(f, options.defaultLicense(), licenseCache));
        }
        return java.util.stream.IntStream.range(0, files.size()).parallel()
                .mapToObj(i -> readFile(files.get(i), licenses.get(i))).toList();
    }

    /** Parses rule files read by {@link #read}; files are independent, so in parallel, keeping their order. */
    static RuleSet parse(List<RuleFile> files, LoadOptions options) {
        List<FileResult> results = files.parallelStream().map(SigmaRules::parseFile).toList();
        List<SigmaDocument> docs = new ArrayList<>();
        List<LoadError> errors = new ArrayList<>();
        for (FileResult r : results) {
            docs.addAll(r.docs());
            errors.addAll(r.errors());
        }
        return new RuleSet(docs, errors, options);
    }

    /** Loads rules from YAML text (tests, rules received over the network); {@code name} stands for the file. */
    public static RuleSet parse(String yaml, String name, LoadOptions options) {
        List<SigmaDocument> docs = new ArrayList<>();
        List<LoadError> errors = new ArrayList<>();
        parseText(yaml, name, options.defaultLicense(), docs, errors);
        return new RuleSet(docs, errors, options);
    }

    private static boolean isYaml(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return (n.endsWith(".yml") || n.endsWith(".yaml")) && !n.startsWith(".");
    }

    private record FileResult(List<SigmaDocument> docs, List<LoadError> errors) {
    }

    private static RuleFile readFile(Path f, String license) {
        try {
            if (Files.size(f) > RuleYaml.MAX_FILE_CHARS) {
                return new RuleFile(f.toString(), license, null,
                        new SigmaException(0, "file.tooLarge", RuleYaml.MAX_FILE_CHARS));
            }
            try (InputStream in = Files.newInputStream(f)) {
                return new RuleFile(f.toString(), license, in.readNBytes(RuleYaml.MAX_FILE_CHARS + 1), null);
            }
        } catch (IOException e) {
            return new RuleFile(f.toString(), license, null, new SigmaException(0, "file.unreadable", e.getMessage()));
        }
    }

    private static FileResult parseFile(RuleFile f) {
        List<SigmaDocument> docs = new ArrayList<>();
        List<LoadError> errors = new ArrayList<>();
        if (f.error() != null) {
            errors.add(LoadError.of(f.path(), f.error()));
            return new FileResult(docs, errors);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(f.bytes())).toString();
        } catch (CharacterCodingException e) {
            errors.add(LoadError.of(f.path(), new SigmaException(0, "file.notUtf8")));
            return new FileResult(docs, errors);
        }
        parseText(text, f.path(), f.license(), docs, errors);
        return new FileResult(docs, errors);
    }

    private static void parseText(String text, String name, String license, List<SigmaDocument> docs,
                                  List<LoadError> errors) {
        for (RuleYaml.Document d : RuleYaml.read(text)) {
            if (d.error() != null) {
                errors.add(LoadError.of(name, d.error()));
                continue;
            }
            if (d.value() instanceof Map<?, ?> m && m.containsKey("action") && !m.containsKey("detection")
                    && !m.containsKey("correlation") && !m.containsKey("filter")) {
                errors.add(LoadError.of(name, new SigmaException(d.line(), "rule.action")));
                continue;
            }
            try {
                docs.add(RuleParser.parse(d.value(), name, d.line(), license));
            } catch (SigmaException e) {
                errors.add(LoadError.of(name, e.line() > 0 ? e.line() : d.line(), e));
            } catch (RuntimeException | StackOverflowError e) {
                errors.add(LoadError.of(name, new SigmaException(d.line(), "rule.unreadable", e)));
            }
        }
    }

    /**
     * The licence of a rule collection: a LICENSE file in the rule's folder or above that names the Detection
     * Rule License (SigmaHQ's repository root) gives DRL-1.1; otherwise {@code fallback}.
     */
    private static String licenseOf(Path file, String fallback, Map<Path, String> cache) {
        Path dir = file.toAbsolutePath().getParent();
        List<Path> visited = new ArrayList<>();
        String found = null;
        for (Path d = dir; d != null; d = d.getParent()) {
            if (cache.containsKey(d)) {
                found = cache.get(d);
                break;
            }
            visited.add(d);
            Path lic = d.resolve("LICENSE");
            if (Files.isRegularFile(lic)) {
                found = readLicense(lic, fallback);
                break;
            }
        }
        String result = found == null ? fallback : found;
        for (Path d : visited) {
            cache.put(d, result);
        }
        return result;
    }

    private static String readLicense(Path lic, String fallback) {
        try (InputStream in = Files.newInputStream(lic)) {
            String t = new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
            if (t.contains("Detection Rule License")) {
                return t.contains("1.1") ? "DRL-1.1" : "DRL";
            }
        } catch (IOException e) {
            // unreadable licence file: fall back
        }
        return fallback;
    }
}
