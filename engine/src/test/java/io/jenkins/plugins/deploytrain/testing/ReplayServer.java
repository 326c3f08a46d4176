package io.jenkins.plugins.deploytrain.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A local stand-in for a SaaS we cannot reach (Slack, Datadog) that replays recorded responses and
 * injects faults: 429 storms with Retry-After, 5xx, slow answers (timeouts), ok:false bodies.
 * Routes are "METHOD /path"; each holds a queue of responses whose last one repeats.
 */
public final class ReplayServer implements AutoCloseable {

    public record Reply(int status, Map<String, String> headers, String body, Duration delay) {
        public static Reply json(int status, String body) {
            return new Reply(status, Map.of("Content-Type", "application/json; charset=utf-8"), body, Duration.ZERO);
        }

        public static Reply ok(String body) {
            return json(200, body);
        }

        public static Reply status(int status) {
            return new Reply(status, Map.of(), "", Duration.ZERO);
        }

        public static Reply rateLimited(long retryAfterSeconds) {
            return new Reply(429, Map.of("Retry-After", String.valueOf(retryAfterSeconds)), "", Duration.ZERO);
        }

        public Reply delayed(Duration by) {
            return new Reply(status, headers, body, by);
        }
    }

    public record Recorded(String method, String path, String query, Map<String, List<String>> headers, String body, Instant at) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    /** One request/response pair of a recorded cassette. */
    public record Exchange(String method, String path, Map<String, List<String>> query, String requestBody, int status, String body) {
    }

    /**
     * Written in a reply's body, it is replaced by the request's headers (JSON-string safe): a server that echoes
     * what it was sent in its error body, as some proxies and debug endpoints do, credentials included.
     */
    public static final String REQUEST_HEADERS = "{{request-headers}}";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "replay-server");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Deque<Reply>> routes = new HashMap<>();
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private volatile Reply everything;

    public ReplayServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Replaces the route's replies: each request takes the next one, the last one repeats. */
    public synchronized ReplayServer on(String method, String path, Reply... replies) {
        routes.put(method + " " + path, new ArrayDeque<>(List.of(replies)));
        return this;
    }

    /** Every route answers this (an outage), until {@link #recover()}. */
    public void outage(Reply reply) {
        everything = reply;
    }

    public void recover() {
        everything = null;
    }

    public List<Recorded> requests() {
        return List.copyOf(requests);
    }

    public List<Recorded> requests(String method, String path) {
        return requests.stream().filter(r -> r.method().equals(method) && r.path().equals(path)).toList();
    }

    /** The form fields of a recorded request body (application/x-www-form-urlencoded). */
    public static Map<String, String> form(Recorded r) {
        Map<String, String> out = new HashMap<>();
        for (String pair : r.body().split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(java.net.URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    public static String fixture(String relative) throws IOException {
        return Files.readString(fixtures().resolve(relative));
    }

    public static Path fixtures() {
        return Path.of(System.getProperty("deploytrain.fixtures"));
    }

    /** Reads a Datadog (MockServer format) cassette. */
    public static List<Exchange> cassette(String relative) throws IOException {
        List<Exchange> out = new ArrayList<>();
        for (JsonNode e : JSON.readTree(fixture(relative))) {
            JsonNode rq = e.path("httpRequest");
            JsonNode rs = e.path("httpResponse");
            Map<String, List<String>> query = new HashMap<>();
            rq.path("queryStringParameters").fields().forEachRemaining(f -> {
                List<String> values = new ArrayList<>();
                f.getValue().forEach(v -> values.add(v.asText()));
                query.put(f.getKey(), values);
            });
            out.add(new Exchange(rq.path("method").asText(), rq.path("path").asText(), query,
                    rq.path("body").path("json").asText(null), rs.path("statusCode").asInt(),
                    rs.path("body").isMissingNode() || rs.path("body").isNull() ? "" : rs.path("body").asText()));
        }
        return out;
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] requestBody = exchange.getRequestBody().readAllBytes();
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        requests.add(new Recorded(method, path, exchange.getRequestURI().getRawQuery(), Map.copyOf(exchange.getRequestHeaders()),
                new String(requestBody, StandardCharsets.UTF_8), Instant.now()));
        Reply reply = everything != null ? everything : next(method + " " + path);
        if (reply == null) {
            reply = Reply.json(404, "{\"replay\":\"no route for " + method + " " + path + "\"}");
        }
        try {
            if (!reply.delay().isZero()) {
                Thread.sleep(reply.delay().toMillis());
            }
            reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            byte[] body = reply.body().replace(REQUEST_HEADERS, echo(exchange)).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException clientGone) {
            // the client timed out and closed the connection: that is the fault under test
        } finally {
            exchange.close();
        }
    }

    private static String echo(HttpExchange exchange) {
        StringBuilder out = new StringBuilder();
        exchange.getRequestHeaders().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(h ->
                h.getValue().forEach(v -> out.append(out.length() == 0 ? "" : ", ").append(h.getKey()).append(": ").append(v)));
        return out.toString().replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private synchronized Reply next(String route) {
        Deque<Reply> q = routes.get(route);
        if (q == null || q.isEmpty()) {
            return null;
        }
        return q.size() > 1 ? q.poll() : q.peek();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
