package kagami.intel.stix;

import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import kagami.core.Tlp;

/**
 * TLP marking definitions. TLP 2.0 (FIRST, 2022) travels as the OASIS extension {@link #TLP2_EXTENSION} with five
 * fixed marking-definition ids (cti-stix-common-objects, {@code extension-definition-specifications/tlp-2.0});
 * TLP 1.0 as the four marking definitions built into STIX 2.1 §7.2.1.4. Both are read (WHITE is CLEAR); TLP 2.0
 * is written.
 */
public final class TlpMarkings {
    public static final String TLP2_EXTENSION = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d";
    private static final String TLP2_CREATED = "2022-10-01T00:00:00.000Z";

    private static final Map<Tlp, String> TLP2_IDS = Map.of(
            Tlp.CLEAR, "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487",
            Tlp.GREEN, "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb",
            Tlp.AMBER, "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421",
            Tlp.AMBER_STRICT, "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003",
            Tlp.RED, "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1");

    private static final Map<String, Tlp> KNOWN = Map.of(
            TLP2_IDS.get(Tlp.CLEAR), Tlp.CLEAR,
            TLP2_IDS.get(Tlp.GREEN), Tlp.GREEN,
            TLP2_IDS.get(Tlp.AMBER), Tlp.AMBER,
            TLP2_IDS.get(Tlp.AMBER_STRICT), Tlp.AMBER_STRICT,
            TLP2_IDS.get(Tlp.RED), Tlp.RED,
            // TLP 1.0, STIX 2.1 §7.2.1.4
            "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9", Tlp.CLEAR,
            "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da", Tlp.GREEN,
            "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82", Tlp.AMBER,
            "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed", Tlp.RED);

    private TlpMarkings() {
    }

    /** The TLP 2.0 marking-definition id Kagami writes for {@code tlp}. */
    public static String id(Tlp tlp) {
        return TLP2_IDS.get(tlp);
    }

    /** The TLP level of a well-known marking-definition id (TLP 2.0 or 1.0). */
    public static Optional<Tlp> known(String markingId) {
        return Optional.ofNullable(KNOWN.get(markingId));
    }

    /** The TLP a marking-definition object states, from its TLP 2.0 extension or TLP 1.0 definition. */
    public static Optional<Tlp> of(JsonNode markingDefinition) {
        Optional<Tlp> k = known(markingDefinition.path("id").asText());
        if (k.isPresent()) {
            return k;
        }
        JsonNode ext = markingDefinition.path("extensions").path(TLP2_EXTENSION).path("tlp_2_0");
        if (ext.isTextual()) {
            return Tlp.parse(ext.asText());
        }
        if ("tlp".equals(markingDefinition.path("definition_type").asText())) {
            return Tlp.parse(markingDefinition.path("definition").path("tlp").asText());
        }
        return Optional.empty();
    }

    /** The TLP 2.0 marking-definition object for {@code tlp}, as published by OASIS. */
    public static ObjectNode definition(Tlp tlp) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("type", "marking-definition");
        o.put("spec_version", "2.1");
        o.put("id", id(tlp));
        o.put("created", TLP2_CREATED);
        o.put("name", tlp.label());
        ObjectNode ext = o.putObject("extensions").putObject(TLP2_EXTENSION);
        ext.put("extension_type", "property-extension");
        ext.put("tlp_2_0", tlp.label().substring(4).toLowerCase(java.util.Locale.ROOT));
        return o;
    }
}
