package kagami.hunt.timeline;

import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import kagami.core.Level;

/**
 * A compact binary form of {@link TimelineRecord}, for sort runs spilled to disk and for comparing whole records
 * (the last tie-breaker of the sort order, which makes the output identical whatever order threads delivered
 * detections in). Strings are length-prefixed UTF-8, so no record size limit of {@code writeUTF} applies.
 */
final class RecordCodec {
    private RecordCodec() {
    }

    static byte[] encode(TimelineRecord r) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeLong(r.timestamp().getEpochSecond());
            out.writeInt(r.timestamp().getNano());
            str(out, r.ruleTitle());
            out.writeByte(r.level().ordinal());
            str(out, r.ruleId());
            str(out, r.status());
            str(out, r.ruleAuthor());
            str(out, r.ruleLicense());
            str(out, r.ruleFile());
            str(out, r.ruleCreated());
            str(out, r.ruleModified());
            strings(out, r.tactics());
            strings(out, r.techniques());
            strings(out, r.otherTags());
            str(out, r.computer());
            str(out, r.channel());
            str(out, r.provider());
            out.writeInt(r.eventId());
            out.writeLong(r.recordId());
            str(out, r.evtxFile());
            out.writeLong(r.sourceOffset());
            out.writeBoolean(r.recovered());
            fields(out, r.details());
            fields(out, r.extraFields());
            fields(out, r.matchedFields());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static TimelineRecord decode(byte[] data) {
        try {
            return read(new DataInputStream(new java.io.ByteArrayInputStream(data)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static TimelineRecord read(DataInput in) throws IOException {
        Instant ts = Instant.ofEpochSecond(in.readLong(), in.readInt());
        String title = str(in);
        Level level = Level.values()[in.readByte()];
        return new TimelineRecord(ts, title, level, str(in), str(in), str(in), str(in), str(in), str(in), str(in),
                strings(in), strings(in), strings(in), str(in), str(in), str(in), in.readInt(), in.readLong(),
                str(in), in.readLong(), in.readBoolean(), fields(in), fields(in), fields(in));
    }

    /** The part of a record that identifies a duplicate: the same rule on the same record content, any file. */
    static byte[] dedupKey(TimelineRecord r) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeLong(r.timestamp().getEpochSecond());
            out.writeInt(r.timestamp().getNano());
            str(out, r.ruleId());
            str(out, r.ruleTitle());
            str(out, r.computer());
            str(out, r.channel());
            out.writeInt(r.eventId());
            out.writeLong(r.recordId());
            fields(out, r.details());
            fields(out, r.extraFields());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void str(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String str(DataInput in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > (64 << 20)) {
            throw new IOException("corrupt spill file: string length " + n);
        }
        byte[] b = new byte[n];
        in.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    private static void strings(DataOutputStream out, List<String> list) throws IOException {
        out.writeInt(list.size());
        for (String s : list) {
            str(out, s);
        }
    }

    private static List<String> strings(DataInput in) throws IOException {
        int n = in.readInt();
        List<String> l = new ArrayList<>(Math.min(n, 1024));
        for (int i = 0; i < n; i++) {
            l.add(str(in));
        }
        return l;
    }

    private static void fields(DataOutputStream out, List<DetailField> list) throws IOException {
        out.writeInt(list.size());
        for (DetailField f : list) {
            str(out, f.label());
            str(out, f.field());
            str(out, f.value());
        }
    }

    private static List<DetailField> fields(DataInput in) throws IOException {
        int n = in.readInt();
        List<DetailField> l = new ArrayList<>(Math.min(n, 1024));
        for (int i = 0; i < n; i++) {
            l.add(new DetailField(str(in), str(in), str(in)));
        }
        return l;
    }
}
