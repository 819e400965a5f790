package kagami.mail.lists;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A set of domains (or file extensions, or words) read from a one-entry-per-line text file; {@code #} starts a
 * comment. Domain lookups match the domain itself or any parent ({@code a.b.example.com} is in a list holding
 * {@code example.com}). A {@code *} inside an entry stands for the letters, digits and hyphens of one label, so
 * that services named per region are one line ({@code s3.*.amazonaws.com}, {@code s3-website-*.amazonaws.com}).
 */
public final class DomainList {
    private final Set<String> entries;
    /** Entries holding {@code *}, as patterns over a whole domain. */
    private final List<Pattern> wildcards;

    private DomainList(Set<String> entries) {
        // File order is kept: when several entries match, the first one listed is reported, run after run.
        this.entries = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(entries));
        List<Pattern> w = new ArrayList<>();
        for (String e : entries) {
            if (e.indexOf('*') >= 0) {
                StringBuilder re = new StringBuilder();
                for (String part : e.split("\\*", -1)) {
                    if (re.length() > 0) {
                        re.append("[a-z0-9-]*");
                    }
                    re.append(Pattern.quote(part));
                }
                w.add(Pattern.compile(re.toString()));
            }
        }
        this.wildcards = List.copyOf(w);
    }

    /** The entries of both lists, this one's first. */
    public DomainList and(DomainList other) {
        Set<String> s = new java.util.LinkedHashSet<>(entries);
        s.addAll(other.entries);
        return new DomainList(s);
    }

    public static DomainList of(Set<String> entries) {
        Set<String> s = new java.util.LinkedHashSet<>();
        for (String e : entries) {
            s.add(e.toLowerCase(Locale.ROOT));
        }
        return new DomainList(s);
    }

    public static DomainList read(InputStream in) throws IOException {
        Set<String> s = new java.util.LinkedHashSet<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                int hash = line.indexOf('#');
                String t = (hash >= 0 ? line.substring(0, hash) : line).trim().toLowerCase(Locale.ROOT);
                if (t.startsWith(".")) {
                    t = t.substring(1);
                }
                if (!t.isEmpty()) {
                    s.add(t);
                }
            }
        }
        return new DomainList(s);
    }

    public static DomainList read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        }
    }

    /** Loads {@code kagami/content/mail/lists/<name>} from the classpath. */
    public static DomainList resource(String name) {
        String res = "kagami/content/mail/lists/" + name;
        try (InputStream in = DomainList.class.getClassLoader().getResourceAsStream(res)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + res);
            }
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Exact membership (for extensions and words). */
    public boolean contains(String entry) {
        return entries.contains(entry.toLowerCase(Locale.ROOT));
    }

    /** The entry matching {@code domain} or one of its parent domains. */
    public Optional<String> match(String domain) {
        String d = domain.toLowerCase(Locale.ROOT);
        while (!d.isEmpty()) {
            if (entries.contains(d)) {
                return Optional.of(d);
            }
            for (Pattern w : wildcards) {
                if (w.matcher(d).matches()) {
                    return Optional.of(d);
                }
            }
            int dot = d.indexOf('.');
            if (dot < 0) {
                break;
            }
            d = d.substring(dot + 1);
        }
        return Optional.empty();
    }

    public Set<String> entries() {
        return entries;
    }

    public int size() {
        return entries.size();
    }
}
