package kagami.evtx.binxml;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** XML names (XML 1.0 fifth edition, productions 4, 4a and 5), the plausibility test for carved records. */
class NameTest {
    @Test
    void namesWindowsWritesAreXmlNames() {
        for (String s : new String[] {"Event", "EventData", "Data", "System", "TimeCreated", "ns:Name", "_x", "a-b.c",
                "Provider_Name", "漢字", "Größe", "x\u00b7y", "\ud840\udc00"}) {
            assertThat(new Name(s).isXmlName()).as(s).isTrue();
        }
    }

    @Test
    void misalignedBytesAndMarkupAreNot() {
        for (String s : new String[] {"", "1abc", "-x", ".x", "a b", "a<b", "%x", "ata\u0000\u0019", "\uffff",
                "Ā䄄\uffff%", "x\ud800", "x\u0085"}) {
            assertThat(new Name(s).isXmlName()).as(s.replace("\u0000", "\\0")).isFalse();
        }
    }
}
