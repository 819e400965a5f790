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
 * §5.1-5.2 collections, §5.4 get objects with {@code added_after}, {@code limit} and {@code next}, §3.4
 * pagination headers {@code X-TAXII-Date-Added-First/Last}, §1.6.8 media type and authentication). Objects are
 * returned in {@code date_added} order; {@code next} is an opaque server-side cursor. Bound to 127.0.0.1 only.
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
        for (Entry e : all) {
            if (!q.containsKey("added_after") || e.dateAdded().isAfter(Instant.parse(q.get("added_after")))) {
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

    private static Map<String, String> params(String query) {
        Map<String, String> m = new HashMap<>();
        if (query == null) {
            return m;
        }
        for (String p : query.split("&")) {
            int eq = p.indexOf('=');
            if (eq > 0) {
                m.put(p.substring(0, eq), URLDecoder.decode(p.substring(eq + 1), StandardCharsets.UTF_8));
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
