package kagami.mail.verdict;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The weight and ATT&CK technique of every signal, and the score thresholds, read from
 * {@code content/mail/weights.properties} ({@code signal = weight [technique]}); a user file given with
 * {@code --weights} overrides entries one by one. A weight of 0 switches a signal off.
 */
public final class Weights {
    /** Weight and technique of one signal. */
    public record Entry(int weight, String technique) {
    }

    static final String RESOURCE = "kagami/content/mail/weights.properties";

    private final Map<String, Entry> entries;
    private final int suspicious;
    private final int malicious;

    private Weights(Map<String, Entry> entries, int suspicious, int malicious) {
        this.entries = Map.copyOf(entries);
        this.suspicious = suspicious;
        this.malicious = malicious;
    }

    /** The shipped weights. */
    public static Weights defaults() {
        try (InputStream in = Weights.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE + " (kagami-content not on the classpath)");
            }
            return parse(new InputStreamReader(in, StandardCharsets.UTF_8), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** These weights with the entries of {@code file} replacing ours. */
    public Weights overriddenBy(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(r, this);
        }
    }

    private static Weights parse(Reader r, Weights base) throws IOException {
        Properties p = new Properties();
        p.load(r);
        Map<String, Entry> map = base == null ? new HashMap<>() : new HashMap<>(base.entries);
        int sus = base == null ? 30 : base.suspicious;
        int mal = base == null ? 70 : base.malicious;
        for (String key : p.stringPropertyNames()) {
            String v = p.getProperty(key).trim();
            if (key.equals("threshold.suspicious")) {
                sus = Integer.parseInt(v);
                continue;
            }
            if (key.equals("threshold.malicious")) {
                mal = Integer.parseInt(v);
                continue;
            }
            String[] parts = v.split("\\s+", 2);
            int weight;
            try {
                weight = Integer.parseInt(parts[0]);
            } catch (NumberFormatException e) {
                throw new IOException("weights: '" + key + " = " + v + "': the value must start with an integer weight");
            }
            map.put(key, new Entry(weight, parts.length > 1 ? parts[1].trim().toUpperCase(Locale.ROOT) : ""));
        }
        return new Weights(map, sus, mal);
    }

    public Optional<Entry> of(String signal) {
        return Optional.ofNullable(entries.get(signal));
    }

    public Map<String, Entry> all() {
        return entries;
    }

    public int suspiciousThreshold() {
        return suspicious;
    }

    public int maliciousThreshold() {
        return malicious;
    }
}
