package io.jenkins.plugins.deploytrain.gate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.deploytrain.config.Durations;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The HTTP edge shared by the monitoring clients: a request timeout on every call, and every
 * failure turned into a {@link MonitoringException} whose message names the system and the cause
 * (never a header, so never a key).
 */
public final class JsonHttp {

    static final ObjectMapper JSON = new ObjectMapper();

    private final String system;
    private final URI base;
    private final HttpClient client;
    private final Duration timeout;

    public JsonHttp(String system, URI base, HttpClient client, Duration timeout) {
        this.system = system;
        String b = base.toString();
        this.base = URI.create(b.endsWith("/") ? b.substring(0, b.length() - 1) : b);
        this.client = client;
        this.timeout = timeout;
    }

    public static HttpClient defaultClient(Duration connectTimeout) {
        return HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(timeout).header("Accept", "application/json");
    }

    /** Sends the request; returns the response for any status, throws only when no response came. */
    public HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw new MonitoringException(system + " at " + base + " did not answer within " + (timeout.toMillis() < 1000 ? timeout.toMillis() + "ms" : Durations.format(timeout)));
        } catch (ConnectException e) {
            throw new MonitoringException(system + " at " + base + " is unreachable ("
                    + (e.getMessage() != null ? e.getMessage() : "connection refused or closed") + ")");
        } catch (IOException e) {
            throw new MonitoringException(system + " at " + base + " failed: " + describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MonitoringException(system + " call interrupted");
        }
    }

    /** Sends and returns the JSON body of a 2xx response; other statuses become a {@link MonitoringException}. */
    public JsonNode sendForJson(HttpRequest request) {
        HttpResponse<String> response = send(request);
        if (response.statusCode() / 100 != 2) {
            throw httpError(request, response);
        }
        return parse(response.body());
    }

    public MonitoringException httpError(HttpRequest request, HttpResponse<String> response) {
        return new MonitoringException(system + " answered HTTP " + response.statusCode() + " to " + request.method() + " "
                + request.uri().getPath() + ": " + brief(response.body()));
    }

    public JsonNode parse(String body) {
        try {
            return JSON.readTree(body == null || body.isEmpty() ? "null" : body);
        } catch (JsonProcessingException e) {
            throw new MonitoringException(system + " answered with something that is not JSON: " + brief(body));
        }
    }

    public static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String query(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    public static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static String brief(String body) {
        if (body == null || body.isBlank()) {
            return "(empty body)";
        }
        String oneLine = body.replaceAll("\\s+", " ").trim();
        return oneLine.length() > 300 ? oneLine.substring(0, 300) + "..." : oneLine;
    }

    private static String describe(IOException e) {
        Throwable cause = e;
        while (cause.getMessage() == null && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}
