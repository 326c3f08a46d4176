package io.jenkins.plugins.deploytrain.jenkins.steps;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Prometheus's {@code /api/v1/query}, answering each query with a body recorded from a real Prometheus
 * (the repository's testdata, see its SOURCES.md), so the step's HTTP client, parsing and judgement are real.
 */
final class PrometheusReplay implements AutoCloseable {

    static final String COMPARED = "sum(increase(shadow_compared_total[30m]))";
    static final String DIFFERING = "sum(increase(shadow_discrepancies_total[30m]))";

    /** One query as the replay saw it: the client's port (one per connection) and the request line's target. */
    record Request(int clientPort, String target) {}

    private final HttpServer server;
    private final List<Request> requests;
    private final AtomicReference<CountDownLatch> hold;

    private PrometheusReplay(HttpServer server, List<Request> requests, AtomicReference<CountDownLatch> hold) {
        this.server = server;
        this.requests = requests;
        this.hold = hold;
    }

    /** Where the recorded answers are: testdata/prometheus in the repository. */
    static Path fixtures() {
        return Fixtures.dir().resolve("prometheus");
    }

    static PrometheusReplay answering(String query1, String file1, String query2, String file2) throws IOException {
        Map<String, String> fileByQuery = Map.of(query1, file1, query2, file2);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        List<Request> requests = new CopyOnWriteArrayList<>();
        AtomicReference<CountDownLatch> hold = new AtomicReference<>(new CountDownLatch(0));
        // also answers as an HTTP proxy would: the target is then the absolute URL the client asked for
        server.createContext("/api/v1/query", exchange -> {
            requests.add(new Request(
                    exchange.getRemoteAddress().getPort(),
                    exchange.getRequestURI().toString()));
            try {
                hold.get().await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String query = null;
            for (String pair : form.split("&")) {
                if (pair.startsWith("query=")) {
                    query = URLDecoder.decode(pair.substring("query=".length()), StandardCharsets.UTF_8);
                }
            }
            String file = query == null ? null : fileByQuery.get(query);
            byte[] body = file == null
                    ? "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"unexpected query\"}"
                            .getBytes(StandardCharsets.UTF_8)
                    : Files.readAllBytes(fixtures().resolve(file));
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(file == null ? 400 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return new PrometheusReplay(server, requests, hold);
    }

    /** Queries are kept waiting for their answer until {@link #release()} (a minute at most). */
    void holdAnswers() {
        hold.set(new CountDownLatch(1));
    }

    void release() {
        hold.get().countDown();
    }

    /** Every query received so far, oldest first. */
    List<Request> requests() {
        return List.copyOf(requests);
    }

    int port() {
        return server.getAddress().getPort();
    }

    String url() {
        return "http://" + server.getAddress().getHostString() + ":"
                + server.getAddress().getPort();
    }

    /** The step over the two queries, with more parameters. */
    String gate(String more) {
        return "shadowGate(prometheus: '" + DIFFERING + "', comparedQuery: '" + COMPARED + "', " + more + ")";
    }

    @Override
    public void close() {
        release();
        server.stop(0);
    }
}
