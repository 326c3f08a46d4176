package io.jenkins.plugins.deploytrain.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.deploytrain.gate.DatadogClient;
import io.jenkins.plugins.deploytrain.gate.FiringSignal;
import io.jenkins.plugins.deploytrain.gate.GateContext;
import io.jenkins.plugins.deploytrain.gate.GateEvaluator;
import io.jenkins.plugins.deploytrain.gate.GateResult;
import io.jenkins.plugins.deploytrain.gate.GateSpec;
import io.jenkins.plugins.deploytrain.gate.Secret;
import io.jenkins.plugins.deploytrain.gate.SilenceRecord;
import io.jenkins.plugins.deploytrain.gate.Silencer;
import io.jenkins.plugins.deploytrain.testing.ReplayServer;
import io.jenkins.plugins.deploytrain.testing.ReplayServer.Exchange;
import io.jenkins.plugins.deploytrain.testing.ReplayServer.Reply;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The story end to end on the replay servers: a train whose Datadog monitor alerts at one
 * target pauses there, says so in its Slack thread, is approved by a reply ("proceed 2h"), puts a
 * downtime on exactly that monitor, continues, completes, and cancels the downtime. Then the same
 * train during a total Slack outage.
 */
class DatadogAndSlackTrainStoryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CHANNEL = "C1H9RESGL";
    private static final Secret TOKEN = new Secret("xoxb-story-token");
    private static final List<String> TARGETS = List.of("staging-aws-eu-west-1/eu-west-1a", "prod-aws-eu-west-1/eu-west-1a",
            "prod-aws-eu-west-1/eu-west-1b", "prod-aws-us-east-1/us-east-1a");
    private static final String BAD = TARGETS.get(2);

    private ReplayServer datadog;
    private ReplayServer slack;
    private final List<String> log = new CopyOnWriteArrayList<>();
    private long monitorId;
    private String monitorOk;
    private String monitorAlert;

    @BeforeEach
    void start() throws Exception {
        datadog = new ReplayServer();
        slack = new ReplayServer();
        String monitor = ReplayServer.cassette("datadog/v1_Get_a_monitor_s_details_returns_OK_response.json").stream()
                .filter(e -> e.method().equals("GET")).map(Exchange::body).findFirst().orElseThrow();
        ObjectNode m = (ObjectNode) JSON.readTree(monitor);
        monitorId = m.path("id").asLong();
        monitorOk = m.put("overall_state", "OK").toString();
        monitorAlert = m.put("overall_state", "Alert").toString();
        datadog.on("GET", "/api/v2/monitor/" + monitorId + "/downtime_matches", Reply.ok("{\"data\":[],\"meta\":{\"page\":{\"total_filtered_count\":0}}}"));
        datadog.on("POST", "/api/v2/downtime", Reply.ok(ReplayServer.cassette("datadog/v2_Schedule_a_downtime_returns_OK_response.json")
                .stream().filter(e -> e.method().equals("POST")).map(Exchange::body).findFirst().orElseThrow()));
        datadog.on("DELETE", "/api/v2/downtime/85428b34-0187-11ee-bb05-da7ad0900002", Reply.status(204));
        slack.on("POST", "/chat.postMessage", Reply.ok(ReplayServer.fixture("slack/openapi_chat.postMessage_ok.json")));
        slack.on("POST", "/chat.update", Reply.ok(ReplayServer.fixture("slack/openapi_chat.update_ok.json")));
    }

    @AfterEach
    void stop() {
        datadog.close();
        slack.close();
        assertThat(log).noneMatch(l -> l.contains(TOKEN.reveal()));
    }

    /** Slack's recorded thread answer, with one reply from alice: "proceed 2h". */
    private String threadWithApproval(String rootTs) throws Exception {
        ObjectNode page = (ObjectNode) JSON.readTree(ReplayServer.fixture("slack/openapi_conversations.replies_ok.json"));
        ArrayNode messages = (ArrayNode) page.path("messages");
        ((ObjectNode) messages.get(0)).put("ts", rootTs).put("thread_ts", rootTs);
        ObjectNode reply = (ObjectNode) messages.get(1);
        reply.put("text", "proceed 2h looks like the known eu-west-1b flake").put("user", "U061F7AUR").put("thread_ts", rootTs)
                .put("ts", "1503436000.000100");
        while (messages.size() > 2) {
            messages.remove(2);
        }
        page.put("has_more", false);
        ((ObjectNode) page.path("response_metadata")).put("next_cursor", "");
        return page.toString();
    }

    /** A train loop in the shape the stepper drives: deploy, gate, pause on failure, approval, continue. */
    private List<String> runTrain(SlackNotifier notifier, java.util.function.Supplier<Optional<Approval>> approvals) throws Exception {
        var client = new DatadogClient(datadog.uri(), new Secret("api"), new Secret("app"), Duration.ofSeconds(2));
        var evaluator = new GateEvaluator(Optional.empty(), Optional.empty(), Optional.of(client));
        var silencer = new Silencer(Optional.empty(), Optional.of(client));
        var gate = new GateSpec.DatadogMonitors("checkout-errors", List.of(monitorId), Optional.empty(), null,
                Optional.of("env:${TRAIN_ENVIRONMENT}"));
        var started = new TrainEvent.Started("checkout", "1.4.2", 3, TARGETS.size(), "https://ci.example/train/7");
        List<String> story = new ArrayList<>();
        List<SilenceRecord> silences = new ArrayList<>();
        Instant began = Instant.now();
        notifier.start(started);
        int done = 0;
        for (String target : TARGETS) {
            datadog.on("GET", "/api/v1/monitor/" + monitorId, Reply.ok(target.equals(BAD) ? monitorAlert : monitorOk));
            String[] parts = target.split("/");
            Map<String, String> vars = Map.of("TRAIN_ENVIRONMENT", parts[0], "TRAIN_ZONE", parts[1]);
            GateResult result = evaluator.evaluate(gate, new GateContext(vars, Instant.now(), Instant.now()));
            if (result.status() == GateResult.Status.FAILED) {
                story.add("paused at " + target);
                notifier.publish(new TrainEvent.GateFailed(target, result.gate(), result.reason(),
                        result.signals().stream().map(FiringSignal::describe).toList()));
                notifier.summary(SlackText.summary(started, done, "paused at " + target));
                Approval approval = approvals.get().orElseThrow();
                Silencer.Outcome outcome = silencer.silence(gate, result, approval.command().silence().orElseThrow(), approval.by(),
                        approval.command().reason(), vars, Instant.now());
                silences.addAll(outcome.created());
                notifier.publish(new TrainEvent.Approved(approval.by(), "proceed", approval.command().silence(), Optional.empty(),
                        outcome.created().stream().map(SilenceRecord::id).toList()));
                datadog.on("GET", "/api/v2/monitor/" + monitorId + "/downtime_matches", Reply.ok(
                        "{\"data\":[{\"type\":\"downtime_match\",\"id\":\"" + outcome.created().get(0).id() + "\",\"attributes\":"
                                + "{\"groups\":[\"*\"],\"scope\":\"env:prod-aws-eu-west-1\",\"start\":\"2023-06-28T17:23:57.324000+00:00\",\"end\":null}}]}"));
                result = evaluator.evaluate(gate, new GateContext(vars, Instant.now(), Instant.now()));
                story.add("approved by " + approval.by() + ", gate " + result.status());
            }
            done++;
            notifier.publish(new TrainEvent.ZoneDone(parts[0], parts[1]));
            notifier.summary(SlackText.summary(started, done, "running"));
            story.add("done " + target);
        }
        assertThat(silencer.expire(silences)).isEmpty();
        notifier.publish(new TrainEvent.Completed(Duration.between(began, Instant.now()), 3));
        notifier.summary(SlackText.summary(started, done, "completed"));
        story.add("completed");
        return story;
    }

    @Test
    void aMonitorAlertPausesTheTrainASlackReplyApprovesItWithADowntimeAndTheTrainCompletes() throws Exception {
        var notifier = new SlackNotifier(new SlackClient(slack.uri(), TOKEN, Duration.ofSeconds(2)), CHANNEL, null,
                SlackNotifier.Settings.DEFAULT, ts -> { }, log::add);
        var policy = new ApproverPolicy(Set.of("alice"), Set.of(), Map.of("U061F7AUR", "alice"), Map.of());
        var inbox = new SlackApprovals(new SlackClient(slack.uri(), TOKEN, Duration.ofSeconds(2)), notifier, policy, Duration.ofSeconds(10));

        List<String> story = runTrain(notifier, () -> {
            try {
                notifier.awaitIdle(Duration.ofSeconds(5));
                String root = notifier.threadTs().orElseThrow();
                slack.on("POST", "/conversations.replies", Reply.ok(threadWithApproval(root)));
                return inbox.poll(CHANNEL, root, null).approvals().stream().findFirst();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(notifier.awaitIdle(Duration.ofSeconds(10))).isTrue();
        notifier.close();

        assertThat(story).containsExactly("done staging-aws-eu-west-1/eu-west-1a", "done prod-aws-eu-west-1/eu-west-1a",
                "paused at " + BAD, "approved by alice, gate PASSED", "done " + BAD, "done prod-aws-us-east-1/us-east-1a", "completed");
        var downtime = JSON.readTree(datadog.requests("POST", "/api/v2/downtime").get(0).body()).path("data").path("attributes");
        assertThat(downtime.path("monitor_identifier").path("monitor_id").asLong()).isEqualTo(monitorId);
        assertThat(downtime.path("scope").asText()).isEqualTo("env:prod-aws-eu-west-1");
        assertThat(downtime.path("message").asText()).contains("approved by alice").contains("known eu-west-1b flake");
        assertThat(datadog.requests("DELETE", "/api/v2/downtime/85428b34-0187-11ee-bb05-da7ad0900002")).hasSize(1);

        List<String> thread = slack.requests("POST", "/chat.postMessage").stream().map(r -> ReplayServer.form(r).get("text")).toList();
        assertThat(thread).hasSize(1 + 4 + 2 + 1);
        assertThat(thread.get(0)).startsWith(":steam_locomotive: Deploy train `checkout` version `1.4.2`");
        assertThat(thread.get(3)).startsWith(":red_circle: gate *checkout-errors* failed at `" + BAD + "`: 1 of 1 Datadog monitor(s) failing")
                .contains("\n• Test-Get_a_monitor_s_details_returns_OK_response");
        assertThat(thread.get(4)).isEqualTo(":ok_hand: proceed approved by alice, silencing what fired for 2h (85428b34-0187-11ee-bb05-da7ad0900002)");
        assertThat(thread.get(7)).startsWith(":checkered_flag: train completed in");
        List<String> updates = slack.requests("POST", "/chat.update").stream().map(r -> ReplayServer.form(r).get("text")).toList();
        assertThat(updates.get(updates.size() - 1)).endsWith("4/4 targets done. completed");
    }

    @Test
    void duringATotalSlackOutageTheTrainStillCompletesPromptly() throws Exception {
        slack.outage(Reply.json(503, "<html>503 Service Unavailable</html>"));
        var notifier = new SlackNotifier(new SlackClient(slack.uri(), TOKEN, Duration.ofSeconds(2)), CHANNEL, null,
                SlackNotifier.Settings.DEFAULT, ts -> { }, log::add);
        // Slack is down, so the approval comes from another inbox (the CLI's deploy-train approve).
        Approval fromCli = new Approval("bob", ReplyParser.parse("proceed 1h").orElseThrow(), "cli", "", Instant.now());

        List<String> story = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> runTrain(notifier, () -> Optional.of(fromCli)));
        assertTimeoutPreemptively(Duration.ofSeconds(3), notifier::close);

        assertThat(story).endsWith("approved by bob, gate PASSED", "done " + BAD, "done prod-aws-us-east-1/us-east-1a", "completed");
        assertThat(datadog.requests("DELETE", "/api/v2/downtime/85428b34-0187-11ee-bb05-da7ad0900002")).hasSize(1);
        assertThat(notifier.stats().delivered()).isZero();
        assertThat(log).first().asString().isEqualTo("Slack: chat.postMessage failed: HTTP 503; attempt 2 of 5 in 1s");
        assertThat(log).last().asString().matches("Slack: \\d+ message\\(s\\) to " + CHANNEL + " not sent before the train ended");
    }
}
