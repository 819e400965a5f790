package kagami.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The event's field table behaves as a read-only insertion-ordered map, whatever the names and their number. */
class FieldTableTest {

    @Test
    void behavesLikeALinkedHashMapForManyNamesWithCollisionsReplacementsAndNulls() {
        java.util.Random random = new java.util.Random(7);
        for (int round = 0; round < 300; round++) {
            FieldTable t = new FieldTable(1 + random.nextInt(8));
            Map<String, Object> reference = new LinkedHashMap<>();
            int n = random.nextInt(120);
            for (int k = 0; k < n; k++) {
                // "Aa" and "BB" have the same hashCode: collisions on purpose
                String name = random.nextBoolean() ? "f" + random.nextInt(60) : (random.nextBoolean() ? "Aa" : "BB");
                Object value = random.nextInt(5) == 0 ? null : (Object) ("v" + k);
                t.set(name, value);
                reference.put(name, value);
            }
            assertThat(t).isEqualTo(reference);
            assertThat(t.hashCode()).isEqualTo(reference.hashCode());
            assertThat(new ArrayList<>(t.keySet())).isEqualTo(new ArrayList<>(reference.keySet()));
            List<String> visited = new ArrayList<>();
            t.forEach((name, value) -> {
                visited.add(name);
                assertThat(value).isEqualTo(reference.get(name));
            });
            assertThat(visited).isEqualTo(new ArrayList<>(reference.keySet()));
            for (int k = 0; k < 70; k++) {
                String name = "f" + k;
                assertThat(t.containsKey(name)).isEqualTo(reference.containsKey(name));
                assertThat(t.get(name)).isEqualTo(reference.get(name));
            }
            assertThat(t.get(42)).isNull(); // not a String key
        }
    }

    @Test
    void namesThatShareOneHashCodeStayAMapPastTheSmallTable() throws Exception {
        // every 16-character string of "Aa"/"BB" pairs has the same String.hashCode: 256 colliding names
        FieldTable t = new FieldTable(40);
        Map<String, Object> reference = new LinkedHashMap<>();
        for (int bits = 0; bits < 256; bits++) {
            StringBuilder name = new StringBuilder();
            for (int k = 0; k < 8; k++) {
                name.append((bits >> k & 1) == 0 ? "Aa" : "BB");
            }
            t.set(name.toString(), bits);
            reference.put(name.toString(), bits);
            if (bits == 63 || bits == 64 || bits == 255) {
                assertThat(t).isEqualTo(reference);
            }
        }
        assertThat(new ArrayList<>(t.keySet())).isEqualTo(new ArrayList<>(reference.keySet()));
        assertThat(t.get("AaAaAaAaAaAaAaAa")).isEqualTo(0);
        assertThat(t.containsKey("AaAaAaAaAaAaAaBB")).isTrue();
        assertThat(t.containsKey("AaAaAaAaAaAaAaAaAa")).isFalse();
        // and survives serialisation, its index rebuilt on the way in
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(t);
        }
        try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(
                new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
            FieldTable back = (FieldTable) in.readObject();
            assertThat(back).isEqualTo(reference);
            assertThat(back.get("AaAaAaAaAaAaAaBB")).isEqualTo(128);
        }
    }

    @Test
    void aNullNameIsRejectedWithoutDamagingTheTable() {
        FieldTable t = new FieldTable(4);
        t.set("a", 1);
        assertThatThrownBy(() -> t.set(null, 2)).isInstanceOf(NullPointerException.class);
        assertThat(t).hasSize(1).containsEntry("a", 1);
    }

    @Test
    void eventFieldsAreReadOnlyAndABuilderCannotChangeABuiltEvent() {
        Event.Builder b = Event.builder().field("Image", "C:\\x.exe").field("Empty", null);
        Event e = b.build();
        assertThat(e.fields()).containsEntry("Image", "C:\\x.exe").containsKey("Empty");
        assertThat(e.fieldOrNull("Empty")).isNull();
        assertThat(e.hasField("Empty")).isTrue();
        assertThatThrownBy(() -> e.fields().put("Image", "y")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> e.fields().remove("Image")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> e.fields().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> b.field("Image", "y")).isInstanceOf(IllegalStateException.class);
        assertThat(e.fieldOrNull("Image")).isEqualTo("C:\\x.exe");
    }
}
