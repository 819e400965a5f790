package kagami.intel.taxii;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import kagami.intel.InputLocation;
import kagami.intel.IntelFormatException;
import kagami.intel.IntelMessage;
import kagami.intel.stix.StixBundle;
import kagami.intel.store.IntelStore;
import kagami.core.io.LimitExceededException;
import kagami.core.io.LimitedInputStream;

/**
 * A TAXII 2.1 client (OASIS TAXII 2.1): discovery (§4.1), API root (§4.2), collections (§5.1-5.2) and the objects
 * endpoint (§5.4) with filtering ({@code added_after}, and the {@code match[type]}, {@code match[id]} and
 * {@code match[version]} filters of §3.4.1: {@link ObjectFilter}) and pagination, HTTP Basic or API-key
 * authentication (§1.6.8), and resumable pulls
 * into the indicator store.
 *
 * <p>Paging follows §3.4: while the envelope says {@code more}, ask again with its {@code next}; a server that
 * pages without {@code next} is followed with {@code added_after} = the {@code X-TAXII-Date-Added-Last} header
 * (never STIX {@code modified}, which is not what {@code added_after} filters on). Each page is imported in its own
 * transaction together with the position reached, so a pull killed half-way resumes after the last committed page.
 */
public final class TaxiiClient {
    /** The TAXII 2.1 media type (§1.6.8.1). */
    public static final String MEDIA_TYPE = "application/taxii+json;version=2.1";
    /** Largest response body accepted (the spec lets servers advertise max_content_length for uploads only). */
    public static final long MAX_RESPONSE = 256L << 20;
    /** Pages one pull follows at most, so a misbehaving server cannot keep the client forever. */
    public static final int MAX_PAGES = 100_000;

    /** How to authenticate. */
    public sealed interface Auth {
        /** No credentials. */
        record None() implements Auth { }

        /** HTTP Basic (RFC 7617), the scheme every TAXII 2.1 server supports. */
        record Basic(String user, String password) implements Auth { }

        /** An API key or token sent in a header, e.g. {@code Authorization: Bearer KEY} or {@code X-API-Key: KEY}. */
        record ApiKey(String header, String value) implements Auth { }
    }

    /** A collection as the server describes it (§5.2). */
    public record Collection(String id, String title, boolean canRead, boolean canWrite) {
    }

    /**
     * One objects page.
     *
     * @param objects        the STIX objects
     * @param more           the server has more
     * @param next           the cursor for the next page, if any
     * @param dateAddedFirst {@code X-TAXII-Date-Added-First}
     * @param dateAddedLast  {@code X-TAXII-Date-Added-Last}
     */
    public record Page(List<ObjectNode> objects, boolean more, Optional<String> next, Optional<String> dateAddedFirst,
                       Optional<String> dateAddedLast) {
    }

    /**
     * What a pull did.
     *
     * @param pages       pages fetched
     * @param objects     objects received
     * @param added       new to the store
     * @param updated     new versions
     * @param addedAfter  position reached (resume point), if the server told it
     * @param warnings    things worth telling
     */
    public record PullResult(int pages, int objects, int added, int updated, Optional<String> addedAfter,
                             List<IntelMessage> warnings) {
    }

    private final HttpClient http;
    private final Auth auth;
    private final Duration timeout;

    public TaxiiClient(Auth auth, Duration timeout) {
        this.auth = Objects.requireNonNull(auth);
        this.timeout = Objects.requireNonNull(timeout);
        // Redirects are not followed: credentials must not be replayed to another host.
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Discovery (§4.1): the API roots a server offers; the default first. */
    public List<URI> discover(URI server) throws IOException {
        URI u = server.getPath().endsWith("/taxii2/") ? server : server.resolve("/taxii2/");
        JsonNode d = get(u);
        List<URI> roots = new ArrayList<>();
        if (d.hasNonNull("default")) {
            roots.add(u.resolve(d.get("default").asText()));
        }
        for (JsonNode r : d.path("api_roots")) {
            URI root = u.resolve(r.asText());
            if (!roots.contains(root)) {
                roots.add(root);
            }
        }
        return roots;
    }

    /** Checks the API root speaks TAXII 2.1 (§4.2: {@code versions}). */
    public JsonNode apiRoot(URI apiRoot) throws IOException {
        JsonNode r = get(slash(apiRoot));
        boolean v21 = false;
        for (JsonNode v : r.path("versions")) {
            v21 |= v.asText().replace(" ", "").equalsIgnoreCase(MEDIA_TYPE);
        }
        if (!v21) {
            throw new TaxiiException(200, "taxii.version", apiRoot, MEDIA_TYPE);
        }
        return r;
    }

    /** Collections of an API root (§5.1). */
    public List<Collection> collections(URI apiRoot) throws IOException {
        JsonNode r = get(slash(apiRoot).resolve("collections/"));
        List<Collection> out = new ArrayList<>();
        for (JsonNode c : r.path("collections")) {
            out.add(new Collection(c.path("id").asText(), c.path("title").asText(""), c.path("can_read").asBoolean(),
                    c.path("can_write").asBoolean()));
        }
        return out;
    }

    /** One page of a collection's objects (§5.4), without match filters. */
    public Page objects(URI apiRoot, String collection, Optional<String> addedAfter, Optional<String> next, int limit)
            throws IOException {
        return objects(apiRoot, collection, addedAfter, ObjectFilter.NONE, next, limit);
    }

    /**
     * One page of a collection's objects (§5.4): those added after {@code addedAfter} that pass {@code filter}
     * (§3.4.1), continuing at {@code next} when given.
     */
    public Page objects(URI apiRoot, String collection, Optional<String> addedAfter, ObjectFilter filter,
                        Optional<String> next, int limit) throws IOException {
        if (!collection.matches("[A-Za-z0-9._~-]{1,256}")) {
            throw new TaxiiException(0, "taxii.collectionId", collection);
        }
        StringBuilder q = new StringBuilder();
        addedAfter.ifPresent(a -> param(q, "added_after", a));
        for (String[] p : filter.parameters()) {
            // The spec separates alternatives with commas: each value is encoded, the separators are kept.
            List<String> values = new ArrayList<>();
            for (String v : p[1].split(",")) {
                values.add(URLEncoder.encode(v, StandardCharsets.UTF_8));
            }
            q.append(q.length() > 0 ? "&" : "").append(URLEncoder.encode(p[0], StandardCharsets.UTF_8)).append('=')
                    .append(String.join(",", values));
        }
        if (limit > 0) {
            param(q, "limit", Integer.toString(limit));
        }
        next.ifPresent(n -> param(q, "next", n));
        URI u = slash(apiRoot).resolve("collections/" + collection + "/objects/" + (q.length() > 0 ? "?" + q : ""));
        Response r = request(u);
        JsonNode env = r.body;
        List<ObjectNode> objects = new ArrayList<>();
        for (JsonNode o : env.path("objects")) {
            if (o instanceof ObjectNode on) {
                objects.add(on);
            } else {
                throw new IntelFormatException(InputLocation.of(u.toString()), "objects", "stix.notObject");
            }
        }
        Optional<String> nxt = env.hasNonNull("next") && !env.get("next").asText().isEmpty()
                ? Optional.of(env.get("next").asText()) : Optional.empty();
        return new Page(objects, env.path("more").asBoolean(false), nxt,
                r.response.headers().firstValue("X-TAXII-Date-Added-First"),
                r.response.headers().firstValue("X-TAXII-Date-Added-Last"));
    }

    /** {@link #pull(IntelStore, URI, String, ObjectFilter, Optional, int, IntelStore.ImportOptions)} of everything. */
    public PullResult pull(IntelStore store, URI apiRoot, String collection, Optional<String> since, int limit,
                           IntelStore.ImportOptions options) throws IOException {
        return pull(store, apiRoot, collection, ObjectFilter.NONE, since, limit, options);
    }

    /**
     * Pulls the objects of a collection that pass {@code filter} into {@code store}: from {@code since} if given,
     * else from where the last pull of this collection with this filter stopped, else from the beginning. Objects
     * a server sends although the filter excludes them (a server that ignores {@code match[...]}) are left out
     * and reported.
     */
    public PullResult pull(IntelStore store, URI apiRoot, String collection, ObjectFilter filter,
                           Optional<String> since, int limit, IntelStore.ImportOptions options) throws IOException {
        String root = slash(apiRoot).toString();
        String filterKey = filter.key();
        // The query's added_after: kept while following next cursors (§3.4: the same original query), moved to
        // X-TAXII-Date-Added-Last when the server pages by date instead.
        Optional<String> queryAfter = since.isPresent() ? since : store.taxiiAddedAfter(root, collection, filterKey);
        Optional<String> reached = queryAfter;
        Optional<String> next = Optional.empty();
        List<IntelMessage> warnings = new ArrayList<>();
        int pages = 0;
        int objects = 0;
        int added = 0;
        int updated = 0;
        String lastNext = null;
        String url = root + "collections/" + collection + "/objects/";
        while (true) {
            if (++pages > MAX_PAGES) {
                throw new TaxiiException(0, "taxii.tooManyPages", MAX_PAGES);
            }
            Page page = objects(apiRoot, collection, queryAfter, filter, next, limit);
            final Optional<String> save = page.dateAddedLast();
            if (save.isPresent()) {
                reached = save;
            }
            IntelMessage src = InputLocation.page(url, pages);
            List<ObjectNode> wanted = new ArrayList<>(page.objects().size());
            for (ObjectNode o : page.objects()) {
                if (filter.admits(o)) {
                    wanted.add(o);
                }
            }
            if (wanted.size() < page.objects().size()) {
                warnings.add(IntelMessage.of("taxii.outsideFilter", src, page.objects().size() - wanted.size(),
                        filterKey));
            }
            IntelStore.ImportResult r = store.importFrom(url + " page " + pages, "taxii", options, sink -> {
                int i = 0;
                for (ObjectNode o : wanted) {
                    i++;
                    sink.accept(o, InputLocation.object(src, i, o.path("id").asText("")), false);
                }
                if (save.isPresent()) {
                    store.saveTaxiiAddedAfter(root, collection, filterKey, save.get());
                }
            });
            objects += wanted.size();
            added += r.added();
            updated += r.updated();
            warnings.addAll(r.warnings());
            r.errors().forEach(e -> warnings.add(e.text()));
            if (page.dateAddedLast().isEmpty() && !page.objects().isEmpty()) {
                warnings.add(IntelMessage.of("taxii.noDateAdded", pages));
            }
            if (!page.more() || page.objects().isEmpty()) {
                return new PullResult(pages, objects, added, updated, reached, warnings);
            }
            if (page.next().isPresent()) {
                if (page.next().get().equals(lastNext)) {
                    throw new TaxiiException(0, "taxii.sameNext");
                }
                lastNext = page.next().get();
                next = page.next();
            } else {
                if (page.dateAddedLast().isEmpty()) {
                    throw new TaxiiException(0, "taxii.cannotPage");
                }
                queryAfter = page.dateAddedLast();
                next = Optional.empty();
            }
        }
    }

    private static void param(StringBuilder q, String name, String value) {
        if (q.length() > 0) {
            q.append('&');
        }
        q.append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
    }

    private static URI slash(URI u) {
        String s = u.toString();
        return s.endsWith("/") ? u : URI.create(s + "/");
    }

    private record Response(HttpResponse<InputStream> response, JsonNode body) {
    }

    private JsonNode get(URI u) throws IOException {
        return request(u).body;
    }

    private Response request(URI u) throws IOException {
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new TaxiiException(0, "taxii.scheme", u);
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(u).timeout(timeout).GET().header("Accept", MEDIA_TYPE);
        if (auth instanceof Auth.Basic basic) {
            String token = Base64.getEncoder().encodeToString((basic.user() + ":" + basic.password())
                    .getBytes(StandardCharsets.UTF_8));
            b.header("Authorization", "Basic " + token);
        } else if (auth instanceof Auth.ApiKey key) {
            b.header(key.header(), key.value());
        }
        HttpResponse<InputStream> resp;
        try {
            resp = http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TaxiiException(0, IntelMessage.of("taxii.interrupted", u), e);
        } catch (IOException e) {
            // Connection refused, TLS failure, timeout: the JDK's text (often empty) plus what was asked.
            throw new TaxiiException(0, IntelMessage.of("taxii.connect", u, e.getClass().getSimpleName()
                    + (e.getMessage() != null ? ": " + e.getMessage() : "")), e);
        }
        byte[] bytes;
        try (InputStream in = new LimitedInputStream(resp.body(), MAX_RESPONSE, "TAXII response bytes")) {
            bytes = in.readAllBytes();
        } catch (LimitExceededException e) {
            throw new TaxiiException(resp.statusCode(), IntelMessage.of("taxii.tooLarge", u, MAX_RESPONSE), e);
        } catch (IOException e) {
            throw new TaxiiException(0, IntelMessage.of("taxii.connect", u, e.getClass().getSimpleName()
                    + (e.getMessage() != null ? ": " + e.getMessage() : "")), e);
        }
        if (resp.statusCode() / 100 != 2) {
            throw error(u, resp.statusCode(), bytes);
        }
        String ct = resp.headers().firstValue("Content-Type").orElse("");
        if (!ct.toLowerCase(Locale.ROOT).startsWith("application/taxii+json")
                && !ct.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new TaxiiException(resp.statusCode(), "taxii.contentType", u, ct, MEDIA_TYPE);
        }
        JsonNode body;
        try {
            body = StixBundle.MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new IntelFormatException(InputLocation.of(u.toString()), "",
                    IntelMessage.of("json.malformed", e.getOriginalMessage()), e);
        }
        if (body == null || !body.isObject()) {
            throw new IntelFormatException(InputLocation.of(u.toString()), "", "taxii.notObject");
        }
        return new Response(resp, body);
    }

    /** A TAXII error message (§3.6: {@code title}, {@code description}) made readable. */
    private static TaxiiException error(URI u, int status, byte[] bytes) {
        String detail = "";
        try {
            JsonNode e = StixBundle.MAPPER.readTree(bytes);
            if (e != null && e.isObject()) {
                detail = e.path("title").asText("") + (e.hasNonNull("description") ? ": "
                        + e.get("description").asText() : "");
            }
        } catch (IOException ignored) {
            // not a TAXII error envelope; the status code says enough
        }
        IntelMessage what = switch (status) {
            case 400, 401, 403, 404, 406, 416 -> IntelMessage.of("taxii.status" + status, MEDIA_TYPE);
            default -> IntelMessage.of("taxii.statusOther", status);
        };
        return detail.isBlank() ? new TaxiiException(status, "taxii.error", u, what)
                : new TaxiiException(status, "taxii.errorDetail", u, what, detail.strip());
    }
}
