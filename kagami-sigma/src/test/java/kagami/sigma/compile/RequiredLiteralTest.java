package kagami.sigma.compile;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class RequiredLiteralTest {

    private static String literal(String regex, boolean i) {
        RequiredLiteral r = RequiredLiteral.of(regex, i);
        return r == null ? null : r.literal();
    }

    @Test
    void findsTheLongestRunEveryMatchNeeds() {
        // SigmaHQ values (posh_ps_*, proc_creation_*)
        assertThat(literal("\\$VerbosePreference\\.ToString\\(", false)).isEqualTo("$VerbosePreference.ToString(");
        assertThat(literal("(?i)\\\\(venv|python(.+)?)\\\\lib\\\\site-packages\\\\", false))
                .isEqualTo("\\lib\\site-packages\\");
        assertThat(literal("\\$env:Public\\[\\s*\\d{1,3}\\s*\\]\\s*\\+\\s*\\$env:Public\\[", false))
                .isEqualTo("$env:Public[");
        assertThat(literal("route\\s+print", false)).isEqualTo("route");
        assertThat(literal("\\\\win\\\\msrpc_[0-9a-f]{2}", false)).isEqualTo("\\win\\msrpc_");
    }

    @Test
    void caseInsensitiveLiteralsAreFoldedFromTheFlagOrTheSubModifier() {
        assertThat(literal("(?i)Invoke-Mimikatz", false)).isEqualTo("invoke-mimikatz");
        assertThat(literal("Invoke-Mimikatz", true)).isEqualTo("invoke-mimikatz");
        assertThat(RequiredLiteral.of("(?is)Invoke-Mimikatz", false).folded()).isTrue();
        // a non-ASCII character ends a case-insensitive run (only ASCII folding is certain)
        assertThat(literal("(?i)abc\u00E9defg", false)).isEqualTo("defg");
    }

    @Test
    void optionalAndRepeatedCharactersAreHandled() {
        assertThat(literal("clip(?:\\.exe)?", false)).isEqualTo("clip");
        assertThat(literal("abcd?efg", false)).isEqualTo("abc");     // d is optional
        assertThat(literal("abcd*efg", false)).isEqualTo("abc");
        assertThat(literal("abcd{0,2}efgh", false)).isEqualTo("efgh");
        assertThat(literal("abcd+efg", false)).isEqualTo("abcd");    // d repeats: the run stops after it
        assertThat(literal("abcd{2}xy", false)).isEqualTo("abcd");
        assertThat(literal("xyz\\.?exe", false)).isEqualTo("xyz");
    }

    @Test
    void givesUpWhenUnsure() {
        assertThat(literal("abc|defgh", false)).isNull();            // top-level alternative
        assertThat(literal("abcd(?i)efgh", false)).isNull();         // flags mid-expression
        assertThat(literal("(?i:abcd)", false)).isNull();
        assertThat(literal("\\Qabc.def\\E", false)).isNull();
        assertThat(literal("ab{cdef", false)).isNull();              // a literal '{' in RE2: not analysed
        assertThat(literal("[a-z]+\\d", false)).isNull();            // nothing literal
        assertThat(literal("ab", false)).isNull();                   // too short to be worth a search
        assertThat(literal("(abc", false)).isNull();
        assertThat(literal("[abc", false)).isNull();
        // escapes longer than two characters are one atom in RE2: what follows them is not a literal
        assertThat(literal("\\pLxyz", false)).isNull();
        assertThat(literal("a\\pNbcd", false)).isNull();
        assertThat(literal("\\x41bcd", false)).isNull();
        assertThat(literal("\\123abc", false)).isNull();
        // \Q inside a group could hide its closing parenthesis or an alternative
        assertThat(literal("(foo|\\Q)xyz(\\E)", false)).isNull();
        assertThat(literal("[\\Q]]xyzw", false)).isNull();
    }

    @Test
    void reviewCounterExamplesAreMatchedByRe2AndNotRejected() {
        String[][] cases = {{"\\pLxyz", "axyz"}, {"a\\pNbcd", "a1bcd"}, {"\\x41bcd", "Abcd"}, {"\\x4aabc", "Jabc"},
            {"\\123abc", "Sabc"}, {"(?i)\\x41bcd", "abcd"}, {"(foo|\\Q)xyz(\\E)", "foo"}};
        for (String[] c : cases) {
            assertThat(com.google.re2j.Pattern.compile(c[0]).matcher(c[1]).find()).as(c[0]).isTrue();
            RegexMatcher m = RegexMatcher.compile(c[0], false, false, false, 0);
            assertThat(m.find(c[1])).as("%s on %s", c[0], c[1]).isTrue();
        }
    }

    @Test
    void groupsAndClassesAreSkippedWhole() {
        assertThat(literal("(a|b(c|d))[)|(]xyzw", false)).isEqualTo("xyzw");
        assertThat(literal("[]|]abcd[^]|]", false)).isEqualTo("abcd");
        assertThat(literal("[[:alpha:]|]wxyz", false)).isEqualTo("wxyz");
    }

    @Test
    void theMatcherRejectsOnlyTextsWithoutTheLiteral() {
        RegexMatcher m = RegexMatcher.compile("\\$VerbosePreference\\.ToString\\(", true, false, false, 0);
        assertThat(m.required()).isNotNull();
        assertThat(m.find("x = $verbosepreference.tostring()[1,3]")).isTrue();
        assertThat(m.find("$VerbosePreference.ToStrin")).isFalse();
        // the Kelvin sign is a case variant of 'k' for RE2 and for the prefilter alike
        RegexMatcher k = RegexMatcher.compile("(?i)kerberos::", false, false, false, 1);
        assertThat(k.find("\u212Aerberos::golden")).isTrue();
    }

    // ---- property: the prefilter never rejects a text RE2/J matches ------------------------------------------

    /** Characters with case pairs (and the Kelvin sign, long s), metacharacters and a non-ASCII letter. */
    private static final String TEXT_CHARS = "abkKsSAB.:\\-{}()[]|\u212A\u017F\u00E9\u00C9 1A";

    record Case(String regex, boolean i, String text) {
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<String> atom = Arbitraries.oneOf(
                Arbitraries.strings().withChars("abkKsSAB\u00E9").ofMinLength(1).ofMaxLength(6),
                Arbitraries.of("\\.", "\\\\", "\\-", "\\{", "\\(", ".", "\\d", "\\w", "\\s", "\\b", "^", "$",
                        "[ab]", "[^k]", "[]a]", "(ab|k)", "(?:sS)", "(a(b)k)", "(?i)", "(?s)", "a|b", "\\Qa.\\E",
                        "\\x41", "\\x6b", "\\pL", "\\PN", "\\p{Lu}", "\\141", "(\\Q)\\E)", "[\\Q]]"));
        Arbitrary<String> quant = Arbitraries.of("", "", "", "?", "*", "+", "{2}", "{0,2}", "{1,}", "??", "+?");
        Arbitrary<String> piece = Combinators.combine(atom, quant).as((a, q) -> a + q);
        Arbitrary<String> regex = Combinators.combine(Arbitraries.of("", "", "(?i)", "(?s)", "(?im)"),
                piece.list().ofMinSize(1).ofMaxSize(6)).as((f, ps) -> f + String.join("", ps));
        Arbitrary<String> noise = Arbitraries.strings().withChars(TEXT_CHARS).ofMaxLength(10);
        return Combinators.combine(regex, Arbitraries.of(true, false), noise, noise, Arbitraries.of(true, false))
                .as((r, i, a, b, plant) -> new Case(r, i, a + (plant ? example(r) : "") + b));
    }

    /** Escapes of the generator and one character each matches. */
    private static final java.util.Map<String, String> ESCAPE_EXAMPLES = java.util.Map.ofEntries(
            java.util.Map.entry("\\x41", "A"), java.util.Map.entry("\\x6b", "k"), java.util.Map.entry("\\pL", "a"),
            java.util.Map.entry("\\PN", "b"), java.util.Map.entry("\\p{Lu}", "B"), java.util.Map.entry("\\141", "a"),
            java.util.Map.entry("\\d", "1"), java.util.Map.entry("\\w", "k"), java.util.Map.entry("\\s", " "),
            java.util.Map.entry("\\b", ""), java.util.Map.entry("\\.", "."), java.util.Map.entry("\\\\", "\\"),
            java.util.Map.entry("\\-", "-"), java.util.Map.entry("\\{", "{"), java.util.Map.entry("\\(", "("));

    /**
     * A text that often matches: the regex read left to right, each escape replaced by a character it matches and
     * each plain letter kept (in alternating case), metacharacters dropped.
     */
    private static String example(String regex) {
        StringBuilder b = new StringBuilder();
        int k = 0;
        outer:
        while (k < regex.length()) {
            for (var e : ESCAPE_EXAMPLES.entrySet()) {
                if (regex.startsWith(e.getKey(), k)) {
                    b.append(e.getValue());
                    k += e.getKey().length();
                    continue outer;
                }
            }
            char c = regex.charAt(k++);
            if (Character.isLetter(c) && c < 128) {
                b.append(k % 2 == 0 ? Character.toUpperCase(c) : c);
            } else if (c == '.' || c == ':' || c == '-' || Character.isDigit(c)) {
                b.append(c);
            }
        }
        return b.toString();
    }

    @Property(tries = 3000)
    void neverRejectsWhatRe2Matches(@ForAll("cases") Case c) {
        com.google.re2j.Pattern p;
        try {
            p = com.google.re2j.Pattern.compile(c.regex(), c.i() ? com.google.re2j.Pattern.CASE_INSENSITIVE : 0);
        } catch (com.google.re2j.PatternSyntaxException e) {
            return; // not a valid expression: never reaches the engine
        }
        RequiredLiteral r = RequiredLiteral.of(c.regex(), c.i());
        if (r != null && p.matcher(c.text()).find()) {
            assertThat(r.mayMatch(c.text(), new Scratch.KeywordHits()))
                    .as("regex %s (i=%s) matches %s but the prefilter for '%s' rejects it", c.regex(), c.i(),
                            c.text(), r.literal())
                    .isTrue();
        }
    }
}
