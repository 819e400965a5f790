package kagami.core;

import java.io.Serializable;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A MITRE ATT&CK reference as Sigma tags carry it (Sigma specification, appendix "Tags": namespace
 * {@code attack}): a technique or sub-technique ({@code attack.t1059.001}), a tactic by its short name
 * ({@code attack.initial-access}; older rules write {@code initial_access}), a group ({@code attack.g1054})
 * or a software entry ({@code attack.s0275}).
 *
 * @param kind what the id names
 * @param id   canonical form: {@code T1059.001}, {@code G1054}, {@code S0275}, or the tactic short name with
 *             hyphens ({@code initial-access})
 */
public record AttackTag(Kind kind, String id) implements Serializable {
    public enum Kind { TECHNIQUE, TACTIC, GROUP, SOFTWARE }

    private static final Pattern TECHNIQUE = Pattern.compile("t\\d{4}(\\.\\d{3})?");
    private static final Pattern GROUP = Pattern.compile("g\\d{4}");
    private static final Pattern SOFTWARE = Pattern.compile("s\\d{4}");
    private static final Pattern TACTIC = Pattern.compile("[a-z]+(-[a-z]+)*");

    public AttackTag {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
    }

    /** Parses a Sigma tag; tags of other namespaces ({@code cve.}, {@code detection.}, {@code car.}) give empty. */
    public static Optional<AttackTag> parse(String tag) {
        if (tag == null) {
            return Optional.empty();
        }
        String t = tag.trim().toLowerCase(Locale.ROOT);
        if (!t.startsWith("attack.")) {
            return Optional.empty();
        }
        String rest = t.substring("attack.".length()).replace('_', '-');
        if (TECHNIQUE.matcher(rest).matches()) {
            return Optional.of(new AttackTag(Kind.TECHNIQUE, rest.toUpperCase(Locale.ROOT)));
        }
        if (GROUP.matcher(rest).matches()) {
            return Optional.of(new AttackTag(Kind.GROUP, rest.toUpperCase(Locale.ROOT)));
        }
        if (SOFTWARE.matcher(rest).matches()) {
            return Optional.of(new AttackTag(Kind.SOFTWARE, rest.toUpperCase(Locale.ROOT)));
        }
        if (TACTIC.matcher(rest).matches()) {
            return Optional.of(new AttackTag(Kind.TACTIC, rest));
        }
        return Optional.empty();
    }

    /** The technique id without its sub-technique ({@code T1059} for {@code T1059.001}). */
    public String parentTechnique() {
        int dot = id.indexOf('.');
        return kind == Kind.TECHNIQUE && dot > 0 ? id.substring(0, dot) : id;
    }

    /** Back to Sigma's tag form. */
    public String toSigmaTag() {
        return "attack." + id.toLowerCase(Locale.ROOT);
    }
}
