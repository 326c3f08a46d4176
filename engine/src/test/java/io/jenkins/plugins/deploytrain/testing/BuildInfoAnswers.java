package io.jenkins.plugins.deploytrain.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code build_info} answers in the recorded shapes: Prometheus' {@code query_range} matrix and Datadog's v1
 * metrics query, each rebuilt from the recording with other series, so everything but the series is as the
 * real service sent it.
 */
public final class BuildInfoAnswers {

    private static final ObjectMapper JSON = new ObjectMapper();

    private BuildInfoAnswers() {}

    /** The version's presence: one sample every {@code step} from {@code from} to {@code to}, both included. */
    public record Presence(String version, Instant from, Instant to) {}

    /** A Prometheus range answer, one series per presence, labelled {@code build_info{service, environment, version}}. */
    public static String prometheus(String service, String environment, Duration step, List<Presence> presences) throws IOException {
        ObjectNode recorded = (ObjectNode) JSON.readTree(ReplayServer.fixture("prometheus/prometheus_api_v1_query_range_matrix.json"));
        ArrayNode result = (ArrayNode) recorded.path("data").path("result");
        ObjectNode shape = (ObjectNode) result.get(0).deepCopy();
        result.removeAll();
        for (Presence p : presences) {
            ObjectNode series = shape.deepCopy();
            series.set("metric", JSON.valueToTree(Map.of("__name__", "build_info", "service", service, "environment", environment,
                    "version", p.version())));
            ArrayNode values = series.putArray("values");
            for (Instant t = p.from(); !t.isAfter(p.to()); t = t.plus(step)) {
                values.addArray().add(t.getEpochSecond()).add("1");
            }
            result.add(series);
        }
        return recorded.toString();
    }

    /**
     * A Datadog metrics answer grouped by version: one series per presence on the grid of {@code interval} from
     * {@code from} to {@code to}, its value null where the version was absent (as Datadog answers a group's gaps).
     */
    public static String datadog(String query, Instant from, Instant to, Duration interval, List<Presence> presences) throws IOException {
        String body = ReplayServer.cassette("datadog/v1_Query_timeseries_points_returns_OK_response.json").stream()
                .filter(e -> e.path().equals("/api/v1/query")).findFirst().orElseThrow().body();
        ObjectNode recorded = (ObjectNode) JSON.readTree(body);
        ArrayNode all = (ArrayNode) recorded.path("series");
        ObjectNode shape = (ObjectNode) all.get(0).deepCopy();
        all.removeAll();
        long step = interval.toMillis();
        long first = (from.toEpochMilli() + step - 1) / step * step;
        for (Presence p : presences) {
            ObjectNode series = shape.deepCopy();
            series.put("scope", "version:" + p.version());
            series.set("tag_set", JSON.createArrayNode().add("version:" + p.version()));
            series.put("interval", interval.toSeconds());
            series.put("expression", query);
            ArrayNode points = series.putArray("pointlist");
            for (long t = first; t <= to.toEpochMilli(); t += step) {
                boolean present = !Instant.ofEpochMilli(t).isBefore(p.from()) && !Instant.ofEpochMilli(t).isAfter(p.to());
                ArrayNode point = points.addArray().add((double) t);
                if (present) {
                    point.add(1.0);
                } else {
                    point.addNull();
                }
            }
            series.put("start", first);
            series.put("end", to.toEpochMilli());
            series.put("length", points.size());
            all.add(series);
        }
        recorded.put("query", query);
        recorded.put("from_date", from.toEpochMilli());
        recorded.put("to_date", to.toEpochMilli());
        recorded.set("group_by", JSON.createArrayNode().add("version"));
        return recorded.toString();
    }

    /** The recorded Prometheus error envelope. */
    public static String prometheusError() throws IOException {
        return ReplayServer.fixture("prometheus/prometheus_api_v1_query_bad_data_error.json");
    }
}
