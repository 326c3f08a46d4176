package io.jenkins.plugins.deploytrain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.deploytrain.approval.Approval;
import io.jenkins.plugins.deploytrain.approval.ApprovalAction;
import io.jenkins.plugins.deploytrain.gate.Secret;
import io.jenkins.plugins.deploytrain.ledger.FileLedgerStore;
import io.jenkins.plugins.deploytrain.ledger.SampleLedgers;
import io.jenkins.plugins.deploytrain.ledger.Train;
import io.jenkins.plugins.deploytrain.ledger.TrainStatus;
import io.jenkins.plugins.deploytrain.notify.ApproverPolicy;
import io.jenkins.plugins.deploytrain.notify.SlackClient;
import io.jenkins.plugins.deploytrain.notify.SlackNotifier;
import io.jenkins.plugins.deploytrain.notify.SlackSettings;
import io.jenkins.plugins.deploytrain.notify.SlackTrainNotifier;
import io.jenkins.plugins.deploytrain.testing.ReplayServer;
import io.jenkins.plugins.deploytrain.testing.ReplayServer.Reply;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run} with the train's Slack thread: instead of exiting when the train needs a person it reads the thread's
 * replies (recorded Slack shapes from a local replay server) and applies them as approvals through the stepper.
 */
class RunWithSlackRepliesTest {

    /** The root message's ts in the recorded chat.postMessage answer: the train's thread. */
    private static final String THREAD = "1503435956.000247";
    private static final String ALICE_TS = "1503436000.000200";

    @TempDir
    Path dir;

    private ReplayServer slack;

    record Result(int exit, String out, String err) {}

    @BeforeEach
    void slack() throws IOException {
        slack = new ReplayServer();
        slack.on("POST", "/chat.postMessage", Reply.ok(ReplayServer.fixture("slack/openapi_chat.postMessage_ok.json")));
        slack.on("POST", "/chat.update", Reply.ok(ReplayServer.fixture("slack/openapi_chat.update_ok.json")));
    }

    @AfterEach
    void stop() {
        slack.close();
    }

    private Result run(Map<String, String> environment, String... extra) {
        List<String> args = new ArrayList<>(List.of("run", "--train", dir.resolve("train.yaml").toString(), "--state",
                dir.resolve("state").toString(), "--deploy-command", dir.resolve("deploy.sh").toString(), "--time-scale", "100000",
                "--start", "2026-11-30T08:00:00Z", "--by", "carol", "--slack-api", slack.uri().toString()));
        args.addAll(List.of(extra));
        CliRun run = CliRun.run(environment, args);
        return new Result(run.exitCode(), run.out(), run.err());
    }

    /** Two cells of three zones whose very first deploy fails once; Slack channel and approvers from the train file. */
    private CrashFixture trainWithSlack() throws IOException {
        CrashFixture fixture = new CrashFixture(dir, 2, "2.0.0", 0, true);
        Files.writeString(dir.resolve("train.yaml"), """
                service: crash-svc
                version: 2.0.0
                fleet: fleet.yaml
                bake: 20m
                soakAfterZone: 1m
                soakAfterEnvironment: 2m
                zoneDeployEstimate: 1m
                slack:
                  channel: C1H9RESGL
                  pollReplies: 1s
                approvers:
                  names: [alice]
                  slack: {U061F7AUR: alice, U0B0B00001: bob}
                """);
        return fixture;
    }

    /** The recorded conversations.replies page, with the thread's replies replaced by these (user, ts, text). */
    private static String replies(String[]... messages) throws IOException {
        ObjectNode page = (ObjectNode) new ObjectMapper().readTree(ReplayServer.fixture("slack/openapi_conversations.replies_ok.json"));
        ArrayNode kept = (ArrayNode) page.path("messages");
        ObjectNode root = ((ObjectNode) kept.get(0)).put("ts", THREAD).put("thread_ts", THREAD);
        ObjectNode template = (ObjectNode) kept.get(1);
        kept.removeAll();
        kept.add(root);
        for (String[] m : messages) {
            kept.add(template.deepCopy().put("user", m[0]).put("ts", m[1]).put("text", m[2]).put("thread_ts", THREAD));
        }
        ((ObjectNode) page.path("response_metadata")).put("next_cursor", "");
        page.put("has_more", false);
        return page.toString();
    }

    @Test
    void aFailedDeployWaitsForTheThreadARetryFromAnApproverContinuesItAndOthersAreIgnoredWithANote() throws Exception {
        CrashFixture fixture = trainWithSlack();
        slack.on("POST", "/conversations.replies", Reply.rateLimited(1), Reply.ok(replies(
                new String[] {"U0B0B00001", "1503435990.000100", "retry cell-00/a"},
                new String[] {"U061F7AUR", ALICE_TS, "retry cell-00/a the config is fixed"})));

        Result r = run(Map.of("DEPLOY_TRAIN_SLACK_TOKEN", "xoxb-replies"));

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("completed: crash-svc 2.0.0: 6 of 6 targets done");
        assertThat(r.err()).contains("slack: applied the reply alice: retry cell-00/a").doesNotContain("xoxb-replies");
        Train train = new FileLedgerStore(dir.resolve("state")).load().orElseThrow().trains().get(0);
        assertThat(train.status()).isEqualTo(TrainStatus.SUCCEEDED);
        assertThat(train.approvals()).containsExactly(new Approval(train.id(), "cell-00/a", ApprovalAction.RETRY, "alice",
                "the config is fixed", Instant.parse("2017-08-22T21:06:40.000200Z")));
        assertThat(train.target("cell-00/a").orElseThrow().attemptCount()).isEqualTo(2);
        assertThat(fixture.logLines().stream().filter(l -> l[0].equals("start") && l[1].equals("cell-00/a"))).hasSize(2);

        var posts = slack.requests("POST", "/chat.postMessage").stream().map(ReplayServer::form).map(f -> f.get("text")).toList();
        assertThat(posts).anyMatch(t -> t.startsWith(":no_entry: bob may not approve this train; ignored:"));
        assertThat(posts).filteredOn(t -> t.contains("may not approve")).hasSize(1);
        assertThat(posts).anyMatch(t -> t.startsWith("alice: retry cell-00/a"));
        assertThat(slack.requests("POST", "/conversations.replies")).allSatisfy(q ->
                assertThat(ReplayServer.form(q)).containsEntry("channel", "C1H9RESGL").containsEntry("ts", THREAD));

        // the 429's Retry-After of 1 s only delayed the next read
        var reads = slack.requests("POST", "/conversations.replies");
        assertThat(reads).hasSizeGreaterThanOrEqualTo(2);
        assertThat(Duration.between(reads.get(0).at(), reads.get(1).at())).isGreaterThanOrEqualTo(Duration.ofMillis(950));
        assertThat(r.err()).contains("slack: conversations.replies rate limited; reading the thread again in 1s");
        assertThat(Files.readString(dir.resolve("state/slack-replies.properties"))).contains(train.id() + "=" + ALICE_TS);
    }

    @Test
    void exitWhenWaitingExitsThreeAndTheNextRunAppliesTheReplyPostedMeanwhile() throws Exception {
        trainWithSlack();
        slack.on("POST", "/conversations.replies", Reply.ok(replies()),
                Reply.ok(replies(new String[] {"U061F7AUR", ALICE_TS, "retry cell-00/a"})));
        Map<String, String> token = Map.of("DEPLOY_TRAIN_SLACK_TOKEN", "xoxb-cron");

        Result first = run(token, "--exit-when-waiting");

        assertThat(first.exit()).as(first.err()).isEqualTo(ExitCodes.AWAITING_APPROVAL);
        assertThat(first.out()).contains("waits for approval: deploy of cell-00/a failed");
        assertThat(slack.requests("POST", "/conversations.replies")).hasSize(1);

        Result second = run(token, "--exit-when-waiting");

        assertThat(second.exit()).as(second.err()).isZero();
        assertThat(second.err()).contains("slack: applied the reply alice: retry cell-00/a");
        Train train = new FileLedgerStore(dir.resolve("state")).load().orElseThrow().trains().get(0);
        assertThat(train.status()).isEqualTo(TrainStatus.SUCCEEDED);
        assertThat(train.approvals()).singleElement().satisfies(a -> assertThat(a.by()).isEqualTo("alice"));
    }

    @Test
    void aReplyIsAppliedOnceAcrossRunsEvenWhenTheRunDiedBeforeRecordingThatItReadIt() throws Exception {
        slack.on("POST", "/conversations.replies", Reply.ok(replies(new String[] {"U061F7AUR", ALICE_TS, "skip env-0/z0"})));
        Train train = SampleLedgers.train("t1", 1, 1);
        List<String> log = new CopyOnWriteArrayList<>();
        SlackSettings settings = new SlackSettings(Optional.of("C1H9RESGL"), Duration.ofSeconds(1),
                new ApproverPolicy(Set.of("alice"), Set.of(), Map.of("U061F7AUR", "alice"), Map.of()));
        Path lastSeen = dir.resolve("slack-replies.properties");

        SlackThreadReplies.Poll first = replies(settings, lastSeen, log).poll(train);
        assertThat(first.approvals()).extracting(Approval::action, Approval::target, Approval::by)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(ApprovalAction.SKIP, "env-0/z0", "alice"));

        // a run killed after applying the reply but before recording it: the ledger has it, so it is not applied again
        Train applied = train.withApproval(first.approvals().get(0));
        assertThat(replies(settings, lastSeen, log).poll(applied).approvals()).isEmpty();

        // recorded: a later run (a new process) does not even read it
        replies(settings, lastSeen, log).seen("t1", first.lastSeenTs());
        assertThat(replies(settings, lastSeen, log).poll(train).approvals()).isEmpty();
        assertThat(slack.requests("POST", "/conversations.replies")).last()
                .satisfies(q -> assertThat(ReplayServer.form(q)).containsEntry("oldest", ALICE_TS));
        assertThat(log).isEmpty();
    }

    private SlackThreadReplies replies(SlackSettings settings, Path lastSeen, List<String> log) {
        SlackClient client = new SlackClient(slack.uri(), new Secret("xoxb-once"), Duration.ofSeconds(2));
        SlackTrainNotifier notifier = new SlackTrainNotifier(client, "C1H9RESGL", SlackNotifier.Settings.DEFAULT, "", Map.of("t1", THREAD),
                (t, ts) -> { }, log::add);
        return new SlackThreadReplies(client, notifier, "C1H9RESGL", settings, lastSeen, log::add);
    }

    @Test
    void aSlackChannelInTheTrainFileNeedsTheToken() throws Exception {
        trainWithSlack();

        Result r = run(Map.of());

        assertThat(r.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains("run: slack.channel in the train file needs the bot token in the environment variable DEPLOY_TRAIN_SLACK_TOKEN");
    }
}
