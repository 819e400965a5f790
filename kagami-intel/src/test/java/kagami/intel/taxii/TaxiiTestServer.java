package kagami.intel.taxii;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import kagami.intel.stix.StixBundle;

/**
 * A TAXII 2.1 server for tests, written from the specification (OASIS TAXII 2.1 §4.1 discovery, §4.2 API root,
 * §5.1-5.2 collections, §5.4 get objects with {@code added_after}, {@code limit} and {@code next}, the §3.4.1 match
 * filters {@code match[type]}, {@code match[id]} and {@code match[version]} (comma-separated alternatives; version
 * {@code last} by default, {@code first}, {@code all} or a {@code modified} timestamp), §3.4 pagination headers
 * {@code X-TAXII-Date-Added-First/Last}, §1.6.8 media type and authentication). Objects are returned in
 * {@code date_added} order; {@code next} is an opaque server-side cursor over the same query. Each entry is one
 * object version. Bound to 127.0.0.1 only.
 */
final class TaxiiTestServer implements AutoCloseable {
    static final String MEDIA = "application/taxii+json;version=2.1";

    /** One stored object with the time the server added it. */
    record Entry(Instant dateAdded, ObjectNode object) {
    }

    private final HttpServer server;
    final Map<String, List<Entry>> collections = new ConcurrentHashMap<>();
    private final Map<String, Integer> cursors = new ConcurrentHashMap<>();
    /** The query string of every objects request, in order. */
    final List<String> objectQueries = new CopyOnWriteArrayList<>();
    volatile int maxPage = 10;
    volatile boolean sendNext = true;
    volatile String basicUser;
    volatile String basicPassword;
    volatile String apiKeyHeader;
    volatile String apiKey;
    /** Fail the objects request with HTTP 500 when it is the n-th (1-based); 0 = never. */
    volatile int failRequest;
    /** Answer as if the match filters were not there (a server that does not implement them). */
    volatile boolean ignoreMatch;
    private volatile int objectRequests;

    TaxiiTestServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    URI apiRoot() {
        return base().resolve("/api1/");
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange x) throws IOException {
        try {
            String accept = x.getRequestHeaders().getFirst("Accept");
            if (accept == null || !accept.contains("application/taxii+json")) {
                error(x, 406, "Not Acceptable", "Accept must be " + MEDIA);
                return;
            }
            if (!authorised(x)) {
                x.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"taxii\"");
                error(x, 401, "Unauthorized", "valid credentials required");
                return;
            }
            String path = x.getRequestURI().getPath();
            if (path.equals("/taxii2/")) {
                ObjectNode d = StixBundle.MAPPER.createObjectNode();
                d.put("title", "Kagami test TAXII server");
                d.put("default", "/api1/");
                d.putArray("api_roots").add("/api1/");
                send(x, 200, d, Map.of());
            } else if (path.equals("/api1/")) {
                ObjectNode r = StixBundle.MAPPER.createObjectNode();
                r.put("title", "test root");
                r.putArray("versions").add(MEDIA);
                r.put("max_content_length", 10_485_760);
                send(x, 200, r, Map.of());
            } else if (path.equals("/api1/collections/")) {
                ObjectNode r = StixBundle.MAPPER.createObjectNode();
                ArrayNode a = r.putArray("collections");
                for (String id : collections.keySet()) {
                    ObjectNode c = a.addObject();
                    c.put("id", id);
                    c.put("title", "collection " + id);
                    c.put("can_read", true);
                    c.put("can_write", false);
                    c.putArray("media_types").add(MEDIA);
                }
                send(x, 200, r, Map.of());
            } else if (path.startsWith("/api1/collections/") && path.endsWith("/objects/")) {
                objects(x, path.substring("/api1/collections/".length(), path.length() - "/objects/".length()));
            } else {
                error(x, 404, "Not Found", path);
            }
        } finally {
            x.close();
        }
    }

    private boolean authorised(HttpExchange x) {
        if (basicUser != null) {
            String h = x.getRequestHeaders().getFirst("Authorization");
            String expected = "Basic " + Base64.getEncoder().encodeToString((basicUser + ":" + basicPassword)
                    .getBytes(StandardCharsets.UTF_8));
            return expected.equals(h);
        }
        if (apiKeyHeader != null) {
            return apiKey.equals(x.getRequestHeaders().getFirst(apiKeyHeader));
        }
        return true;
    }

    private void objects(HttpExchange x, String id) throws IOException {
        String query = x.getRequestURI().getRawQuery();
        objectQueries.add(query == null ? "" : query);
        if (failRequest > 0 && ++objectRequests == failRequest) {
            error(x, 500, "Internal Server Error", "simulated failure");
            return;
        }
        List<Entry> all = collections.get(id);
        if (all == null) {
            error(x, 404, "Not Found", "no collection " + id);
            return;
        }
        Map<String, String> q = params(query);
        int limit = Math.min(maxPage, q.containsKey("limit") ? Integer.parseInt(q.get("limit")) : maxPage);
        List<Entry> selected = new ArrayList<>();
        List<String> types = ignoreMatch ? List.of() : values(q, "match[type]");
        List<String> ids = ignoreMatch ? List.of() : values(q, "match[id]");
        List<String> versions = ignoreMatch ? List.of() : values(q, "match[version]");
        for (Entry e : versions(all, versions.isEmpty() ? List.of("last") : versions)) {
            if ((!q.containsKey("added_after") || e.dateAdded().isAfter(Instant.parse(q.get("added_after"))))
                    && (types.isEmpty() || types.contains(e.object().path("type").asText()))
                    && (ids.isEmpty() || ids.contains(e.object().path("id").asText()))) {
                selected.add(e);
            }
        }
        selected.sort((a, b) -> a.dateAdded().compareTo(b.dateAdded()));
        int start = 0;
        if (q.containsKey("next")) {
            Integer s = cursors.remove(q.get("next"));
            if (s == null) {
                error(x, 400, "Bad Request", "unknown or expired next cursor");
                return;
            }
            start = s;
        }
        int end = Math.min(selected.size(), start + limit);
        List<Entry> page = selected.subList(Math.min(start, end), end);
        ObjectNode env = StixBundle.MAPPER.createObjectNode();
        boolean more = end < selected.size();
        env.put("more", more);
        if (more && sendNext) {
            String token = UUID.randomUUID().toString();
            cursors.put(token, end);
            env.put("next", token);
        }
        ArrayNode objs = env.putArray("objects");
        page.forEach(e -> objs.add(e.object()));
        Map<String, String> headers = new HashMap<>();
        if (!page.isEmpty()) {
            headers.put("X-TAXII-Date-Added-First", page.get(0).dateAdded().toString());
            headers.put("X-TAXII-Date-Added-Last", page.get(page.size() - 1).dateAdded().toString());
        }
        send(x, 200, env, headers);
    }

    /** The comma-separated alternatives of a filter (§3.4.1), empty when the filter is absent. */
    private static List<String> values(Map<String, String> q, String name) {
        return q.containsKey(name) ? List.of(q.get(name).split(",")) : List.of();
    }

    /** The versions {@code selectors} ask for (§3.4.1 match[version]), per object id, by STIX modified. */
    private static List<Entry> versions(List<Entry> all, List<String> selectors) {
        Map<String, List<Entry>> byId = new HashMap<>();
        for (Entry e : all) {
            byId.computeIfAbsent(e.object().path("id").asText(), k -> new ArrayList<>()).add(e);
        }
        List<Entry> out = new ArrayList<>();
        for (List<Entry> versions : byId.values()) {
            versions.sort((a, b) -> Instant.parse(a.object().path("modified").asText())
                    .compareTo(Instant.parse(b.object().path("modified").asText())));
            for (Entry e : versions) {
                String modified = e.object().path("modified").asText();
                boolean wanted = selectors.contains("all")
                        || selectors.contains("first") && e == versions.get(0)
                        || selectors.contains("last") && e == versions.get(versions.size() - 1)
                        || selectors.stream().anyMatch(s -> s.contains("T")
                                && Instant.parse(s).equals(Instant.parse(modified)));
                if (wanted) {
                    out.add(e);
                }
            }
        }
        return out;
    }

    private static Map<String, String> params(String query) {
        Map<String, String> m = new HashMap<>();
        if (query == null) {
            return m;
        }
        for (String p : query.split("&")) {
            int eq = p.indexOf('=');
            if (eq > 0) {
                m.put(URLDecoder.decode(p.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(p.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return m;
    }

    private static void error(HttpExchange x, int status, String title, String description) throws IOException {
        ObjectNode e = StixBundle.MAPPER.createObjectNode();
        e.put("title", title);
        e.put("description", description);
        e.put("http_status", Integer.toString(status));
        send(x, status, e, Map.of());
    }

    private static void send(HttpExchange x, int status, ObjectNode body, Map<String, String> headers)
            throws IOException {
        byte[] b = body.toString().getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", MEDIA);
        headers.forEach((k, v) -> x.getResponseHeaders().add(k, v));
        x.sendResponseHeaders(status, b.length);
        try (OutputStream os = x.getResponseBody()) {
            os.write(b);
        }
    }
}
