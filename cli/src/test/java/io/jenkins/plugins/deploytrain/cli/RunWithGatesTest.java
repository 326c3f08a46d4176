package io.jenkins.plugins.deploytrain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.deploytrain.ledger.FileLedgerStore;
import io.jenkins.plugins.deploytrain.ledger.TargetRecord;
import io.jenkins.plugins.deploytrain.ledger.TargetStatus;
import io.jenkins.plugins.deploytrain.ledger.Train;
import io.jenkins.plugins.deploytrain.testing.ReplayServer;
import io.jenkins.plugins.deploytrain.testing.ReplayServer.Reply;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run} with the train's monitor gates and its Slack thread wired from the command line. */
class RunWithGatesTest {

    @TempDir
    Path dir;

    record Result(int exit, String out, String err) {}

    private Result run(Map<String, String> environment, String... extra) {
        return run(dir.resolve("train.yaml"), environment, extra);
    }

    private Result run(Path trainFile, Map<String, String> environment, String... extra) {
        List<String> args = new ArrayList<>(List.of("run", "--train", trainFile.toString(), "--state",
                dir.resolve("state").toString(), "--deploy-command", dir.resolve("deploy.sh").toString(), "--time-scale", "100000",
                "--start", "2026-11-30T08:00:00Z", "--by", "alice"));
        args.addAll(List.of(extra));
        CliRun run = CliRun.run(environment, args);
        return new Result(run.exitCode(), run.out(), run.err());
    }

    private void gatedTrain(String gates) throws IOException {
        new CrashFixture(dir, 2, "2.0.0", 0);
        Files.writeString(dir.resolve("train.yaml"), """
                service: crash-svc
                version: 2.0.0
                fleet: fleet.yaml
                bake: 20m
                soakAfterZone: 1m
                soakAfterEnvironment: 2m
                zoneDeployEstimate: 1m
                """ + gates);
    }

    private static final String PROMETHEUS_GATE = """
            gates:
              default:
                - name: error-ratio
                  prometheus:
                    query: 'deploy_error_ratio{environment="${TRAIN_ENVIRONMENT}", zone="${TRAIN_ZONE}"} > 0.05'
              staging:
                - name: checkout-monitors
                  datadog:
                    ids: [1234]
            """;

    @Test
    void aTrainWhoseGatesNeedSystemsNotGivenIsRefusedUpFrontNamingEachGateAndOption() throws Exception {
        gatedTrain(PROMETHEUS_GATE);

        Result r = run(Map.of());

        assertThat(r.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains("gate 'error-ratio' (gates.default) needs Prometheus: give --prometheus URL")
                .contains("gate 'checkout-monitors' (gates.staging) needs Datadog: give --datadog-site SITE")
                .doesNotContain("starting train");
        assertThat(new FileLedgerStore(dir.resolve("state")).load()).isEmpty();
    }

    @Test
    void theGatedExampleNeedsPrometheusAndNamesBothGates() {
        Path example = Path.of("..", "examples", "train-gated.yaml").toAbsolutePath().normalize();

        Result r = run(example, Map.of());

        assertThat(r.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err().lines().toList()).containsExactly(
                "run: " + example + ": gate 'error-ratio' (gates.default) needs Prometheus: give --prometheus URL",
                "run: " + example + ": gate 'no-pages' (gates.default) needs Alertmanager or Prometheus: give --alertmanager URL or --prometheus URL");
    }

    @Test
    void datadogKeysMissingFromTheEnvironmentAreBadInputAndKeysNeverShow() throws Exception {
        gatedTrain(PROMETHEUS_GATE);

        Result missing = run(Map.of("DD_API_KEY", "dd-api-secret-1"), "--prometheus", "http://127.0.0.1:1", "--datadog-site", "datadoghq.eu");

        assertThat(missing.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(missing.err()).contains("--datadog-site needs the environment variables DD_API_KEY and DD_APP_KEY")
                .doesNotContain("dd-api-secret-1");
    }

    @Test
    void anUnreachablePrometheusFailsTheGatePausingTheTrainAtItsFirstTargetNeverPassing() throws Exception {
        gatedTrain("""
                gates:
                  default:
                    - name: error-ratio
                      prometheus:
                        query: 'deploy_error_ratio{environment="${TRAIN_ENVIRONMENT}", zone="${TRAIN_ZONE}"} > 0.05'
                """);
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }

        Result r = run(Map.of(), "--prometheus", "http://127.0.0.1:" + closedPort);

        assertThat(r.exit()).as(r.err()).isEqualTo(ExitCodes.AWAITING_APPROVAL);
        assertThat(r.out()).contains("cell-00/a").contains("error-ratio").contains("unreachable");
        Train train = new FileLedgerStore(dir.resolve("state")).load().orElseThrow().trains().get(0);
        assertThat(train.targets()).allSatisfy(t -> assertThat(t.gates()).containsExactly("error-ratio"));
        assertThat(train.target("cell-00/a").map(TargetRecord::status)).contains(TargetStatus.PAUSED);
        assertThat(train.target("cell-00/b").map(TargetRecord::status)).contains(TargetStatus.PENDING);
    }

    @Test
    void approveWithASilenceRecordsItsDurationForTheNextRun() throws Exception {
        gatedTrain("""
                gates:
                  default:
                    - name: error-ratio
                      prometheus:
                        query: 'deploy_error_ratio{environment="${TRAIN_ENVIRONMENT}", zone="${TRAIN_ZONE}"} > 0.05'
                """);
        assertThat(run(Map.of(), "--prometheus", "http://127.0.0.1:1").exit()).isEqualTo(ExitCodes.AWAITING_APPROVAL);
        String trainId = new FileLedgerStore(dir.resolve("state")).load().orElseThrow().trains().get(0).id();
        String state = dir.resolve("state").toString();

        RunCommandTest.Result withRetry = RunCommandTest.execute("approve", "--state", state, "--train", trainId, "--target", "cell-00/a",
                "--action", "retry", "--by", "bob", "--silence", "10m");
        RunCommandTest.Result bad = RunCommandTest.execute("approve", "--state", state, "--train", trainId, "--target", "cell-00/a",
                "--action", "proceed", "--by", "bob", "--silence", "soon");
        RunCommandTest.Result ok = RunCommandTest.execute("approve", "--state", state, "--train", trainId, "--target", "cell-00/a",
                "--action", "proceed", "--by", "bob", "--reason", "known flake", "--silence", "10m");

        assertThat(withRetry.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(withRetry.err()).contains("--silence goes only with --action proceed, not retry");
        assertThat(bad.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(bad.err()).contains("--silence must be a positive duration like 10m or 2h, not 'soon'");
        assertThat(ok.exit()).as(ok.err()).isZero();
        assertThat(ok.out()).contains("with a silence of 10m");
        Train train = new FileLedgerStore(dir.resolve("state")).load().orElseThrow().trains().get(0);
        assertThat(train.approvals()).singleElement().satisfies(a -> {
            assertThat(a.silence()).contains(java.time.Duration.ofMinutes(10));
            assertThat(a.reason()).isEqualTo("known flake");
        });
        // the ledger's JSON (the snapshot's form; the approval itself is a journal record until the next snapshot)
        assertThat(io.jenkins.plugins.deploytrain.ledger.LedgerJson.toJson(new FileLedgerStore(dir.resolve("state")).load().orElseThrow()))
                .contains("\"silenceFor\" : \"PT10M\"");
    }

    @Test
    void slackWithoutItsTokenIsBadInput() throws Exception {
        gatedTrain("");

        Result r = run(Map.of(), "--slack-channel", "C1H9RESGL");

        assertThat(r.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains("--slack-channel needs the bot token in the environment variable DEPLOY_TRAIN_SLACK_TOKEN");
    }

    @Test
    void theTrainTellsItsStoryInOneSlackThreadKeptAcrossRunsAndTheTokenOnlyInTheHeader() throws Exception {
        gatedTrain("");
        try (ReplayServer slack = new ReplayServer()) {
            slack.on("POST", "/chat.postMessage", Reply.ok(ReplayServer.fixture("slack/openapi_chat.postMessage_ok.json")));
            slack.on("POST", "/chat.update", Reply.ok(ReplayServer.fixture("slack/openapi_chat.update_ok.json")));

            Result r = run(Map.of("DEPLOY_TRAIN_SLACK_TOKEN", "xoxb-run-secret"), "--slack-channel", "C1H9RESGL",
                    "--slack-api", slack.uri().toString());

            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.err() + r.out()).doesNotContain("xoxb-run-secret");
            var posts = slack.requests("POST", "/chat.postMessage").stream().map(ReplayServer::form).toList();
            assertThat(posts.get(0).get("text")).startsWith(":steam_locomotive: Deploy train `crash-svc` version `2.0.0`: 6 targets");
            assertThat(posts.subList(1, posts.size())).allSatisfy(p -> assertThat(p).containsEntry("thread_ts", "1503435956.000247"));
            assertThat(posts.get(posts.size() - 1).get("text")).contains("completed: crash-svc 2.0.0");
            assertThat(slack.requests("POST", "/chat.postMessage")).allSatisfy(p ->
                    assertThat(p.header("Authorization")).isEqualTo("Bearer xoxb-run-secret"));
            assertThat(Files.readString(dir.resolve("state/slack-threads.properties"))).contains("1503435956.000247");
        }
    }
}
