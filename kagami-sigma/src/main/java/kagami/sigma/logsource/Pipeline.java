package kagami.sigma.logsource;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import kagami.sigma.SigmaException;
import kagami.sigma.rule.LogSource;
import kagami.sigma.rule.RuleYaml;

/**
 * Logsource resolution (Sigma taxonomy appendix; mappings seeded from SigmaHQ tests/thor.yml): turns a rule's
 * product/service/category into the {@link LogsourceVariant}s it runs on, plus the global field aliases. Loaded
 * from data ({@code content/sigma/pipelines/*.yml}, {@code content/sigma/field-aliases.yml}), never from code.
 */
public final class Pipeline implements Serializable {
    private static final long serialVersionUID = 2L;
    private static final String DEFAULT = "kagami/content/sigma/pipelines/windows.yml";
    private static final String ALIASES = "kagami/content/sigma/field-aliases.yml";

    /** The pipeline and alias files as read: what it is parsed from, and what {@link #fingerprint()} hashes. */
    private final String text;
    private final String file;
    private final String aliasText;
    private final String aliasFile;
    /** Parsed on first use: a run that takes its compiled rules from the rule cache never needs it. */
    private transient volatile Parsed parsed;

    private record Parsed(String name, String product, Map<String, List<String>> services,
                          Map<String, List<Source>> categories, Map<String, List<String>> aliases) {
    }

    private record Source(String doc, String service, Set<Integer> eventIds, Map<String, List<String>> conditions,
                          Map<String, String> fields, Map<String, Map<String, String>> values, Set<String> available)
            implements Serializable {
    }

    private Pipeline(String text, String file, String aliasText, String aliasFile) {
        this.text = text;
        this.file = file;
        this.aliasText = aliasText;
        this.aliasFile = aliasFile;
    }

    /** The bundled Windows pipeline and field aliases (parsed when first used). */
    public static Pipeline windows() {
        try {
            return new Pipeline(resource(DEFAULT), DEFAULT, resource(ALIASES), ALIASES);
        } catch (IOException e) {
            throw new IllegalStateException("bundled pipeline is missing: " + e.getMessage(), e);
        }
    }

    /** A user pipeline file, with the bundled field aliases. */
    public static Pipeline load(Path file) throws IOException, SigmaException {
        Pipeline p = new Pipeline(Files.readString(file, StandardCharsets.UTF_8), file.toString(), resource(ALIASES),
                ALIASES);
        p.parsed = parse(p.text, p.file, p.aliasText, p.aliasFile); // a user's mistakes are reported now
        return p;
    }

    private Parsed parsed() {
        Parsed p = parsed;
        if (p == null) {
            try {
                p = parse(text, file, aliasText, aliasFile);
            } catch (SigmaException e) {
                throw new IllegalStateException("bundled pipeline is broken: " + e.getMessage(), e);
            }
            parsed = p;
        }
        return p;
    }

    /**
     * A digest of what this pipeline was read from (pipeline and alias texts, hex SHA-256): equal digests resolve
     * every logsource alike. The rule cache keys compiled rules with it.
     */
    public String fingerprint() {
        try {
            java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
            for (String part : new String[] {file, text, aliasFile, aliasText}) {
                byte[] b = part.getBytes(StandardCharsets.UTF_8);
                md.update(java.nio.ByteBuffer.allocate(4).putInt(b.length).array());
                md.update(b);
            }
            return java.util.HexFormat.of().formatHex(md.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static String resource(String name) throws IOException {
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        if (cl == null) {
            cl = Pipeline.class.getClassLoader();
        }
        try (InputStream in = cl.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @SuppressWarnings("unchecked")
    private static Parsed parse(String text, String file, String aliasText, String aliasFile) throws SigmaException {
        Map<String, Object> root = single(text, file);
        Map<String, List<String>> services = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : map(root.get("services")).entrySet()) {
            services.put(e.getKey().toLowerCase(Locale.ROOT), strings(e.getValue()));
        }
        Map<String, List<Source>> categories = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : map(root.get("categories")).entrySet()) {
            List<Source> sources = new ArrayList<>();
            Object v = e.getValue();
            if (v != null && !(v instanceof List<?>)) {
                throw new SigmaException(0, "pipeline.categoryNotList", file, e.getKey());
            }
            for (Object o : v == null ? List.of() : (List<Object>) v) {
                Map<String, Object> s = map(o);
                String service = String.valueOf(s.get("service")).toLowerCase(Locale.ROOT);
                if (!services.containsKey(service)) {
                    throw new SigmaException(0, "pipeline.unknownService", file, e.getKey(), service);
                }
                Set<Integer> ids = new LinkedHashSet<>();
                for (String id : strings(s.get("event_ids"))) {
                    ids.add(Integer.parseInt(id));
                }
                Map<String, List<String>> cond = new LinkedHashMap<>();
                for (Map.Entry<String, Object> c : map(s.get("conditions")).entrySet()) {
                    cond.put(c.getKey(), strings(c.getValue()));
                }
                Map<String, String> fields = new LinkedHashMap<>();
                for (Map.Entry<String, Object> f : map(s.get("fields")).entrySet()) {
                    fields.put(f.getKey(), String.valueOf(f.getValue()));
                }
                Map<String, Map<String, String>> values = new LinkedHashMap<>();
                for (Map.Entry<String, Object> f : map(s.get("values")).entrySet()) {
                    Map<String, String> vm = new LinkedHashMap<>();
                    for (Map.Entry<String, Object> x : map(f.getValue()).entrySet()) {
                        vm.put(x.getKey().toLowerCase(Locale.ROOT), String.valueOf(x.getValue()));
                    }
                    values.put(f.getKey(), vm);
                }
                Set<String> available = s.containsKey("available") ? new LinkedHashSet<>(strings(s.get("available"))) : null;
                sources.add(new Source(String.valueOf(s.getOrDefault("doc", "")), service, ids, cond, fields, values,
                        available));
            }
            categories.put(e.getKey().toLowerCase(Locale.ROOT), sources);
        }
        Map<String, List<String>> aliases = new LinkedHashMap<>();
        if (aliasText != null) {
            Map<String, Object> a = single(aliasText, aliasFile);
            for (Map.Entry<String, Object> e : map(a.get("aliases")).entrySet()) {
                aliases.put(e.getKey(), strings(e.getValue()));
            }
        }
        return new Parsed(String.valueOf(root.getOrDefault("name", file)),
                String.valueOf(root.getOrDefault("product", "windows")).toLowerCase(Locale.ROOT), services, categories,
                aliases);
    }

    private static Map<String, Object> single(String text, String file) throws SigmaException {
        List<RuleYaml.Document> docs = RuleYaml.read(text);
        if (docs.size() != 1) {
            throw new SigmaException(0, "pipeline.oneDocument", file);
        }
        if (docs.get(0).error() != null) {
            throw docs.get(0).error();
        }
        return map(docs.get(0).value());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> ? (Map<String, Object>) o : Map.of();
    }

    private static List<String> strings(Object o) {
        List<String> out = new ArrayList<>();
        if (o instanceof List<?> l) {
            for (Object x : l) {
                out.add(String.valueOf(x));
            }
        } else if (o != null) {
            out.add(String.valueOf(o));
        }
        return out;
    }

    public String name() {
        return parsed().name();
    }

    /** Other names a rule field may appear under, in lookup order (not including the field itself). */
    public List<String> aliasesOf(String field) {
        return parsed().aliases().getOrDefault(field, List.of());
    }

    /**
     * Where a rule with this logsource runs. Empty when the pipeline knows the logsource has no event-log source
     * (e.g. Kernel-File ETW categories) or the rule is for another product. An unknown service/category gives one
     * unmapped variant that runs on every event.
     */
    public List<LogsourceVariant> resolve(LogSource ls) {
        Parsed p = parsed();
        String product = p.product();
        Map<String, List<String>> services = p.services();
        Map<String, List<Source>> categories = p.categories();
        if (!ls.product().isEmpty() && !ls.product().equals(product)) {
            return List.of();
        }
        List<LogsourceVariant> out = new ArrayList<>();
        if (!ls.category().isEmpty()) {
            List<Source> sources = categories.get(ls.category());
            if (sources == null) {
                return List.of(unmapped("unknown category " + ls.category()));
            }
            for (Source s : sources) {
                if (!ls.service().isEmpty() && !ls.service().equals(s.service())) {
                    continue;
                }
                out.add(new LogsourceVariant(s.doc(), new LinkedHashSet<>(services.get(s.service())), s.eventIds(),
                        s.conditions(), s.fields(), s.values(), s.available(), true));
            }
            return out;
        }
        if (!ls.service().isEmpty()) {
            List<String> channels = services.get(ls.service());
            if (channels == null) {
                return List.of(unmapped("unknown service " + ls.service()));
            }
            return List.of(new LogsourceVariant("service " + ls.service(), new LinkedHashSet<>(channels), Set.of(),
                    Map.of(), Map.of(), Map.of(), null, true));
        }
        return List.of(new LogsourceVariant("product " + product, Set.of(), Set.of(), Map.of(), Map.of(), Map.of(),
                null, true));
    }

    private static LogsourceVariant unmapped(String why) {
        return new LogsourceVariant(why, Set.of(), Set.of(), Map.of(), Map.of(), Map.of(), null, false);
    }
}
