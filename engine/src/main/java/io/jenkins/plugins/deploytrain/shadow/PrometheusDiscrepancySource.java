package io.jenkins.plugins.deploytrain.shadow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * Reads the shadow's comparison counters from Prometheus with two instant queries, typically
 * {@code sum(increase(shadow_compared_total[30m]))} and {@code sum(increase(shadow_discrepancies_total[30m]))}.
 * A vector answer is summed over its series; a scalar is taken as is.
 */
public final class PrometheusDiscrepancySource implements DiscrepancyMetricSource {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrometheusQuery query;
    private final String comparedQuery;
    private final String discrepancyQuery;

    public PrometheusDiscrepancySource(PrometheusQuery query, String comparedQuery, String discrepancyQuery) {
        this.query = query;
        this.comparedQuery = comparedQuery;
        this.discrepancyQuery = discrepancyQuery;
    }

    @Override
    public MetricReading read() throws IOException {
        try {
            double compared = value(comparedQuery);
            double discrepancies = value(discrepancyQuery);
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

    private double value(String promql) throws IOException, NoData {
        JsonNode body;
        try {
            body = JSON.readTree(query.instant(promql));
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
