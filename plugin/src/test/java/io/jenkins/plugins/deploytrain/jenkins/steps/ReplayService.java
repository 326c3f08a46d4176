package io.jenkins.plugins.deploytrain.jenkins.steps;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * A local stand-in for a service the Jenkins test machines cannot reach (Slack) or do not run
 * (Prometheus): it answers each path with a recorded answer from the repository's testdata, which a test can
 * change while a build runs, and keeps every request for the test to inspect.
 */
final class ReplayService implements AutoCloseable {

    /** One request as the service saw it; {@code authorization} is the header's value, null when absent. */
    record Request(String method, String path, String authorization, String body) {
        Map<String, String> form() {
            Map<String, String> form = new LinkedHashMap<>();
            for (String pair : body.split("&")) {
                if (!pair.isEmpty()) {
                    int eq = pair.indexOf('=');
                    form.put(
                            URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                            eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
            return form;
        }
    }

    private record Answer(int status, Supplier<String> body) {}

    private final HttpServer server;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    private ReplayService() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    static ReplayService start() throws IOException {
        return new ReplayService();
    }

    /** Stops answering (a test may close it early to make the service unreachable). */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            server.stop(0);
        }
    }

    /** A recorded answer under testdata, such as {@code prometheus/prometheus_api_v1_query_empty.json}. */
    static String fixture(String name) throws IOException {
        return Fixtures.read(name);
    }

    void answer(String path, String body) {
        answer(path, 200, body);
    }

    void answer(String path, int status, String body) {
        answers.put(path, new Answer(status, () -> body));
    }

    /**
     * An answer for one method on a path (it wins over the path's answer for every method), computed when
     * asked, so that it can depend on what the service has been asked before.
     */
    void answer(String method, String path, Supplier<String> body) {
        answers.put(method + " " + path, new Answer(200, body));
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Request> requests(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.add(new Request(
                exchange.getRequestMethod(), path, exchange.getRequestHeaders().getFirst("Authorization"), body));
        Answer answer = answers.getOrDefault(
                exchange.getRequestMethod() + " " + path,
                answers.getOrDefault(
                        path, new Answer(404, () -> "{\"error\":\"no recorded answer for " + path + "\"}")));
        byte[] bytes = answer.body().get().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(answer.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
