package kagami.evtx.binxml;

/**
 * Compiled templates shared across the chunks of a file, by template GUID. Only an optimisation: the format
 * scopes templates to a chunk, so a cached template is used only when this chunk's definition is provably the
 * same one (see {@link #lookup}); otherwise the chunk compiles its own.
 */
public final class TemplateCache {
    public TemplateCache() {
    }

    TemplateDefinition lookup(byte[] chunk, int offset, byte[] guid, int dataStart, int dataEnd, NameTable names) {
        return null;
    }

    void store(byte[] chunk, int offset, TemplateDefinition t, int dataStart, int dataEnd, NameTable names) {
    }
}
