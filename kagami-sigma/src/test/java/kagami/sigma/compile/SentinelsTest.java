package kagami.sigma.compile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.NotEmpty;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class SentinelsTest {
    static final List<String> MIMIKATZ = List.of("dpapi::masterkey", "eo.oe.kiwi", "event::clear", "event::drop",
            "gentilkiwi.com", "kerberos::golden", "kerberos::ptc", "kerberos::ptt", "kerberos::tgt",
            "kiwi legit printer", "lsadump::", "mimidrv.sys", "\\mimilib.dll", "misc::printnightmare",
            "misc::shadowcopies", "misc::skeleton", "privilege::backup", "privilege::debug", "privilege::driver",
            "sekurlsa::");

    @Test
    void everyLiteralContainsASentinelInEitherCase() {
        char[] s = Sentinels.of(MIMIKATZ);
        assertThat(s).isNotNull();
        assertThat(s.length).isLessThanOrEqualTo(8);
        for (String lit : MIMIKATZ) {
            assertThat(Sentinels.any(lit, s)).as(lit).isTrue();
            assertThat(Sentinels.any(lit.toUpperCase(java.util.Locale.ROOT), s)).as(lit).isTrue();
        }
        assertThat(Sentinels.any("C:\\Windows\\System32\\svchost.exe -k netsvcs", s)).isTrue(); // 'k' occurs
        assertThat(Sentinels.any("5770385F-C22A-43E0-BF4C-06F5698FFBD9", s)).isFalse();
    }

    @Test
    void casedUpperCaseLiteralsPassTheFilter() {
        char[] s = Sentinels.of(List.of("A"));
        assertThat(Sentinels.any("A", s)).isTrue();
    }

    @Test
    void nonAsciiLettersThatFoldToAsciiOnesPassTheFilter() {
        // dotted capital I and the Kelvin sign fold to i and k, so they can spell a keyword
        assertThat(Sentinels.any("\u0130", Sentinels.of(List.of("i")))).isTrue();
        assertThat(Sentinels.any("\u212A", Sentinels.of(List.of("k")))).isTrue();
        assertThat(Sentinels.any("\u017F", Sentinels.of(List.of("s")))).isTrue();
    }

    /** The prefilter never hides a match: a text containing a literal contains one of the sentinels. */
    @Property(tries = 300)
    void textsContainingALiteralPassTheFilter(@ForAll @Size(min = 1, max = 6) List<@NotEmpty @Chars({'a', 'b', 'K', ':', '-', '7'}) String> literals,
                                              @ForAll @AlphaChars String prefix) {
        char[] s = Sentinels.of(literals);
        if (s == null) {
            return;
        }
        for (String lit : literals) {
            assertThat(Sentinels.any(prefix + lit.toUpperCase(java.util.Locale.ROOT), s)).isTrue();
            assertThat(Sentinels.any(prefix + lit.toLowerCase(java.util.Locale.ROOT), s)).isTrue();
        }
    }
}
