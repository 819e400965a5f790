package kagami.intel.misp;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import kagami.intel.stix.StixIds;
import kagami.intel.stix.StixObjects;

/**
 * MISP galaxy clusters (MISP core format §2.10; the cluster files of MISP/misp-galaxy) as STIX 2.1 domain objects:
 * threat actors and intrusion sets become {@code intrusion-set}, malware families {@code malware}, tools
 * {@code tool}, and ATT&amp;CK techniques {@code attack-pattern}. Clusters of other galaxies (sectors, countries,
 * ...) have no STIX object Kagami uses and are left out.
 *
 * <p>Ids are Kagami's deterministic ones, the same the flat-record readers and the MirrorFace pack use (name in
 * lower case; the T-number for a technique, since MISP's cluster UUIDs do not always equal ATT&amp;CK's STIX ids), so a
 * cluster named in several events or feeds, or already in the pack, is one object.
 */
final class GalaxyClusters {
    /** STIX type per MISP galaxy type. */
    private static final Map<String, String> STIX_TYPE = Map.ofEntries(
            Map.entry("threat-actor", "intrusion-set"),
            Map.entry("mitre-intrusion-set", "intrusion-set"),
            Map.entry("mitre-enterprise-attack-intrusion-set", "intrusion-set"),
            Map.entry("mitre-mobile-attack-intrusion-set", "intrusion-set"),
            Map.entry("mitre-pre-attack-intrusion-set", "intrusion-set"),
            Map.entry("microsoft-activity-group", "intrusion-set"),
            Map.entry("mitre-malware", "malware"),
            Map.entry("mitre-enterprise-attack-malware", "malware"),
            Map.entry("mitre-mobile-attack-malware", "malware"),
            Map.entry("malpedia", "malware"),
            Map.entry("rat", "malware"),
            Map.entry("ransomware", "malware"),
            Map.entry("banker", "malware"),
            Map.entry("stealer", "malware"),
            Map.entry("backdoor", "malware"),
            Map.entry("botnet", "malware"),
            Map.entry("android", "malware"),
            Map.entry("tool", "tool"),
            Map.entry("mitre-tool", "tool"),
            Map.entry("mitre-enterprise-attack-tool", "tool"),
            Map.entry("mitre-mobile-attack-tool", "tool"),
            Map.entry("mitre-attack-pattern", "attack-pattern"),
            Map.entry("mitre-enterprise-attack-attack-pattern", "attack-pattern"),
            Map.entry("mitre-mobile-attack-attack-pattern", "attack-pattern"),
            Map.entry("mitre-pre-attack-attack-pattern", "attack-pattern"),
            Map.entry("mitre-ics-techniques", "attack-pattern"));

    /** MITRE galaxies append the ATT&CK id to the value: "APT10 - G0045", "Spearphishing Attachment - T1566.001". */
    private static final Pattern MITRE_SUFFIX = Pattern.compile("(.+?) - ([GSTC][0-9]{4}(?:\\.[0-9]{3})?)");
    private static final Pattern TECHNIQUE = Pattern.compile("T[0-9]{4}(?:\\.[0-9]{3})?");
    private static final Pattern PHASE = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final int MAX_REFERENCES = 20;

    private GalaxyClusters() {
    }

    /** A cluster as Kagami keeps it: the STIX object and its id. */
    record Cluster(String stixType, String id, ObjectNode object) {
    }

    /** Whether clusters of {@code galaxyType} are imported. */
    static boolean imported(String galaxyType) {
        return STIX_TYPE.containsKey(galaxyType);
    }

    /**
     * The STIX object for a cluster of {@code galaxyType} named {@code value}, with what the cluster JSON adds
     * ({@code description}, {@code meta.synonyms}, {@code meta.external_id}, {@code meta.kill_chain},
     * {@code meta.refs}); {@code cluster} may be empty (a galaxy tag alone). Empty for galaxies Kagami does not map
     * and for empty names.
     */
    static Optional<Cluster> of(String galaxyType, String value, JsonNode cluster, String timestamp) {
        String type = STIX_TYPE.get(galaxyType);
        if (type == null || value == null || value.isBlank()) {
            return Optional.empty();
        }
        String name = value.strip();
        String mitreId = null;
        Matcher m = MITRE_SUFFIX.matcher(name);
        if (m.matches()) {
            name = m.group(1).strip();
            mitreId = m.group(2);
        }
        JsonNode meta = cluster.path("meta");
        for (JsonNode x : meta.path("external_id")) {
            String v = x.asText("").strip();
            if (type.equals("attack-pattern") ? TECHNIQUE.matcher(v).matches() : MITRE_SUFFIX.matcher("x - " + v)
                    .matches()) {
                mitreId = v;
                break;
            }
        }
        if (type.equals("attack-pattern") && mitreId != null && !TECHNIQUE.matcher(mitreId).matches()) {
            mitreId = null;
        }
        String id = type.equals("attack-pattern") && mitreId != null ? StixIds.kagami(type, mitreId)
                : StixIds.kagami(type, name.toLowerCase(Locale.ROOT));
        ObjectNode o = StixObjects.create(type, id, timestamp);
        o.put("name", name);
        String description = cluster.path("description").asText("");
        if (!description.isBlank()) {
            o.put("description", description);
        }
        if (type.equals("malware")) {
            o.put("is_family", true);
        }
        Set<String> aliases = new LinkedHashSet<>();
        for (JsonNode s : meta.path("synonyms")) {
            String a = s.asText("").strip();
            if (!a.isEmpty() && !a.equalsIgnoreCase(name)) {
                aliases.add(a);
            }
        }
        if (!aliases.isEmpty() && !type.equals("attack-pattern")) {
            ArrayNode a = o.putArray("aliases");
            aliases.forEach(a::add);
        }
        ArrayNode refs = JsonNodeFactory.instance.arrayNode();
        if (mitreId != null) {
            // First, so the store's external id of the object is the ATT&CK id (STIX 2.1 §2.5: source_name).
            ObjectNode r = refs.addObject();
            r.put("source_name", "mitre-attack");
            r.put("external_id", mitreId);
        }
        ObjectNode misp = refs.addObject();
        misp.put("source_name", "misp-galaxy:" + galaxyType);
        misp.put("description", value.strip());
        String uuid = cluster.path("uuid").asText("");
        if (StixIds.valid("x--" + uuid, null)) {
            misp.put("external_id", uuid.toLowerCase(Locale.ROOT));
        }
        int n = 0;
        for (JsonNode u : meta.path("refs")) {
            String url = u.asText("");
            if (url.matches("(?i)https?://\\S{1,2000}") && n++ < MAX_REFERENCES) {
                ObjectNode r = refs.addObject();
                r.put("source_name", "reference");
                r.put("url", url);
            }
        }
        o.set("external_references", refs);
        if (type.equals("attack-pattern")) {
            List<String> phases = new ArrayList<>();
            for (JsonNode k : meta.path("kill_chain")) {
                String s = k.asText("");
                String phase = s.substring(s.lastIndexOf(':') + 1).strip().toLowerCase(Locale.ROOT);
                if (PHASE.matcher(phase).matches() && !phases.contains(phase)) {
                    phases.add(phase);
                }
            }
            if (!phases.isEmpty()) {
                ArrayNode k = o.putArray("kill_chain_phases");
                for (String p : phases) {
                    ObjectNode x = k.addObject();
                    x.put("kill_chain_name", "mitre-attack");
                    x.put("phase_name", p);
                }
            }
        }
        return Optional.of(new Cluster(type, id, o));
    }

    /**
     * The galaxy type and value of a galaxy tag, {@code misp-galaxy:<type>="<value>"} (MISP core format §2.8:
     * machine tags); empty for other tags.
     */
    static Optional<String[]> tag(String tag) {
        if (!tag.startsWith("misp-galaxy:")) {
            return Optional.empty();
        }
        int eq = tag.indexOf('=');
        if (eq < 0) {
            return Optional.empty();
        }
        String type = tag.substring("misp-galaxy:".length(), eq).strip();
        String value = tag.substring(eq + 1).strip();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        return type.isEmpty() || value.isEmpty() ? Optional.empty() : Optional.of(new String[] {type, value});
    }
}
