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

/** Alertmanager API v2: alerts, and silences (create, read, expire). */
public final class AlertmanagerClient {

    /** An alert held by Alertmanager; {@code state} is active, suppressed or unprocessed. */
    public record Alert(String fingerprint, Map<String, String> labels, Map<String, String> annotations, String state,
                        List<String> silencedBy, String startsAt) {
    }

    public record Silence(String id, String state, List<LabelMatcher> matchers, Instant startsAt, Instant endsAt,
                          String createdBy, String comment) {
    }

    private final JsonHttp http;

    public AlertmanagerClient(URI base, Duration timeout) {
        this(base, JsonHttp.defaultClient(timeout), timeout);
    }

    public AlertmanagerClient(URI base, HttpClient client, Duration timeout) {
        this.http = new JsonHttp("Alertmanager", base, client, timeout);
    }

    /** Active alerts matching every matcher; silenced and inhibited ones only when asked for. */
    public List<Alert> alerts(List<LabelMatcher> filter, boolean includeSilenced, boolean includeInhibited) {
        StringBuilder q = new StringBuilder("/api/v2/alerts?active=true&silenced=").append(includeSilenced)
                .append("&inhibited=").append(includeInhibited);
        filter.forEach(m -> q.append("&filter=").append(JsonHttp.enc(m.toString())));
        JsonNode body = http.sendForJson(http.request(q.toString()).GET().build());
        List<Alert> alerts = new ArrayList<>();
        for (JsonNode a : body) {
            List<String> silencedBy = new ArrayList<>();
            a.path("status").path("silencedBy").forEach(s -> silencedBy.add(s.asText()));
            alerts.add(new Alert(a.path("fingerprint").asText(), PrometheusClient.strings(a.path("labels")),
                    PrometheusClient.strings(a.path("annotations")), a.path("status").path("state").asText(), silencedBy,
                    a.path("startsAt").asText()));
        }
        return alerts;
    }

    /** Creates a silence and returns its id. */
    public String createSilence(List<LabelMatcher> matchers, Instant startsAt, Instant endsAt, String createdBy, String comment) {
        List<Map<String, Object>> ms = matchers.stream().map(m -> {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("name", m.name());
            o.put("value", m.value());
            o.put("isRegex", m.op().isRegex());
            o.put("isEqual", m.op().isEqual());
            return o;
        }).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("matchers", ms);
        body.put("startsAt", startsAt.toString());
        body.put("endsAt", endsAt.toString());
        body.put("createdBy", createdBy);
        body.put("comment", comment);
        HttpRequest request = http.request("/api/v2/silences").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JsonHttp.json(body))).build();
        String id = http.sendForJson(request).path("silenceID").asText();
        if (id.isEmpty()) {
            throw new MonitoringException("Alertmanager created a silence but returned no silenceID");
        }
        return id;
    }

    public Silence silence(String id) {
        return silenceOf(http.sendForJson(http.request("/api/v2/silence/" + JsonHttp.enc(id)).GET().build()));
    }

    /** Every silence Alertmanager holds (active, pending and recently expired). */
    public List<Silence> silences() {
        List<Silence> all = new ArrayList<>();
        for (JsonNode s : http.sendForJson(http.request("/api/v2/silences").GET().build())) {
            all.add(silenceOf(s));
        }
        return all;
    }

    private static Silence silenceOf(JsonNode s) {
        List<LabelMatcher> matchers = new ArrayList<>();
        for (JsonNode m : s.path("matchers")) {
            boolean regex = m.path("isRegex").asBoolean();
            boolean equal = m.path("isEqual").asBoolean(true);
            LabelMatcher.Op op = regex ? (equal ? LabelMatcher.Op.REGEX : LabelMatcher.Op.NOT_REGEX)
                    : (equal ? LabelMatcher.Op.EQUAL : LabelMatcher.Op.NOT_EQUAL);
            matchers.add(new LabelMatcher(m.path("name").asText(), op, m.path("value").asText()));
        }
        return new Silence(s.path("id").asText(), s.path("status").path("state").asText(), matchers,
                Instant.parse(s.path("startsAt").asText()), Instant.parse(s.path("endsAt").asText()),
                s.path("createdBy").asText(), s.path("comment").asText());
    }

    /** Expires the silence now. Expiring one that already ended is not an error: the goal is reached. */
    public void expireSilence(String id) {
        HttpRequest request = http.request("/api/v2/silence/" + JsonHttp.enc(id)).DELETE().build();
        HttpResponse<String> response = http.send(request);
        if (response.statusCode() / 100 == 2) {
            return;
        }
        if (response.body() != null && response.body().contains("already expired")) {
            return;
        }
        throw http.httpError(request, response);
    }
}
