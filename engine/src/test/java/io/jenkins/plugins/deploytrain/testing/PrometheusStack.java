package io.jenkins.plugins.deploytrain.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts a real Prometheus and Alertmanager (the Debian packages) for a test class: temp data dirs,
 * free ports on 127.0.0.1, no cluster port, Prometheus scraping a local /metrics every second and
 * sending its alerts (rule HighErrorRate: deploy_error_ratio > 0.05 for 1s) to that Alertmanager.
 * Missing binaries fail the test when CI=true and skip it otherwise.
 */
public final class PrometheusStack implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

    private Path dir;
    private String skipReason;
    private HttpServer metricsServer;
    private final Map<String, Double> metrics = new ConcurrentHashMap<>();
    private Process prometheus;
    private Process alertmanager;
    private URI prometheusUri;
    private URI alertmanagerUri;

    public URI prometheus() {
        return prometheusUri;
    }

    public URI alertmanager() {
        return alertmanagerUri;
    }

    /** Sets {@code deploy_error_ratio{environment, zone}} as the next scrape will see it. */
    public void errorRatio(String environment, String zone, double value) {
        metrics.put("deploy_error_ratio{environment=\"" + environment + "\",zone=\"" + zone + "\"}", value);
    }

    /** Stops Prometheus (to prove a gate fails when it is down). */
    public void stopPrometheus() throws InterruptedException {
        stop(prometheus);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Optional<Path> prometheusBin = binary("PROMETHEUS_BIN", "prometheus");
        Optional<Path> alertmanagerBin = binary("ALERTMANAGER_BIN", "prometheus-alertmanager", "alertmanager");
        if (prometheusBin.isEmpty() || alertmanagerBin.isEmpty()) {
            skipReason = missing("Prometheus and Alertmanager binaries not found (install the Debian packages prometheus "
                    + "and prometheus-alertmanager, see .ci/services.sh, or set PROMETHEUS_BIN / ALERTMANAGER_BIN)");
            return;
        }
        dir = Files.createTempDirectory("deploytrain-prometheus");
        metricsServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        metricsServer.createContext("/metrics", exchange -> {
            String body = metrics.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining("\n", "", "\n"));
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        metricsServer.start();

        int amPort = freePort();
        Files.writeString(dir.resolve("alertmanager.yml"), """
                route:
                  receiver: 'null'
                  group_wait: 1s
                  group_interval: 1s
                receivers:
                  - name: 'null'
                """);
        Files.writeString(dir.resolve("rules.yml"), """
                groups:
                  - name: deploy
                    interval: 1s
                    rules:
                      - alert: HighErrorRate
                        expr: deploy_error_ratio > 0.05
                        for: 1s
                        labels: {severity: page}
                        annotations: {summary: 'error ratio {{ $value }} in {{ $labels.environment }}/{{ $labels.zone }}'}
                """);
        Files.writeString(dir.resolve("prometheus.yml"), """
                global: {scrape_interval: 1s, evaluation_interval: 1s}
                rule_files: ['%s']
                alerting:
                  alertmanagers:
                    - static_configs: [{targets: ['127.0.0.1:%d']}]
                scrape_configs:
                  - job_name: canary
                    static_configs: [{targets: ['127.0.0.1:%d']}]
                """.formatted(dir.resolve("rules.yml"), amPort, metricsServer.getAddress().getPort()));

        alertmanager = start(List.of(alertmanagerBin.get().toString(), "--config.file=" + dir.resolve("alertmanager.yml"),
                "--storage.path=" + dir.resolve("am-data"), "--web.listen-address=127.0.0.1:" + amPort,
                "--cluster.listen-address="), "alertmanager.log");
        Served served = prometheus(prometheusBin.get(), dir, dir.resolve("prometheus.yml"), dir.resolve("prom-data"));
        prometheus = served.process();
        prometheusUri = served.uri();
        alertmanagerUri = URI.create("http://127.0.0.1:" + amPort);
        awaitReady(alertmanagerUri, alertmanager, dir.resolve("alertmanager.log"));
        awaitReady(prometheusUri, prometheus, dir.resolve("prometheus.log"));
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (skipReason != null) {
            Assumptions.abort(skipReason);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        stop(prometheus);
        stop(alertmanager);
        if (metricsServer != null) {
            metricsServer.stop(0);
        }
        deleteTree(dir);
    }

    private Process start(List<String> command, String log) throws IOException {
        return start(command, dir, log);
    }

    /**
     * A stack whose binaries are missing: the test class fails on CI (where .ci/services.sh installs them), and
     * elsewhere each test is skipped with this reason, so every skipped test carries it in the report.
     */
    static String missing(String message) {
        if ("true".equals(System.getenv("CI"))) {
            Assertions.fail(message);
        }
        return message;
    }

    /** A process serving on {@code uri}. */
    record Served(Process process, URI uri) {}

    /** A Prometheus on a free port of 127.0.0.1 with this configuration and data folder, once it answers. */
    static Served prometheus(Path bin, Path dir, Path config, Path data, String... more) throws Exception {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(bin.toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + data, "--web.listen-address=127.0.0.1:" + port));
        command.addAll(List.of(more));
        Process process = start(command, dir, "prometheus.log");
        URI uri = URI.create("http://127.0.0.1:" + port);
        awaitReady(uri, process, dir.resolve("prometheus.log"));
        return new Served(process, uri);
    }

    /** Starts a process in {@code dir}, its output (errors included) into {@code dir/log}. */
    static Process start(List<String> command, Path dir, String log) throws IOException {
        return new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve(log).toFile()).start();
    }

    static void deleteTree(Path dir) throws IOException {
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Waits for {@code /-/ready}; a process that exits or is not ready within a minute fails the test with its log. */
    static void awaitReady(URI base, Process process, Path log) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                Assertions.fail(log.getFileName() + " exited early:\n" + Files.readString(log));
            }
            try {
                HttpResponse<Void> r = client.send(HttpRequest.newBuilder(base.resolve("/-/ready")).timeout(Duration.ofSeconds(1)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        Assertions.fail(log.getFileName() + " not ready after 60s:\n" + Files.readString(log));
    }

    static void stop(Process p) throws InterruptedException {
        if (p != null && p.isAlive()) {
            p.destroy();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static Optional<Path> binary(String env, String... names) {
        String explicit = System.getenv(env);
        if (explicit != null && !explicit.isBlank()) {
            return Optional.of(Path.of(explicit)).filter(Files::isExecutable);
        }
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String name : names) {
            for (String d : (path + ":/usr/bin:/usr/sbin").split(":")) {
                Path candidate = Path.of(d, name);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }
}
