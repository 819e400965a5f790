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
        // files are independent: parse them in parallel, keep their order in the result
        List<FileResult> results = java.util.stream.IntStream.range(0, files.size()).parallel()
                .mapToObj(i -> loadFile(files.get(i), licenses.get(i))).toList();
        List<SigmaDocument> docs = new ArrayList<>();
        List<LoadError> errors = new ArrayList<>();
        for (FileResult r : results) {
            docs.addAll(r.docs());
            errors.addAll(r.errors());
        }
        return new RuleSet(docs, errors, options);
    }

    private record FileResult(List<SigmaDocument> docs, List<LoadError> errors) {
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

    private static FileResult loadFile(Path f, String license) {
        List<SigmaDocument> docs = new ArrayList<>();
        List<LoadError> errors = new ArrayList<>();
        String text;
        try {
            if (Files.size(f) > RuleYaml.MAX_FILE_CHARS) {
                errors.add(new LoadError(f.toString(), 0, "rule file is larger than " + RuleYaml.MAX_FILE_CHARS
                        + " bytes; not a Sigma rule"));
                return new FileResult(docs, errors);
            }
            try (InputStream in = Files.newInputStream(f)) {
                text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .decode(java.nio.ByteBuffer.wrap(in.readNBytes(RuleYaml.MAX_FILE_CHARS + 1))).toString();
            }
        } catch (CharacterCodingException e) {
            errors.add(new LoadError(f.toString(), 0, "rule file is not UTF-8 text"));
            return new FileResult(docs, errors);
        } catch (IOException e) {
            errors.add(new LoadError(f.toString(), 0, "cannot read: " + e.getMessage()));
            return new FileResult(docs, errors);
        }
        parseText(text, f.toString(), license, docs, errors);
        return new FileResult(docs, errors);
    }

    private static void parseText(String text, String name, String license, List<SigmaDocument> docs,
                                  List<LoadError> errors) {
        for (RuleYaml.Document d : RuleYaml.read(text)) {
            if (d.error() != null) {
                errors.add(new LoadError(name, d.error().line(), d.error().getMessage()));
                continue;
            }
            if (d.value() instanceof Map<?, ?> m && m.containsKey("action") && !m.containsKey("detection")
                    && !m.containsKey("correlation") && !m.containsKey("filter")) {
                errors.add(new LoadError(name, d.line(), "Sigma 1 'action' documents (global/reset/repeat) are not "
                        + "part of Sigma 2; merge them into the rules"));
                continue;
            }
            try {
                docs.add(RuleParser.parse(d.value(), name, d.line(), license));
            } catch (SigmaException e) {
                errors.add(new LoadError(name, e.line() > 0 ? e.line() : d.line(), e.getMessage()));
            } catch (RuntimeException | StackOverflowError e) {
                errors.add(new LoadError(name, d.line(), "rule could not be read: " + e));
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
