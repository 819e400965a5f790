package kagami.intel.csv;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import kagami.core.IndicatorType;
import kagami.core.Tlp;
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
import kagami.intel.stix.StixObjects;

/**
 * Indicators as CSV (RFC 4180). Reading maps columns to fields by header name (with the usual aliases: {@code
 * ioc}, {@code indicator} → value; {@code malware_family} → related; {@code report_date} → valid_from; {@code
 * source_url} → source ...) or by an explicit {@link ColumnMapping}. Writing produces Kagami's own columns, which
 * read back to the same indicators.
 */
public final class CsvIndicators {
    /** The fields a column can map to. */
    public enum Field {
        TYPE, VALUE, NAME, DESCRIPTION, CONFIDENCE, TLP, VALID_FROM, VALID_UNTIL, INDICATOR_TYPES, SOURCE, RELATED,
        FIRST_SEEN, LAST_SEEN, ID
    }

    /** Columns written, in order. */
    public static final List<Field> COLUMNS = List.of(Field.TYPE, Field.VALUE, Field.NAME, Field.DESCRIPTION,
            Field.CONFIDENCE, Field.TLP, Field.VALID_FROM, Field.VALID_UNTIL, Field.INDICATOR_TYPES, Field.SOURCE,
            Field.RELATED, Field.FIRST_SEEN, Field.LAST_SEEN, Field.ID);

    private static final Map<String, Field> ALIASES = new HashMap<>();

    static {
        for (Field f : Field.values()) {
            ALIASES.put(f.name().toLowerCase(Locale.ROOT), f);
        }
        alias(Field.VALUE, "indicator", "ioc", "observable", "ioc_value", "indicator_value");
        alias(Field.TYPE, "ioc_type", "indicator_type", "kind", "observable_type");
        alias(Field.NAME, "title");
        alias(Field.DESCRIPTION, "notes", "note", "comment", "comments");
        alias(Field.CONFIDENCE, "score");
        alias(Field.TLP, "marking");
        alias(Field.VALID_FROM, "report_date", "date", "published");
        alias(Field.VALID_UNTIL, "expires", "expiry", "expiration");
        alias(Field.SOURCE, "source_url", "reference", "references", "report");
        alias(Field.RELATED, "malware", "malware_family", "family", "threat");
        alias(Field.ID, "stix_id", "uuid");
    }

    private static void alias(Field f, String... names) {
        for (String n : names) {
            ALIASES.put(n, f);
        }
    }

    private CsvIndicators() {
    }

    /**
     * Which column holds which field. {@code fixedType} applies to every row when the file has no type column.
     *
     * @param columns   field → 0-based column index
     * @param fixedType type for all rows, if the file holds one kind only
     * @param header    whether the first record is a header to skip
     */
    public record ColumnMapping(Map<Field, Integer> columns, Optional<IndicatorType> fixedType, boolean header) {
        public ColumnMapping {
            columns = Map.copyOf(columns);
        }

        /**
         * Parses {@code field=column,...} where column is a header name or a 1-based {@code #index}
         * (e.g. {@code value=ioc,type=#1,related=family}); a bad part is reported at {@code where} (the option
         * that gave the spec).
         */
        public static Map<Field, String> parseSpec(String spec, String where) throws IntelFormatException {
            Map<Field, String> m = new EnumMap<>(Field.class);
            for (String part : spec.split(",")) {
                int eq = part.indexOf('=');
                if (eq <= 0) {
                    throw new IntelFormatException(InputLocation.of(where), "", "csv.mapping", part);
                }
                String field = part.substring(0, eq).strip().toUpperCase(Locale.ROOT).replace('-', '_');
                try {
                    m.put(Field.valueOf(field), part.substring(eq + 1).strip());
                } catch (IllegalArgumentException e) {
                    throw new IntelFormatException(InputLocation.of(where), "", "csv.mappingField",
                            part.substring(0, eq).strip(), Arrays.toString(Field.values()).toLowerCase(Locale.ROOT));
                }
            }
            return m;
        }
    }

    /**
     * A reader for {@code in}.
     *
     * @param explicit  field → header name or {@code #n}; fields not named are found by header aliases
     * @param fixedType type of every row when there is no type column
     * @param delimiter {@code ,} or {@code ;} or tab
     */
    public static IntelReader reader(Reader in, String source, Map<Field, String> explicit,
                                     Optional<IndicatorType> fixedType, char delimiter, Instant importTime) {
        return sink -> {
            CsvParser p = new CsvParser(in, source, delimiter);
            CsvParser.Record first = p.next();
            if (first == null) {
                return;
            }
            ColumnMapping mapping = mapping(first, source, explicit, fixedType);
            if (!mapping.header()) {
                row(first, mapping, source, sink, importTime);
            }
            CsvParser.Record r;
            while ((r = p.next()) != null) {
                row(r, mapping, source, sink, importTime);
            }
        };
    }

    private static ColumnMapping mapping(CsvParser.Record first, String source, Map<Field, String> explicit,
                                         Optional<IndicatorType> fixedType) throws IntelFormatException {
        Map<Field, Integer> cols = new EnumMap<>(Field.class);
        boolean header = false;
        for (int i = 0; i < first.fields().size(); i++) {
            String h = first.fields().get(i).strip().toLowerCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
            Field f = ALIASES.get(h);
            if (f != null && !cols.containsKey(f)) {
                cols.put(f, i);
                header = true;
            }
        }
        for (Map.Entry<Field, String> e : explicit.entrySet()) {
            String c = e.getValue();
            if (c.startsWith("#")) {
                try {
                    cols.put(e.getKey(), Integer.parseInt(c.substring(1)) - 1);
                } catch (NumberFormatException ex) {
                    throw new IntelFormatException(InputLocation.of(source), e.getKey().name().toLowerCase(Locale.ROOT),
                            "csv.columnIndex", c);
                }
            } else {
                int idx = first.fields().stream().map(s -> s.strip()).toList().indexOf(c);
                if (idx < 0) {
                    throw new IntelFormatException(InputLocation.line(source, 1),
                            e.getKey().name().toLowerCase(Locale.ROOT), "csv.noColumn", c);
                }
                cols.put(e.getKey(), idx);
                header = true;
            }
        }
        if (!cols.containsKey(Field.VALUE)) {
            if (header) {
                throw new IntelFormatException(InputLocation.line(source, 1), "value", "csv.noValueColumn");
            }
            cols.put(Field.VALUE, 0);
        }
        return new ColumnMapping(cols, fixedType, header);
    }

    private static void row(CsvParser.Record r, ColumnMapping m, String source, ImportSink sink, Instant now)
            throws IOException {
        IntelMessage loc = InputLocation.line(source, r.line());
        if (r.fields().size() == 1 && r.fields().get(0).isBlank() || r.fields().get(0).startsWith("#")) {
            return;
        }
        try {
            sinkRow(r, m, loc, sink, now);
        } catch (IntelFormatException e) {
            sink.error(e);
        }
    }

    private static void sinkRow(CsvParser.Record r, ColumnMapping m, IntelMessage loc, ImportSink sink, Instant now)
            throws IOException {
        String value = cell(r, m, Field.VALUE);
        if (value.isEmpty()) {
            throw new IntelFormatException(loc, "value", "value.empty");
        }
        String typeText = cell(r, m, Field.TYPE);
        Observable o;
        try {
            if (!typeText.isEmpty()) {
                o = Normalizer.normalize(type(typeText, value, loc), value);
            } else if (m.fixedType().isPresent()) {
                o = Normalizer.normalize(m.fixedType().get(), value);
            } else {
                o = Normalizer.guess(value).orElseThrow(() -> new IntelFormatException(loc, "value", "csv.unknownKind",
                        value));
            }
        } catch (InvalidValueException e) {
            throw new IntelFormatException(loc, "value", e.text());
        }
        if (typeText.equalsIgnoreCase("domain_suffix") && !o.value().startsWith("*.")) {
            o = new Observable(o.type(), "*." + o.value());
        }
        OptionalInt confidence = OptionalInt.empty();
        String c = cell(r, m, Field.CONFIDENCE);
        if (!c.isEmpty()) {
            try {
                int v = Integer.parseInt(c);
                if (v < 0 || v > 100) {
                    throw new NumberFormatException();
                }
                confidence = OptionalInt.of(v);
            } catch (NumberFormatException e) {
                throw new IntelFormatException(loc, "confidence", "csv.confidence", c);
            }
        }
        String t = cell(r, m, Field.TLP);
        Optional<Tlp> tlp = t.isEmpty() ? Optional.empty() : Tlp.parse(t);
        if (!t.isEmpty() && tlp.isEmpty()) {
            throw new IntelFormatException(loc, "tlp", "csv.tlp", t);
        }
        FlatIndicator f = new FlatIndicator(o, cell(r, m, Field.NAME), cell(r, m, Field.DESCRIPTION), confidence, tlp,
                date(r, m, Field.VALID_FROM, loc), date(r, m, Field.VALID_UNTIL, loc),
                list(cell(r, m, Field.INDICATOR_TYPES)), cell(r, m, Field.SOURCE), list(cell(r, m, Field.RELATED)),
                date(r, m, Field.FIRST_SEEN, loc), date(r, m, Field.LAST_SEEN, loc), Optional.empty());
        f.emit(sink, loc, now);
    }

    private static List<String> list(String cell) {
        if (cell.isEmpty()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String s : cell.split("\\|")) {
            if (!s.isBlank() && !out.contains(s.strip())) {
                out.add(s.strip());
            }
        }
        return out;
    }

    private static String cell(CsvParser.Record r, ColumnMapping m, Field f) {
        Integer i = m.columns().get(f);
        if (i == null || i < 0 || i >= r.fields().size()) {
            return "";
        }
        String v = r.fields().get(i).strip();
        // Undo the spreadsheet-injection guard the writer adds (OWASP CSV injection).
        if (v.length() > 1 && v.charAt(0) == '\'' && GUARDED.indexOf(v.charAt(1)) >= 0) {
            v = v.substring(1);
        }
        return v;
    }

    private static Optional<Instant> date(CsvParser.Record r, ColumnMapping m, Field f, IntelMessage loc)
            throws IntelFormatException {
        String v = cell(r, m, f);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(parseDate(v));
        } catch (DateTimeParseException e) {
            throw new IntelFormatException(loc, f.name().toLowerCase(Locale.ROOT), "csv.date", v);
        }
    }

    /** Reads {@code 2022-10-31T00:00:00Z}, {@code 2022-10-31} or {@code 2024-07} (the first of the month). */
    public static Instant parseDate(String v) {
        if (v.length() == 7) {
            return YearMonth.parse(v).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        if (v.length() == 10) {
            return LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        return Instant.parse(v);
    }

    /** The indicator type named in a type column. */
    static IndicatorType type(String text, String value, IntelMessage loc) throws IntelFormatException {
        String t = text.strip().toLowerCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        IndicatorType r = switch (t) {
            case "md5" -> IndicatorType.MD5;
            case "sha1", "sha_1" -> IndicatorType.SHA1;
            case "sha256", "sha_256" -> IndicatorType.SHA256;
            case "sha512", "sha_512" -> IndicatorType.SHA512;
            case "domain", "domain_name", "hostname", "fqdn", "domain_suffix" -> IndicatorType.DOMAIN;
            case "ipv4", "ipv4_addr" -> value.contains("/") ? IndicatorType.CIDR : IndicatorType.IPV4;
            case "ipv6", "ipv6_addr" -> value.contains("/") ? IndicatorType.CIDR : IndicatorType.IPV6;
            case "ip", "ip_dst", "ip_src", "ip_address" -> value.contains("/") ? IndicatorType.CIDR
                    : value.contains(":") ? IndicatorType.IPV6 : IndicatorType.IPV4;
            case "cidr", "ip_range", "netblock" -> IndicatorType.CIDR;
            case "url", "uri" -> IndicatorType.URL;
            case "email", "email_address", "email_addr", "email_src" -> IndicatorType.EMAIL_ADDRESS;
            // A "file name" with a folder in it is a path (as MISP's filename type allows).
            case "filename", "file_name", "file" -> value.contains("\\") || value.contains("/")
                    ? IndicatorType.FILE_PATH : IndicatorType.FILE_NAME;
            case "filepath", "file_path", "path", "directory" -> IndicatorType.FILE_PATH;
            case "registry_key", "regkey", "registry", "windows_registry_key" -> IndicatorType.REGISTRY_KEY;
            case "mutex" -> IndicatorType.MUTEX;
            case "user_agent", "useragent" -> IndicatorType.USER_AGENT;
            case "certificate_serial", "x509_serial", "serial" -> IndicatorType.CERTIFICATE_SERIAL;
            case "asn", "as" -> IndicatorType.ASN;
            case "ja3" -> IndicatorType.JA3;
            default -> null;
        };
        if (r == null) {
            throw new IntelFormatException(loc, "type", "csv.type", text);
        }
        return r;
    }

    /** Every record of an RFC 4180 file as fields (for tools that need the raw table, e.g. pack generators). */
    public static List<List<String>> records(Reader in, String source) throws IOException {
        CsvParser p = new CsvParser(in, source, ',');
        List<List<String>> out = new ArrayList<>();
        CsvParser.Record r;
        while ((r = p.next()) != null) {
            out.add(r.fields());
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------------ writing

    /** Writes one row per observable of each indicator, sorted by type and value. Returns the number of rows. */
    public static int write(List<IntelIndicator> indicators, Writer out) throws IOException {
        List<String[]> rows = new ArrayList<>();
        for (IntelIndicator i : indicators) {
            for (Observable o : i.observables()) {
                rows.add(new String[] {
                    o.typeName(), o.value(), i.name(), i.description(),
                    i.confidence().isPresent() ? Integer.toString(i.confidence().getAsInt()) : "",
                    i.tlp().label(), StixObjects.timestamp(i.validFrom()),
                    i.validUntil().map(StixObjects::timestamp).orElse(""), String.join("|", i.indicatorTypes()),
                    i.source(), String.join("|", i.related()), i.firstSeen().map(StixObjects::timestamp).orElse(""),
                    i.lastSeen().map(StixObjects::timestamp).orElse(""), i.id()});
            }
        }
        rows.sort((a, b) -> {
            int c = a[0].compareTo(b[0]);
            c = c != 0 ? c : a[1].compareTo(b[1]);
            return c != 0 ? c : a[13].compareTo(b[13]);
        });
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < COLUMNS.size(); k++) {
            sb.append(k == 0 ? "" : ",").append(COLUMNS.get(k).name().toLowerCase(Locale.ROOT));
        }
        out.write(sb.append("\r\n").toString());
        for (String[] r : rows) {
            sb.setLength(0);
            for (int k = 0; k < r.length; k++) {
                if (k > 0) {
                    sb.append(',');
                }
                sb.append(quote(r[k]));
            }
            out.write(sb.append("\r\n").toString());
        }
        return rows.size();
    }

    /** First characters the writer guards with a leading {@code '}: formula starters, and the guard itself. */
    private static final String GUARDED = "=+-@'";

    /**
     * RFC 4180 quoting, plus a leading {@code '} before {@code = + - @} so spreadsheets do not run formulas (and
     * before a leading {@code '}, so a value that itself starts with one reads back unchanged).
     */
    static String quote(String v) {
        String s = v;
        if (!s.isEmpty() && GUARDED.indexOf(s.charAt(0)) >= 0) {
            s = "'" + s;
        }
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0
                || (!s.isEmpty() && (Character.isWhitespace(s.charAt(0))
                || Character.isWhitespace(s.charAt(s.length() - 1))))) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }
}
