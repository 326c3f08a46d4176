package io.jenkins.plugins.deploytrain.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.deploytrain.approval.Approval;
import io.jenkins.plugins.deploytrain.approval.ApprovalAction;
import io.jenkins.plugins.deploytrain.gate.Secret;
import io.jenkins.plugins.deploytrain.ledger.TargetRecord;
import io.jenkins.plugins.deploytrain.ledger.TargetStatus;
import io.jenkins.plugins.deploytrain.ledger.Train;
import io.jenkins.plugins.deploytrain.ledger.TrainStatus;
import io.jenkins.plugins.deploytrain.testing.ReplayServer;
import io.jenkins.plugins.deploytrain.testing.ReplayServer.Reply;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The stepper's Notifier and ApprovalInbox ports on one Slack thread per train, against recorded Slack answers. */
class SlackPortsTest {

    private static final String CHANNEL = "C1H9RESGL";
    private static final Secret TOKEN = new Secret("xoxb-ports");

    private ReplayServer slack;
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final List<String> recorded = new CopyOnWriteArrayList<>();
    private SlackTrainNotifier notifier;

    @BeforeEach
    void start() throws Exception {
        slack = new ReplayServer();
        slack.on("POST", "/chat.postMessage", Reply.ok(ReplayServer.fixture("slack/openapi_chat.postMessage_ok.json")));
        slack.on("POST", "/chat.update", Reply.ok(ReplayServer.fixture("slack/openapi_chat.update_ok.json")));
        notifier = new SlackTrainNotifier(new SlackClient(slack.uri(), TOKEN, Duration.ofSeconds(2)), CHANNEL,
                SlackNotifier.Settings.DEFAULT, "https://ci.example/train/9", Map.of(), (train, ts) -> recorded.add(train + "=" + ts), log::add);
    }

    @AfterEach
    void stop() {
        notifier.close();
        slack.close();
    }

    private static TargetRecord target(String env, String zone, TargetStatus status) {
        return new TargetRecord(env + "/" + zone, 0, env, zone, "production", "aws", "eu-west-1", Duration.ZERO, Duration.ZERO,
                false, false, List.of(), status, null, List.of(), List.of());
    }

    private static Train train(TrainStatus status, String reason) {
        return new Train("train-9", "payments-api", "2026.11.26-1", status, Instant.parse("2026-11-26T10:00:00Z"), "alice",
                List.of(target("prod-a", "z1", TargetStatus.SUCCEEDED), target("prod-a", "z2", TargetStatus.PAUSED),
                        target("prod-b", "z1", TargetStatus.PENDING)), List.of(), List.of(), null, reason);
    }

    @Test
    void eachTrainGetsOneThreadWhoseRootTellsTheStory() throws Exception {
        notifier.notify(train(TrainStatus.RUNNING, null), "deploying prod-a/z2");
        notifier.notify(train(TrainStatus.PAUSED, "gate no-pages failed"), "gate no-pages failed on prod-a/z2: 1 alert(s) firing");

        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> slack.requests("POST", "/chat.postMessage").size() == 3);
        var posts = slack.requests("POST", "/chat.postMessage").stream().map(ReplayServer::form).toList();
        assertThat(posts.get(0).get("text")).isEqualTo(":steam_locomotive: Deploy train `payments-api` version `2026.11.26-1`: "
                + "3 targets in 2 environments. <https://ci.example/train/9|progress>");
        assertThat(posts.get(1)).containsEntry("thread_ts", "1503435956.000247").containsEntry("text", "deploying prod-a/z2");
        assertThat(posts.get(2).get("text")).isEqualTo("gate no-pages failed on prod-a/z2: 1 alert(s) firing");
        assertThat(recorded).containsExactly("train-9=1503435956.000247");
        assertThat(notifier.threadOf("train-9")).contains("1503435956.000247");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(slack.requests("POST", "/chat.update"))
                .last().satisfies(u -> assertThat(ReplayServer.form(u).get("text")).endsWith("\n1/3 targets done. paused: gate no-pages failed")));
    }

    @Test
    void repliesInTheThreadArriveOnceAsLedgerApprovals() throws Exception {
        String root = "1482960137.003543";
        ObjectNode page = (ObjectNode) new ObjectMapper().readTree(ReplayServer.fixture("slack/openapi_conversations.replies_ok.json"));
        ArrayNode messages = (ArrayNode) page.path("messages");
        ((ObjectNode) messages.get(1)).put("text", "proceed 2h known flake");
        ((ObjectNode) messages.get(2)).put("text", "retry prod-a/z2");
        ((ObjectNode) messages.get(3)).put("text", "looks good to me");
        ((ObjectNode) page.path("response_metadata")).put("next_cursor", "");
        slack.on("POST", "/conversations.replies", Reply.ok(page.toString()));
        var threadNotifier = new SlackNotifier(new SlackClient(slack.uri(), TOKEN, Duration.ofSeconds(2)), CHANNEL, root,
                SlackNotifier.Settings.DEFAULT, ts -> { }, log::add);
        var approvals = new SlackApprovals(new SlackClient(slack.uri(), TOKEN, Duration.ofSeconds(2)), threadNotifier,
                new ApproverPolicy(Set.of("alice"), Set.of(), Map.of("U061F7AUR", "alice"), Map.of()), Duration.ofSeconds(30));
        var inbox = new SlackApprovalInbox(approvals, CHANNEL, train -> train.equals("train-9") ? java.util.Optional.of(root) : java.util.Optional.empty());

        List<Approval> first = inbox.take("train-9");
        assertThat(first).containsExactly(
                new Approval("train-9", null, ApprovalAction.PROCEED, "alice", "known flake", Instant.parse("2016-12-29T18:53:23.017503Z"),
                        Duration.ofHours(2)),
                new Approval("train-9", "prod-a/z2", ApprovalAction.RETRY, "alice", null, Instant.parse("2016-12-29T22:51:49.018632Z")));
        assertThat(inbox.take("train-9")).isEmpty();
        assertThat(inbox.take("another-train")).isEmpty();
        threadNotifier.close();
    }
}
