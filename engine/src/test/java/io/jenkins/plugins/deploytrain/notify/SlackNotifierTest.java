package io.jenkins.plugins.deploytrain.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.deploytrain.gate.Secret;
import io.jenkins.plugins.deploytrain.testing.ReplayServer;
import io.jenkins.plugins.deploytrain.testing.ReplayServer.Recorded;
import io.jenkins.plugins.deploytrain.testing.ReplayServer.Reply;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The train's Slack thread against Slack's recorded answers, served locally with faults injected. */
class SlackNotifierTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Secret TOKEN = new Secret("xoxb-0000-secret-token");
    private static final String CHANNEL = "C1H9RESGL";
    private static final TrainEvent.Started STARTED = new TrainEvent.Started("checkout", "1.4.2", 3, 6, "https://ci.example/train/42");
    private static final SlackNotifier.Settings FAST = new SlackNotifier.Settings(100, 5, Duration.ofMillis(50), Duration.ofMillis(400));

    private ReplayServer slack;
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final List<String> recordedThreads = new CopyOnWriteArrayList<>();
    private SlackNotifier notifier;

    @BeforeEach
    void start() throws Exception {
        slack = new ReplayServer();
    }

    @AfterEach
    void stop() {
        if (notifier != null) {
            notifier.close();
        }
        slack.close();
        assertThat(log).noneMatch(line -> line.contains(TOKEN.reveal()));
    }

    private SlackNotifier notifier(URI base, SlackNotifier.Settings settings) {
        notifier = new SlackNotifier(new SlackClient(base, TOKEN, Duration.ofSeconds(2)), CHANNEL, null, settings, recordedThreads::add, log::add);
        return notifier;
    }

    private static String fixture(String name) throws Exception {
        return ReplayServer.fixture("slack/" + name);
    }

    /** Slack's recorded error shape with an error code Slack documents for that method. */
    private static String slackError(String method, String code) throws Exception {
        JsonNode codes = JSON.readTree(fixture("openapi_error_codes_by_method.json")).path(method);
        assertThat(codes.toString()).contains("\"" + code + "\"");
        ObjectNode body = (ObjectNode) JSON.readTree(fixture("openapi_chat.postMessage_error.json"));
        body.put("error", code);
        return body.toString();
    }

    private void simulateTrain(int events) {
        notifier.start(STARTED);
        for (int i = 0; i < events; i++) {
            notifier.publish(new TrainEvent.ZoneDone("prod-" + i, "zone-a"));
            notifier.summary(SlackText.summary(STARTED, i + 1, "running"));
        }
        notifier.publish(new TrainEvent.Completed(Duration.ofMinutes(42), 3));
    }

    @Test
    void theRootIsPostedOnceEveryEventIsAThreadedReplyAndTheSummaryIsUpdatedInPlace() throws Exception {
        slack.on("POST", "/chat.postMessage", Reply.ok(fixture("openapi_chat.postMessage_ok.json")));
        slack.on("POST", "/chat.update", Reply.ok(fixture("openapi_chat.update_ok.json")));
        notifier(slack.uri(), FAST);

        simulateTrain(3);
        assertThat(notifier.awaitIdle(Duration.ofSeconds(10))).isTrue();

        String ts = "1503435956.000247";
        assertThat(notifier.threadTs()).contains(ts);
        assertThat(recordedThreads).containsExactly(ts);
        List<Recorded> posts = slack.requests("POST", "/chat.postMessage");
        assertThat(posts).hasSize(5);
        assertThat(ReplayServer.form(posts.get(0))).containsEntry("channel", CHANNEL).doesNotContainKey("thread_ts")
                .containsEntry("text", SlackText.root(STARTED));
        assertThat(posts.subList(1, 5)).allSatisfy(p -> assertThat(ReplayServer.form(p)).containsEntry("thread_ts", ts));
        assertThat(ReplayServer.form(posts.get(4)).get("text")).isEqualTo(":checkered_flag: train completed in 42m across 3 environments");
        List<Recorded> updates = slack.requests("POST", "/chat.update");
        assertThat(updates).isNotEmpty().hasSizeLessThanOrEqualTo(3);
        assertThat(ReplayServer.form(updates.get(updates.size() - 1))).containsEntry("ts", ts)
                .containsEntry("text", SlackText.summary(STARTED, 3, "running"));
        assertThat(slack.requests()).allSatisfy(r -> assertThat(r.header("Authorization")).isEqualTo("Bearer " + TOKEN.reveal()));
        assertThat(notifier.stats()).isEqualTo(new SlackNotifier.Stats(5 + updates.size(), 0, 0, false));
        assertThat(log).isEmpty();
    }

    @Test
    void aResumedTrainKeepsItsThread() throws Exception {
        slack.on("POST", "/chat.postMessage", Reply.ok(fixture("openapi_chat.postMessage_ok.json")));
        notifier = new SlackNotifier(new SlackClient(slack.uri(), TOKEN, Duration.ofSeconds(2)), CHANNEL, "1400000000.000100", FAST,
                recordedThreads::add, log::add);
        notifier.start(STARTED);
        notifier.say("deploying <prod>/a");
        assertThat(notifier.awaitIdle(Duration.ofSeconds(10))).isTrue();
        assertThat(slack.requests()).singleElement().satisfies(r -> assertThat(ReplayServer.form(r))
                .containsEntry("thread_ts", "1400000000.000100").containsEntry("text", "deploying &lt;prod&gt;/a"));
    }

    @Test
    void a429StormIsWaitedOutAsSlackAsksWhileTheTrainRunsOn() throws Exception {
        slack.on("POST", "/chat.postMessage", Reply.rateLimited(1), Reply.rateLimited(1), Reply.rateLimited(1),
                Reply.ok(fixture("openapi_chat.postMessage_ok.json")));
        slack.on("POST", "/chat.update", Reply.ok(fixture("openapi_chat.update_ok.json")));
        notifier(slack.uri(), FAST);

        // Waiting for Slack would take at least the 3 x 1s it asked for; the train must not.
        assertTimeoutPreemptively(Duration.ofMillis(2500), () -> simulateTrain(50), "the train must not wait for Slack");
        assertThat(notifier.awaitIdle(Duration.ofSeconds(20))).isTrue();

        List<Recorded> posts = slack.requests("POST", "/chat.postMessage");
        assertThat(posts).hasSize(3 + 52);
        for (int i = 1; i <= 3; i++) {
            assertThat(Duration.between(posts.get(i - 1).at(), posts.get(i).at())).as("Retry-After honoured")
                    .isGreaterThanOrEqualTo(Duration.ofMillis(950));
        }
        assertThat(notifier.stats().dropped()).isZero();
        assertThat(log).containsExactly(
                "Slack: chat.postMessage rate limited (HTTP 429), Retry-After 1s; attempt 2 of 5 in 1s",
                "Slack: chat.postMessage rate limited (HTTP 429), Retry-After 1s; attempt 3 of 5 in 1s",
                "Slack: chat.postMessage rate limited (HTTP 429), Retry-After 1s; attempt 4 of 5 in 1s");
    }

    @Test
    void theRecordedRetryAfterOfAnHourPausesTheSenderNotTheTrain() throws Exception {
        JsonNode recorded = JSON.readTree(fixture("ruby_vcr_429_ratelimited_retry_after.json")).path("http_interactions").get(0).path("response");
        int status = recorded.path("status").path("code").asInt();
        String retryAfter = recorded.path("headers").path("Retry-After").get(0).asText();
        slack.on("POST", "/chat.postMessage", new Reply(status, Map.of("Retry-After", retryAfter), "", Duration.ZERO));
        notifier(slack.uri(), FAST);

        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> simulateTrain(20));
        assertThat(notifier.awaitIdle(Duration.ofMillis(1500))).isFalse();
        assertThat(slack.requests()).as("nothing more is sent during the hour Slack asked for").hasSize(1);
        assertThat(log).containsExactly("Slack: chat.postMessage rate limited (HTTP 429), Retry-After 3600s; attempt 2 of 5 in 1h");

        assertTimeoutPreemptively(Duration.ofSeconds(3), () -> notifier.close());
        assertThat(notifier.stats().dropped()).isEqualTo(1 + 21 + 1);
        assertThat(log.get(1)).isEqualTo("Slack: 23 message(s) to " + CHANNEL + " not sent before the train ended");
    }

    @Test
    void aTotalOutageNeitherStopsNorSlowsTheTrain() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        notifier(URI.create("http://127.0.0.1:" + closedPort), FAST);
        // Blocking on Slack would cost 200 messages x 5 failed attempts with backoff: minutes, not seconds.
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> simulateTrain(200));
        await().atMost(Duration.ofSeconds(10)).until(() -> log.stream().anyMatch(l ->
                l.startsWith("Slack: chat.postMessage failed: unreachable") && l.endsWith("gave up after 5 attempts (root dropped)")));
        assertTimeoutPreemptively(Duration.ofSeconds(3), () -> notifier.close());
        assertThat(notifier.stats().delivered()).isZero();
        assertThat(log).contains("Slack: queue for " + CHANNEL + " full (100); 1 oldest reply dropped so far",
                "Slack: queue for " + CHANNEL + " full (100); 100 oldest replies dropped so far");
    }

    @Test
    void aHangingSlackTimesOutInTheBackground() throws Exception {
        slack.outage(Reply.ok(fixture("openapi_chat.postMessage_ok.json")).delayed(Duration.ofSeconds(30)));
        notifier = new SlackNotifier(new SlackClient(slack.uri(), TOKEN, Duration.ofMillis(300)), CHANNEL, null, FAST,
                recordedThreads::add, log::add);
        // Blocking would cost 30 x 300ms timeouts at least.
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> simulateTrain(30));
        await().atMost(Duration.ofSeconds(10)).until(() -> log.stream().anyMatch(l -> l.contains("no answer within 300ms")));
    }

    @Test
    void fiveHundredsAreRetriedWithBackoff() throws Exception {
        slack.on("POST", "/chat.postMessage", Reply.json(503, "upstream connect error"), Reply.status(500),
                Reply.ok(fixture("openapi_chat.postMessage_ok.json")));
        notifier(slack.uri(), FAST);
        notifier.start(STARTED);
        assertThat(notifier.awaitIdle(Duration.ofSeconds(10))).isTrue();
        assertThat(notifier.threadTs()).isPresent();
        assertThat(log).containsExactly("Slack: chat.postMessage failed: HTTP 503; attempt 2 of 5 in 50ms",
                "Slack: chat.postMessage failed: HTTP 500; attempt 3 of 5 in 100ms");
    }

    @Test
    void invalidAuthIsLoggedClearlyWithoutTheTokenAndSlackIsLeftAlone() throws Exception {
        slack.on("POST", "/chat.postMessage", Reply.ok(fixture("openapi_auth.test_error.json")));
        notifier(slack.uri(), FAST);
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> simulateTrain(10));
        await().atMost(Duration.ofSeconds(10)).until(() -> notifier.stats().pending() == 0);
        assertThat(slack.requests()).hasSize(1);
        assertThat(log).startsWith(
                "Slack: chat.postMessage to " + CHANNEL + " failed: invalid_auth (root dropped)",
                "Slack: notifications for this train are off until the configuration is fixed (invalid_auth)");
        assertThat(notifier.stats().disabled()).isTrue();
        assertThat(TOKEN.toString()).isEqualTo("****");
    }

    @Test
    void channelNotFoundIsLoggedClearly() throws Exception {
        slack.on("POST", "/chat.postMessage", Reply.ok(slackError("chat.postMessage", "channel_not_found")));
        notifier(slack.uri(), FAST);
        notifier.start(STARTED);
        await().atMost(Duration.ofSeconds(10)).until(() -> log.size() == 2);
        assertThat(log.get(0)).isEqualTo("Slack: chat.postMessage to " + CHANNEL + " failed: channel_not_found (root dropped)");
    }

    @Test
    void repliesInTheThreadBecomeApprovalsFromAllowedPeopleOnly() throws Exception {
        // The recorded conversations.replies answer, with the replies' texts and authors set for this story.
        ObjectNode page = (ObjectNode) JSON.readTree(fixture("openapi_conversations.replies_ok.json"));
        ArrayNode messages = (ArrayNode) page.path("messages");
        String root = messages.get(0).path("ts").asText();
        ((ObjectNode) messages.get(1)).put("text", "Proceed 2h known flake").put("user", "U061F7AUR");
        ((ObjectNode) messages.get(2)).put("text", "abort").put("user", "U0MALLORY");
        ((ObjectNode) messages.get(3)).put("text", "retry prod-aws-eu-west-1/eu-west-1b").put("user", "U0GROUPIE");
        ObjectNode bot = messages.addObject();
        bot.put("type", "message").put("subtype", "bot_message").put("bot_id", "B19LU7CSY").put("text", "proceed")
                .put("ts", "1483125340.000001").put("thread_ts", root);
        page.put("has_more", false);
        ((ObjectNode) page.path("response_metadata")).put("next_cursor", "");
        slack.on("POST", "/conversations.replies", Reply.ok(page.toString()));
        slack.on("POST", "/chat.postMessage", Reply.ok(fixture("openapi_chat.postMessage_ok.json")));

        var policy = new ApproverPolicy(Set.of("alice"), Set.of("release-managers"),
                Map.of("U061F7AUR", "alice", "U0GROUPIE", "carol", "U0MALLORY", "mallory"),
                Map.of("carol", Set.of("release-managers")));
        notifier = new SlackNotifier(new SlackClient(slack.uri(), TOKEN, Duration.ofSeconds(2)), CHANNEL, root, FAST,
                recordedThreads::add, log::add);
        var approvals = new SlackApprovals(new SlackClient(slack.uri(), TOKEN, Duration.ofSeconds(2)), notifier, policy, Duration.ofSeconds(15));

        SlackApprovals.Poll poll = approvals.poll(CHANNEL, root, null);

        assertThat(poll.problem()).isEmpty();
        assertThat(poll.approvals()).extracting(Approval::by).containsExactly("alice", "carol");
        assertThat(poll.approvals().get(0).command()).isEqualTo(new ApprovalCommand(ApprovalCommand.Action.PROCEED,
                Optional.of(Duration.ofHours(2)), Optional.empty(), "known flake"));
        assertThat(poll.approvals().get(0).messageTs()).isEqualTo("1483037603.017503");
        assertThat(poll.approvals().get(1).command().target()).contains("prod-aws-eu-west-1/eu-west-1b");
        assertThat(poll.lastSeenTs()).isEqualTo("1483125339.020269");
        assertThat(ReplayServer.form(slack.requests("POST", "/conversations.replies").get(0)))
                .containsEntry("channel", CHANNEL).containsEntry("ts", root);

        assertThat(notifier.awaitIdle(Duration.ofSeconds(10))).isTrue();
        assertThat(slack.requests("POST", "/chat.postMessage")).singleElement().satisfies(note -> assertThat(ReplayServer.form(note))
                .containsEntry("thread_ts", root)
                .containsEntry("text", ":no_entry: mallory may not approve this train; ignored: `abort`"));

        SlackApprovals.Poll again = approvals.poll(CHANNEL, root, poll.lastSeenTs());
        assertThat(again.approvals()).as("replies already seen are not approvals twice").isEmpty();
        assertThat(ReplayServer.form(slack.requests("POST", "/conversations.replies").get(1))).containsEntry("oldest", poll.lastSeenTs());
    }

    @Test
    void aSlackProblemWhileReadingRepliesIsReportedNotThrown() throws Exception {
        slack.on("POST", "/conversations.replies", Reply.ok(fixture("openapi_conversations.replies_error.json")), Reply.rateLimited(7));
        notifier(slack.uri(), FAST);
        var approvals = new SlackApprovals(new SlackClient(slack.uri(), TOKEN, Duration.ofSeconds(2)), notifier,
                new ApproverPolicy(Set.of(), Set.of(), Map.of(), Map.of()), Duration.ofSeconds(15));
        SlackApprovals.Poll failed = approvals.poll(CHANNEL, "1482960137.003543", "1482960137.003543");
        assertThat(failed.problem()).contains("conversations.replies failed: thread_not_found");
        assertThat(failed.pollAgainIn()).isEqualTo(Duration.ofSeconds(15));
        assertThat(failed.lastSeenTs()).isEqualTo("1482960137.003543");
        SlackApprovals.Poll limited = approvals.poll(CHANNEL, "1482960137.003543", null);
        assertThat(limited.pollAgainIn()).isEqualTo(Duration.ofSeconds(7));
    }
}
