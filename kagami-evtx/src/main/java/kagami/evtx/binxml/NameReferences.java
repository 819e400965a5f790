package kagami.evtx.binxml;

import java.util.Arrays;

/**
 * Where a template definition refers to names: the chunk offset of each name-offset field, whether the name is
 * defined inline right after it, and the name. These are the only chunk-relative bytes of a definition (the
 * offset fields, and the next-name link that starts an inline name record), which is what lets the
 * {@link TemplateCache} recognise the same definition in another chunk.
 */
final class NameReferences {
    int count;
    int[] fields = new int[16];
    boolean[] inline = new boolean[16];
    Name[] names = new Name[16];

    void add(int field, boolean isInline, Name name) {
        if (count == fields.length) {
            fields = Arrays.copyOf(fields, count * 2);
            inline = Arrays.copyOf(inline, count * 2);
            names = Arrays.copyOf(names, count * 2);
        }
        fields[count] = field;
        inline[count] = isInline;
        names[count] = name;
        count++;
    }
}
