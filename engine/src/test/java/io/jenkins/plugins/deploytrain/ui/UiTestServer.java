package io.jenkins.plugins.deploytrain.ui;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * The host side of the view for the browser tests, until the CLI's {@code run --serve} exists: serves
 * the assets through {@link UiAssets} under the strict CSP, replays a ledger fixture (the "stage") at
 * {@code api/view} with ETag / If-None-Match, and records what reaches the approval endpoint.
 * Test-only control endpoints live under {@code /test/}.
 *
 * <p>Run as a program by the node tests: {@code java -cp engine/target/classes:engine/target/test-classes
 * io.jenkins.plugins.deploytrain.ui.UiTestServer STAGE}; it prints its URL and stops when its standard
 * input closes, so it never outlives the test that started it.
 */
public final class UiTestServer implements AutoCloseable {

    /** What a Jenkins page would carry in data-crumb-header / data-crumb-value. */
    public static final String CRUMB_HEADER = "Jenkins-Crumb";
    public static final String CRUMB_VALUE = "crumb-7f3a9c";

    private static final Pattern STAGE_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,80}");
    private static final String FIXTURES = "/io/jenkins/plugins/deploytrain/ui/";

    private final HttpServer server;
    private volatile Stage stage;
    private final List<RecordedApproval> approvals = new CopyOnWriteArrayList<>();
    private final AtomicInteger viewRequests = new AtomicInteger();
    private final AtomicInteger notModified = new AtomicInteger();
    private final AtomicInteger failNext = new AtomicInteger();

    /** One approval POST as it arrived: the raw JSON body and the crumb header, if any. */
    public record RecordedApproval(String body, String crumb) {
    }

    private record Stage(String name, byte[] json, String etag) {
    }

    private UiTestServer(String initialStage) throws IOException {
        this.stage = loadStage(initialStage).orElseThrow(
                () -> new IllegalArgumentException("No view-model fixture named " + initialStage));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public static UiTestServer start(String initialStage) throws IOException {
        return new UiTestServer(initialStage);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    public List<RecordedApproval> approvals() {
        return List.copyOf(approvals);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: UiTestServer STAGE   (a fixture name, e.g. train-24-start)");
            System.exit(2);
        }
        try (UiTestServer server = start(args[0])) {
            System.out.println("UI test server listening on " + server.baseUrl());
            System.out.flush();
            System.in.transferTo(OutputStream.nullOutputStream());
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getResponseHeaders().set("Content-Security-Policy", UiAssets.CONTENT_SECURITY_POLICY);
            exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            switch (method + " " + path) {
                case "GET /api/view" -> serveView(exchange);
                case "POST /api/approvals" -> recordApproval(exchange);
                case "GET /test/approvals" -> send(exchange, 200, "application/json", approvalsJson());
                case "GET /test/stats" -> send(exchange, 200, "application/json", String.format(
                        "{\"viewRequests\":%d,\"notModified\":%d,\"stage\":\"%s\"}",
                        viewRequests.get(), notModified.get(), stage.name()));
                case "POST /test/stage" -> switchStage(exchange);
                case "POST /test/fail-next" -> {
                    failNext.set(Integer.parseInt(body(exchange).trim()));
                    send(exchange, 204, null, "");
                }
                case "GET /jenkins-shell.html" -> serveShell(exchange);
                default -> serveAsset(exchange, method, path);
            }
        } catch (RuntimeException e) {
            // Shown to the test (and its log) instead of a silently dropped connection.
            send(exchange, 500, "text/plain", "test server error: " + e);
        }
    }

    private void serveAsset(HttpExchange exchange, String method, String path) throws IOException {
        String name = path.equals("/") ? UiAssets.INDEX : path.substring(1);
        Optional<UiAsset> asset = "GET".equals(method) ? UiAssets.open(name) : Optional.empty();
        if (asset.isEmpty()) {
            send(exchange, 404, "text/plain", "not found");
            return;
        }
        send(exchange, 200, asset.get().contentType(), asset.get().readAllBytes());
    }

    private void serveShell(HttpExchange exchange) throws IOException {
        try (InputStream in = UiTestServer.class.getResourceAsStream(FIXTURES + "jenkins-shell.html")) {
            send(exchange, 200, "text/html; charset=utf-8", in.readAllBytes());
        }
    }

    private void serveView(HttpExchange exchange) throws IOException {
        viewRequests.incrementAndGet();
        if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            send(exchange, 503, "text/plain", "ledger temporarily unavailable");
            return;
        }
        Stage current = stage;
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.getResponseHeaders().set("ETag", current.etag());
        if (ViewModel.matches(exchange.getRequestHeaders().getFirst("If-None-Match"), current.etag())) {
            notModified.incrementAndGet();
            exchange.sendResponseHeaders(304, -1);
            return;
        }
        send(exchange, 200, "application/json", current.json());
    }

    private void recordApproval(HttpExchange exchange) throws IOException {
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (contentType == null || !contentType.startsWith("application/json")) {
            send(exchange, 415, "text/plain", "approvals are JSON");
            return;
        }
        String crumb = exchange.getRequestHeaders().getFirst(CRUMB_HEADER);
        if (crumb != null && !crumb.equals(CRUMB_VALUE)) {
            send(exchange, 403, "text/plain", "No valid crumb was included in the request");
            return;
        }
        approvals.add(new RecordedApproval(body(exchange), crumb));
        send(exchange, 202, "application/json", "{\"accepted\":true}");
    }

    private void switchStage(HttpExchange exchange) throws IOException {
        Optional<Stage> next = loadStage(body(exchange).trim());
        if (next.isEmpty()) {
            send(exchange, 404, "text/plain", "no such stage");
            return;
        }
        stage = next.get();
        send(exchange, 204, null, "");
    }

    private static Optional<Stage> loadStage(String name) throws IOException {
        if (!STAGE_NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        try (InputStream in = UiTestServer.class.getResourceAsStream(FIXTURES + name + ".json")) {
            if (in == null) {
                return Optional.empty();
            }
            byte[] json = in.readAllBytes();
            return Optional.of(new Stage(name, json, ViewModel.etag(json)));
        }
    }

    private String approvalsJson() {
        StringBuilder out = new StringBuilder("[");
        for (RecordedApproval approval : approvals) {
            if (out.length() > 1) {
                out.append(',');
            }
            out.append("{\"body\":").append(jsonString(approval.body()))
                    .append(",\"crumb\":").append(approval.crumb() == null ? "null" : jsonString(approval.crumb()))
                    .append('}');
        }
        return out.append(']').toString();
    }

    private static String jsonString(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private static String body(HttpExchange exchange) throws IOException {
        return new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        send(exchange, status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        if (contentType != null) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
