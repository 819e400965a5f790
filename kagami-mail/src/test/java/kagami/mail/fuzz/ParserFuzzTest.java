package kagami.mail.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import kagami.mail.MailAnalyser;
import kagami.mail.MailConfig;
import kagami.mail.MailReport;
import kagami.mail.lnk.LnkAssessment;
import kagami.mail.lnk.LnkFormatException;
import kagami.mail.lnk.ShellLink;
import kagami.mail.standin.MailBuilder;
import kagami.mail.standin.ShellLinkBuilder;
import kagami.mail.standin.ZipBuilder;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Mutation fuzzing of the two parsers that meet attacker bytes first: the shell link parser (real samples with
 * bytes overwritten, inserted and cut) and the whole mail path (a built MirrorFace-style message, mutated).
 * The only acceptable outcomes are a result or, for the link parser, {@link LnkFormatException}. Runs are bounded
 * by {@code jqwik.tries.default} (kagami.fuzz.tries in the parent POM).
 */
class ParserFuzzTest {
    static final List<byte[]> LNK_SEEDS = seeds();
    static final byte[] MAIL_SEED = mailSeed();
    static final MailAnalyser ANALYSER = new MailAnalyser(MailConfig.defaults(Locale.ENGLISH));

    static List<byte[]> seeds() {
        Path dir = Path.of(System.getProperty("kagami.shared", "../../shared"), "testdata", "lnk");
        List<byte[]> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(f -> f.toString().endsWith(".lnk")).sorted().toList()) {
                byte[] b = Files.readAllBytes(p);
                if (b.length > 0 && b.length < 10_000) {
                    out.add(b);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.add(ShellLinkBuilder.powershellLure().overlay(new byte[] {'M', 'S', 'C', 'F', 0, 0, 0, 0}).build());
        return out;
    }

    static byte[] mailSeed() {
        try {
            byte[] cab = new kagami.mail.standin.CabinetBuilder().add("x.exe", new byte[] {'M', 'Z', 0, 0}).build();
            byte[] zip = new ZipBuilder().add("a.docx.lnk", ShellLinkBuilder.powershellLure().overlay(cab).build())
                    .build();
            return new MailBuilder().from("研究員 山田", "yamada@gmail.com").subject("研究会")
                    .body("パスワード：abc123\nhttps://1drv.ms/x\n").html("<a href=\"http://evil.example/\">"
                            + "https://bank.example</a><form><input type=password></form>"
                            + "<a href=\"https://t.example/L0/https:%2F%2Fb.s3.eu-west-1.amazonaws.com%2Fp.html/1/x\">"
                            + "<img src=\"https://logo.clearbit.com/x.example\"></a><a href=\" http://ex\u00e4mple.com"
                            + "/?u=aHR0cHM6Ly9hLndlYi5hcHAv\">x</a><a href=\"http://%65vil.example/\">y</a>")
                    .attach("a.zip", "application/zip", zip)
                    .attach("d\u034f.rtf", "application/pdf", ("{\\rtf1{\\field{\\*\\fldinst {\\f0 HYPERLINK"
                            + " \"https://storage.googleapis.com/b/p.html\" }}}}").getBytes(StandardCharsets.US_ASCII))
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A mutation: at a position, overwrite, insert or truncate with a value. */
    record Mutation(int kind, int position, int value) {
    }

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        Arbitrary<Mutation> one = Combinators.combine(Arbitraries.integers().between(0, 2),
                Arbitraries.integers().between(0, 1 << 20), Arbitraries.integers().between(0, 255)).as(Mutation::new);
        return one.list().ofMinSize(1).ofMaxSize(12);
    }

    static byte[] mutate(byte[] seed, List<Mutation> ms) {
        byte[] b = seed.clone();
        for (Mutation m : ms) {
            if (b.length == 0) {
                break;
            }
            int p = m.position() % b.length;
            switch (m.kind()) {
                case 0 -> b[p] = (byte) m.value();
                case 1 -> {
                    byte[] n = new byte[b.length + 1];
                    System.arraycopy(b, 0, n, 0, p);
                    n[p] = (byte) m.value();
                    System.arraycopy(b, p, n, p + 1, b.length - p);
                    b = n;
                }
                default -> b = java.util.Arrays.copyOf(b, p);
            }
        }
        return b;
    }

    @Property
    void shellLinkParserNeverFailsOtherThanWithItsOwnException(@ForAll("mutations") List<Mutation> ms,
            @ForAll int seedIndex) {
        byte[] input = mutate(LNK_SEEDS.get(Math.floorMod(seedIndex, LNK_SEEDS.size())), ms);
        try {
            ShellLink link = ShellLink.parse(input);
            assertThat(link.fileSize()).isEqualTo(input.length);
            LnkAssessment.assess(link, "fuzz.lnk");
            link.target();
        } catch (LnkFormatException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    @Property(tries = 300)
    void mailPathAlwaysReturnsOneReport(@ForAll("mutations") List<Mutation> ms) throws IOException {
        byte[] input = mutate(MAIL_SEED, ms);
        List<MailReport> out = new ArrayList<>();
        ANALYSER.analyseStream("fuzz.eml", new ByteArrayInputStream(input), out::add);
        assertThat(out).isNotEmpty();
        assertThat(out).allSatisfy(r -> assertThat(r.verdict()).isNotNull());
    }

    @Provide
    Arbitrary<String> hrefs() {
        Arbitrary<String> prefix = Arbitraries.of("http://", "https://", "HTTP:\\\\", "www.", " \thttps:", "ftp://",
                "");
        Arbitrary<String> rest = Arbitraries.strings().withCharRange('\u0000', '\u00ff').withChars("%:/?#@[]\\.aA0")
                .withCharRange('\u3000', '\u3010').ofMaxLength(300);
        return Combinators.combine(prefix, rest, Arbitraries.of("", "https%3A%2F%2F", "aHR0cHM6Ly9", "?u=https://"))
                .as((p, r, n) -> p + r + n + r);
    }

    @Property(tries = 2000)
    void linkAnalysisTakesAnyString(@ForAll("hrefs") String href) {
        kagami.mail.url.UrlAnalysis.host(href);
        List<kagami.mail.url.Link> one = List.of(new kagami.mail.url.Link(href, href, "fuzz"));
        assertThat(URLS.analyse(one)).allSatisfy(f -> assertThat(f.signal()).startsWith("url."));
        URLS.images(one);
    }

    static final kagami.mail.url.UrlAnalysis URLS = new kagami.mail.url.UrlAnalysis(
            kagami.mail.lists.MailLists.defaults());
}
