package io.jenkins.plugins.deploytrain.shadow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.deploytrain.gate.PrometheusClient;
import io.jenkins.plugins.deploytrain.testing.ReplayServer;
import io.jenkins.plugins.deploytrain.testing.ReplayServer.Reply;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.nio.file.Files;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The metric source on the responses recorded from a real Prometheus 2.42. */
class PrometheusDiscrepancySourceTest {

    /** Answers each query with the body Prometheus gave for a query of that shape. */
    private static PrometheusQuery recorded(Map<String, String> fileByQuery) {
        return promql -> Files.readString(Fixtures.dir("prometheus").resolve(fileByQuery.get(promql)));
    }

    private static final String COMPARED = "sum(increase(shadow_compared_total[30m]))";
    private static final String DIFFERING = "sum by (region) (increase(shadow_discrepancies_total[30m]))";

    @Test
    void sumsAVectorOverItsSeriesAndTakesAScalarAsIs() throws Exception {
        DiscrepancyMetricSource source = new PrometheusDiscrepancySource(recorded(Map.of(
                COMPARED, "prometheus_api_v1_query_scalar.json",
                DIFFERING, "prometheus_api_v1_query_by_region.json")), COMPARED, DIFFERING);

        MetricReading reading = source.read();

        assertThat(reading).isInstanceOfSatisfying(MetricReading.Counts.class, c -> {
            assertThat(c.compared()).isEqualTo(0.01);
            assertThat(c.discrepancies()).isEqualTo(0.01 + 0.12);
        });
    }

    @Test
    void noSeriesIsNoDataNotAPass() throws Exception {
        MetricReading reading = new PrometheusDiscrepancySource(recorded(Map.of(
                COMPARED, "prometheus_api_v1_query_vector.json",
                DIFFERING, "prometheus_api_v1_query_empty.json")), COMPARED, DIFFERING).read();

        assertThat(reading).isEqualTo(new MetricReading.NoData("query '" + DIFFERING + "' matches no series yet"));
        MetricVerdict verdict = MetricVerdict.of(reading, Thresholds.strict());
        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.failures()).containsExactly("no data: query '" + DIFFERING + "' matches no series yet");
    }

    @Test
    void aRejectedQueryIsAnErrorNamingItAndPrometheusReason() {
        PrometheusDiscrepancySource source = new PrometheusDiscrepancySource(recorded(Map.of(
                COMPARED, "prometheus_api_v1_query_bad_data_error.json")), COMPARED, DIFFERING);

        assertThatThrownBy(source::read)
                .isInstanceOf(IOException.class)
                .hasMessage("Prometheus rejected query '" + COMPARED + "': bad_data: invalid parameter \"query\": 1:21: parse error: unexpected end of input");
    }

    @Test
    void aRangeResultIsRefused() {
        PrometheusDiscrepancySource source = new PrometheusDiscrepancySource(recorded(Map.of(
                COMPARED, "prometheus_api_v1_query_range_matrix.json")), COMPARED, DIFFERING);

        assertThatThrownBy(source::read).hasMessage("query '" + COMPARED + "' must give an instant vector or a scalar, Prometheus gave a matrix");
    }

    @Test
    void nanAndInfinityAreNoData() throws Exception {
        PrometheusQuery nan = promql -> "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1795691193.155,\"NaN\"]}}";
        assertThat(new PrometheusDiscrepancySource(nan, COMPARED, DIFFERING).read()).isInstanceOf(MetricReading.NoData.class);
    }

    /** The same recorded answers through the gates' real HTTP client: the seam the shadow gate will use. */
    @Test
    void plugsIntoTheGatesPrometheusClient() throws Exception {
        try (ReplayServer server = new ReplayServer()) {
            server.on("POST", "/api/v1/query",
                    Reply.ok(ReplayServer.fixture("prometheus/prometheus_api_v1_query_scalar.json")),
                    Reply.ok(ReplayServer.fixture("prometheus/prometheus_api_v1_query_by_region.json")),
                    Reply.ok(ReplayServer.fixture("prometheus/prometheus_api_v1_query_empty.json")),
                    Reply.json(400, ReplayServer.fixture("prometheus/prometheus_api_v1_query_bad_data_error.json")));
            Clock clock = Clock.fixed(Instant.parse("2026-11-26T12:00:00Z"), ZoneOffset.UTC);
            DiscrepancyMetricSource source = PrometheusDiscrepancySource.using(
                    new PrometheusClient(server.uri(), Duration.ofSeconds(5)), clock, COMPARED, DIFFERING);

            assertThat(source.read()).isEqualTo(new MetricReading.Counts(0.01, 0.01 + 0.12));
            assertThat(source.read()).isEqualTo(new MetricReading.NoData("query '" + COMPARED + "' matches no series yet"));
            assertThatThrownBy(source::read).isInstanceOf(IOException.class)
                    .hasMessageStartingWith("query '" + COMPARED + "': ")
                    .hasMessageContaining("bad_data");
            assertThat(ReplayServer.form(server.requests("POST", "/api/v1/query").get(1)))
                    .containsEntry("query", DIFFERING)
                    .containsEntry("time", "1795694400.000");
        }
    }

    @Test
    void thresholdsApplyToTheMetricAsToRecordedPairs() {
        MetricReading.Counts counts = new MetricReading.Counts(1000, 12);

        assertThat(MetricVerdict.of(counts, Thresholds.strict()).failures()).containsExactly("12.0 discrepancies, more than the 0 allowed");
        assertThat(MetricVerdict.of(counts, new Thresholds(OptionalLong.empty(), OptionalDouble.of(0.02), OptionalLong.empty())).passed()).isTrue();
        assertThat(MetricVerdict.of(counts, new Thresholds(OptionalLong.empty(), OptionalDouble.of(0.01), OptionalLong.empty())).failures())
                .containsExactly("discrepancy rate 0.0120, more than the 0.01 allowed");
        assertThat(MetricVerdict.of(new MetricReading.Counts(0, 0), Thresholds.strict()).failures())
                .containsExactly("the shadow compared no request");
    }
}
