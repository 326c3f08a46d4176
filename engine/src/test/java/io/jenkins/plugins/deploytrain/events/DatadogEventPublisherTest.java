package io.jenkins.plugins.deploytrain.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.deploytrain.gate.DatadogClient;
import io.jenkins.plugins.deploytrain.gate.Secret;
import io.jenkins.plugins.deploytrain.ledger.AttemptOutcome;
import io.jenkins.plugins.deploytrain.ledger.Ledger;
import io.jenkins.plugins.deploytrain.ledger.TrainStatus;
import io.jenkins.plugins.deploytrain.testing.ReplayServer;
import io.jenkins.plugins.deploytrain.testing.ReplayServer.Reply;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Deploy events against a server replaying Datadog's event API: the recorded 202 of {@code POST /api/v1/events}
 * (testdata/datadog), and its documented error shapes (403 with {@code errors}, 429 with the X-RateLimit-* headers,
 * 5xx). Publishing never waits for Datadog, and the keys appear in no log line.
 */
class DatadogEventPublisherTest {

    static final String API_KEY = "api-0123456789abcdef-SECRET";
    static final String APP_KEY = "app-fedcba9876543210-SECRET";
    static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");
    static final DeployEvent.Release RELEASE = new DeployEvent.Release("payments", "payments-1.4.2-3", "payments", "1.4.2");
    static final DeployEvent.Place PLACE = new DeployEvent.Place("prod-eu", "a", "primary");
    static final DatadogEventPublisher.Settings FAST = new DatadogEventPublisher.Settings(100, 4, Duration.ofMillis(20), Duration.ofMillis(100));

    private final ObjectMapper json = new ObjectMapper();
    private final List<String> logged = new CopyOnWriteArrayList<>();
    private ReplayServer datadog;
    private DatadogEventPublisher publisher;

    @BeforeEach
    void start() throws Exception {
        datadog = new ReplayServer();
    }

    @AfterEach
    void stop() {
        if (publisher != null) {
            publisher.close(Duration.ofMillis(100));
        }
        datadog.close();
        assertThat(String.join("\n", logged)).doesNotContain(API_KEY).doesNotContain(APP_KEY);
    }

    private DatadogEventPublisher publisher(DatadogEventPublisher.Settings settings) {
        DatadogClient client = new DatadogClient(datadog.uri(), new Secret(API_KEY), new Secret(APP_KEY), Duration.ofSeconds(5));
        publisher = new DatadogEventPublisher(client, "jenkins", settings, logged::add);
        return publisher;
    }

    private static String accepted() throws Exception {
        ReplayServer.Exchange recorded = ReplayServer.cassette("datadog/v1_Post_an_event_returns_OK_response.json").get(0);
        assertThat(recorded.status()).isEqualTo(202);
        return recorded.body();
    }

    private static List<DeployEvent> aDeploy() {
        return List.of(new DeployEvent.TargetStarted(RELEASE, T0, PLACE, 1),
                new DeployEvent.TargetEnded(RELEASE, T0.plusSeconds(95), PLACE, 1, AttemptOutcome.SUCCEEDED, Duration.ofSeconds(95), null));
    }

    private static Ledger ledger() {
        return Ledger.empty("payments");
    }

    @Test
    void eachEventIsPostedWithItsTagsAggregationKeyAndAlertTypeAndTheKeysOnlyInHeaders() throws Exception {
        datadog.on("POST", "/api/v1/events", Reply.json(202, accepted()));
        DatadogEventPublisher p = publisher(FAST);

        p.published(ledger(), aDeploy());

        await().atMost(Duration.ofSeconds(10)).until(() -> p.stats().delivered() == 2);
        List<ReplayServer.Recorded> posted = datadog.requests("POST", "/api/v1/events");
        assertThat(posted).hasSize(2).allSatisfy(r -> {
            assertThat(r.header("DD-API-KEY")).isEqualTo(API_KEY);
            assertThat(r.body()).doesNotContain(API_KEY).doesNotContain(APP_KEY);
        });
        JsonNode ended = json.readTree(posted.get(1).body());
        assertThat(ended.path("title").asText()).isEqualTo("Deployed payments 1.4.2 to prod-eu/a");
        assertThat(ended.path("text").asText()).isEqualTo("Attempt 1 succeeded after 1m35s (train payments-1.4.2-3)");
        assertThat(ended.path("alert_type").asText()).isEqualTo("success");
        assertThat(ended.path("source_type_name").asText()).isEqualTo("jenkins");
        assertThat(ended.path("date_happened").asLong()).isEqualTo(T0.plusSeconds(95).getEpochSecond());
        assertThat(ended.path("aggregation_key").asText()).isEqualTo(json.readTree(posted.get(0).body()).path("aggregation_key").asText())
                .isEqualTo("deploy-train:payments:payments-1.4.2-3");
        assertThat(json.convertValue(ended.path("tags"), List.class)).containsExactly("service:payments", "version:1.4.2",
                "train:payments-1.4.2-3", "deploy_job:payments", "env:prod-eu", "zone:a", "tier:primary");
        assertThat(p.stats().dropped()).isZero();
    }

    @Test
    void fiveHundredsAndARateLimitAreWaitedOutAndTheEventsStillArriveInOrder() throws Exception {
        Reply rateLimited = new Reply(429, Map.of("Content-Type", "application/json", "X-RateLimit-Limit", "1000",
                "X-RateLimit-Period", "3600", "X-RateLimit-Remaining", "0", "X-RateLimit-Reset", "1", "X-RateLimit-Name", "events"),
                "{\"errors\":[\"Rate limit of traffic exceeded\"]}", Duration.ZERO);
        datadog.on("POST", "/api/v1/events", Reply.json(500, "{\"errors\":[\"Internal Server Error\"]}"), Reply.status(503), rateLimited,
                Reply.json(202, accepted()));
        DatadogEventPublisher p = publisher(FAST);

        p.published(ledger(), aDeploy());

        await().atMost(Duration.ofSeconds(10)).until(() -> p.stats().delivered() == 2);
        List<ReplayServer.Recorded> posted = datadog.requests("POST", "/api/v1/events");
        assertThat(posted).hasSize(5);
        assertThat(Duration.between(posted.get(2).at(), posted.get(3).at())).as("waited for X-RateLimit-Reset")
                .isGreaterThanOrEqualTo(Duration.ofMillis(900));
        assertThat(json.readTree(posted.get(3).body()).path("title").asText()).startsWith("Deploying");
        assertThat(logged).anyMatch(l -> l.contains("HTTP 500") && l.contains("retrying"))
                .anyMatch(l -> l.contains("rate limited (HTTP 429); again in 1s"));
    }

    @Test
    void forbiddenIsSaidOnceAndTurnsPublishingOffEvenWhenTheAnswerEchoesTheKeys() throws Exception {
        datadog.on("POST", "/api/v1/events", Reply.json(403, "{\"errors\":[\"Forbidden\", \"" + ReplayServer.REQUEST_HEADERS + "\"]}"));
        DatadogEventPublisher p = publisher(FAST);

        p.published(ledger(), aDeploy());
        await().atMost(Duration.ofSeconds(10)).until(() -> p.stats().disabled() && p.stats().pending() == 0);
        p.published(ledger(), aDeploy());

        assertThat(datadog.requests("POST", "/api/v1/events")).hasSize(1);
        assertThat(p.stats().dropped()).isEqualTo(4);
        assertThat(logged).singleElement().asString().contains("Datadog events are off until the keys are fixed")
                .contains("HTTP 403").contains("Forbidden").contains("****");
    }

    @Test
    void anOutageNeverHoldsThePublisherAndAFullQueueDropsItsOldestEvents() throws Exception {
        datadog.on("POST", "/api/v1/events", Reply.json(202, accepted()).delayed(Duration.ofSeconds(2)));
        DatadogEventPublisher p = publisher(new DatadogEventPublisher.Settings(3, 2, Duration.ofMillis(20), Duration.ofMillis(100)));
        List<DeployEvent> many = java.util.stream.IntStream.range(0, 10)
                .mapToObj(i -> (DeployEvent) new DeployEvent.TrainEnded(RELEASE, T0.plusSeconds(i), TrainStatus.SUCCEEDED, "event " + i))
                .toList();

        long started = System.nanoTime();
        for (DeployEvent e : many) {
            p.published(ledger(), List.of(e));
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(took).as("publishing only queues").isLessThan(Duration.ofMillis(500));
        assertThat(p.stats().dropped()).isBetween(6, 7);
        assertThat(logged).anyMatch(l -> l.contains("queue full (3)"));
    }
}
