package io.jenkins.plugins.deploytrain.shadow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.deploytrain.gate.MonitoringException;
import io.jenkins.plugins.deploytrain.gate.PrometheusClient;
import io.jenkins.plugins.deploytrain.gate.QueryResult;
import java.io.IOException;
import java.time.Clock;

/**
 * Reads the shadow's comparison counters from Prometheus with two instant queries, typically
 * {@code sum(increase(shadow_compared_total[30m]))} and {@code sum(increase(shadow_discrepancies_total[30m]))}.
 * A vector answer is summed over its series; a scalar is taken as is. The queries go through a
 * {@link PrometheusQuery} function or the gates' {@link PrometheusClient}.
 */
public final class PrometheusDiscrepancySource implements DiscrepancyMetricSource {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One query's value; two ways in: a raw answer body, or the gates' parsed result. */
    private interface Values {
        double value(String promql) throws IOException, NoData;
    }

    private final Values values;
    private final String comparedQuery;
    private final String discrepancyQuery;

    /** Reads the answer bodies that {@code query} returns. */
    public PrometheusDiscrepancySource(PrometheusQuery query, String comparedQuery, String discrepancyQuery) {
        this((Values) promql -> fromBody(promql, query.instant(promql)), comparedQuery, discrepancyQuery);
    }

    private PrometheusDiscrepancySource(Values values, String comparedQuery, String discrepancyQuery) {
        this.values = values;
        this.comparedQuery = comparedQuery;
        this.discrepancyQuery = discrepancyQuery;
    }

    /** Plugs in the gates' Prometheus client; each read queries at the clock's instant. */
    public static PrometheusDiscrepancySource using(PrometheusClient client, Clock clock, String comparedQuery,
            String discrepancyQuery) {
        return new PrometheusDiscrepancySource((Values) promql -> fromResult(promql, query(client, promql, clock)),
                comparedQuery, discrepancyQuery);
    }

    private static QueryResult query(PrometheusClient client, String promql, Clock clock) throws IOException {
        try {
            return client.query(promql, clock.instant());
        } catch (MonitoringException e) {
            throw new IOException("query '" + promql + "': " + e.getMessage(), e);
        }
    }

    private static double fromResult(String promql, QueryResult result) throws IOException, NoData {
        if (result instanceof QueryResult.Scalar scalar) {
            return finite(promql, scalar.value());
        }
        if (result instanceof QueryResult.Vector vector) {
            if (vector.samples().isEmpty()) {
                throw new NoData("query '" + promql + "' matches no series yet");
            }
            double total = 0;
            for (QueryResult.Sample sample : vector.samples()) {
                total += finite(promql, sample.value());
            }
            return total;
        }
        throw new IOException("query '" + promql + "' must give an instant vector or a scalar, Prometheus gave a matrix");
    }

    private static double finite(String promql, double value) throws NoData {
        if (!Double.isFinite(value)) {
            throw new NoData("query '" + promql + "' gives " + value);
        }
        return value;
    }

    @Override
    public MetricReading read() throws IOException {
        try {
            double compared = values.value(comparedQuery);
            double discrepancies = values.value(discrepancyQuery);
            return new MetricReading.Counts(compared, discrepancies);
        } catch (NoData noData) {
            return new MetricReading.NoData(noData.getMessage());
        }
    }

    /** Not a failure of Prometheus: the metric has no usable value yet. */
    private static final class NoData extends Exception {
        NoData(String reason) {
            super(reason, null, false, false);
        }
    }

    private static double fromBody(String promql, String answer) throws IOException, NoData {
        JsonNode body;
        try {
            body = JSON.readTree(answer);
        } catch (JsonProcessingException e) {
            throw new IOException("Prometheus answered query '" + promql + "' with something that is not JSON: "
                    + e.getOriginalMessage());
        }
        String status = body.path("status").asText();
        if (!status.equals("success")) {
            throw new IOException("Prometheus rejected query '" + promql + "': "
                    + body.path("errorType").asText("unknown error") + ": " + body.path("error").asText("(no message)"));
        }
        JsonNode data = body.path("data");
        String type = data.path("resultType").asText();
        JsonNode result = data.path("result");
        return switch (type) {
            case "scalar" -> sample(promql, result);
            case "vector" -> sum(promql, result);
            default -> throw new IOException("query '" + promql + "' must give an instant vector or a scalar, "
                    + "Prometheus gave " + (type.isEmpty() ? "no result type" : "a " + type));
        };
    }

    private static double sum(String promql, JsonNode series) throws IOException, NoData {
        if (series.isEmpty()) {
            throw new NoData("query '" + promql + "' matches no series yet");
        }
        double total = 0;
        for (JsonNode one : series) {
            total += sample(promql, one.path("value"));
        }
        return total;
    }

    /** A sample is [timestamp, "value"]; Prometheus writes the value as a string ("NaN", "+Inf" included). */
    private static double sample(String promql, JsonNode pair) throws IOException, NoData {
        if (!pair.isArray() || pair.size() != 2 || !pair.get(1).isTextual()) {
            throw new IOException("query '" + promql + "': a sample must be [time, \"value\"], found " + pair);
        }
        String text = pair.get(1).asText();
        if (text.equals("NaN") || text.endsWith("Inf")) {
            throw new NoData("query '" + promql + "' gives " + text);
        }
        double value;
        try {
            value = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IOException("query '" + promql + "': sample value is not a number: " + pair.get(1));
        }
        return value;
    }
}
