package io.jenkins.plugins.deploytrain.gate;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Prometheus HTTP API v1: instant and range queries, and the alerts its rules currently hold. */
public final class PrometheusClient {

    /** An alert as Prometheus reports it ({@code state} is {@code pending} or {@code firing}). */
    public record Alert(Map<String, String> labels, Map<String, String> annotations, String state, String activeAt) {
    }

    private final JsonHttp http;

    public PrometheusClient(URI base, Duration timeout) {
        this(base, JsonHttp.defaultClient(timeout), timeout);
    }

    public PrometheusClient(URI base, HttpClient client, Duration timeout) {
        this.http = new JsonHttp("Prometheus", base, client, timeout);
    }

    public QueryResult query(String promql, Instant at) {
        return dataOf(post("/api/v1/query", "query", promql, "time", seconds(at)));
    }

    public QueryResult queryRange(String promql, Instant start, Instant end, Duration step) {
        return dataOf(post("/api/v1/query_range", "query", promql, "start", seconds(start), "end", seconds(end),
                "step", String.valueOf(Math.max(1, step.toSeconds()))));
    }

    public List<Alert> alerts() {
        JsonNode data = success(http.send(http.request("/api/v1/alerts").GET().build()));
        List<Alert> alerts = new ArrayList<>();
        for (JsonNode a : data.path("alerts")) {
            alerts.add(new Alert(strings(a.path("labels")), strings(a.path("annotations")), a.path("state").asText(),
                    a.path("activeAt").asText()));
        }
        return alerts;
    }

    private HttpResponse<String> post(String path, String... keysAndValues) {
        Map<String, String> form = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            form.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        HttpRequest request = http.request(path)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(JsonHttp.query(form)))
                .build();
        return http.send(request);
    }

    /** The {@code data} of a {@code status: success} envelope; the error envelope (any HTTP status) becomes a reason. */
    private JsonNode success(HttpResponse<String> response) {
        JsonNode body;
        try {
            body = http.parse(response.body());
        } catch (MonitoringException notJson) {
            throw new MonitoringException("Prometheus answered HTTP " + response.statusCode() + ": " + JsonHttp.brief(response.body()));
        }
        String status = body.path("status").asText();
        if ("success".equals(status) && response.statusCode() / 100 == 2) {
            return body.path("data");
        }
        if ("error".equals(status)) {
            throw new MonitoringException("Prometheus rejected the request (" + body.path("errorType").asText() + "): "
                    + body.path("error").asText());
        }
        throw new MonitoringException("Prometheus answered HTTP " + response.statusCode() + ": " + JsonHttp.brief(response.body()));
    }

    private QueryResult dataOf(HttpResponse<String> response) {
        JsonNode data = success(response);
        String type = data.path("resultType").asText();
        JsonNode result = data.path("result");
        return switch (type) {
            case "vector" -> {
                List<QueryResult.Sample> samples = new ArrayList<>();
                result.forEach(r -> samples.add(sample(strings(r.path("metric")), r.path("value"))));
                yield new QueryResult.Vector(samples);
            }
            case "matrix" -> {
                List<QueryResult.Series> series = new ArrayList<>();
                result.forEach(r -> {
                    Map<String, String> labels = strings(r.path("metric"));
                    List<QueryResult.Sample> points = new ArrayList<>();
                    r.path("values").forEach(v -> points.add(sample(labels, v)));
                    series.add(new QueryResult.Series(labels, points));
                });
                yield new QueryResult.Matrix(series);
            }
            case "scalar" -> {
                QueryResult.Sample s = sample(Map.of(), result);
                yield new QueryResult.Scalar(s.at(), s.value());
            }
            default -> throw new MonitoringException("Prometheus returned a '" + type + "' result; a gate needs a vector, matrix or scalar");
        };
    }

    private static QueryResult.Sample sample(Map<String, String> labels, JsonNode pair) {
        double epoch = pair.path(0).asDouble();
        Instant at = Instant.ofEpochMilli(Math.round(epoch * 1000));
        return new QueryResult.Sample(labels, at, parseValue(pair.path(1).asText()));
    }

    private static double parseValue(String text) {
        return switch (text) {
            case "NaN" -> Double.NaN;
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> {
                try {
                    yield Double.parseDouble(text);
                } catch (NumberFormatException notANumber) {
                    throw new MonitoringException("Prometheus returned a sample value that is not a number: '"
                            + JsonHttp.brief(text) + "'");
                }
            }
        };
    }

    static Map<String, String> strings(JsonNode object) {
        Map<String, String> out = new LinkedHashMap<>();
        object.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    private static String seconds(Instant at) {
        return String.format("%d.%03d", at.getEpochSecond(), at.getNano() / 1_000_000);
    }
}
