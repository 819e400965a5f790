package kagami.intel.loki;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import kagami.core.IndicatorType;
import kagami.intel.FlatIndicator;
import kagami.intel.ImportSink;
import kagami.intel.InputLocation;
import kagami.intel.IntelFormatException;
import kagami.intel.IntelIndicator;
import kagami.intel.IntelMessage;
import kagami.intel.IntelReader;
import kagami.intel.Observable;
import kagami.intel.normalize.InvalidValueException;
import kagami.intel.normalize.Normalizer;
import kagami.intel.stix.StixIds;
import kagami.intel.stix.StixObjects;
import kagami.intel.stix.pattern.Wildcards;

/**
 * Loki / THOR IoC text files (Neo23x0 signature-base {@code iocs/}): {@code hash-iocs.txt} ({@code HASH;comment}),
 * {@code filename-iocs.txt} ({@code REGEX;SCORE[;FALSE_POSITIVE_REGEX]}, matched against full paths) and
 * {@code c2-iocs.txt} ({@code IP_OR_DOMAIN;comment}). Lines starting with {@code #} are comments; the comment
 * right above an entry describes it.
 *
 * <p>File-name regexes of the two shapes Kagami writes — {@code \\NAME$} (a file name) and {@code ^PATH$} (a
 * path), with escaped literals, {@code .*} and {@code .} — become file-name / path indicators (globs); any other
 * regex is kept as a {@code pcre} indicator with no matchable observable, so nothing is lost.
 */
public final class LokiIocs {
    /** Score Kagami writes for file-name entries (Loki: 0-100, ≥ 75 is an alert). */
    public static final int DEFAULT_SCORE = 80;

    private LokiIocs() {
    }

    /** Which Loki file a line belongs to. */
    public enum Kind { HASH, FILENAME, C2 }

    /** The kind of a Loki IoC file from its name ({@code hash-*}, {@code filename-*}, {@code c2-*}). */
    public static Optional<Kind> kindOf(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.startsWith("hash")) {
            return Optional.of(Kind.HASH);
        }
        if (n.startsWith("filename")) {
            return Optional.of(Kind.FILENAME);
        }
        if (n.startsWith("c2")) {
            return Optional.of(Kind.C2);
        }
        return Optional.empty();
    }

    /** Reads one Loki file, or every {@code hash-*}, {@code filename-*}, {@code c2-*} file of a folder. */
    public static IntelReader reader(Path path, Instant importTime) {
        return sink -> {
            List<Path> files = new ArrayList<>();
            if (Files.isDirectory(path)) {
                try (var s = Files.list(path)) {
                    s.filter(p -> kindOf(p).isPresent() && p.toString().endsWith(".txt")).sorted().forEach(files::add);
                }
            } else {
                files.add(path);
            }
            for (Path f : files) {
                Kind k = kindOf(f).orElse(null);
                try (BufferedReader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                    read(r, f.getFileName().toString(), k, sink, importTime);
                }
            }
        };
    }

    /** Reads lines; {@code kind} null means: decide per line (hash by shape, score column → filename, else C2). */
    public static void read(BufferedReader r, String source, Kind kind, ImportSink sink, Instant now)
            throws IOException {
        String line;
        int n = 0;
        String comment = "";
        while ((line = r.readLine()) != null) {
            n++;
            if (line.length() > 65536) {
                sink.error(new IntelFormatException(InputLocation.line(source, n), "", "text.lineTooLong"));
                continue;
            }
            String t = line.strip();
            if (t.isEmpty()) {
                comment = "";
                continue;
            }
            if (t.startsWith("#")) {
                comment = t.substring(1).strip();
                continue;
            }
            IntelMessage loc = InputLocation.line(source, n);
            try {
                entry(t, loc, kind, comment, sink, now);
            } catch (IntelFormatException e) {
                sink.error(e);
            }
        }
    }

    private static void entry(String line, IntelMessage loc, Kind kind, String comment, ImportSink sink, Instant now)
            throws IOException {
        String[] f = line.split(";", -1);
        Kind k = kind;
        if (k == null) {
            if (f[0].matches("[0-9a-fA-F]{32}|[0-9a-fA-F]{40}|[0-9a-fA-F]{64}")) {
                k = Kind.HASH;
            } else if (f.length >= 2 && f[1].strip().matches("-?[0-9]{1,3}")) {
                k = Kind.FILENAME;
            } else {
                k = Kind.C2;
            }
        }
        String desc = f.length > 1 && k != Kind.FILENAME && !f[1].isBlank() ? f[1].strip() : comment;
        switch (k) {
            case HASH -> {
                Observable o = Normalizer.guess(f[0]).filter(x -> x.type() == IndicatorType.MD5
                        || x.type() == IndicatorType.SHA1 || x.type() == IndicatorType.SHA256)
                        .orElseThrow(() -> new IntelFormatException(loc, "hash", "loki.hash", f[0]));
                flat(o, desc).emit(sink, loc, now);
            }
            case C2 -> {
                Observable o = Normalizer.guess(f[0]).filter(x -> switch (x.type()) {
                    case IPV4, IPV6, CIDR, DOMAIN, URL -> true;
                    default -> false;
                }).orElseThrow(() -> new IntelFormatException(loc, "ioc", "loki.c2", f[0]));
                flat(o, desc).emit(sink, loc, now);
            }
            case FILENAME -> {
                if (f.length < 2) {
                    throw new IntelFormatException(loc, "score", "loki.noScore");
                }
                String regex = f[0];
                int score;
                try {
                    score = Integer.parseInt(f[1].strip());
                } catch (NumberFormatException e) {
                    throw new IntelFormatException(loc, "score", "loki.score", f[1]);
                }
                Optional<Observable> o = fileObservable(regex);
                if (o.isPresent()) {
                    FlatIndicator fi = flat(o.get(), comment);
                    fi = new FlatIndicator(fi.observable(), "", comment, OptionalInt.of(Math.max(0,
                            Math.min(100, score))), Optional.empty(), Optional.empty(), Optional.empty(), List.of(),
                            "", List.of(), Optional.empty(), Optional.empty(), Optional.empty());
                    fi.emit(sink, loc, now);
                } else {
                    pcre(regex, score, comment, loc, sink, now);
                }
            }
        }
    }

    private static FlatIndicator flat(Observable o, String description) {
        return new FlatIndicator(o, "", description, OptionalInt.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), List.of(), "", List.of(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** An arbitrary Loki regex, kept as a STIX indicator with {@code pattern_type: pcre}. */
    private static void pcre(String regex, int score, String comment, IntelMessage loc, ImportSink sink, Instant now)
            throws IOException {
        try {
            java.util.regex.Pattern.compile(regex);
        } catch (java.util.regex.PatternSyntaxException e) {
            throw new IntelFormatException(loc, "regex", "loki.regex", e.getDescription());
        }
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        String ts = StixObjects.timestamp(now);
        o.put("type", "indicator");
        o.put("spec_version", "2.1");
        o.put("id", StixIds.kagami("indicator", "loki-filename:" + regex));
        o.put("created", ts);
        o.put("modified", ts);
        o.put("name", "Loki file-name regex " + (regex.length() > 60 ? regex.substring(0, 60) + "..." : regex));
        if (!comment.isEmpty()) {
            o.put("description", comment);
        }
        o.putArray("indicator_types").add("malicious-activity");
        o.put("pattern", regex);
        o.put("pattern_type", "pcre");
        o.put("valid_from", ts);
        o.put("confidence", Math.max(0, Math.min(100, score)));
        sink.accept(o, loc, true);
    }

    /** The file-name or path glob a Loki regex of Kagami's two shapes stands for. */
    static Optional<Observable> fileObservable(String regex) {
        try {
            if (regex.startsWith("\\\\") && regex.endsWith("$") && !Wildcards.escapedEnd(regex)) {
                Optional<String> g = glob(regex.substring(2, regex.length() - 1));
                if (g.isPresent() && g.get().indexOf('\\') < 0 && g.get().indexOf('/') < 0) {
                    return Optional.of(Normalizer.normalize(IndicatorType.FILE_NAME, g.get()));
                }
            } else if (regex.startsWith("^") && regex.endsWith("$") && !Wildcards.escapedEnd(regex)) {
                Optional<String> g = glob(regex.substring(1, regex.length() - 1));
                if (g.isPresent()) {
                    return Optional.of(Normalizer.normalize(IndicatorType.FILE_PATH, g.get()));
                }
            }
        } catch (InvalidValueException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static Optional<String> glob(String body) {
        return body.isEmpty() ? Optional.empty() : Wildcards.fromRegex("^" + body + "$");
    }

    // ------------------------------------------------------------------------------------------------ writing

    /** The three Loki files' lines for {@code indicators}; each set sorted. */
    public record Files3(List<String> hashes, List<String> filenames, List<String> c2) {
    }

    public static Files3 lines(List<IntelIndicator> indicators) {
        TreeSet<String> hashes = new TreeSet<>();
        TreeSet<String> names = new TreeSet<>();
        TreeSet<String> c2 = new TreeSet<>();
        for (IntelIndicator i : indicators) {
            String desc = describe(i);
            for (Observable o : i.observables()) {
                switch (o.type()) {
                    case MD5, SHA1, SHA256 -> hashes.add(o.value().toLowerCase(Locale.ROOT) + ";" + desc);
                    case FILE_NAME -> names.add("\\\\" + regex(o.value()) + "$;" + score(i));
                    // Loki matches real paths: a %TEMP% placeholder stands for any folder there.
                    case FILE_PATH -> names.add("^" + regex(o.value().replaceAll("%[A-Za-z0-9_()]+%", "*")) + "$;"
                            + score(i));
                    case IPV4, IPV6, CIDR, DOMAIN -> {
                        if (!o.wildcard()) {
                            c2.add(o.value() + ";" + desc);
                        }
                    }
                    default -> { }
                }
            }
        }
        return new Files3(List.copyOf(hashes), List.copyOf(names), List.copyOf(c2));
    }

    private static int score(IntelIndicator i) {
        return i.confidence().orElse(DEFAULT_SCORE);
    }

    private static String describe(IntelIndicator i) {
        String d = !i.related().isEmpty() ? String.join(", ", i.related()) : i.name();
        return d.replace(';', ',').replace('\n', ' ').replace('\r', ' ');
    }

    /** A glob as a Loki (Python re) regex. */
    static String regex(String glob) {
        return Wildcards.regex(glob);
    }

    /** Writes {@code hash-iocs.txt}, {@code filename-iocs.txt}, {@code c2-iocs.txt} into {@code folder}. */
    public static void write(List<IntelIndicator> indicators, Path folder, String header) throws IOException {
        Files.createDirectories(folder);
        Files3 f = lines(indicators);
        writeFile(folder.resolve("hash-iocs.txt"), header, f.hashes());
        writeFile(folder.resolve("filename-iocs.txt"), header, f.filenames());
        writeFile(folder.resolve("c2-iocs.txt"), header, f.c2());
    }

    private static void writeFile(Path p, String header, List<String> lines) throws IOException {
        try (Writer w = Files.newBufferedWriter(p, StandardCharsets.UTF_8)) {
            for (String h : header.split("\n")) {
                w.write("# " + h + "\n");
            }
            for (String l : lines) {
                w.write(l + "\n");
            }
        }
    }
}
