package kagami.intel.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import kagami.core.IndicatorType;
import kagami.core.Tlp;
import kagami.intel.ImportSink;
import kagami.intel.IndicatorFilter;
import kagami.intel.InputLocation;
import kagami.intel.IntelFormatException;
import kagami.intel.IntelMessage;
import kagami.intel.IntelIndicator;
import kagami.intel.IntelReader;
import kagami.intel.Observable;
import kagami.intel.match.IndicatorMatcher;
import kagami.intel.stix.StixBundle;
import kagami.intel.stix.StixObjects;
import kagami.intel.stix.TlpMarkings;
import kagami.intel.stix.pattern.PatternObservables;
import kagami.intel.stix.pattern.StixPattern;
import kagami.intel.stix.pattern.StixPatternException;

/**
 * The embedded indicator store: one SQLite file (xerial sqlite-jdbc) in WAL mode with versioned schema
 * migrations.
 *
 * <p>Every import runs in one transaction, so an import is either wholly in the store or not at all — also when
 * the process is killed in the middle (SQLite's WAL commit is atomic; an uncommitted transaction is discarded on the
 * next open). Objects are kept with all their STIX versions (§3.6); queries see the latest. Observables are stored
 * normalised and indexed, which is what de-duplicates the same value arriving from different feeds and formats.
 *
 * <p>One writer at a time (SQLite); readers in other processes see the last committed state.
 */
public final class IntelStore implements AutoCloseable, kagami.intel.stix.StixSource {
    /** The schema versions this code knows, in order; {@code PRAGMA user_version} records the applied one. */
    private static final List<String> MIGRATIONS = List.of("V1__indicator_store.sql", "V2__taxii_filters.sql");

    private final Connection db;
    private final Path path;

    private IntelStore(Connection db, Path path) {
        this.db = db;
        this.path = path;
    }

    /** Where the store lives unless {@code --db} says otherwise: {@code $XDG_DATA_HOME/kagami/intel.db}. */
    public static Path defaultPath() {
        String xdg = System.getenv("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".local", "share");
        return base.resolve("kagami").resolve("intel.db");
    }

    /** Opens (creating if needed) the store at {@code file} and brings its schema up to date. */
    public static IntelStore open(Path file) throws IntelStoreException {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA busy_timeout = 10000");
                // Takes effect only when the file is created: larger pages mean shallower B-trees for big stores.
                s.execute("PRAGMA page_size = 8192");
                s.execute("PRAGMA journal_mode = WAL");
                // NORMAL in WAL mode: a crash of the process never loses or tears a committed transaction; a power
                // loss may lose the last commits but never corrupts (sqlite.org/pragma.html#pragma_synchronous).
                s.execute("PRAGMA synchronous = NORMAL");
                s.execute("PRAGMA foreign_keys = ON");
                s.execute("PRAGMA cache_size = -262144");
                s.execute("PRAGMA temp_store = MEMORY");
            }
            IntelStore store = new IntelStore(c, file);
            store.migrate();
            return store;
        } catch (SQLException e) {
            throw new IntelStoreException(e, "store.open", file, e.getMessage());
        } catch (IOException e) {
            throw new IntelStoreException(e, "store.folder", file, e.getMessage());
        }
    }

    public Path path() {
        return path;
    }

    /** The schema version of the file. */
    public int schemaVersion() throws IntelStoreException {
        try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("PRAGMA user_version")) {
            return r.next() ? r.getInt(1) : 0;
        } catch (SQLException e) {
            throw wrap(e);
        }
    }

    private void migrate() throws IntelStoreException, SQLException {
        int version = schemaVersion();
        if (version > MIGRATIONS.size()) {
            throw new IntelStoreException(null, "store.newer", path, version, MIGRATIONS.size());
        }
        for (int v = version; v < MIGRATIONS.size(); v++) {
            String sql;
            try (InputStream in = IntelStore.class.getResourceAsStream(MIGRATIONS.get(v))) {
                if (in == null) {
                    throw new IntelStoreException(null, "store.migration", MIGRATIONS.get(v));
                }
                sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IntelStoreException(e, "store.migration", MIGRATIONS.get(v));
            }
            int next = v + 1;
            transaction(() -> {
                try (Statement s = db.createStatement()) {
                    for (String stmt : splitSql(sql)) {
                        s.execute(stmt);
                    }
                    s.execute("PRAGMA user_version = " + next);
                }
            });
        }
    }

    /** Work inside one SQL transaction. */
    @FunctionalInterface
    private interface SqlWork {
        void run() throws SQLException;
    }

    /** Runs {@code work} in one transaction: committed whole, or rolled back on any failure. */
    private void transaction(SqlWork work) throws SQLException {
        db.setAutoCommit(false);
        try {
            work.run();
            db.commit();
        } catch (SQLException | RuntimeException e) {
            db.rollback();
            throw e;
        } finally {
            db.setAutoCommit(true);
        }
    }

    private static List<String> splitSql(String sql) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (String line : sql.split("\n")) {
            String t = line.strip();
            if (t.startsWith("--") || t.isEmpty()) {
                continue;
            }
            cur.append(line).append('\n');
            if (t.endsWith(";")) {
                out.add(cur.toString());
                cur.setLength(0);
            }
        }
        if (!cur.toString().isBlank()) {
            out.add(cur.toString());
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------------ import

    /**
     * Options of one import.
     *
     * @param defaultTlp      TLP of objects that carry no TLP marking
     * @param continueOnError skip records that cannot be imported (reported in the result) instead of rolling back
     * @param maxErrors       give up (and roll back) after this many skipped records even when continuing
     */
    public record ImportOptions(Tlp defaultTlp, boolean continueOnError, int maxErrors) {
        public static ImportOptions defaults() {
            return new ImportOptions(Tlp.AMBER, false, 1000);
        }

        public ImportOptions withDefaultTlp(Tlp t) {
            return new ImportOptions(t, continueOnError, maxErrors);
        }

        public ImportOptions withContinueOnError(boolean c) {
            return new ImportOptions(defaultTlp, c, maxErrors);
        }
    }

    /**
     * What an import did.
     *
     * @param batch      the import's id in the store
     * @param objects    objects read
     * @param added      objects new to the store
     * @param updated    new versions of objects already present
     * @param unchanged  objects already present in this or a newer version (idempotent re-import)
     * @param indicators indicator objects among the added and updated
     * @param errors     records skipped ({@code --continue-on-error})
     * @param warnings   things worth telling that did not stop the record
     */
    public record ImportResult(long batch, int objects, int added, int updated, int unchanged, int indicators,
                               List<IntelFormatException> errors, List<IntelMessage> warnings) {
    }

    /**
     * Imports what {@code reader} delivers in one transaction. Without {@code continueOnError} the first bad
     * record rolls everything back and is thrown; with it, bad records are skipped and listed.
     */
    public ImportResult importFrom(String source, String format, ImportOptions options, IntelReader reader)
            throws IOException {
        try {
            db.setAutoCommit(false);
            Session session = new Session(options, begin(source, format));
            try {
                reader.read(session);
                session.finish();
                db.commit();
            } catch (IOException | RuntimeException | Error e) {
                rollbackQuietly();
                throw e;
            } catch (SQLException e) {
                rollbackQuietly();
                throw wrap(e);
            } finally {
                session.close();
            }
            return session.result();
        } catch (SQLException e) {
            rollbackQuietly();
            throw wrap(e);
        } finally {
            try {
                db.setAutoCommit(true);
            } catch (SQLException e) {
                // connection broken; the next call reports it
            }
        }
    }

    private void rollbackQuietly() {
        try {
            db.rollback();
        } catch (SQLException e) {
            // nothing more we can do; SQLite discards the open transaction when the connection closes
        }
    }

    private long begin(String source, String format) throws SQLException {
        try (PreparedStatement p = db.prepareStatement(
                "INSERT INTO import_batch(source, format, started) VALUES (?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            p.setString(1, source);
            p.setString(2, format);
            p.setString(3, StixObjects.timestamp(Instant.now()));
            p.executeUpdate();
            try (ResultSet k = p.getGeneratedKeys()) {
                k.next();
                return k.getLong(1);
            }
        }
    }

    /** One import transaction: checks each object, versions it, and keeps the query tables in step. */
    private final class Session implements ImportSink, AutoCloseable {
        private final ImportOptions options;
        private final long batch;
        private final PreparedStatement selectLatest;
        private final PreparedStatement insertLatestIfNew;
        private final PreparedStatement insertObject;
        private final PreparedStatement upsertLatest;
        private final PreparedStatement upsertIndicator;
        private final PreparedStatement deleteObservables;
        private final PreparedStatement insertObservable;
        private final PreparedStatement upsertSdo;
        private final PreparedStatement upsertRelationship;
        private final PreparedStatement upsertSighting;
        private final PreparedStatement touchSeen;
        private final PreparedStatement upsertMarking;
        private final Map<String, Tlp> markings = new HashMap<>();
        private final List<IntelFormatException> errors = new ArrayList<>();
        private final List<IntelMessage> warnings = new ArrayList<>();
        private int warningCount;
        /** Rows added to the insertObject / insertObservable / upsertIndicator batches, not yet executed. */
        private int pending;
        private int objects;
        private int added;
        private int updated;
        private int unchanged;
        private int indicators;
        private final MessageDigest sha256;

        Session(ImportOptions options, long batch) throws SQLException {
            this.options = options;
            this.batch = batch;
            selectLatest = db.prepareStatement("SELECT modified, created, hash FROM latest WHERE id = ?");
            insertLatestIfNew = db.prepareStatement("INSERT INTO latest(id, type, modified, created, hash, tlp) "
                    + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING");
            insertObject = db.prepareStatement(
                    "INSERT OR IGNORE INTO stix_object(id, modified, type, batch, json) VALUES (?, ?, ?, ?, ?)");
            upsertLatest = db.prepareStatement("INSERT INTO latest(id, type, modified, created, hash, tlp) "
                    + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET modified = excluded.modified, "
                    + "hash = excluded.hash, tlp = excluded.tlp");
            upsertIndicator = db.prepareStatement("INSERT OR REPLACE INTO indicator(id, name, description, pattern, "
                    + "pattern_type, indicator_types, confidence, tlp, valid_from, valid_until, revoked, context, "
                    + "complete, source, first_seen, last_seen, created, modified, batch) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
            deleteObservables = db.prepareStatement("DELETE FROM observable WHERE indicator_id = ?");
            insertObservable = db.prepareStatement(
                    "INSERT OR IGNORE INTO observable(type, value, indicator_id) VALUES (?, ?, ?)");
            upsertSdo = db.prepareStatement(
                    "INSERT OR REPLACE INTO sdo(id, type, name, external_id, tlp, revoked) VALUES (?, ?, ?, ?, ?, ?)");
            upsertRelationship = db.prepareStatement("INSERT OR REPLACE INTO relationship(id, relationship_type, "
                    + "source_ref, target_ref, tlp, revoked) VALUES (?, ?, ?, ?, ?, ?)");
            upsertSighting = db.prepareStatement("INSERT OR REPLACE INTO sighting(id, sighting_of_ref, count, "
                    + "first_seen, last_seen, tlp) VALUES (?, ?, ?, ?, ?, ?)");
            touchSeen = db.prepareStatement("UPDATE indicator SET "
                    + "first_seen = CASE WHEN first_seen IS NULL OR first_seen > ? THEN ? ELSE first_seen END, "
                    + "last_seen = CASE WHEN last_seen IS NULL OR last_seen < ? THEN ? ELSE last_seen END "
                    + "WHERE id = ?");
            upsertMarking = db.prepareStatement("INSERT OR REPLACE INTO marking(id, tlp) VALUES (?, ?)");
            try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("SELECT id, tlp FROM marking")) {
                while (r.next()) {
                    markings.put(r.getString(1), Tlp.values()[r.getInt(2)]);
                }
            }
            try {
                sha256 = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void error(IntelFormatException e) throws IntelFormatException {
            if (!options.continueOnError()) {
                throw e;
            }
            errors.add(e);
            if (errors.size() > options.maxErrors()) {
                throw new IntelFormatException(e.location(), "", IntelMessage.of("import.tooManyErrors",
                        options.maxErrors()), e);
            }
        }

        @Override
        public void warning(IntelMessage location, IntelMessage message) {
            warningCount++;
            if (warnings.size() < 1000) {
                warnings.add(IntelMessage.of("warning.at", location, message));
            }
        }

        @Override
        public void acceptIfAbsent(ObjectNode o, IntelMessage location) throws IOException {
            String id = o.path("id").asText("");
            if (!id.isEmpty()) {
                try {
                    selectLatest.setString(1, id);
                    try (ResultSet r = selectLatest.executeQuery()) {
                        if (r.next()) {
                            objects++;
                            unchanged++;
                            return;
                        }
                    }
                } catch (SQLException e) {
                    throw wrap(e);
                }
            }
            accept(o, location, true);
        }

        @Override
        public void accept(ObjectNode o, IntelMessage location, boolean derived) throws IOException {
            objects++;
            try {
                StixObjects.check(o, location);
                String type = o.get("type").asText();
                // Parse before writing anything: a bad pattern must not leave a half-written object behind.
                PatternObservables.Extraction extraction = null;
                if (type.equals("indicator")) {
                    extraction = indicatorObservables(o, location);
                } else if (type.equals("sighting")) {
                    for (String f : new String[] {"first_seen", "last_seen"}) {
                        if (o.has(f)) {
                            StixObjects.parseTimestamp(o.get(f), location, f);
                        }
                    }
                }
                store(o, type, location, derived, extraction);
            } catch (IntelFormatException e) {
                objects--;
                error(e);
            } catch (SQLException e) {
                throw wrap(e);
            }
        }

        private PatternObservables.Extraction indicatorObservables(ObjectNode o, IntelMessage location)
                throws IntelFormatException {
            String patternType = o.path("pattern_type").asText("stix");
            if (!patternType.equals("stix")) {
                return new PatternObservables.Extraction(List.of(), List.of(), false);
            }
            try {
                PatternObservables.Extraction x = PatternObservables.extract(StixPattern.parse(o.get("pattern")
                        .asText()));
                for (IntelMessage p : x.problems()) {
                    warning(location, "import.patternValueSkipped", p);
                }
                return x;
            } catch (StixPatternException e) {
                throw new IntelFormatException(location, "pattern", e.text(), e);
            }
        }

        private void store(ObjectNode o, String type, IntelMessage location, boolean derived,
                           PatternObservables.Extraction extraction) throws SQLException, IntelFormatException {
            String id = o.get("id").asText();
            boolean sco = StixObjects.isSco(type);
            String modified = sco ? "" : canonicalTime(o.has("modified") ? o.get("modified") : o.get("created"));
            String created = sco ? "" : canonicalTime(o.get("created"));
            long hash = contentHash(o);
            Tlp tlp = type.equals("marking-definition") ? Tlp.CLEAR : tlpOf(o, location);
            // Most objects of a bulk import are new: claim the id first, look at the stored version only if taken.
            insertLatestIfNew.setString(1, id);
            insertLatestIfNew.setString(2, type);
            insertLatestIfNew.setString(3, modified);
            insertLatestIfNew.setString(4, created);
            insertLatestIfNew.setLong(5, hash);
            insertLatestIfNew.setInt(6, tlp.ordinal());
            boolean isNew = insertLatestIfNew.executeUpdate() == 1;
            String prevModified = null;
            String prevCreated = null;
            long prevHash = 0;
            if (!isNew) {
                selectLatest.setString(1, id);
                try (ResultSet r = selectLatest.executeQuery()) {
                    if (r.next()) {
                        prevModified = r.getString(1);
                        prevCreated = r.getString(2);
                        prevHash = r.getLong(3);
                    }
                }
            }
            if (prevModified != null) {
                if (prevHash == hash || modified.compareTo(prevModified) < 0) {
                    unchanged++;
                    if (!derived) {
                        // An older version we had not seen is still history worth keeping (§3.6).
                        insertVersion(id, modified, type, o);
                    }
                    return;
                }
                if (modified.equals(prevModified)) {
                    if (derived) {
                        // Same flat record re-imported with changed content in the same second: a new version.
                        modified = StixObjects.timestamp(Instant.parse(prevModified).plusMillis(1));
                        o.put("modified", modified);
                    } else {
                        unchanged++;
                        warning(location, "import.sameModified", id);
                        return;
                    }
                }
                if (derived && !prevCreated.equals(created)) {
                    o.put("created", prevCreated);
                    created = prevCreated;
                }
                updated++;
            } else {
                added++;
            }
            insertVersion(id, modified, type, o);
            if (!isNew) {
                upsertLatest.setString(1, id);
                upsertLatest.setString(2, type);
                upsertLatest.setString(3, modified);
                upsertLatest.setString(4, created);
                upsertLatest.setLong(5, hash);
                upsertLatest.setInt(6, tlp.ordinal());
                upsertLatest.executeUpdate();
            }
            boolean revoked = o.path("revoked").asBoolean(false);
            switch (type) {
                case "indicator" -> {
                    indicators++;
                    storeIndicator(o, id, tlp, revoked, extraction, prevModified != null);
                }
                case "relationship" -> {
                    upsertRelationship.setString(1, id);
                    upsertRelationship.setString(2, o.get("relationship_type").asText());
                    upsertRelationship.setString(3, o.get("source_ref").asText());
                    upsertRelationship.setString(4, o.get("target_ref").asText());
                    upsertRelationship.setInt(5, tlp.ordinal());
                    upsertRelationship.setInt(6, revoked ? 1 : 0);
                    upsertRelationship.executeUpdate();
                }
                case "sighting" -> storeSighting(o, id, tlp, location);
                case "marking-definition" -> {
                    Optional<Tlp> t = TlpMarkings.of(o);
                    if (t.isPresent() && TlpMarkings.known(id).isEmpty()) {
                        markings.put(id, t.get());
                        upsertMarking.setString(1, id);
                        upsertMarking.setInt(2, t.get().ordinal());
                        upsertMarking.executeUpdate();
                    }
                }
                default -> {
                    if (o.has("name") && !sco) {
                        upsertSdo.setString(1, id);
                        upsertSdo.setString(2, type);
                        upsertSdo.setString(3, o.get("name").asText());
                        upsertSdo.setString(4, externalId(o));
                        upsertSdo.setInt(5, tlp.ordinal());
                        upsertSdo.setInt(6, revoked ? 1 : 0);
                        upsertSdo.executeUpdate();
                    }
                }
            }
        }

        private void insertVersion(String id, String modified, String type, ObjectNode o) throws SQLException {
            insertObject.setString(1, id);
            insertObject.setString(2, modified);
            insertObject.setString(3, type);
            insertObject.setLong(4, batch);
            insertObject.setString(5, o.toString());
            insertObject.addBatch();
            if (++pending >= 512) {
                flush();
            }
        }

        /**
         * Runs the batched inserts. Batches only hold rows nothing in this session reads back, and are flushed before
         * any statement that could depend on them (deleting an indicator's observables) and at the end.
         */
        void flush() throws SQLException {
            if (pending > 0) {
                insertObject.executeBatch();
                upsertIndicator.executeBatch();
                insertObservable.executeBatch();
                pending = 0;
            }
        }

        private void storeIndicator(ObjectNode o, String id, Tlp tlp, boolean revoked,
                                    PatternObservables.Extraction x, boolean existed) throws SQLException {
            if (existed) {
                // A new version replaces rows that may still sit in a batch: run the batch first (executing a batch
                // clears the statement's parameters, so this must come before they are set).
                flush();
            }
            List<String> types = new ArrayList<>();
            o.path("indicator_types").forEach(t -> types.add(t.asText()));
            upsertIndicator.setString(1, id);
            upsertIndicator.setString(2, o.path("name").asText(""));
            upsertIndicator.setString(3, o.path("description").asText(""));
            upsertIndicator.setString(4, o.get("pattern").asText());
            upsertIndicator.setString(5, o.path("pattern_type").asText("stix"));
            upsertIndicator.setString(6, String.join(",", types));
            if (o.has("confidence")) {
                upsertIndicator.setInt(7, o.get("confidence").asInt());
            } else {
                upsertIndicator.setNull(7, Types.INTEGER);
            }
            upsertIndicator.setInt(8, tlp.ordinal());
            upsertIndicator.setString(9, canonicalTime(o.get("valid_from")));
            upsertIndicator.setString(10, o.has("valid_until") ? canonicalTime(o.get("valid_until")) : null);
            upsertIndicator.setInt(11, revoked ? 1 : 0);
            boolean context = !types.isEmpty() && types.stream().noneMatch(t -> t.equals("malicious-activity")
                    || t.equals("compromised") || t.equals("attribution") || t.equals("anonymization"));
            upsertIndicator.setInt(12, context ? 1 : 0);
            upsertIndicator.setInt(13, x.complete() ? 1 : 0);
            upsertIndicator.setString(14, sourceOf(o));
            upsertIndicator.setString(15, optionalTime(o.get("x_kagami_first_seen")));
            upsertIndicator.setString(16, optionalTime(o.get("x_kagami_last_seen")));
            upsertIndicator.setString(17, canonicalTime(o.get("created")));
            upsertIndicator.setString(18, canonicalTime(o.get("modified")));
            upsertIndicator.setLong(19, batch);
            if (existed) {
                upsertIndicator.executeUpdate();
                deleteObservables.setString(1, id);
                deleteObservables.executeUpdate();
            } else {
                upsertIndicator.addBatch();
                pending++;
            }
            for (Observable ob : x.observables()) {
                insertObservable.setString(1, ob.typeName());
                insertObservable.setString(2, ob.value());
                insertObservable.setString(3, id);
                insertObservable.addBatch();
                pending++;
            }
        }

        private void storeSighting(ObjectNode o, String id, Tlp tlp, IntelMessage location) throws SQLException,
                IntelFormatException {
            String of = o.get("sighting_of_ref").asText();
            String first = o.has("first_seen") ? canonicalTime(o.get("first_seen")) : null;
            String last = o.has("last_seen") ? canonicalTime(o.get("last_seen")) : null;
            upsertSighting.setString(1, id);
            upsertSighting.setString(2, of);
            if (o.has("count")) {
                upsertSighting.setLong(3, o.get("count").asLong());
            } else {
                upsertSighting.setNull(3, Types.INTEGER);
            }
            upsertSighting.setString(4, first);
            upsertSighting.setString(5, last);
            upsertSighting.setInt(6, tlp.ordinal());
            upsertSighting.executeUpdate();
            // A MISP false-positive or expiration sighting (MISP core format §2.9, types 1 and 2) says the value was
            // looked at, not that the threat was seen: it does not move the indicator's first/last seen.
            String misp = o.path("x_misp_sighting_type").asText("seen");
            boolean seen = !misp.equals("false-positive") && !misp.equals("expiration");
            if (seen && (first != null || last != null)) {
                String f = first != null ? first : last;
                String l = last != null ? last : first;
                touchSeen.setString(1, f);
                touchSeen.setString(2, f);
                touchSeen.setString(3, l);
                touchSeen.setString(4, l);
                touchSeen.setString(5, of);
                flush();
                touchSeen.executeUpdate();
            }
        }

        private Tlp tlpOf(ObjectNode o, IntelMessage location) {
            Tlp result = null;
            for (JsonNode ref : o.path("object_marking_refs")) {
                String id = ref.asText();
                Tlp t = TlpMarkings.known(id).orElse(markings.get(id));
                if (t != null && (result == null || t.compareTo(result) > 0)) {
                    result = t;
                }
            }
            return result != null ? result : options.defaultTlp();
        }

        private long contentHash(ObjectNode o) {
            ObjectNode copy = o.deepCopy();
            copy.remove("created");
            copy.remove("modified");
            byte[] d = sha256.digest(copy.toString().getBytes(StandardCharsets.UTF_8));
            long h = 0;
            for (int i = 0; i < 8; i++) {
                h = (h << 8) | (d[i] & 0xff);
            }
            return h;
        }

        void finish() throws SQLException {
            flush();
            try (PreparedStatement p = db.prepareStatement(
                    "UPDATE import_batch SET finished = ?, objects = ? WHERE id = ?")) {
                p.setString(1, StixObjects.timestamp(Instant.now()));
                p.setInt(2, objects);
                p.setLong(3, batch);
                p.executeUpdate();
            }
            if (warningCount > warnings.size()) {
                warnings.add(IntelMessage.of("import.moreWarnings", warningCount - warnings.size()));
            }
        }

        ImportResult result() {
            return new ImportResult(batch, objects, added, updated, unchanged, indicators, List.copyOf(errors),
                    List.copyOf(warnings));
        }

        @Override
        public void close() {
            for (PreparedStatement p : new PreparedStatement[] {selectLatest, insertLatestIfNew, insertObject, upsertLatest,
                    upsertIndicator, deleteObservables, insertObservable, upsertSdo, upsertRelationship,
                    upsertSighting, touchSeen, upsertMarking}) {
                try {
                    p.close();
                } catch (SQLException e) {
                    // closing a statement of a finished transaction cannot lose data
                }
            }
        }
    }

    /** STIX timestamps re-written with millisecond precision, so text order is time order in SQL. */
    private static String canonicalTime(JsonNode n) {
        return StixObjects.canonical(n.asText());
    }


    private static String optionalTime(JsonNode n) {
        if (n == null || !n.isTextual()) {
            return null;
        }
        try {
            return StixObjects.timestamp(Instant.parse(n.asText()));
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The first external reference's URL, else its source name: where the indicator was reported. */
    private static String sourceOf(JsonNode o) {
        for (JsonNode r : o.path("external_references")) {
            if (r.hasNonNull("url")) {
                return r.get("url").asText();
            }
        }
        for (JsonNode r : o.path("external_references")) {
            if (r.hasNonNull("source_name")) {
                return r.get("source_name").asText();
            }
        }
        return "";
    }

    private static String externalId(JsonNode o) {
        for (JsonNode r : o.path("external_references")) {
            if (r.hasNonNull("external_id")) {
                return r.get("external_id").asText();
            }
        }
        return null;
    }

    // ------------------------------------------------------------------------------------------------ queries

    private static final String INDICATOR_COLUMNS = "i.id, i.name, i.description, i.pattern, i.pattern_type, "
            + "i.indicator_types, i.confidence, i.tlp, i.valid_from, i.valid_until, i.revoked, i.source, "
            + "i.first_seen, i.last_seen, i.created, i.modified";

    /**
     * Streams every indicator passing {@code filter} to {@code consumer}, with its observables restricted to the
     * filter's types (indicators left without any such observable are skipped when types are given).
     */
    public void forEachIndicator(IndicatorFilter filter, Consumer<IntelIndicator> consumer)
            throws IntelStoreException {
        forEachIndicator(filter, consumer, false);
    }

    /** With {@code candidates}, only the indicators whose ids are in the temporary table {@code search_ids}. */
    private void forEachIndicator(IndicatorFilter filter, Consumer<IntelIndicator> consumer, boolean candidates)
            throws IntelStoreException {
        StringBuilder sql = new StringBuilder("SELECT ").append(INDICATOR_COLUMNS)
                .append(", o.type, o.value FROM indicator i LEFT JOIN observable o ON o.indicator_id = i.id")
                .append(candidates ? " JOIN search_ids c ON c.id = i.id" : "")
                .append(" WHERE i.tlp <= ?");
        if (!filter.includeContext()) {
            sql.append(" AND i.context = 0");
        }
        sql.append(" ORDER BY i.id, o.type, o.value");
        Map<String, List<String>> related = relatedNames(candidates);
        try (PreparedStatement p = db.prepareStatement(sql.toString())) {
            p.setInt(1, filter.maxTlp().ordinal());
            try (ResultSet r = p.executeQuery()) {
                Row current = null;
                while (r.next()) {
                    String id = r.getString(1);
                    if (current == null || !current.id.equals(id)) {
                        emit(current, filter, related, consumer);
                        current = new Row(id, r);
                    }
                    String type = r.getString(17);
                    if (type != null) {
                        current.observables.add(new Observable(IndicatorType.valueOf(type.toUpperCase(Locale.ROOT)),
                                r.getString(18)));
                    }
                }
                emit(current, filter, related, consumer);
            }
        } catch (SQLException e) {
            throw wrap(e);
        }
    }

    /** All indicators passing {@code filter}, in id order. */
    public List<IntelIndicator> indicators(IndicatorFilter filter) throws IntelStoreException {
        List<IntelIndicator> out = new ArrayList<>();
        forEachIndicator(filter, out::add);
        return out;
    }

    private static void emit(Row row, IndicatorFilter filter, Map<String, List<String>> related,
                             Consumer<IntelIndicator> consumer) {
        if (row == null) {
            return;
        }
        List<Observable> obs = row.observables;
        if (!filter.types().isEmpty()) {
            obs = obs.stream().filter(o -> filter.acceptsType(o.type())).toList();
            if (obs.isEmpty()) {
                return;
            }
        }
        IntelIndicator i = row.build(obs, related.getOrDefault(row.id, List.of()));
        if (filter.accepts(i)) {
            consumer.accept(i);
        }
    }

    /** Indicator id → names of the objects it indicates or is related to (malware, intrusion sets, campaigns). */
    private Map<String, List<String>> relatedNames(boolean candidates) throws IntelStoreException {
        Map<String, List<String>> m = new HashMap<>();
        String sql = "SELECT r.source_ref, s.name FROM relationship r JOIN sdo s ON s.id = r.target_ref "
                + (candidates ? "JOIN search_ids c ON c.id = r.source_ref " : "")
                + "WHERE r.source_ref LIKE 'indicator--%' AND r.revoked = 0 AND s.type IN ('malware', 'tool', "
                + "'intrusion-set', 'threat-actor', 'campaign') ORDER BY s.type DESC, s.name";
        try (Statement s = db.createStatement(); ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                List<String> l = m.computeIfAbsent(r.getString(1), k -> new ArrayList<>(2));
                if (!l.contains(r.getString(2))) {
                    l.add(r.getString(2));
                }
            }
        } catch (SQLException e) {
            throw wrap(e);
        }
        return m;
    }

    private static final class Row {
        final String id;
        final String name;
        final String description;
        final String pattern;
        final String patternType;
        final List<String> types;
        final OptionalInt confidence;
        final Tlp tlp;
        final Instant validFrom;
        final Optional<Instant> validUntil;
        final boolean revoked;
        final String source;
        final Optional<Instant> firstSeen;
        final Optional<Instant> lastSeen;
        final Instant created;
        final Instant modified;
        final List<Observable> observables = new ArrayList<>(1);

        Row(String id, ResultSet r) throws SQLException {
            this.id = id;
            name = r.getString(2);
            description = r.getString(3);
            pattern = r.getString(4);
            patternType = r.getString(5);
            String t = r.getString(6);
            types = t.isEmpty() ? List.of() : Arrays.asList(t.split(","));
            int c = r.getInt(7);
            confidence = r.wasNull() ? OptionalInt.empty() : OptionalInt.of(c);
            tlp = Tlp.values()[r.getInt(8)];
            validFrom = Instant.parse(r.getString(9));
            validUntil = Optional.ofNullable(r.getString(10)).map(Instant::parse);
            revoked = r.getInt(11) != 0;
            source = r.getString(12);
            firstSeen = Optional.ofNullable(r.getString(13)).map(Instant::parse);
            lastSeen = Optional.ofNullable(r.getString(14)).map(Instant::parse);
            created = Instant.parse(r.getString(15));
            modified = Instant.parse(r.getString(16));
        }

        IntelIndicator build(List<Observable> obs, List<String> related) {
            return new IntelIndicator(id, name, description, pattern, patternType, obs, types, confidence, tlp,
                    validFrom, validUntil, revoked, source, related, firstSeen, lastSeen, created, modified);
        }
    }

    /**
     * The indicators a value matches, with the matcher's rules (domain and parents, IP in CIDR, URL and its host,
     * hashes, file names and paths with globs, registry keys), without loading the whole store: candidates are found
     * with indexed look-ups (plus a scan of the CIDR and wildcard rows only), then matched in memory.
     */
    public List<IndicatorMatcher.Match> search(String raw, IndicatorFilter filter) throws IntelStoreException {
        if (raw == null || raw.isBlank()) {
            return List.of();
        }
        try (Statement st = db.createStatement()) {
            st.execute("CREATE TEMP TABLE IF NOT EXISTS search_ids(id TEXT PRIMARY KEY)");
            st.execute("DELETE FROM search_ids");
            collectCandidates(raw.strip());
            IndicatorMatcher.Builder b = IndicatorMatcher.builder();
            forEachIndicator(filter, b::add, true);
            return b.build().lookupAny(raw);
        } catch (SQLException e) {
            throw wrap(e);
        }
    }

    /** {@link #search(String, IndicatorFilter)} over every indicator, expired ones included. */
    public List<IndicatorMatcher.Match> search(String raw) throws IntelStoreException {
        return search(raw, IndicatorFilter.all());
    }

    private void collectCandidates(String v) throws SQLException {
        List<String[]> exact = new ArrayList<>();
        List<String[]> nocase = new ArrayList<>();
        boolean cidrScan = false;
        Optional<Observable> g = kagami.intel.normalize.Normalizer.guess(v);
        if (g.isPresent()) {
            Observable o = g.get();
            exact.add(new String[] {o.typeName(), o.value()});
            if (o.type() == IndicatorType.DOMAIN) {
                domainCandidates(o.value(), exact);
                nocase.add(new String[] {"file_name", v.toLowerCase(Locale.ROOT)});
            } else if (o.type() == IndicatorType.IPV4 || o.type() == IndicatorType.IPV6) {
                cidrScan = true;
            } else if (o.type() == IndicatorType.URL) {
                String rest = o.value().substring(o.value().indexOf("://") + 3);
                int end = 0;
                while (end < rest.length() && "/?#".indexOf(rest.charAt(end)) < 0) {
                    end++;
                }
                String host = rest.substring(0, end);
                host = host.substring(host.lastIndexOf('@') + 1);
                if (host.startsWith("[")) {
                    exact.add(new String[] {"ipv6", host.substring(1, Math.max(1, host.indexOf(']')))});
                    cidrScan = true;
                } else {
                    if (host.lastIndexOf(':') > 0) {
                        host = host.substring(0, host.lastIndexOf(':'));
                    }
                    if (host.matches("[0-9.]+")) {
                        exact.add(new String[] {"ipv4", host});
                        cidrScan = true;
                    } else {
                        domainCandidates(host, exact);
                    }
                }
            }
        } else {
            String lower = v.toLowerCase(Locale.ROOT);
            nocase.add(new String[] {"file_path", lower});
            nocase.add(new String[] {"file_name", lower});
            for (int i = 0; i < lower.length() - 1; i++) {
                char c = lower.charAt(i);
                if (c == '\\' || c == '/') {
                    // Folder indicators match what lies inside them; the last component is a file name.
                    nocase.add(new String[] {"file_path", lower.substring(0, i + 1)});
                    nocase.add(new String[] {"file_name", lower.substring(i + 1)});
                }
            }
            try {
                nocase.add(new String[] {"registry_key", kagami.intel.normalize.Normalizer.normalize(
                        IndicatorType.REGISTRY_KEY, v).value().toLowerCase(Locale.ROOT)});
            } catch (kagami.intel.normalize.InvalidValueException e) {
                // not a registry key: nothing to add
            }
            exact.add(new String[] {"mutex", v});
            exact.add(new String[] {"user_agent", v});
        }
        try (PreparedStatement ins = db.prepareStatement("INSERT OR IGNORE INTO search_ids(id) "
                + "SELECT indicator_id FROM observable WHERE type = ? AND value = ?")) {
            for (String[] k : exact) {
                ins.setString(1, k[0]);
                ins.setString(2, k[1]);
                ins.executeUpdate();
            }
        }
        // Windows names are case-insensitive: compare lower-cased, within the rows of that type only.
        try (PreparedStatement ins = db.prepareStatement("INSERT OR IGNORE INTO search_ids(id) "
                + "SELECT indicator_id FROM observable WHERE type = ? AND lower(value) = ?")) {
            for (String[] k : nocase) {
                ins.setString(1, k[0]);
                ins.setString(2, k[1]);
                ins.executeUpdate();
            }
        }
        try (Statement st = db.createStatement()) {
            // Globs and %VARIABLE% placeholders in file names and paths are few; the matcher decides on them.
            st.executeUpdate("INSERT OR IGNORE INTO search_ids(id) SELECT indicator_id FROM observable WHERE type IN "
                    + "('file_name', 'file_path') AND (instr(value, '*') > 0 OR instr(value, '?') > 0 "
                    + "OR instr(value, '%') > 0)");
            if (cidrScan) {
                st.executeUpdate("INSERT OR IGNORE INTO search_ids(id) SELECT indicator_id FROM observable "
                        + "WHERE type = 'cidr'");
            }
        }
    }

    /** A domain, each parent, and the {@code *.parent} wildcards that cover it. */
    private static void domainCandidates(String domain, List<String[]> exact) {
        String s = domain.startsWith("*.") ? domain.substring(2) : domain;
        while (true) {
            exact.add(new String[] {"domain", s});
            exact.add(new String[] {"domain", "*." + s});
            int dot = s.indexOf('.');
            if (dot < 0) {
                return;
            }
            s = s.substring(dot + 1);
        }
    }

    /** Builds the in-memory matcher over the indicators passing {@code filter}. */
    public IndicatorMatcher matcher(IndicatorFilter filter) throws IntelStoreException {
        IndicatorMatcher.Builder b = IndicatorMatcher.builder();
        forEachIndicator(filter, b::add);
        return b.build();
    }

    /**
     * The latest version of every object of {@code type} (all types when null) marked at most {@code maxTlp}, as
     * stored JSON, with the TLP the store holds for it (its marking, or the import's default).
     */
    public void forEachObject(String type, Tlp maxTlp, java.util.function.BiConsumer<ObjectNode, Tlp> consumer)
            throws IntelStoreException {
        String sql = "SELECT o.json, l.tlp FROM latest l JOIN stix_object o ON o.id = l.id AND o.modified = l.modified"
                + " WHERE l.tlp <= ?" + (type == null ? "" : " AND l.type = ?") + " ORDER BY l.type, l.id";
        try (PreparedStatement p = db.prepareStatement(sql)) {
            p.setInt(1, maxTlp.ordinal());
            if (type != null) {
                p.setString(2, type);
            }
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    consumer.accept((ObjectNode) StixBundle.MAPPER.readTree(r.getString(1)), Tlp.values()[r.getInt(2)]);
                }
            }
        } catch (SQLException e) {
            throw wrap(e);
        } catch (IOException e) {
            throw new IntelStoreException(e, "store.damagedJson", path, e.getMessage());
        }
    }

    @Override
    public void forEachObject(Tlp maxTlp, java.util.function.BiConsumer<ObjectNode, Tlp> consumer)
            throws IntelStoreException {
        forEachObject(null, maxTlp, consumer);
    }

    @Override
    public Map<String, String> objectIds(Tlp maxTlp) throws IntelStoreException {
        Map<String, String> m = new HashMap<>();
        try (PreparedStatement p = db.prepareStatement("SELECT id, type FROM latest WHERE tlp <= ?")) {
            p.setInt(1, maxTlp.ordinal());
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    m.put(r.getString(1), r.getString(2));
                }
            }
        } catch (SQLException e) {
            throw wrap(e);
        }
        return m;
    }

    /** Every stored version of the object {@code id}, oldest first. */
    public List<ObjectNode> versions(String id) throws IntelStoreException {
        List<ObjectNode> out = new ArrayList<>();
        try (PreparedStatement p = db.prepareStatement("SELECT json FROM stix_object WHERE id = ? ORDER BY modified")) {
            p.setString(1, id);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add((ObjectNode) StixBundle.MAPPER.readTree(r.getString(1)));
                }
            }
        } catch (SQLException e) {
            throw wrap(e);
        } catch (IOException e) {
            throw new IntelStoreException(e, "store.damagedJson", path, e.getMessage());
        }
        return out;
    }

    /** Counts for {@code kagami intel stats}. */
    public record Stats(long indicators, long active, long expired, long revoked, long context, long patternOnly,
                        Map<String, Long> observablesByType, Map<String, Long> objectsByType,
                        Map<String, Long> indicatorsByTlp, long versions, long imports) {
    }

    public Stats stats(Instant now) throws IntelStoreException {
        String t = StixObjects.timestamp(now);
        try (Statement s = db.createStatement()) {
            long total = count(s, "SELECT count(*) FROM indicator");
            long expired = count(s, "SELECT count(*) FROM indicator WHERE valid_until IS NOT NULL AND valid_until <= '"
                    + t + "'");
            long revoked = count(s, "SELECT count(*) FROM indicator WHERE revoked = 1");
            long active = count(s, "SELECT count(*) FROM indicator WHERE revoked = 0 AND valid_from <= '" + t
                    + "' AND (valid_until IS NULL OR valid_until > '" + t + "')");
            long context = count(s, "SELECT count(*) FROM indicator WHERE context = 1");
            long patternOnly = count(s, "SELECT count(*) FROM indicator i WHERE NOT EXISTS "
                    + "(SELECT 1 FROM observable o WHERE o.indicator_id = i.id)");
            Map<String, Long> byType = groups(s, "SELECT type, count(DISTINCT value) FROM observable GROUP BY type");
            Map<String, Long> objects = groups(s, "SELECT type, count(*) FROM latest GROUP BY type");
            Map<String, Long> byTlp = new LinkedHashMap<>();
            try (ResultSet r = s.executeQuery("SELECT tlp, count(*) FROM indicator GROUP BY tlp ORDER BY tlp")) {
                while (r.next()) {
                    byTlp.put(Tlp.values()[r.getInt(1)].label(), r.getLong(2));
                }
            }
            long versions = count(s, "SELECT count(*) FROM stix_object");
            long imports = count(s, "SELECT count(*) FROM import_batch");
            return new Stats(total, active, expired, revoked, context, patternOnly, byType, objects, byTlp, versions,
                    imports);
        } catch (SQLException e) {
            throw wrap(e);
        }
    }

    private static long count(Statement s, String sql) throws SQLException {
        try (ResultSet r = s.executeQuery(sql)) {
            return r.next() ? r.getLong(1) : 0;
        }
    }

    private static Map<String, Long> groups(Statement s, String sql) throws SQLException {
        Map<String, Long> m = new LinkedHashMap<>();
        try (ResultSet r = s.executeQuery(sql + " ORDER BY 1")) {
            while (r.next()) {
                m.put(r.getString(1), r.getLong(2));
            }
        }
        return m;
    }

    /**
     * Expiry. Indicators whose {@code valid_until} has passed are no longer active (blocklists and matchers leave
     * them out by default). With {@code lifetimes}, indicators without a {@code valid_until} whose observables are
     * all of a listed type get one ({@code valid_from} + lifetime) as a new STIX version; with {@code purge},
     * expired indicators are deleted with all their versions.
     *
     * @return indicators given a lifetime, expired now, and purged
     */
    public record ExpiryResult(int lifetimesSet, long expired, long purged) {
    }

    public ExpiryResult expire(Instant now, Map<IndicatorType, java.time.Duration> lifetimes, boolean purge)
            throws IOException {
        int[] set = {0};
        if (!lifetimes.isEmpty()) {
            List<ObjectNode> changed = new ArrayList<>();
            List<IntelIndicator> open = new ArrayList<>();
            forEachIndicator(IndicatorFilter.all(), i -> {
                if (i.validUntil().isEmpty() && !i.observables().isEmpty()
                        && i.observables().stream().allMatch(o -> lifetimes.containsKey(o.type()))) {
                    open.add(i);
                }
            });
            for (IntelIndicator i : open) {
                java.time.Duration life = i.observables().stream().map(o -> lifetimes.get(o.type()))
                        .max(java.time.Duration::compareTo).orElseThrow();
                Instant base = i.lastSeen().filter(ls -> ls.isAfter(i.validFrom())).orElse(i.validFrom());
                Instant until = base.plus(life);
                if (!until.isAfter(i.validFrom())) {
                    continue;
                }
                for (ObjectNode o : versions(i.id())) {
                    if (Instant.parse(o.get("modified").asText()).equals(i.modified())) {
                        o.put("valid_until", StixObjects.timestamp(until));
                        Instant mod = now.isAfter(i.modified()) ? now : i.modified().plusMillis(1);
                        o.put("modified", StixObjects.timestamp(mod));
                        changed.add(o);
                    }
                }
            }
            if (!changed.isEmpty()) {
                importFrom("expire", "expire", ImportOptions.defaults(), sink -> {
                    for (ObjectNode o : changed) {
                        sink.accept(o, InputLocation.stixId(o.get("id").asText()), false);
                        set[0]++;
                    }
                });
            }
        }
        String t = StixObjects.timestamp(now);
        try (Statement s = db.createStatement()) {
            long expired = count(s, "SELECT count(*) FROM indicator WHERE valid_until IS NOT NULL AND valid_until <= '"
                    + t + "'");
            long[] purged = {0};
            if (purge && expired > 0) {
                transaction(() -> {
                    String where = "(SELECT id FROM indicator WHERE valid_until IS NOT NULL AND valid_until <= '" + t
                            + "')";
                    s.executeUpdate("DELETE FROM observable WHERE indicator_id IN " + where);
                    s.executeUpdate("DELETE FROM stix_object WHERE id IN " + where);
                    s.executeUpdate("DELETE FROM latest WHERE id IN " + where);
                    s.executeUpdate("DELETE FROM relationship WHERE source_ref IN " + where);
                    purged[0] = s.executeUpdate("DELETE FROM indicator WHERE valid_until IS NOT NULL AND "
                            + "valid_until <= '" + t + "'");
                });
            }
            return new ExpiryResult(set[0], expired, purged[0]);
        } catch (SQLException e) {
            throw wrap(e);
        }
    }

    // ------------------------------------------------------------------------------------------------ TAXII state

    /**
     * The {@code added_after} to resume a TAXII pull from, if this collection was pulled before with the same
     * filter ({@code filter} is {@link kagami.intel.taxii.ObjectFilter#key()}, empty for none).
     */
    public Optional<String> taxiiAddedAfter(String apiRoot, String collection, String filter)
            throws IntelStoreException {
        try (PreparedStatement p = db.prepareStatement(
                "SELECT added_after FROM taxii_position WHERE api_root = ? AND collection = ? AND filter = ?")) {
            p.setString(1, apiRoot);
            p.setString(2, collection);
            p.setString(3, filter);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? Optional.ofNullable(r.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw wrap(e);
        }
    }

    /** Records how far a pull got; called inside the page's import so both commit together. */
    public void saveTaxiiAddedAfter(String apiRoot, String collection, String filter, String addedAfter)
            throws IntelStoreException {
        try (PreparedStatement p = db.prepareStatement("INSERT INTO taxii_position(api_root, collection, filter, "
                + "added_after, pulled) VALUES (?, ?, ?, ?, ?) ON CONFLICT(api_root, collection, filter) DO UPDATE "
                + "SET added_after = excluded.added_after, pulled = excluded.pulled")) {
            p.setString(1, apiRoot);
            p.setString(2, collection);
            p.setString(3, filter);
            p.setString(4, addedAfter);
            p.setString(5, StixObjects.timestamp(Instant.now()));
            p.executeUpdate();
        } catch (SQLException e) {
            throw wrap(e);
        }
    }

    /** SQLite's own integrity check (used by the crash-safety test and {@code stats --check}). */
    public String integrityCheck() throws IntelStoreException {
        try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("PRAGMA integrity_check")) {
            return r.next() ? r.getString(1) : "no result";
        } catch (SQLException e) {
            throw wrap(e);
        }
    }

    private IntelStoreException wrap(SQLException e) {
        return new IntelStoreException(e, "store.sql", path, e.getMessage());
    }

    @Override
    public void close() throws IntelStoreException {
        try {
            db.close();
        } catch (SQLException e) {
            throw wrap(e);
        }
    }
}
