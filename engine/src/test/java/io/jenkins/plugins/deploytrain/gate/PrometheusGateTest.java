package io.jenkins.plugins.deploytrain.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.deploytrain.testing.ReplayServer;
import io.jenkins.plugins.deploytrain.testing.ReplayServer.Reply;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Prometheus client and the Prometheus gates against the responses recorded from a real Prometheus 2.42. */
class PrometheusGateTest {

    private static final Instant NOW = Instant.parse("2026-11-26T11:10:00Z");
    private static final Map<String, String> VARS = Map.of("TRAIN_REGION", "us-east-1", "TRAIN_ENVIRONMENT", "prod-us");

    private ReplayServer server;
    private PrometheusClient client;
    private GateEvaluator evaluator;

    @BeforeEach
    void start() throws Exception {
        server = new ReplayServer();
        client = new PrometheusClient(server.uri(), Duration.ofSeconds(5));
        evaluator = new GateEvaluator(Optional.of(client), Optional.empty(), Optional.empty());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static String fixture(String name) throws Exception {
        return ReplayServer.fixture("prometheus/" + name);
    }

    @Test
    void parsesVectorScalarAndMatrixResults() throws Exception {
        server.on("POST", "/api/v1/query", Reply.ok(fixture("prometheus_api_v1_query_vector.json")),
                Reply.ok(fixture("prometheus_api_v1_query_scalar.json")));
        server.on("POST", "/api/v1/query_range", Reply.ok(fixture("prometheus_api_v1_query_range_matrix.json")));

        var vector = (QueryResult.Vector) client.query("deploy_error_ratio", NOW);
        assertThat(vector.samples()).hasSize(2);
        assertThat(vector.samples().get(1).labels()).containsEntry("region", "us-east-1");
        assertThat(vector.samples().get(1).value()).isEqualTo(0.12);
        assertThat(vector.samples().get(1).at()).isEqualTo(Instant.ofEpochMilli(1795691192914L));

        var scalar = (QueryResult.Scalar) client.query("scalar(x)", NOW);
        assertThat(scalar.value()).isEqualTo(0.01);

        var matrix = (QueryResult.Matrix) client.queryRange("deploy_error_ratio", NOW.minusSeconds(60), NOW, Duration.ofSeconds(1));
        assertThat(matrix.series()).hasSize(2);
        assertThat(matrix.series().get(0).points()).extracting(QueryResult.Sample::value).containsExactly(0.01, 0.01);

        String form = URLDecoder.decode(server.requests("POST", "/api/v1/query").get(0).body(), StandardCharsets.UTF_8);
        assertThat(form).isEqualTo("query=deploy_error_ratio&time=" + NOW.getEpochSecond() + ".000");
    }

    @Test
    void theErrorEnvelopeBecomesTheReason() throws Exception {
        server.on("POST", "/api/v1/query", Reply.json(400, fixture("prometheus_api_v1_query_bad_data_error.json")));
        assertThatThrownBy(() -> client.query("sum(", NOW)).isInstanceOf(MonitoringException.class)
                .hasMessage("Prometheus rejected the request (bad_data): invalid parameter \"query\": 1:21: parse error: unexpected end of input");
    }

    @Test
    void aQueryGateFailsOnNonZeroSeriesAndPassesOnEmpty() throws Exception {
        var gate = new GateSpec.PrometheusQuery("errors", "deploy_error_ratio{region=\"${TRAIN_REGION}\"} > 0.05", Duration.ZERO, null);
        server.on("POST", "/api/v1/query", Reply.ok(fixture("prometheus_api_v1_query_vector.json")),
                Reply.ok(fixture("prometheus_api_v1_query_empty.json")));

        GateResult bad = evaluator.evaluate(gate, new GateContext(VARS, NOW, NOW));
        assertThat(bad.status()).isEqualTo(GateResult.Status.FAILED);
        assertThat(bad.signals()).hasSize(2);
        assertThat(bad.signals().get(1)).isEqualTo(new FiringSignal(FiringSignal.Source.PROMETHEUS_SERIES, "deploy_error_ratio",
                Map.of("job", "canary", "region", "us-east-1"), "= 0.12"));
        assertThat(bad.reason()).contains("deploy_error_ratio{region=\"us-east-1\"} > 0.05").contains("region=us-east-1");

        GateResult good = evaluator.evaluate(gate, new GateContext(VARS, NOW, NOW));
        assertThat(good.status()).isEqualTo(GateResult.Status.PASSED);
        assertThat(URLDecoder.decode(server.requests().get(1).body(), StandardCharsets.UTF_8))
                .startsWith("query=deploy_error_ratio{region=\"us-east-1\"} > 0.05&");
    }

    @Test
    void aMustStayCleanGateSaysWhenToLookAgainInsteadOfSleeping() throws Exception {
        var gate = new GateSpec.PrometheusQuery("errors", "x > 0", Duration.ofMinutes(5), Duration.ofSeconds(30));
        server.on("POST", "/api/v1/query_range", Reply.ok(fixture("prometheus_api_v1_query_empty.json").replace("vector", "matrix")));
        Instant since = NOW.minusSeconds(60);

        GateResult early = evaluator.evaluate(gate, new GateContext(VARS, since, NOW));
        assertThat(early.status()).isEqualTo(GateResult.Status.PENDING);
        assertThat(early.recheckAt()).isEqualTo(NOW.plusSeconds(30));

        GateResult almost = evaluator.evaluate(gate, new GateContext(VARS, since, since.plusSeconds(290)));
        assertThat(almost.recheckAt()).isEqualTo(since.plusSeconds(300));

        GateResult done = evaluator.evaluate(gate, new GateContext(VARS, since, since.plusSeconds(300)));
        assertThat(done.status()).isEqualTo(GateResult.Status.PASSED);

        String form = URLDecoder.decode(server.requests().get(0).body(), StandardCharsets.UTF_8);
        assertThat(form).contains("start=" + since.getEpochSecond() + ".000").contains("end=" + NOW.getEpochSecond() + ".000").contains("step=30");
    }

    @Test
    void aBadSampleInTheRangeFailsAMustStayCleanGate() throws Exception {
        var gate = new GateSpec.PrometheusQuery("errors", "deploy_error_ratio", Duration.ofMinutes(5), Duration.ofSeconds(1));
        server.on("POST", "/api/v1/query_range", Reply.ok(fixture("prometheus_api_v1_query_range_matrix.json")));
        GateResult r = evaluator.evaluate(gate, new GateContext(VARS, NOW.minusSeconds(60), NOW));
        assertThat(r.status()).isEqualTo(GateResult.Status.FAILED);
        assertThat(r.signals()).extracting(FiringSignal::detail).containsExactly("= 0.01 at 2026-11-26T11:06:33Z", "= 0.12 at 2026-11-26T11:06:33Z");
    }

    @Test
    void theAlertsGateCountsFiringAlertsOnlyAndMatchesLabels() throws Exception {
        server.on("GET", "/api/v1/alerts", Reply.ok(fixture("prometheus_api_v1_alerts_firing_and_pending.json")));
        var page = new GateSpec.PrometheusAlerts("pages", List.of(LabelMatcher.equal("region", "${TRAIN_REGION}")));
        GateResult r = evaluator.evaluate(page, new GateContext(VARS, NOW, NOW));
        assertThat(r.status()).isEqualTo(GateResult.Status.FAILED);
        assertThat(r.signals()).singleElement().satisfies(s -> {
            assertThat(s.name()).isEqualTo("HighErrorRate");
            assertThat(s.labels()).containsEntry("severity", "page");
            assertThat(s.detail()).isEqualTo("error ratio 0.12 in us-east-1");
        });

        var tickets = new GateSpec.PrometheusAlerts("tickets", List.of(LabelMatcher.parse("severity=\"ticket\"")));
        assertThat(evaluator.evaluate(tickets, new GateContext(VARS, NOW, NOW)).status())
                .as("LatencyRegression is only pending").isEqualTo(GateResult.Status.PASSED);
    }

    @Test
    void anUnreachablePrometheusFailsTheGateWithTheReason() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        var down = new GateEvaluator(Optional.of(new PrometheusClient(URI.create("http://127.0.0.1:" + closedPort), Duration.ofSeconds(1))),
                Optional.empty(), Optional.empty());
        GateResult r = down.evaluate(new GateSpec.PrometheusQuery("errors", "up == 0", null, null), new GateContext(VARS, NOW, NOW));
        assertThat(r.status()).isEqualTo(GateResult.Status.FAILED);
        assertThat(r.reason()).startsWith("Prometheus at http://127.0.0.1:" + closedPort + " is unreachable");
    }

    @Test
    void aSlowOrBrokenPrometheusFailsTheGate() throws Exception {
        var gate = new GateSpec.PrometheusQuery("errors", "up == 0", null, null);
        server.on("POST", "/api/v1/query", Reply.ok(fixture("prometheus_api_v1_query_empty.json")).delayed(Duration.ofSeconds(2)),
                Reply.json(503, "Service Unavailable"), Reply.ok("<html>proxy error</html>"));
        var impatient = new GateEvaluator(Optional.of(new PrometheusClient(server.uri(), Duration.ofMillis(500))),
                Optional.empty(), Optional.empty());

        GateResult slow = impatient.evaluate(gate, new GateContext(VARS, NOW, NOW));
        assertThat(slow.status()).isEqualTo(GateResult.Status.FAILED);
        assertThat(slow.reason()).isEqualTo("Prometheus at " + server.uri() + " did not answer within 500ms");

        GateResult unavailable = evaluator.evaluate(gate, new GateContext(VARS, NOW, NOW));
        assertThat(unavailable.reason()).isEqualTo("Prometheus answered HTTP 503: Service Unavailable");

        GateResult garbage = evaluator.evaluate(gate, new GateContext(VARS, NOW, NOW));
        assertThat(garbage.status()).isEqualTo(GateResult.Status.FAILED);
        assertThat(garbage.reason()).isEqualTo("Prometheus answered HTTP 200: <html>proxy error</html>");
    }

    @Test
    void aGateWithoutItsSystemConfiguredFails() {
        var none = new GateEvaluator(Optional.empty(), Optional.empty(), Optional.empty());
        GateResult r = none.evaluate(new GateSpec.PrometheusQuery("errors", "up == 0", null, null), new GateContext(VARS, NOW, NOW));
        assertThat(r.status()).isEqualTo(GateResult.Status.FAILED);
        assertThat(r.reason()).isEqualTo("no Prometheus is configured for gate errors");
    }

    @Test
    void aBakeIsPendingUntilItsAbsoluteDeadline() {
        var bake = new GateSpec.Bake("bake", Duration.ofMinutes(30));
        GateResult r = evaluator.evaluate(bake, new GateContext(VARS, NOW, NOW.plusSeconds(60)));
        assertThat(r.status()).isEqualTo(GateResult.Status.PENDING);
        assertThat(r.recheckAt()).isEqualTo(NOW.plus(Duration.ofMinutes(30)));
        assertThat(evaluator.evaluate(bake, new GateContext(VARS, NOW, NOW.plus(Duration.ofMinutes(30)))).status())
                .isEqualTo(GateResult.Status.PASSED);
    }
}
