package kagami.intel.stix;

import java.io.IOException;
import java.util.Map;
import java.util.function.BiConsumer;

import com.fasterxml.jackson.databind.node.ObjectNode;

import kagami.core.Tlp;

/** Stored STIX objects (latest versions) for export; implemented by the indicator store. */
public interface StixSource {
    /** Id → type of every object marked at most {@code maxTlp}. */
    Map<String, String> objectIds(Tlp maxTlp) throws IOException;

    /** Every object marked at most {@code maxTlp}, with the TLP the store holds for it. */
    void forEachObject(Tlp maxTlp, BiConsumer<ObjectNode, Tlp> consumer) throws IOException;
}
