package io.jenkins.plugins.deploytrain.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.sun.net.httpserver.HttpServer;
import io.jenkins.plugins.deploytrain.gate.DatadogClient;
import io.jenkins.plugins.deploytrain.gate.MonitoringException;
import io.jenkins.plugins.deploytrain.gate.PrometheusClient;
import io.jenkins.plugins.deploytrain.gate.Secret;
import io.jenkins.plugins.deploytrain.notify.SlackClient;
import io.jenkins.plugins.deploytrain.notify.SlackResult;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Recorded Slack, Prometheus and Datadog answers (the fixtures), mutated and served with hostile statuses by a
 * local server through the real clients: Slack calls always end in a SlackResult (a train never sees a
 * Slack exception) whose text never carries the bot token; Prometheus calls end in a result or a
 * MonitoringException naming the system, so the gate fails closed with the reason; Datadog's two keys
 * never appear in a result or an error.
 */
class HostileResponseProperties {

    private static final Path FIXTURES = Path.of(System.getProperty("deploytrain.fixtures"));
    private static final String TOKEN = "xoxb-MARKER-7d1f0c2e-reliability";
    private static final Duration BOUND = Duration.ofSeconds(20);
    private static final ReliabilityFigures FIGURES = new ReliabilityFigures(HostileResponseProperties.class);
    private static final String API_KEY = "dd-api-MARKER-5a4e33c1";
    private static final String APP_KEY = "dd-app-MARKER-9b0f7d2a";
    private static final List<String> AUTHORIZATIONS = new CopyOnWriteArrayList<>();
    private static final List<String> API_KEYS_SEEN = new CopyOnWriteArrayList<>();

    private static HttpServer server;
    private static volatile int status;
    private static volatile byte[] body;

    @BeforeContainer
    static void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            if (auth != null) {
                AUTHORIZATIONS.add(auth);
            }
            String apiKey = exchange.getRequestHeaders().getFirst("DD-API-KEY");
            if (apiKey != null) {
                API_KEYS_SEEN.add(apiKey);
            }
            exchange.getRequestBody().readAllBytes();
            byte[] answer = body;
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            if (status == 429) {
                exchange.getResponseHeaders().add("Retry-After", new String(answer, 0, Math.min(answer.length, 12), StandardCharsets.ISO_8859_1));
            }
            exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.start();
    }

    @AfterContainer
    static void stopServer() {
        server.stop(0);
        FIGURES.write();
    }

    @Property(tries = 150)
    void aMutatedSlackAnswerEndsInAResultThatNeverCarriesTheToken(
            @ForAll("slackFixtures") String fixture, @ForAll("statuses") int answerStatus,
            @ForAll @Size(max = 3) List<JsonMutations> mutations, @ForAll long seed) throws IOException {
        serve(answerStatus, mutate(Files.readAllBytes(FIXTURES.resolve("slack").resolve(fixture)), mutations, seed));
        SlackClient slack = new SlackClient(base(), new Secret(TOKEN), Duration.ofSeconds(5));
        SlackResult result = assertTimeoutPreemptively(BOUND, () -> slack.postMessage("C123", "train t1 started", null));
        FIGURES.count("slack answers fuzzed");
        FIGURES.count(answerStatus == 429 ? "slack 429 answers" : answerStatus >= 500 ? "slack 5xx answers" : "slack other answers");
        assertThat(result).isNotNull();
        assertThat(result.toString()).doesNotContain(TOKEN);
        assertThat(slack.toString()).doesNotContain(TOKEN);
        if (result instanceof SlackResult.RateLimited limited) {
            assertThat(limited.retryAfter()).isPositive();
        }
        assertThat(AUTHORIZATIONS).as("the token is sent, so not leaking it means something").contains("Bearer " + TOKEN);
    }

    @Property(tries = 150)
    void aMutatedPrometheusAnswerIsAResultOrAMonitoringExceptionNamingPrometheus(
            @ForAll("prometheusFixtures") String fixture, @ForAll("statuses") int answerStatus,
            @ForAll @Size(max = 3) List<JsonMutations> mutations, @ForAll long seed) throws IOException {
        serve(answerStatus, mutate(Files.readAllBytes(FIXTURES.resolve("prometheus").resolve(fixture)), mutations, seed));
        PrometheusClient prometheus = new PrometheusClient(base(), Duration.ofSeconds(5));
        FIGURES.count("prometheus answers fuzzed");
        assertTimeoutPreemptively(BOUND, () -> {
            try {
                prometheus.query("sum(rate(http_requests_total{code=~\"5..\"}[5m]))", Instant.parse("2026-11-26T10:00:00Z"));
            } catch (MonitoringException refused) {
                FIGURES.count("prometheus answers refused with the reason");
                assertThat(refused.getMessage()).containsIgnoringCase("prometheus");
            }
        });
    }

    @Property(tries = 100)
    void aMutatedDatadogAnswerNeverCarriesTheKeysInAResultOrAnError(
            @ForAll("datadogFixtures") String fixture, @ForAll("statuses") int answerStatus,
            @ForAll @Size(max = 3) List<JsonMutations> mutations, @ForAll long seed) throws IOException {
        serve(answerStatus, mutate(Files.readAllBytes(FIXTURES.resolve("datadog").resolve(fixture)), mutations, seed));
        DatadogClient datadog = new DatadogClient(base(), new Secret(API_KEY), new Secret(APP_KEY), Duration.ofSeconds(5));
        FIGURES.count("datadog answers fuzzed");
        String seen = assertTimeoutPreemptively(BOUND, () -> {
            try {
                return datadog.monitor(1234) + " " + datadog.downtimeMatches(1234);
            } catch (MonitoringException refused) {
                FIGURES.count("datadog answers refused with the reason");
                return refused.getMessage() + " " + refused;
            }
        });
        assertThat(seen).doesNotContain(API_KEY).doesNotContain(APP_KEY);
        assertThat(datadog.toString()).doesNotContain(API_KEY).doesNotContain(APP_KEY);
        assertThat(API_KEYS_SEEN).as("the keys are sent, so not leaking them means something").contains(API_KEY);
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<String> datadogFixtures() throws IOException {
        return fixturesIn("datadog");
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<String> slackFixtures() throws IOException {
        return fixturesIn("slack");
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<String> prometheusFixtures() throws IOException {
        return fixturesIn("prometheus");
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<Integer> statuses() {
        return net.jqwik.api.Arbitraries.of(200, 200, 200, 400, 401, 404, 422, 429, 500, 502, 503);
    }

    private static net.jqwik.api.Arbitrary<String> fixturesIn(String folder) throws IOException {
        try (var files = Files.list(FIXTURES.resolve(folder))) {
            return net.jqwik.api.Arbitraries.of(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList());
        }
    }

    private static void serve(int answerStatus, byte[] answer) {
        status = answerStatus;
        body = answer;
    }

    private static URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private static byte[] mutate(byte[] bytes, List<JsonMutations> mutations, long seed) {
        Random random = new Random(seed);
        byte[] result = bytes;
        for (JsonMutations mutation : mutations) {
            result = mutation.apply(result, random);
        }
        return result;
    }
}
