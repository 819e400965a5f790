package kagami.intel.pack;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import kagami.core.Tlp;
import kagami.intel.InputLocation;
import kagami.intel.IntelFormatException;
import kagami.intel.stix.StixExchange;
import kagami.intel.store.IntelStore;

/**
 * The indicator packs shipped in {@code content/iocs/} (packaged on the classpath by kagami-content), loaded by
 * {@code kagami intel init}.
 */
public final class ContentPacks {
    /** The MirrorFace pack: a STIX 2.1 bundle built from the public reports (see content/iocs/mirrorface/README.md). */
    public static final String MIRRORFACE = "kagami/content/iocs/mirrorface/mirrorface.stix.json";

    /** Every pack loaded by {@code init}. */
    public static final List<String> ALL = List.of(MIRRORFACE);

    private ContentPacks() {
    }

    /** Imports the pack at {@code resource}; idempotent (re-running changes nothing). */
    public static IntelStore.ImportResult load(IntelStore store, String resource) throws IOException {
        ClassLoader cl = Thread.currentThread().getContextClassLoader() != null
                ? Thread.currentThread().getContextClassLoader() : ContentPacks.class.getClassLoader();
        try (InputStream in = cl.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IntelFormatException(InputLocation.of(resource), "", "content.missing");
            }
            String name = resource.substring(resource.lastIndexOf('/') + 1);
            return store.importFrom("content:" + resource, "stix",
                    IntelStore.ImportOptions.defaults().withDefaultTlp(Tlp.CLEAR), StixExchange.reader(in, name));
        }
    }
}
