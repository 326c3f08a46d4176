package io.jenkins.plugins.deploytrain.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.deploytrain.gate.Secret;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Slack Web API over HTTPS with a bot token: chat.postMessage, chat.update, conversations.replies, and for
 * approvers and the configuration check users.lookupByEmail, auth.test and conversations.history.
 * Never throws and never retries: it reports what happened as a {@link SlackResult}, and callers
 * decide (the notifier retries in the background). The token travels only in the Authorization header.
 */
public final class SlackClient {

    public static final URI DEFAULT_BASE = URI.create("https://slack.com/api");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final Secret token;
    private final HttpClient http;
    private final Duration timeout;

    public SlackClient(URI base, Secret token, Duration timeout) {
        this(base, token, timeout, HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build());
    }

    /** With the caller's client (Jenkins: one built from its proxy settings); the caller closes it. */
    public SlackClient(URI base, Secret token, Duration timeout, HttpClient http) {
        this.base = URI.create(base.toString().replaceAll("/+$", ""));
        this.token = token;
        this.timeout = timeout;
        this.http = http;
    }

    /** Posts a message; with {@code threadTs} it is a reply in that thread. The answer's {@code ts} names the message. */
    public SlackResult postMessage(String channel, String text, String threadTs) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("channel", channel);
        form.put("text", text);
        if (threadTs != null) {
            form.put("thread_ts", threadTs);
        }
        form.put("unfurl_links", "false");
        return call("chat.postMessage", form);
    }

    public SlackResult update(String channel, String ts, String text) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("channel", channel);
        form.put("ts", ts);
        form.put("text", text);
        return call("chat.update", form);
    }

    /** One page of a thread's messages (the root first); pass the previous page's next_cursor to continue. */
    public SlackResult replies(String channel, String threadTs, String oldest, String cursor) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("channel", channel);
        form.put("ts", threadTs);
        if (oldest != null) {
            form.put("oldest", oldest);
        }
        if (cursor != null && !cursor.isEmpty()) {
            form.put("cursor", cursor);
        }
        form.put("limit", "200");
        return call("conversations.replies", form);
    }

    /**
     * The Slack user with this e-mail address (users.lookupByEmail, scope {@code users:read.email}); Slack
     * answers {@code users_not_found} when there is none. Sent in the form body, not the query string, so
     * the address stays out of proxies' access logs.
     */
    public SlackResult lookupByEmail(String email) {
        return call("users.lookupByEmail", Map.of("email", email));
    }

    /** Whether the token is valid, and whose it is (auth.test, no scope needed). */
    public SlackResult authTest() {
        return call("auth.test", Map.of());
    }

    /** The newest message of a channel (conversations.history, limit 1): proves the history scopes without a thread. */
    public SlackResult newestMessage(String channel) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("channel", channel);
        form.put("limit", "1");
        return call("conversations.history", form);
    }

    private SlackResult call(String method, Map<String, String> form) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/" + method))
                .timeout(timeout)
                .header("Authorization", "Bearer " + token.reveal())
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form)))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            return new SlackResult.Failed("no answer within " + timeout.toMillis() + "ms", true);
        } catch (IOException e) {
            return new SlackResult.Failed("unreachable (" + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")", true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SlackResult.Failed("interrupted", true);
        }
        if (response.statusCode() == 429) {
            return new SlackResult.RateLimited(retryAfter(response));
        }
        if (response.statusCode() / 100 != 2) {
            return new SlackResult.Failed("HTTP " + response.statusCode(), response.statusCode() >= 500);
        }
        JsonNode body;
        try {
            // an answer that echoes our headers (a proxy's error page) would otherwise carry the token into the error text
            body = JSON.readTree(token.redact(response.body()));
        } catch (IOException e) {
            return new SlackResult.Failed("answer is not JSON", true);
        }
        if (body == null) {
            return SlackResult.Failed.ofSlackError("empty answer");
        }
        if (!body.path("ok").asBoolean(false)) {
            return SlackResult.Failed.ofSlackAnswer(body);
        }
        return new SlackResult.Ok(body);
    }

    /** Slack sends whole seconds; a missing or odd header still means "wait", so wait a second. */
    private static Duration retryAfter(HttpResponse<String> response) {
        return response.headers().firstValue("Retry-After").map(String::trim).filter(v -> v.matches("\\d{1,7}"))
                .map(v -> Duration.ofSeconds(Long.parseLong(v))).orElse(Duration.ofSeconds(1));
    }

    private static String encode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
