package kagami.core.i18n;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.Objects;
import java.util.ResourceBundle;
import java.util.Properties;
import java.util.TreeSet;

/**
 * User-facing texts in English and Japanese.
 *
 * <p>Every module keeps its texts in a resource bundle ({@code <base>.properties} for English,
 * {@code <base>_ja.properties} for Japanese, UTF-8), never in Java literals. Bundles are loaded without falling
 * back to the JVM's default locale, so {@code --lang en} on a Japanese desktop really gives English.
 * Texts are {@link MessageFormat} patterns ({@code {0}} placeholders, {@code ''} for an apostrophe), with or
 * without arguments.
 */
public final class Messages {
    /** The languages Kagami speaks. */
    public static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, Locale.JAPANESE);

    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private final ResourceBundle bundle;
    private final Locale locale;

    private Messages(ResourceBundle bundle, Locale locale) {
        this.bundle = bundle;
        this.locale = locale;
    }

    /** Loads {@code baseName} (e.g. {@code kagami.evtx.messages}) for {@code locale}; English if not Japanese. */
    public static Messages load(String baseName, Locale locale) {
        Locale l = isJapanese(locale) ? Locale.JAPANESE : Locale.ROOT;
        ResourceBundle b = ResourceBundle.getBundle(baseName, l, loader(), NO_FALLBACK);
        return new Messages(b, isJapanese(locale) ? Locale.JAPANESE : Locale.ENGLISH);
    }

    /**
     * The output language: {@code ja} or {@code en} when given, else Japanese when the environment says so
     * ({@code LC_ALL}, {@code LC_MESSAGES}, {@code LANG} starting with {@code ja}, or a Japanese JVM locale),
     * else English.
     */
    public static Locale resolve(String lang) {
        if (lang != null && !lang.isBlank()) {
            String t = lang.trim().toLowerCase(Locale.ROOT);
            if (t.startsWith("ja") || t.equals("jp")) {
                return Locale.JAPANESE;
            }
            if (t.startsWith("en")) {
                return Locale.ENGLISH;
            }
            throw new IllegalArgumentException("unsupported language '" + lang + "' (use ja or en)");
        }
        for (String var : new String[] {"LC_ALL", "LC_MESSAGES", "LANG"}) {
            String v = System.getenv(var);
            if (v != null && !v.isBlank()) {
                return v.toLowerCase(Locale.ROOT).startsWith("ja") ? Locale.JAPANESE : Locale.ENGLISH;
            }
        }
        return isJapanese(Locale.getDefault()) ? Locale.JAPANESE : Locale.ENGLISH;
    }

    /** The context class loader where there is one (Flink user code), else ours. */
    private static ClassLoader loader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : Messages.class.getClassLoader();
    }

    private static boolean isJapanese(Locale l) {
        return l != null && "ja".equals(l.getLanguage());
    }

    public Locale locale() {
        return locale;
    }

    /** The text for {@code key} with {@code args} filled in; the key itself in brackets if missing. */
    public String get(String key, Object... args) {
        Objects.requireNonNull(key, "key");
        String pattern;
        try {
            pattern = bundle.getString(key);
        } catch (MissingResourceException e) {
            return "[" + key + "]";
        }
        // Always through MessageFormat, so '' means one apostrophe whether or not the text has arguments.
        try {
            return new MessageFormat(pattern, locale).format(args);
        } catch (IllegalArgumentException malformed) {
            return pattern;
        }
    }

    public boolean has(String key) {
        return bundle.containsKey(key);
    }

    /**
     * Keys present in one language of {@code baseName} but not the other, as {@code "ja: key"} / {@code "en: key"}
     * lines; empty when both languages are complete. For tests that keep the bundles in step.
     */
    public static List<String> missingTranslations(String baseName) {
        Properties en = properties(baseName, "");
        Properties ja = properties(baseName, "_ja");
        List<String> missing = new ArrayList<>();
        for (String k : new TreeSet<>(en.stringPropertyNames())) {
            if (ja.getProperty(k, "").isBlank()) {
                missing.add("ja: " + k);
            }
        }
        for (String k : new TreeSet<>(ja.stringPropertyNames())) {
            if (en.getProperty(k, "").isBlank()) {
                missing.add("en: " + k);
            }
        }
        return missing;
    }

    private static Properties properties(String baseName, String suffix) {
        String resource = baseName.replace('.', '/') + suffix + ".properties";
        Properties p = new Properties();
        try (InputStream in = loader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new MissingResourceException("no bundle " + resource, Messages.class.getName(), resource);
            }
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    /**
     * Texts of {@code baseName} (both languages) that are not valid {@link MessageFormat} patterns or hold a lone
     * apostrophe (which MessageFormat would silently drop or use to quote a placeholder away), as
     * {@code "en: key"} / {@code "ja: key"} lines; empty when all are well formed.
     */
    public static List<String> malformedTexts(String baseName) {
        List<String> bad = new ArrayList<>();
        for (String[] lang : new String[][] {{"en", ""}, {"ja", "_ja"}}) {
            Properties p = properties(baseName, lang[1]);
            for (String k : new TreeSet<>(p.stringPropertyNames())) {
                String text = p.getProperty(k);
                boolean loneApostrophe = text.replace("\'\'", "").replaceAll("'\\{'|'\\}'", "").indexOf('\'') >= 0;
                try {
                    new MessageFormat(text);
                } catch (IllegalArgumentException e) {
                    loneApostrophe = true;
                }
                if (loneApostrophe) {
                    bad.add(lang[0] + ": " + k);
                }
            }
        }
        return bad;
    }
}
