package kagami.hunt.attack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import kagami.core.AttackTag;
import kagami.hunt.HuntContent;

/**
 * MITRE ATT&CK Enterprise as data: the tactics in matrix order and every technique with its name and tactics,
 * read from {@code content/attack/tactics.tsv} and {@code techniques.tsv} (facts of ATT&CK v18; see the files'
 * headers). Sigma rules carry technique tags without their tactic, so this is what turns {@code attack.t1059.001}
 * into the "execution" column of a heatmap.
 */
public final class AttackCatalog {
    /** A tactic: id ({@code TA0002}), Sigma short name ({@code execution}), names and a timeline abbreviation. */
    public record Tactic(String id, String shortName, String name, String nameJa, String abbreviation) {
        public String name(Locale locale) {
            return "ja".equals(locale.getLanguage()) ? nameJa : name;
        }
    }

    /** A technique or sub-technique with the short names of its tactics, in matrix order. */
    public record Technique(String id, String name, List<String> tactics) {
        public boolean isSubTechnique() {
            return id.indexOf('.') > 0;
        }

        public String parentId() {
            int dot = id.indexOf('.');
            return dot > 0 ? id.substring(0, dot) : id;
        }
    }

    private static volatile AttackCatalog bundled;

    private final String version;
    private final List<Tactic> tactics;
    private final Map<String, Tactic> tacticsByShortName;
    private final Map<String, Technique> techniques;

    private AttackCatalog(String version, List<Tactic> tactics, Map<String, Technique> techniques) {
        this.version = version;
        this.tactics = List.copyOf(tactics);
        Map<String, Tactic> byName = new HashMap<>();
        for (Tactic t : tactics) {
            byName.put(t.shortName(), t);
        }
        this.tacticsByShortName = byName;
        this.techniques = techniques;
    }

    /** The catalogue shipped in {@code content/attack/}. */
    public static AttackCatalog bundled() {
        AttackCatalog c = bundled;
        if (c == null) {
            try (BufferedReader tac = HuntContent.bundled("attack/tactics.tsv");
                 BufferedReader tech = HuntContent.bundled("attack/techniques.tsv")) {
                c = parse(tac, tech);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            bundled = c;
        }
        return c;
    }

    /** Parses the two TSV files (format in their headers). */
    public static AttackCatalog parse(BufferedReader tacticsTsv, BufferedReader techniquesTsv) throws IOException {
        String version = "";
        List<Tactic> tactics = new ArrayList<>();
        String line;
        while ((line = tacticsTsv.readLine()) != null) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] c = line.split("\t", -1);
            if (c[0].equals("version") && c.length >= 2) {
                version = c[1].trim();
                continue;
            }
            if (c.length < 5) {
                throw new IOException("tactics.tsv: expected 5 columns in: " + line);
            }
            tactics.add(new Tactic(c[0].trim(), c[1].trim(), c[2].trim(), c[3].trim(), c[4].trim()));
        }
        List<String> order = tactics.stream().map(Tactic::shortName).toList();
        Map<String, Technique> techniques = new HashMap<>();
        while ((line = techniquesTsv.readLine()) != null) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] c = line.split("\t", -1);
            if (c.length < 3) {
                throw new IOException("techniques.tsv: expected 3 columns in: " + line);
            }
            String id = c[0].trim();
            List<String> ts;
            if (c[2].isBlank()) {
                int dot = id.indexOf('.');
                Technique parent = dot > 0 ? techniques.get(id.substring(0, dot)) : null;
                if (parent == null) {
                    throw new IOException("techniques.tsv: " + id + " has no tactics and no earlier parent");
                }
                ts = parent.tactics();
            } else {
                List<String> raw = Arrays.stream(c[2].split(",")).map(String::trim).toList();
                for (String t : raw) {
                    if (!order.contains(t)) {
                        throw new IOException("techniques.tsv: unknown tactic " + t + " for " + id);
                    }
                }
                ts = order.stream().filter(raw::contains).toList();
            }
            techniques.put(id, new Technique(id, c[1].trim(), ts));
        }
        return new AttackCatalog(version, tactics, Collections.unmodifiableMap(techniques));
    }

    /** The ATT&CK version the data describes, e.g. {@code 18}. */
    public String version() {
        return version;
    }

    /** Tactics in matrix order (Reconnaissance first, Impact last). */
    public List<Tactic> tactics() {
        return tactics;
    }

    /** A tactic by short name; underscores (older Sigma rules: {@code attack.initial_access}) are accepted. */
    public Optional<Tactic> tactic(String shortName) {
        return Optional.ofNullable(tacticsByShortName.get(shortName.toLowerCase(Locale.ROOT).replace('_', '-')));
    }

    public Optional<Technique> technique(String id) {
        return Optional.ofNullable(techniques.get(id.toUpperCase(Locale.ROOT)));
    }

    /** All techniques (and sub-techniques), unordered. */
    public Collection<Technique> techniques() {
        return techniques.values();
    }

    /**
     * The tactics a rule's tags point at, in matrix order: tactics named by tag, plus the tactics of every tagged
     * technique (a technique unknown to this ATT&CK version contributes none).
     */
    public List<Tactic> tacticsOf(Collection<AttackTag> tags) {
        Set<String> names = new LinkedHashSet<>();
        for (AttackTag tag : tags) {
            switch (tag.kind()) {
                case TACTIC -> tactic(tag.id()).ifPresent(t -> names.add(t.shortName()));
                case TECHNIQUE -> technique(tag.id()).ifPresent(t -> names.addAll(t.tactics()));
                default -> {
                }
            }
        }
        List<Tactic> out = new ArrayList<>();
        for (Tactic t : tactics) {
            if (names.contains(t.shortName())) {
                out.add(t);
            }
        }
        return out;
    }
}
