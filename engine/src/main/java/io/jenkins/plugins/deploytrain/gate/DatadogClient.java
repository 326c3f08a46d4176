package io.jenkins.plugins.deploytrain.gate;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Datadog API: v1 monitors (by id, by search) and downtimes (v2 schedule, list and matches; v1/v2 cancel).
 * Keys travel only in request headers and never appear in a message.
 */
public final class DatadogClient {

    public record Monitor(long id, String name, String state, List<String> tags) {
    }

    public record DowntimeMatch(String id, String scope, Instant start, Instant end) {
        public boolean activeAt(Instant now) {
            return (start == null || !start.isAfter(now)) && (end == null || end.isAfter(now));
        }
    }

    /** A v2 downtime as listed: the train writes its key into the message, so a successor can find it. */
    public record Downtime(String id, String status, Long monitorId, String scope, String message, Instant end) {
        /** Neither canceled nor ended: it mutes now, or will at its start. */
        public boolean current() {
            return !status.equals("canceled") && !status.equals("ended");
        }
    }

    /**
     * One series of a metrics query: its tags ({@code version:1.4.2} for a query grouped {@code by {version}}), the
     * interval between its points, and its points; a point's value is null where the series had no data.
     */
    public record MetricSeries(List<String> tags, Duration interval, List<MetricPoint> points) {
        public MetricSeries {
            tags = List.copyOf(tags);
            points = List.copyOf(points);
        }

        /** The value of the tag {@code key:value}, if the series has it. */
        public Optional<String> tag(String key) {
            return tags.stream().filter(t -> t.startsWith(key + ":")).map(t -> t.substring(key.length() + 1)).findFirst();
        }
    }

    public record MetricPoint(Instant at, Double value) {}

    /** Datadog's largest page of downtimes. */
    static final int DOWNTIME_PAGE = 100;
    /** Pages read before giving up: 50 x 100 current downtimes is far beyond any real organisation's. */
    static final int DOWNTIME_PAGES = 50;

    private final JsonHttp http;
    private final Secret apiKey;
    private final Secret applicationKey;

    public DatadogClient(URI base, Secret apiKey, Secret applicationKey, Duration timeout) {
        this(base, apiKey, applicationKey, JsonHttp.defaultClient(timeout), timeout);
    }

    public DatadogClient(URI base, Secret apiKey, Secret applicationKey, HttpClient client, Duration timeout) {
        this.http = new JsonHttp("Datadog", base, client, timeout);
        this.apiKey = apiKey;
        this.applicationKey = applicationKey;
    }

    /** The API base of a Datadog site: {@code datadoghq.com}, {@code datadoghq.eu}, {@code us5.datadoghq.com}, ... */
    public static URI siteBase(String site) {
        return URI.create("https://api." + site);
    }

    public Monitor monitor(long id) {
        JsonNode m = send(request("/api/v1/monitor/" + id).GET().build());
        return new Monitor(m.path("id").asLong(), m.path("name").asText(), m.path("overall_state").asText(), texts(m.path("tags")));
    }

    /** Every monitor the search query finds, following the pages. */
    public List<Monitor> searchMonitors(String query) {
        List<Monitor> out = new ArrayList<>();
        int page = 0;
        int pageCount;
        do {
            JsonNode body = send(request("/api/v1/monitor/search?" + JsonHttp.query(Map.of(
                    "query", query, "page", String.valueOf(page), "per_page", "100"))).GET().build());
            for (JsonNode m : body.path("monitors")) {
                out.add(new Monitor(m.path("id").asLong(), m.path("name").asText(), m.path("status").asText(), texts(m.path("tags"))));
            }
            pageCount = body.path("metadata").path("page_count").asInt(1);
            page++;
        } while (page < pageCount && page < 50);
        return out;
    }

    /** A metrics query over a time range (v1 {@code /api/v1/query}, seconds since the epoch). */
    public List<MetricSeries> queryMetrics(String query, Instant from, Instant to) {
        JsonNode body = send(request("/api/v1/query?" + JsonHttp.query(new TreeMap<>(Map.of("query", query,
                "from", String.valueOf(from.getEpochSecond()), "to", String.valueOf(to.getEpochSecond()))))).GET().build());
        if (!"ok".equals(body.path("status").asText())) {
            throw new MonitoringException("Datadog could not run the query: " + JsonHttp.brief(body.path("error").asText(body.toString())));
        }
        List<MetricSeries> out = new ArrayList<>();
        for (JsonNode s : body.path("series")) {
            List<MetricPoint> points = new ArrayList<>();
            for (JsonNode p : s.path("pointlist")) {
                JsonNode value = p.path(1);
                points.add(new MetricPoint(Instant.ofEpochMilli(Math.round(p.path(0).asDouble())),
                        value.isNumber() ? value.asDouble() : null));
            }
            out.add(new MetricSeries(texts(s.path("tag_set")), Duration.ofSeconds(Math.max(1, s.path("interval").asLong(1))), points));
        }
        return out;
    }

    /** The downtimes that currently match a monitor (v2). */
    public List<DowntimeMatch> downtimeMatches(long monitorId) {
        JsonNode body = send(request("/api/v2/monitor/" + monitorId + "/downtime_matches").GET().build());
        List<DowntimeMatch> out = new ArrayList<>();
        for (JsonNode d : body.path("data")) {
            JsonNode a = d.path("attributes");
            out.add(new DowntimeMatch(d.path("id").asText(), a.path("scope").asText(), instant(a.path("start")), instant(a.path("end"))));
        }
        return out;
    }

    /**
     * Every downtime current now (v2 {@code current_only}), following the pages by offset until Datadog's
     * {@code total_filtered_count} is reached or a page comes back empty. More than {@link #DOWNTIME_PAGES} pages is
     * an error, not a short list: a caller looking for one downtime must not conclude it is absent.
     */
    public List<Downtime> currentDowntimes() {
        List<Downtime> out = new ArrayList<>();
        int offset = 0;
        for (int page = 0; page < DOWNTIME_PAGES; page++) {
            JsonNode body = send(request("/api/v2/downtime?" + JsonHttp.query(new TreeMap<>(Map.of("current_only", "true",
                    "page[limit]", String.valueOf(DOWNTIME_PAGE), "page[offset]", String.valueOf(offset))))).GET().build());
            JsonNode data = body.path("data");
            for (JsonNode d : data) {
                out.add(downtime(d));
            }
            offset += data.size();
            long total = body.path("meta").path("page").path("total_filtered_count").asLong(-1);
            if (data.isEmpty() || (total >= 0 && offset >= total)) {
                return out;
            }
        }
        throw new MonitoringException("Datadog lists more than " + offset + " current downtimes; stopped after " + DOWNTIME_PAGES + " pages");
    }

    private static Downtime downtime(JsonNode d) {
        JsonNode a = d.path("attributes");
        JsonNode monitor = a.path("monitor_identifier").path("monitor_id");
        return new Downtime(d.path("id").asText(), a.path("status").asText(), monitor.isNumber() ? monitor.asLong() : null,
                a.path("scope").asText(), a.path("message").isTextual() ? a.path("message").asText() : "", instant(a.path("schedule").path("end")));
    }

    /** Schedules a v2 downtime on one monitor, limited to {@code scope}, ending at {@code end}; returns its id. */
    public String scheduleDowntime(long monitorId, String scope, Instant start, Instant end, String message) {
        Map<String, Object> schedule = new LinkedHashMap<>();
        schedule.put("start", start.toString());
        schedule.put("end", end.toString());
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("message", message);
        attributes.put("monitor_identifier", Map.of("monitor_id", monitorId));
        attributes.put("scope", scope);
        attributes.put("schedule", schedule);
        Map<String, Object> body = Map.of("data", Map.of("type", "downtime", "attributes", attributes));
        HttpRequest request = request("/api/v2/downtime").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JsonHttp.json(body))).build();
        String id = send(request).path("data").path("id").asText();
        if (id.isEmpty()) {
            throw new MonitoringException("Datadog scheduled a downtime but returned no id");
        }
        return id;
    }

    /**
     * Cancels a downtime: numeric ids are v1 downtimes, UUIDs v2. One already gone (404) is not an error:
     * the goal, no downtime, is reached.
     */
    public void cancelDowntime(String id) {
        String path = id.chars().allMatch(Character::isDigit) ? "/api/v1/downtime/" + id : "/api/v2/downtime/" + JsonHttp.enc(id);
        HttpRequest request = request(path).DELETE().build();
        HttpResponse<String> response = http.send(request);
        if (response.statusCode() / 100 != 2 && response.statusCode() != 404) {
            throw error(request, response.statusCode(), withoutKeys(response.body()));
        }
    }

    /**
     * What Datadog said to an event (v1 {@code POST /api/v1/events}): accepted, rate limited (with the seconds until
     * the limit resets, {@code X-RateLimit-Reset}), or refused; {@code retryable} for 5xx and no answer at all.
     */
    public sealed interface EventAnswer {
        record Accepted(String id) implements EventAnswer {}

        record RateLimited(Duration reset) implements EventAnswer {}

        record Refused(int status, String why, boolean retryable) implements EventAnswer {}
    }

    /** Posts one event; never throws for an answer Datadog gave or did not give. */
    public EventAnswer postEvent(Map<String, Object> event) {
        HttpRequest request = request("/api/v1/events").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JsonHttp.json(event))).build();
        HttpResponse<String> response;
        try {
            response = http.send(request);
        } catch (MonitoringException noAnswer) {
            return new EventAnswer.Refused(0, noAnswer.getMessage(), true);
        }
        String body = withoutKeys(response.body());
        int status = response.statusCode();
        if (status / 100 == 2) {
            JsonNode answer;
            try {
                answer = http.parse(body);
            } catch (MonitoringException notJson) {
                return new EventAnswer.Accepted("");
            }
            return new EventAnswer.Accepted(answer.path("event").path("id_str").asText(answer.path("event").path("id").asText("")));
        }
        if (status == 429) {
            long reset = response.headers().firstValue("X-RateLimit-Reset").map(String::trim).filter(v -> v.matches("\\d{1,7}"))
                    .map(Long::parseLong).orElse(10L);
            return new EventAnswer.RateLimited(Duration.ofSeconds(Math.max(1, reset)));
        }
        return new EventAnswer.Refused(status, error(request, status, body).getMessage(), status >= 500);
    }

    private HttpRequest.Builder request(String path) {
        return http.request(path).header("DD-API-KEY", apiKey.reveal()).header("DD-APPLICATION-KEY", applicationKey.reveal());
    }

    private JsonNode send(HttpRequest request) {
        HttpResponse<String> response = http.send(request);
        String body = withoutKeys(response.body());
        if (response.statusCode() / 100 != 2) {
            throw error(request, response.statusCode(), body);
        }
        return http.parse(body);
    }

    /** Everything read from an answer goes through here first: an answer that echoes our headers must not carry the keys on. */
    private String withoutKeys(String body) {
        return applicationKey.redact(apiKey.redact(body));
    }

    /** Datadog's error shape is {@code {"errors": ["..."]}}; show those, they are made for people. */
    private MonitoringException error(HttpRequest request, int status, String body) {
        String detail;
        try {
            List<String> errors = texts(http.parse(body).path("errors"));
            detail = errors.isEmpty() ? JsonHttp.brief(body) : String.join("; ", errors);
        } catch (MonitoringException notJson) {
            detail = JsonHttp.brief(body);
        }
        return new MonitoringException("Datadog answered HTTP " + status + " to " + request.method() + " "
                + request.uri().getPath() + ": " + detail);
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(t -> out.add(t.asText()));
        return out;
    }

    private static Instant instant(JsonNode node) {
        if (node.isMissingNode() || node.isNull() || node.asText().isEmpty()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(node.asText()).toInstant();
        } catch (DateTimeParseException e) {
            throw new MonitoringException("Datadog answered a time that is not ISO-8601: " + JsonHttp.brief(node.asText()));
        }
    }
}
