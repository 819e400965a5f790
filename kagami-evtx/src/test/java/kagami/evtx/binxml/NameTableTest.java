package kagami.evtx.binxml;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * Names are decoded per chunk, and a name decoded lately by the same thread is reused only when the chunk spells it
 * the same: what a chunk says always wins.
 */
class NameTableTest {
    /** A chunk-like array holding one name record at offset 16: next (4), hash (2), count (2), UTF-16LE, NUL. */
    private static byte[] chunkWithName(byte[] utf16, int chars) {
        byte[] chunk = new byte[64 + utf16.length];
        chunk[16 + 6] = (byte) chars;
        chunk[16 + 7] = (byte) (chars >>> 8);
        System.arraycopy(utf16, 0, chunk, 16 + 8, utf16.length);
        return chunk;
    }

    @Test
    void aNameSpelledAlikeInAnotherChunkIsReusedAndADifferentOneIsNot() {
        Name first = new NameTable(chunkWithName(utf16("EventData"), 9)).nameAt(16);
        Name again = new NameTable(chunkWithName(utf16("EventData"), 9)).nameAt(16);
        Name other = new NameTable(chunkWithName(utf16("EventDatA"), 9)).nameAt(16);
        assertThat(again).isSameAs(first);
        assertThat(other.value()).isEqualTo("EventDatA");
        assertThat(new String(other.jsonBytes(), StandardCharsets.UTF_8)).isEqualTo("EventDatA");
    }

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.strings().withChars("DatEvnt\u00e9\u6f22\ud800\udc00\"<").ofMinLength(1).ofMaxLength(12);
    }

    @Property(tries = 500)
    void aNameReadsAsItsChunkSpellsItWhateverWasReadBefore(@ForAll("names") String before, @ForAll("names") String name) {
        new NameTable(chunkWithName(utf16(before), before.length())).nameAt(16);
        Name read = new NameTable(chunkWithName(utf16(name), name.length())).nameAt(16);
        byte[] raw = utf16(name);
        assertThat(read.value()).isEqualTo(new String(raw, StandardCharsets.UTF_16LE));
    }

    /** Raw UTF-16LE code units (lone surrogates kept, unlike String.getBytes). */
    private static byte[] utf16(String s) {
        byte[] b = new byte[s.length() * 2];
        for (int i = 0; i < s.length(); i++) {
            b[2 * i] = (byte) s.charAt(i);
            b[2 * i + 1] = (byte) (s.charAt(i) >>> 8);
        }
        return b;
    }
}
