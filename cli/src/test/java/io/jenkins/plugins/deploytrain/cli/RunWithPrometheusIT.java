package io.jenkins.plugins.deploytrain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.deploytrain.gate.AlertmanagerClient;
import io.jenkins.plugins.deploytrain.gate.LabelMatcher;
import io.jenkins.plugins.deploytrain.ledger.FileLedgerStore;
import io.jenkins.plugins.deploytrain.ledger.SilenceState;
import io.jenkins.plugins.deploytrain.ledger.TargetStatus;
import io.jenkins.plugins.deploytrain.ledger.Train;
import io.jenkins.plugins.deploytrain.ledger.TrainStatus;
import io.jenkins.plugins.deploytrain.testing.PrometheusStack;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged {@code deploy-train run --prometheus} as a process against a real Prometheus and Alertmanager:
 * the gate metric is bad at one chosen target, the run pauses there (exit 3, naming it), a person retries
 * once the metric is good again, and the next run completes. And: a {@code proceed --silence 1h} on a failed alerts
 * gate is put as a real Alertmanager silence by the next run, which completes under it and expires it.
 */
class RunWithPrometheusIT {

    @RegisterExtension
    static final PrometheusStack STACK = new PrometheusStack();

    @TempDir
    Path dir;

    record Exit(int code, String out, String err) {}

    private Exit deployTrain(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", Path.of("target", "deploy-train.jar").toAbsolutePath().toString()));
        command.addAll(List.of(args));
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("deploy-train %s ended within 60 s", args[0]).isTrue();
        return new Exit(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void aBadMetricPausesTheProcessAtThatTargetAndARetryOnceItIsGoodCompletesTheTrain() throws Exception {
        new CrashFixture(dir, 2, "2.0.0", 0);
        Files.writeString(dir.resolve("train.yaml"), """
                service: crash-svc
                version: 2.0.0
                fleet: fleet.yaml
                bake: 1s
                soakAfterZone: 1s
                soakAfterEnvironment: 1s
                zoneDeployEstimate: 1s
                gates:
                  default:
                    - name: error-ratio
                      prometheus:
                        query: 'deploy_error_ratio{environment="${TRAIN_ENVIRONMENT}", zone="${TRAIN_ZONE}"} > 0.05'
                """);
        for (String env : List.of("cell-00", "cell-01")) {
            for (String zone : List.of("a", "b", "c")) {
                STACK.errorRatio(env, zone, 0.01);
            }
        }
        STACK.errorRatio("cell-01", "a", 0.4);
        Thread.sleep(3000); // a scrape every second
        String state = dir.resolve("state").toString();
        String[] run = {"run", "--train", dir.resolve("train.yaml").toString(), "--state", state, "--deploy-command",
                dir.resolve("deploy.sh").toString(), "--by", "alice", "--prometheus", STACK.prometheus().toString(),
                "--alertmanager", STACK.alertmanager().toString()};

        Exit paused = deployTrain(run);

        assertThat(paused.code()).as(paused.err()).isEqualTo(ExitCodes.AWAITING_APPROVAL);
        assertThat(paused.out()).contains("gate failed on cell-01/a (error-ratio:");
        Train train = new FileLedgerStore(dir.resolve("state")).load().orElseThrow().trains().get(0);
        assertThat(train.targets().stream().filter(t -> t.status() == TargetStatus.SUCCEEDED).map(t -> t.id()))
                .containsExactly("cell-00/a", "cell-00/b", "cell-00/c");
        assertThat(train.target("cell-01/a").orElseThrow().status()).isEqualTo(TargetStatus.PAUSED);

        STACK.errorRatio("cell-01", "a", 0.01);
        Thread.sleep(3000);
        Exit approved = deployTrain("approve", "--state", state, "--train", train.id(), "--target", "cell-01/a", "--action", "retry",
                "--by", "bob", "--reason", "rolled back the bad config");
        assertThat(approved.code()).as(approved.err()).isZero();

        Exit done = deployTrain(run);

        assertThat(done.code()).as(done.err()).isZero();
        assertThat(done.out()).contains("completed: crash-svc 2.0.0: 6 of 6 targets done");
        assertThat(new FileLedgerStore(dir.resolve("state")).load().orElseThrow().trains().get(0).status()).isEqualTo(TrainStatus.SUCCEEDED);
    }

    @Test
    void aProceedWithASilenceIsPutByTheNextRunWhichCompletesUnderItAndExpiresIt() throws Exception {
        new CrashFixture(dir, 2, "2.0.0", 0);
        Files.writeString(dir.resolve("train.yaml"), """
                service: crash-svc
                version: 2.0.0
                fleet: fleet.yaml
                bake: 1s
                soakAfterZone: 2s
                soakAfterEnvironment: 2s
                zoneDeployEstimate: 1s
                gates:
                  default:
                    - name: no-pages
                      alerts:
                        matchers: ['alertname="HighErrorRate"', 'environment="${TRAIN_ENVIRONMENT}"']
                """);
        for (String env : List.of("cell-00", "cell-01")) {
            for (String zone : List.of("a", "b", "c")) {
                STACK.errorRatio(env, zone, 0.01);
            }
        }
        STACK.errorRatio("cell-01", "a", 0.4);
        AlertmanagerClient alertmanager = new AlertmanagerClient(STACK.alertmanager(), Duration.ofSeconds(5));
        List<LabelMatcher> badZone = List.of(LabelMatcher.equal("environment", "cell-01"), LabelMatcher.equal("zone", "a"));
        Instant giveUp = Instant.now().plusSeconds(30);
        while (alertmanager.alerts(badZone, false, false).isEmpty() && Instant.now().isBefore(giveUp)) {
            Thread.sleep(500);
        }
        assertThat(alertmanager.alerts(badZone, false, false)).as("HighErrorRate of cell-01/a reached Alertmanager").isNotEmpty();
        String state = dir.resolve("state").toString();
        String[] run = {"run", "--train", dir.resolve("train.yaml").toString(), "--state", state, "--deploy-command",
                dir.resolve("deploy.sh").toString(), "--by", "alice", "--prometheus", STACK.prometheus().toString(),
                "--alertmanager", STACK.alertmanager().toString()};

        Exit paused = deployTrain(run);

        assertThat(paused.code()).as(paused.err()).isEqualTo(ExitCodes.AWAITING_APPROVAL);
        assertThat(paused.out()).contains("gate failed on cell-01/a (no-pages:");
        String trainId = new FileLedgerStore(dir.resolve("state")).load().orElseThrow().trains().get(0).id();

        Exit approved = deployTrain("approve", "--state", state, "--train", trainId, "--target", "cell-01/a", "--action", "proceed",
                "--silence", "1h", "--by", "bob", "--reason", "known noisy canary");
        assertThat(approved.code()).as(approved.err()).isZero();
        assertThat(alertmanager.silences()).as("approve only records the intent; the run puts the silence")
                .noneMatch(s -> s.comment().contains(trainId));

        Exit done = deployTrain(run);

        assertThat(done.code()).as(done.err()).isZero();
        assertThat(done.out()).contains("completed: crash-svc 2.0.0: 6 of 6 targets done");
        Train train = new FileLedgerStore(dir.resolve("state")).load().orElseThrow().trains().get(0);
        assertThat(train.target("cell-01/b").orElseThrow().gateResults()).as("cell-01/b passed its gate under the silence")
                .singleElement().satisfies(g -> assertThat(g.passed()).isTrue());
        assertThat(train.silences()).singleElement().satisfies(s -> {
            assertThat(s.state()).isEqualTo(SilenceState.EXPIRED);
            assertThat(s.key()).isEqualTo(trainId + "#approval-0");
            AlertmanagerClient.Silence real = alertmanager.silence(s.id());
            assertThat(real.state()).isEqualTo("expired");
            // the mark names the job too: train ids are unique within a job's ledger only, Alertmanager is shared
            assertThat(real.comment()).startsWith("deploy-train [crash-svc/" + s.key() + "]: approved by bob");
            assertThat(real.matchers()).contains(LabelMatcher.equal("environment", "cell-01"), LabelMatcher.equal("zone", "a"));
        });
        assertThat(train.audit()).extracting(a -> a.what()).containsSubsequence("approval:proceed", "silence-intent", "silenced",
                "silence-expiring", "silence-expired", "train-succeeded");
        STACK.errorRatio("cell-01", "a", 0.01);
    }
}
