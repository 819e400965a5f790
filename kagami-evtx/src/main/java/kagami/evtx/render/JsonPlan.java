package kagami.evtx.render;

import java.util.Arrays;

import kagami.evtx.binxml.Fragment;
import kagami.evtx.binxml.Node;
import kagami.evtx.binxml.SubstitutionValues;
import kagami.evtx.binxml.ValueType;

/**
 * A template's JSON rendering compiled for one <em>value signature</em>: the bytes the tree renderer writes
 * between substitution values, and which value goes where. Records of one template differ only in their values,
 * and {@link JsonRenderer} decides the shape of its output (a member dropped, {@code null}, a bare number or a
 * string) from a few facts per value — its type, whether it is empty, whether it is text, whether its size fits
 * its type — never from the value's content. Records that agree on those facts (the signature) therefore render
 * as the same byte runs with their values' text in between, so replaying a recorded plan gives exactly the tree
 * renderer's output without walking the tree.
 *
 * <p>A BinXml value (0x21, how Windows nests {@code EventData} in most records) holds fragments whose template
 * trees and values shape the output too, so the signature covers them: the nested trees by identity and their
 * values' facts, depth first. A plan is recorded by rendering one record with the tree renderer while it notes
 * where each value was written ({@link Recorder}); nothing about the JSON shape is repeated here. (A template
 * definition cannot nest a template instance — the parser refuses one — so every value a template tree reads comes
 * from the record's values objects; a value written from any other fails the recording.)
 *
 * <p>Plans are kept per thread in a hash table keyed by the record's template tree (the compiled template is
 * shared across chunks by {@code TemplateCache}, so trees are compared by identity) and signature. A signature is
 * planned the second time it is seen (a document that is not a template instance has a tree of its own that no other
 * record shares). Everything is bounded for hostile files: {@value #MAX_PLANS} plans and 16 MiB per thread (then the
 * table starts again), 64 KiB of literal text and 4,096 values per plan, eight plans per hash bucket; a record past
 * a bound is rendered from its tree.
 */
final class JsonPlan {
    /** Plans kept per thread; when full, all are dropped and recorded again as records come. */
    private static final int MAX_PLANS = 4096;
    private static final ThreadLocal<Plans> PLANS = ThreadLocal.withInitial(Plans::new);

    private final Node.Element template;
    private final boolean separate;
    private final int hash;
    /** The next plan in the same hash bucket. */
    private JsonPlan next;
    /**
     * Per values object (the record's own, then those of its nested BinXml fragments, depth first): the count,
     * then {@link SubstitutionValues#signature} per value.
     */
    private final int[] signature;
    /** The template trees of the nested fragments, in the same order (compared by identity). */
    private final Node.Element[] roots;
    /** Literal runs back to back. {@code null}: the template cannot be planned for this signature. */
    private final byte[] literals;
    /** {@code ~length} of the next literal run, or {@code valuesObject << 16 | index} of a value. */
    private final int[] ops;
    /** Per value op, in order: how the value is written. */
    private final ValueText.JsonWriter[] writers;

    private JsonPlan(Node.Element template, boolean separate, int hash, int[] signature, Node.Element[] roots,
            byte[] literals, int[] ops, ValueText.JsonWriter[] writers) {
        this.template = template;
        this.separate = separate;
        this.hash = hash;
        this.signature = signature;
        this.roots = roots;
        this.literals = literals;
        this.ops = ops;
        this.writers = writers;
    }

    /**
     * Renders the record from a plan when it can (recording one on first sight of a signature, which also renders
     * the record); false when the caller must use the tree renderer, with nothing written.
     */
    static boolean render(Fragment record, Utf8Output out, boolean separate) {
        if (out.recorder != null) {
            return false;
        }
        return PLANS.get().render(record, out, separate);
    }

    /** Records the calling thread has rendered by replaying a plan (not counting the recording renders). */
    static long replayed() {
        return PLANS.get().replayed;
    }

    /** Roughly what the plan holds, for the per-thread budget. */
    private long bytes() {
        long n = 64 + 4L * signature.length + 8L * roots.length;
        if (ops != null) {
            n += literals.length + 4L * ops.length + 8L * writers.length;
        }
        return n;
    }

    private boolean matches(Node.Element template, boolean separate, int hash, Plans record) {
        if (this.hash != hash || this.template != template || this.separate != separate
                || signature.length != record.codeCount || roots.length != record.rootCount) {
            return false;
        }
        int[] codes = record.codes;
        for (int i = 0; i < signature.length; i++) {
            if (signature[i] != codes[i]) {
                return false;
            }
        }
        Node.Element[] recordRoots = record.roots;
        for (int i = 0; i < roots.length; i++) {
            if (roots[i] != recordRoots[i]) {
                return false;
            }
        }
        return true;
    }

    private void replay(SubstitutionValues[] flat, Utf8Output out) {
        byte[] lit = literals;
        ValueText.JsonWriter[] writers = this.writers;
        int p = 0;
        int w = 0;
        for (int op : ops) {
            if (op < 0) {
                int n = ~op;
                out.write(lit, p, n);
                p += n;
            } else {
                SubstitutionValues v = flat[op >>> 16];
                int i = op & 0xffff;
                writers[w++].write(out, v.data(), v.offset(i), v.size(i));
            }
        }
    }

    /** One thread's plans, by template tree (identity: the trees are shared, not compared). */
    private static final class Plans {
        /** Beyond this many values objects (nested BinXml fragments) in one record, no plan. */
        private static final int MAX_NESTED = 4096;
        private static final int MAX_DEPTH = 64;
        /** Plans in one hash bucket at most; further signatures that land there use the tree renderer. */
        private static final int MAX_CHAIN = 8;
        /** Records with longer signatures (thousands of values) or more nested trees are not planned. */
        private static final int MAX_SIGNATURE = 2048;
        private static final int MAX_NESTED_TREES = 256;
        /** Bytes all of a thread's plans may hold (literals, ops, signatures); past it the table starts again. */
        private static final long MAX_BYTES = 16L << 20;

        private final JsonPlan[] table = new JsonPlan[MAX_PLANS];
        private int size;
        private long bytes;
        /** Hashes of signatures seen once, one per slot. */
        private final int[] seen = new int[MAX_PLANS];
        /** The record's signature: per values object, its count then one code per value. */
        private int[] codes = new int[64];
        private int codeCount;
        /** The template trees of the record's nested fragments, in signature order. */
        private Node.Element[] roots = new Node.Element[8];
        private int rootCount;
        /** The record's values objects, its own first, then those of nested fragments depth-first. */
        private SubstitutionValues[] flat = new SubstitutionValues[8];
        private int flatCount;
        /** A hash of the codes and nested trees, accumulated as they are appended. */
        private int signatureHash;
        /** Records rendered from a plan on this thread. */
        long replayed;

        boolean render(Fragment record, Utf8Output out, boolean separate) {
            Node.Element template = record.root();
            if (template == null) {
                return false;
            }
            codeCount = 0;
            rootCount = 0;
            flatCount = 0;
            signatureHash = 0;
            try {
                return render(record, template, out, separate);
            } finally {
                // Keep no record (and through it no chunk) alive past its rendering.
                Arrays.fill(flat, 0, flatCount, null);
                Arrays.fill(roots, 0, rootCount, null);
            }
        }

        private boolean render(Fragment record, Node.Element template, Utf8Output out, boolean separate) {
            if (!sign(record.values(), 0) || codeCount > MAX_SIGNATURE || rootCount > MAX_NESTED_TREES) {
                return false;
            }
            int hash = hash(template, separate);
            int bucket = hash & (MAX_PLANS - 1);
            int chain = 0;
            for (JsonPlan plan = table[bucket]; plan != null; plan = plan.next, chain++) {
                if (plan.matches(template, separate, hash, this)) {
                    if (plan.ops == null) {
                        return false;
                    }
                    plan.replay(flat, out);
                    replayed++;
                    return true;
                }
            }
            if (chain >= MAX_CHAIN) {
                // Signatures built to collide (the hash is not secret) would otherwise make every look-up a scan.
                return false;
            }
            // A signature is planned the second time it is seen: a record whose tree was built for it alone (a
            // document that is not a template instance) has a tree no later record shares, and recording it would
            // only fill the table.
            int seenSlot = hash & (seen.length - 1);
            if (seen[seenSlot] != hash) {
                seen[seenSlot] = hash;
                return false;
            }
            Recorder recorder = new Recorder(flat, flatCount, out.size());
            out.recorder = recorder;
            try {
                JsonRenderer.renderTree(record, out, separate);
            } finally {
                out.recorder = null;
            }
            JsonPlan plan = recorder.finish(out, template, separate, hash, Arrays.copyOf(codes, codeCount),
                    Arrays.copyOf(roots, rootCount));
            if (size == MAX_PLANS || bytes + plan.bytes() > MAX_BYTES) {
                Arrays.fill(table, null);
                size = 0;
                bytes = 0;
            }
            plan.next = table[bucket];
            table[bucket] = plan;
            size++;
            bytes += plan.bytes();
            return true;
        }

        private int hash(Node.Element template, boolean separate) {
            int h = (template.id() * 31 + (separate ? 1 : 0)) * 31 + signatureHash;
            return h ^ (h >>> 16);
        }

        /** Appends the signature of {@code v} and of its nested fragments; false when too large to plan. */
        private boolean sign(SubstitutionValues v, int depth) {
            if (flatCount == MAX_NESTED || depth > MAX_DEPTH) {
                return false;
            }
            if (flatCount == flat.length) {
                flat = Arrays.copyOf(flat, flatCount * 2);
            }
            flat[flatCount++] = v;
            int count = v.count();
            if (codes.length < codeCount + count + 1) {
                codes = Arrays.copyOf(codes, Math.max(codeCount + count + 1, codes.length * 2));
            }
            int[] c = codes;
            int n = codeCount;
            int h = signatureHash * 31 + count;
            c[n++] = count;
            for (int i = 0; i < count; i++) {
                int code = v.signature(i);
                c[n++] = code;
                h = h * 31 + code;
                if ((code & 0xff) == ValueType.BINXML) {
                    codeCount = n;
                    signatureHash = h;
                    for (Fragment f : v.fragments(i)) {
                        if (rootCount == roots.length) {
                            roots = Arrays.copyOf(roots, rootCount * 2);
                        }
                        roots[rootCount++] = f.root();
                        signatureHash = signatureHash * 31 + (f.root() == null ? 0 : f.root().id());
                        if (!sign(f.values(), depth + 1)) {
                            return false;
                        }
                        if (codes.length < codeCount + count - i) {
                            codes = Arrays.copyOf(codes, Math.max(codeCount + count - i, codes.length * 2));
                        }
                    }
                    c = codes;
                    n = codeCount;
                    h = signatureHash;
                }
            }
            codeCount = n;
            signatureHash = h;
            return true;
        }
    }

    /**
     * Notes, while the tree renderer writes one record, the literal bytes between values and which value was
     * written where. A value from a values object outside the record's signature (a template instance nested in
     * a template) fails the recording; so does output taken back past a recorded value.
     */
    static final class Recorder {
        /** Beyond these, a record is not planned: plans stay small whatever a hostile file holds. */
        private static final int MAX_LITERAL_BYTES = 64 * 1024;
        private static final int MAX_OPS = 4096;

        private final SubstitutionValues[] flat;
        private final int flatCount;
        private int lastObject;
        private int mark;
        private boolean failed;
        private final Utf8Output literals = new Utf8Output(1024);
        private int[] ops = new int[32];
        private int opCount;
        private ValueText.JsonWriter[] writers = new ValueText.JsonWriter[16];
        private int writerCount;

        Recorder(SubstitutionValues[] flat, int flatCount, int start) {
            this.flat = flat;
            this.flatCount = flatCount;
            this.mark = start;
        }

        /** Value {@code i} of {@code v} is about to be written to {@code out}. */
        void valueStart(Utf8Output out, SubstitutionValues v, int i) {
            if (failed) {
                return;
            }
            // Values are written in roughly the order of the values objects: search from the last one found.
            int object = lastObject;
            if (flat[object] != v) {
                object = 0;
                while (object < flatCount && flat[object] != v) {
                    object++;
                }
            }
            if (object == flatCount || object > 0x7fff || i > 0xffff || out.size() < mark || opCount >= MAX_OPS) {
                failed = true;
                return;
            }
            lastObject = object;
            literal(out);
            op(object << 16 | i);
            if (writerCount == writers.length) {
                writers = Arrays.copyOf(writers, writerCount * 2);
            }
            int type = v.type(i);
            writers[writerCount++] = ValueText.JsonWriter.of(type, v.size(i) >= ValueType.fixedSize(type));
        }

        /** The value has been written. */
        void valueEnd(Utf8Output out) {
            mark = out.size();
        }

        private void literal(Utf8Output out) {
            int n = out.size() - mark;
            if (n > 0) {
                if (literals.size() + n > MAX_LITERAL_BYTES) {
                    // A record this large (hostile, or a huge template) is rendered from its tree every time.
                    failed = true;
                    return;
                }
                literals.write(out.array(), mark, n);
                op(~n);
            }
        }

        private void op(int op) {
            if (opCount == ops.length) {
                ops = Arrays.copyOf(ops, opCount * 2);
            }
            ops[opCount++] = op;
        }

        JsonPlan finish(Utf8Output out, Node.Element template, boolean separate, int hash, int[] signature,
                Node.Element[] roots) {
            if (!failed && out.size() >= mark) {
                literal(out);
            }
            if (failed || out.size() < mark) {
                return new JsonPlan(template, separate, hash, signature, roots, null, null, null);
            }
            return new JsonPlan(template, separate, hash, signature, roots, literals.toByteArray(),
                    Arrays.copyOf(ops, opCount), Arrays.copyOf(writers, writerCount));
        }
    }
}
