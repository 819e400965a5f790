package kagami.intel.blocklist;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import kagami.core.IndicatorType;
import kagami.intel.InputLocation;
import kagami.intel.IntelFormatException;
import kagami.intel.IntelMessage;
import kagami.intel.Observable;
import kagami.intel.normalize.InvalidValueException;
import kagami.intel.normalize.IpNetwork;
import kagami.intel.normalize.Normalizer;

/**
 * Well-known legitimate services and own networks that must not be blocked by default (the idea of MISP
 * warninglists). The shipped list is data: {@code content/iocs/warninglist.yml}.
 */
public final class WarningList {
    /** Classpath location of the shipped list (packaged from {@code content/} by kagami-content). */
    public static final String DEFAULT_RESOURCE = "kagami/content/iocs/warninglist.yml";

    /** How an entry matches. */
    public enum Match { SUFFIX, EXACT, CIDR }

    /**
     * One protected value.
     *
     * @param value normalised domain or CIDR
     * @param match how it matches
     * @param why   what the service is (English)
     * @param whyJa what the service is (Japanese; the English text when the list gives none)
     */
    public record Entry(String value, Match match, String why, String whyJa) {
        /** The reason in the user's language. */
        public String why(java.util.Locale locale) {
            return "ja".equals(locale.getLanguage()) ? whyJa : why;
        }
    }

    private record Block(IpNetwork network, Entry entry) {
    }

    private final Map<String, Entry> suffixes = new HashMap<>();
    private final Map<String, Entry> exact = new HashMap<>();
    private final List<Block> blocks = new ArrayList<>();
    private final int size;

    private WarningList(List<Entry> entries) {
        for (Entry e : entries) {
            switch (e.match()) {
                case SUFFIX -> suffixes.put(e.value(), e);
                case EXACT -> exact.put(e.value(), e);
                case CIDR -> blocks.add(block(e));
            }
        }
        size = entries.size();
    }

    public static WarningList empty() {
        return new WarningList(List.of());
    }

    /** The list shipped in kagami-content. */
    public static WarningList loadDefault() throws IOException {
        ClassLoader cl = Thread.currentThread().getContextClassLoader() != null
                ? Thread.currentThread().getContextClassLoader() : WarningList.class.getClassLoader();
        try (InputStream in = cl.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IntelFormatException(InputLocation.of(DEFAULT_RESOURCE), "", "content.missing");
            }
            return load(in, DEFAULT_RESOURCE);
        }
    }

    /** Reads a warning-list YAML ({@code entries: [{value, match, why, why_ja}]}). */
    public static WarningList load(InputStream in, String source) throws IOException {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(in);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            var at = e.getLocation();
            throw new IntelFormatException(at != null ? InputLocation.line(source, at.getLineNr())
                    : InputLocation.of(source), "", IntelMessage.of("yaml.malformed", e.getOriginalMessage()), e);
        }
        List<Entry> entries = new ArrayList<>();
        int n = 0;
        for (JsonNode e : root.path("entries")) {
            n++;
            IntelMessage loc = InputLocation.entry(source, n);
            String value = e.path("value").asText("");
            Match m;
            try {
                m = Match.valueOf(e.path("match").asText("suffix").toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException ex) {
                throw new IntelFormatException(loc, "match", "warninglist.match");
            }
            try {
                String v = m == Match.CIDR ? Normalizer.normalize(IndicatorType.CIDR, value).value()
                        : Normalizer.normalize(IndicatorType.HOSTNAME, value).value();
                String why = e.path("why").asText("");
                entries.add(new Entry(v, m, why, e.path("why_ja").asText(why)));
            } catch (InvalidValueException ex) {
                throw new IntelFormatException(loc, "value", ex.text());
            }
        }
        return new WarningList(entries);
    }

    public int size() {
        return size;
    }

    /** The entry protecting {@code o} from being blocked, if any. */
    public Optional<Entry> protects(Observable o) {
        return switch (o.type()) {
            case DOMAIN, HOSTNAME -> domain(o.value().startsWith("*.") ? o.value().substring(2) : o.value(),
                    o.value().startsWith("*."));
            case IPV4, IPV6, CIDR -> ip(o.value());
            case URL -> {
                String h = host(o.value());
                yield h.matches("[0-9.]+") || h.indexOf(':') >= 0 ? ip(h) : domain(h, false);
            }
            case EMAIL_ADDRESS -> domain(o.value().substring(o.value().lastIndexOf('@') + 1), false);
            default -> Optional.empty();
        };
    }

    private Optional<Entry> domain(String d, boolean wildcard) {
        if (!wildcard) {
            Entry e = exact.get(d);
            if (e != null) {
                return Optional.of(e);
            }
        }
        String s = d;
        while (true) {
            Entry e = suffixes.get(s);
            if (e != null) {
                return Optional.of(e);
            }
            int dot = s.indexOf('.');
            if (dot < 0) {
                return Optional.empty();
            }
            s = s.substring(dot + 1);
        }
    }

    /** An address or block is protected when it overlaps a protected block (either contains the other). */
    private Optional<Entry> ip(String v) {
        IpNetwork n;
        try {
            n = IpNetwork.parse(v);
        } catch (InvalidValueException e) {
            return Optional.empty();
        }
        for (Block p : blocks) {
            if (p.network().overlaps(n)) {
                return Optional.of(p.entry());
            }
        }
        return Optional.empty();
    }

    private static Block block(Entry e) {
        try {
            return new Block(IpNetwork.parse(e.value()), e);
        } catch (InvalidValueException ex) {
            throw new IllegalArgumentException(ex.getMessage(), ex);
        }
    }

    private static String host(String url) {
        String s = url.substring(url.indexOf("://") + 3);
        int end = 0;
        while (end < s.length() && "/?#".indexOf(s.charAt(end)) < 0) {
            end++;
        }
        s = s.substring(0, end);
        int at = s.lastIndexOf('@');
        if (at >= 0) {
            s = s.substring(at + 1);
        }
        if (s.startsWith("[")) {
            return s.substring(1, Math.max(1, s.indexOf(']')));
        }
        int colon = s.lastIndexOf(':');
        return colon > 0 ? s.substring(0, colon) : s;
    }
}
