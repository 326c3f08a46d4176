package io.jenkins.plugins.deploytrain.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jenkins.plugins.deploytrain.gate.JsonHttp;
import io.jenkins.plugins.deploytrain.ledger.Ledger;
import io.jenkins.plugins.deploytrain.ledger.Train;
import io.jenkins.plugins.deploytrain.ledger.TrainStatus;
import io.jenkins.plugins.deploytrain.testing.ReplayServer;
import io.jenkins.plugins.deploytrain.testing.ReplayServer.Reply;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class PushgatewayPusherTest {

    static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");

    private final List<String> logged = new CopyOnWriteArrayList<>();

    static Ledger ledger(String job, long revision, TrainStatus status) {
        return new Ledger(1, job, revision, List.of(new Train("pay-1", "pay", "1", status, T0, "x", List.of(), List.of(), List.of(),
                null, null)), List.of());
    }

    @Test
    void groupingValuesThatAreNotPlainUrlTextAreBase64UrlAsThePushgatewaySays() {
        assertThat(PushgatewayPusher.groupPath("payments-api", "payments"))
                .isEqualTo("/metrics/job/deploy_train/service/payments-api/deploy_job/payments");
        String encoded = Base64.getUrlEncoder().encodeToString("team/payments ü".getBytes(StandardCharsets.UTF_8));
        assertThat(PushgatewayPusher.groupPath("pay", "team/payments ü"))
                .isEqualTo("/metrics/job/deploy_train/service/pay/deploy_job@base64/" + encoded);
        assertThat(PushgatewayPusher.value("")).isEqualTo("@base64/=");
    }

    @Test
    void aBurstOfChangesIsOnePushOfTheNewestLedgerAndAnOutageIsSaidOnceAndItsEndOnce() throws Exception {
        try (ReplayServer gateway = new ReplayServer()) {
            String group = PushgatewayPusher.groupPath("pay", "job");
            gateway.on("PUT", group, Reply.status(200));
            PushgatewayPusher pusher = new PushgatewayPusher(gateway.uri(), JsonHttp.defaultClient(Duration.ofSeconds(2)),
                    Duration.ofSeconds(2), Duration.ofMillis(200), logged::add);

            for (int i = 1; i <= 20; i++) {
                pusher.published(ledger("job", i, TrainStatus.RUNNING), List.of());
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> pusher.pushed() == 1);
            Thread.sleep(400);
            assertThat(gateway.requests("PUT", group)).singleElement().satisfies(r -> {
                assertThat(r.header("Content-Type")).isEqualTo(MetricsExposition.CONTENT_TYPE);
                assertThat(r.body()).isEqualTo(MetricsExposition.render(ledger("job", 20, TrainStatus.RUNNING), "pay"));
            });

            gateway.outage(Reply.status(503));
            pusher.published(ledger("job", 21, TrainStatus.PAUSED), List.of());
            await().atMost(Duration.ofSeconds(5)).until(() -> gateway.requests("PUT", group).size() == 2);
            pusher.published(ledger("job", 22, TrainStatus.PAUSED), List.of());
            await().atMost(Duration.ofSeconds(5)).until(() -> gateway.requests("PUT", group).size() == 3);
            gateway.recover();
            pusher.published(ledger("job", 23, TrainStatus.SUCCEEDED), List.of());
            await().atMost(Duration.ofSeconds(5)).until(() -> pusher.pushed() == 2);
            pusher.close(Duration.ofSeconds(2));

            assertThat(logged).hasSize(2);
            assertThat(logged.get(0)).contains("Pushgateway answered HTTP 503 to PUT " + group).contains("the train goes on");
            assertThat(logged.get(1)).contains("takes the metrics again");
            assertThat(gateway.requests("PUT", group).get(3).body()).contains("state=\"succeeded\"} 1");
        }
    }

    @Test
    void closingPushesTheLastStateAFailedPushLeftBehind() throws Exception {
        try (ReplayServer gateway = new ReplayServer()) {
            String group = PushgatewayPusher.groupPath("pay", "job");
            gateway.on("PUT", group, Reply.status(500), Reply.status(202));
            PushgatewayPusher pusher = new PushgatewayPusher(gateway.uri(), JsonHttp.defaultClient(Duration.ofSeconds(2)),
                    Duration.ofSeconds(2), Duration.ofMillis(50), logged::add);

            pusher.published(ledger("job", 1, TrainStatus.SUCCEEDED), List.of());
            await().atMost(Duration.ofSeconds(5)).until(() -> gateway.requests("PUT", group).size() == 1);
            Thread.sleep(100);
            assertThat(pusher.pushed()).isZero();

            pusher.close(Duration.ofSeconds(5));

            assertThat(pusher.pushed()).isEqualTo(1);
            assertThat(gateway.requests("PUT", group)).hasSize(2);
        }
    }
}
