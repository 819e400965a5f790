package kagami.intel.pack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
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
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import kagami.core.IndicatorType;
import kagami.core.Tlp;
import kagami.intel.Observable;
import kagami.intel.csv.CsvIndicators;
import kagami.intel.normalize.InvalidValueException;
import kagami.intel.normalize.Normalizer;
import kagami.intel.stix.StixBundle;
import kagami.intel.stix.StixIds;
import kagami.intel.stix.StixObjects;
import kagami.intel.stix.TlpMarkings;
import kagami.intel.stix.pattern.Literal;
import kagami.intel.stix.pattern.PatternObservables;

/**
 * Builds {@code content/iocs/mirrorface/mirrorface.stix.json} from {@code ../shared/docs/mirrorface-iocs.csv} (the
 * indicator rows, each with its source report URL and date) and {@code content/iocs/mirrorface/pack-sources.yml}
 * (intrusion set, malware, ATT&amp;CK techniques, which rows are context). Deterministic: the same inputs give the
 * same bytes, so {@code MirrorFacePackTest} can check the committed pack was built from the current inputs.
 *
 * <p>Run: {@code KAGAMI_REGENERATE_PACK=1 mvn -B -q test -pl kagami-intel -am -Dtest=MirrorFacePackTest}.
 */
public final class MirrorFacePackGenerator {
    static final String BUNDLE_ID = StixIds.kagami("bundle", "mirrorface-pack");

    private final JsonNode sources;
    private final List<List<String>> rows;
    private final String created;
    private final String identityId;
    private final String intrusionSetId;
    private final String clear = TlpMarkings.id(Tlp.CLEAR);
    private final JsonNodeFactory f = JsonNodeFactory.instance;

    MirrorFacePackGenerator(Path sourcesYaml, Path csv) throws IOException {
        sources = new ObjectMapper(new YAMLFactory()).readTree(sourcesYaml.toFile());
        try (Reader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            rows = CsvIndicators.records(r, csv.getFileName().toString());
        }
        created = sources.get("created").asText();
        identityId = StixIds.kagami("identity", "kagami-mirrorface-pack");
        intrusionSetId = StixIds.kagami("intrusion-set", "mirrorface");
    }

    static Path root() {
        return Path.of(System.getProperty("kagami.root"));
    }

    static MirrorFacePackGenerator fromRepository() throws IOException {
        return new MirrorFacePackGenerator(root().resolve("content/iocs/mirrorface/pack-sources.yml"),
                Path.of(System.getProperty("kagami.shared"), "docs", "mirrorface-iocs.csv"));
    }

    public static void main(String[] args) throws IOException {
        Path out = root().resolve("content/iocs/mirrorface/mirrorface.stix.json");
        Files.write(out, fromRepository().build());
        System.out.println("wrote " + out);
    }

    /** The bundle bytes. */
    byte[] build() throws IOException {
        List<ObjectNode> objects = new ArrayList<>();
        objects.add(identity());
        objects.add(intrusionSet());
        Map<String, String> malwareIds = new LinkedHashMap<>();
        for (JsonNode m : sources.get("malware")) {
            ObjectNode o = malware(m);
            malwareIds.put(m.get("name").asText(), o.get("id").asText());
            objects.add(o);
            objects.add(relationship("uses", intrusionSetId, o.get("id").asText()));
        }
        for (JsonNode t : sources.get("techniques")) {
            ObjectNode o = attackPattern(t);
            objects.add(o);
            objects.add(relationship("uses", intrusionSetId, o.get("id").asText()));
        }
        Map<String, List<String>> reportRefs = new LinkedHashMap<>();
        Map<String, String> reportDates = new LinkedHashMap<>();
        List<String> header = rows.get(0);
        if (!header.equals(List.of("type", "value", "malware_family", "report_date", "source_url", "notes"))) {
            throw new IOException("unexpected columns in mirrorface-iocs.csv: " + header);
        }
        Set<String> seen = new LinkedHashSet<>();
        for (int r = 1; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            String type = row.get(0);
            String value = row.get(1);
            String family = row.get(2);
            String date = row.get(3);
            String url = row.get(4);
            String notes = row.get(5);
            if (type.equals("cve")) {
                ObjectNode v = vulnerability(value, family, url, date);
                objects.add(v);
                objects.add(relationship("targets", intrusionSetId, v.get("id").asText()));
                continue;
            }
            ObjectNode ind = indicator(type, value, family, date, url, notes, r + 1);
            String id = ind.get("id").asText();
            if (!seen.add(id)) {
                continue;
            }
            objects.add(ind);
            boolean context = ind.get("indicator_types").get(0).asText().equals("anomalous-activity");
            objects.add(relationship(context ? "related-to" : "indicates", id, intrusionSetId));
            for (String m : families(family)) {
                objects.add(relationship(context ? "related-to" : "indicates", id, malwareIds.get(m)));
            }
            if (sources.get("reports").has(url) && !date.isEmpty()) {
                reportRefs.computeIfAbsent(url, k -> new ArrayList<>()).add(id);
                reportDates.putIfAbsent(url, date);
            }
        }
        for (Map.Entry<String, List<String>> e : reportRefs.entrySet()) {
            objects.add(report(e.getKey(), reportDates.get(e.getKey()), e.getValue()));
        }
        objects.add(TlpMarkings.definition(Tlp.CLEAR));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (StixBundle.Writer w = new StixBundle.Writer(out, BUNDLE_ID, true)) {
            for (ObjectNode o : objects) {
                w.write(o);
            }
        }
        return out.toByteArray();
    }

    private ObjectNode sdo(String type, String id) {
        ObjectNode o = f.objectNode();
        o.put("type", type);
        o.put("spec_version", "2.1");
        o.put("id", id);
        o.put("created_by_ref", identityId);
        o.put("created", created);
        o.put("modified", created);
        return o;
    }

    private void mark(ObjectNode o) {
        o.putArray("object_marking_refs").add(clear);
    }

    private ObjectNode identity() {
        JsonNode i = sources.get("identity");
        ObjectNode o = sdo("identity", identityId);
        o.remove("created_by_ref");
        o.put("name", i.get("name").asText());
        o.put("description", i.get("description").asText());
        o.put("identity_class", "organization");
        mark(o);
        return o;
    }

    private ObjectNode intrusionSet() {
        JsonNode s = sources.get("intrusion_set");
        ObjectNode o = sdo("intrusion-set", intrusionSetId);
        o.put("name", s.get("name").asText());
        o.put("description", s.get("description").asText());
        ArrayNode a = o.putArray("aliases");
        s.get("aliases").forEach(x -> a.add(x.asText()));
        o.set("external_references", s.get("references").deepCopy());
        mark(o);
        return o;
    }

    private ObjectNode malware(JsonNode m) {
        String name = m.get("name").asText();
        ObjectNode o = sdo("malware", StixIds.kagami("malware", name.toLowerCase(Locale.ROOT)));
        o.put("name", name);
        o.put("description", m.get("description").asText());
        ArrayNode t = o.putArray("malware_types");
        m.get("types").forEach(x -> t.add(x.asText()));
        o.put("is_family", true);
        if (m.has("aliases")) {
            ArrayNode a = o.putArray("aliases");
            a.add(name);
            m.get("aliases").forEach(x -> a.add(x.asText()));
        }
        mark(o);
        return o;
    }

    private ObjectNode attackPattern(JsonNode t) {
        String id = t.get("id").asText();
        ObjectNode o = sdo("attack-pattern", StixIds.kagami("attack-pattern", id));
        o.put("name", t.get("name").asText());
        ObjectNode ref = o.putArray("external_references").addObject();
        ref.put("source_name", "mitre-attack");
        ref.put("external_id", id);
        ref.put("url", "https://attack.mitre.org/techniques/" + id.replace('.', '/'));
        ArrayNode k = o.putArray("kill_chain_phases");
        t.get("tactics").forEach(x -> {
            ObjectNode p = k.addObject();
            p.put("kill_chain_name", "mitre-attack");
            p.put("phase_name", x.asText());
        });
        mark(o);
        return o;
    }

    private ObjectNode vulnerability(String cve, String what, String url, String date) {
        ObjectNode o = sdo("vulnerability", StixIds.kagami("vulnerability", cve));
        o.put("name", cve);
        o.put("description", what + " (reported " + date + ").");
        ArrayNode refs = o.putArray("external_references");
        ObjectNode c = refs.addObject();
        c.put("source_name", "cve");
        c.put("external_id", cve);
        refs.add(source(url, date));
        mark(o);
        return o;
    }

    private ObjectNode relationship(String type, String from, String to) {
        ObjectNode o = sdo("relationship", StixIds.kagami("relationship", from + " " + type + " " + to));
        o.put("relationship_type", type);
        o.put("source_ref", from);
        o.put("target_ref", to);
        mark(o);
        return o;
    }

    private ObjectNode report(String url, String date, List<String> refs) {
        ObjectNode o = sdo("report", StixIds.kagami("report", url));
        o.put("name", sources.get("reports").get(url).asText());
        o.putArray("report_types").add("threat-report");
        o.put("published", StixObjects.timestamp(CsvIndicators.parseDate(date)));
        ArrayNode a = o.putArray("object_refs");
        a.add(intrusionSetId);
        refs.forEach(a::add);
        o.putArray("external_references").add(source(url, date));
        mark(o);
        return o;
    }

    private ObjectNode source(String src, String date) {
        ObjectNode ref = f.objectNode();
        boolean isUrl = src.startsWith("https://") || src.startsWith("http://");
        if (isUrl) {
            String host = src.substring(src.indexOf("://") + 3);
            host = host.substring(0, host.indexOf('/') > 0 ? host.indexOf('/') : host.length());
            ref.put("source_name", host);
            ref.put("url", src);
        } else {
            ref.put("source_name", src);
        }
        // STIX 2.1 §2.5: a reference needs a url, an external_id or a description besides its source name.
        ref.put("description", date.isEmpty() ? "publication date not stated by the source" : "reported " + date);
        return ref;
    }

    private List<String> families(String family) {
        List<String> out = new ArrayList<>();
        for (JsonNode x : sources.get("family_exclusions")) {
            if (Pattern.compile(x.asText()).matcher(family).find()) {
                return out;
            }
        }
        for (JsonNode m : sources.get("malware")) {
            for (JsonNode k : m.get("match")) {
                if (Pattern.compile(k.asText(), Pattern.CASE_INSENSITIVE).matcher(family).find()) {
                    out.add(m.get("name").asText());
                    break;
                }
            }
        }
        return out;
    }

    private boolean context(String type, String value, String notes) {
        for (JsonNode v : sources.get("context").path("values")) {
            if (v.asText().equals(value)) {
                return true;
            }
        }
        for (JsonNode t : sources.get("context").get("types")) {
            if (t.asText().equals(type)) {
                return true;
            }
        }
        for (JsonNode n : sources.get("context").get("notes")) {
            if (Pattern.compile(n.asText()).matcher(notes).find()) {
                return true;
            }
        }
        return false;
    }

    /** One CSV row as a STIX indicator: the pattern for its type (see README.md for the mapping). */
    private ObjectNode indicator(String type, String value, String family, String date, String url, String notes,
                                 int line) throws IOException {
        String pattern;
        String patternType = "stix";
        String mapping = "";
        try {
            switch (type) {
                case "md5" -> pattern = p(IndicatorType.MD5, value);
                case "sha1" -> pattern = p(IndicatorType.SHA1, value);
                case "sha256" -> pattern = p(IndicatorType.SHA256, value);
                case "ipv4" -> pattern = p(IndicatorType.IPV4, value);
                case "domain" -> pattern = p(IndicatorType.DOMAIN, value);
                case "domain_suffix" -> pattern = p(IndicatorType.DOMAIN, "*" + (value.startsWith(".") ? "" : ".")
                        + value);
                case "url" -> pattern = p(IndicatorType.URL, value);
                case "registry_key" -> pattern = p(IndicatorType.REGISTRY_KEY, value);
                case "filepath" -> pattern = p(IndicatorType.FILE_PATH, value);
                case "filename" -> {
                    // ESET redacted parts of the lure name: each "<redacted>" is any text.
                    String v = value.replace("<redacted>", "*");
                    pattern = p(v.contains("\\") ? IndicatorType.FILE_PATH : IndicatorType.FILE_NAME, v);
                    if (!v.equals(value)) {
                        mapping = " The redacted parts of the name are wildcards.";
                    }
                }
                case "string" -> {
                    patternType = "yara";
                    pattern = "rule mirrorface_string_" + line + " { strings: $s = \"" + yaraEscape(value)
                            + "\" ascii wide condition: $s }";
                }
                case "scheduled_task" -> {
                    pattern = p(IndicatorType.REGISTRY_KEY, "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\"
                            + "CurrentVersion\\Schedule\\TaskCache\\Tree\\" + value);
                    mapping = " Pattern: the task's key in the Task Scheduler cache (Windows stores every task under"
                            + " TaskCache\\Tree by name).";
                }
                case "firewall_rule" -> {
                    pattern = "[windows-registry-key:key = " + Literal.quote("HKEY_LOCAL_MACHINE\\SYSTEM\\"
                            + "CurrentControlSet\\Services\\SharedAccess\\Parameters\\FirewallPolicy\\FirewallRules")
                            + " AND windows-registry-key:values[*].data LIKE " + Literal.quote("%|Name=" + value + "|%")
                            + "]";
                    mapping = " Pattern: a Windows Firewall rule of that name (rules are registry values under"
                            + " FirewallPolicy\\FirewallRules).";
                }
                case "port" -> {
                    String[] pp = value.split("/");
                    pattern = "[network-traffic:dst_port = " + Integer.parseInt(pp[0])
                            + " AND network-traffic:protocols[*] = " + Literal.quote(pp.length > 1 ? pp[1] : "tcp")
                            + "]";
                }
                case "process_name" -> {
                    if (value.contains("(User=NT AUTHORITY\\SYSTEM)")) {
                        String name = value.substring(0, value.indexOf(" (")).strip();
                        pattern = "[process:image_ref.name = " + Literal.quote(name)
                                + " AND process:creator_user_ref.user_id = 'S-1-5-18']";
                        mapping = " Pattern: run as SYSTEM (S-1-5-18).";
                    } else {
                        List<String> names = new ArrayList<>();
                        for (String n : value.split("/")) {
                            names.add(Literal.quote(n.strip()));
                        }
                        pattern = "[process:image_ref.name IN (" + String.join(", ", names) + ")]";
                    }
                }
                case "feature_name" -> pattern = "[process:command_line LIKE " + Literal.quote("%" + value + "%") + "]";
                case "username" -> pattern = "[user-account:account_login = " + Literal.quote(value) + "]";
                case "url_prefix" -> pattern = "[url:value LIKE " + Literal.quote(value + "%") + "]";
                default -> throw new IOException("mirrorface-iocs.csv line " + line + ": unknown type " + type);
            }
        } catch (InvalidValueException e) {
            throw new IOException("mirrorface-iocs.csv line " + line + ": " + e.getMessage(), e);
        }
        boolean context = context(type, value, notes);
        ObjectNode o = sdo("indicator", StixIds.kagami("indicator", "mirrorface:" + type + ":" + value));
        o.put("name", family.isEmpty() ? type + " " + value : family + ": " + type);
        o.put("description", (notes.isEmpty() ? family : notes) + "." + mapping
                + (context ? " Context only: a legitimate product or service the attacker abused; hunt on it with"
                + " context, never block it." : ""));
        o.putArray("indicator_types").add(context ? "anomalous-activity" : "malicious-activity");
        o.put("pattern", pattern);
        o.put("pattern_type", patternType);
        if (patternType.equals("stix")) {
            o.put("pattern_version", "2.1");
        }
        o.put("valid_from", date.isEmpty() ? created : StixObjects.timestamp(CsvIndicators.parseDate(date)));
        o.putArray("labels").add("mirrorface");
        o.putArray("external_references").add(source(url, date));
        mark(o);
        return o;
    }

    private static String p(IndicatorType t, String v) throws InvalidValueException {
        Observable o = Normalizer.normalize(t, v);
        return PatternObservables.patternFor(o);
    }

    private static String yaraEscape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    static InputStream committed() throws IOException {
        return Files.newInputStream(root().resolve("content/iocs/mirrorface/mirrorface.stix.json"));
    }
}
