package io.jenkins.plugins.deploytrain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.deploytrain.gate.PrometheusClient;
import io.jenkins.plugins.deploytrain.gate.QueryResult;
import io.jenkins.plugins.deploytrain.testing.PushgatewayStack;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged {@code deploy-train run --pushgateway} as processes against a real Pushgateway scraped by a real
 * Prometheus: after two jobs' trains, PromQL answers which version runs where and how many deploys each job made,
 * each job in series of its own (its Pushgateway group).
 */
class RunWithPushgatewayIT {

    @RegisterExtension
    static final PushgatewayStack STACK = new PushgatewayStack();

    @TempDir
    Path dir;

    record Exit(int code, String out, String err) {}

    private Exit deployTrain(Path work, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", Path.of("target", "deploy-train.jar").toAbsolutePath().toString()));
        command.addAll(List.of(args));
        Path out = work.resolve("out.txt");
        Path err = work.resolve("err.txt");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("deploy-train %s ended within 60 s", args[0]).isTrue();
        return new Exit(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    private Exit train(String job, String version) throws Exception {
        Path work = Files.createDirectories(dir.resolve(job));
        new CrashFixture(work, 2, version, 0);
        Files.writeString(work.resolve("train.yaml"), """
                service: crash-svc
                version: %s
                fleet: fleet.yaml
                bake: 0s
                soakAfterZone: 0s
                soakAfterEnvironment: 0s
                zoneDeployEstimate: 1s
                """.formatted(version));
        return deployTrain(work, "run", "--train", work.resolve("train.yaml").toString(), "--state", work.resolve("state").toString(),
                "--deploy-command", work.resolve("deploy.sh").toString(), "--by", "alice", "--job", job,
                "--pushgateway", STACK.pushgateway().toString());
    }

    @Test
    void twoJobsTrainsShowTheVersionMatrixAndTheirDeployCountsInPrometheusEachInItsOwnSeries() throws Exception {
        Exit blue = train("payments/blue", "2.0.0");
        Exit green = train("payments-green", "3.1.0");
        assertThat(blue.code()).as(blue.err()).isZero();
        assertThat(green.code()).as(green.err()).isZero();
        assertThat(blue.err() + green.err()).doesNotContain("Pushgateway");

        PrometheusClient prometheus = new PrometheusClient(STACK.prometheus(), Duration.ofSeconds(5));
        Map<String, Double> deploys = Map.of();
        Instant giveUp = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(giveUp)) {
            deploys = byLabel(prometheus.query("sum by (deploy_job) (deploy_train_deploys_total{service=\"crash-svc\",outcome=\"succeeded\"})",
                    Instant.now()), "deploy_job");
            if (deploys.size() == 2) {
                break;
            }
            Thread.sleep(500);
        }
        assertThat(deploys).as("one series per job, a slash in the job's name included").containsExactlyInAnyOrderEntriesOf(
                Map.of("payments/blue", 6.0, "payments-green", 6.0));

        QueryResult matrix = prometheus.query("max by (deploy_job, environment, zone, version) (deploy_train_version_info{service=\"crash-svc\"})",
                Instant.now());
        List<String> cells = ((QueryResult.Vector) matrix).samples().stream()
                .map(s -> s.labels().get("deploy_job") + " " + s.labels().get("environment") + "/" + s.labels().get("zone") + " "
                        + s.labels().get("version"))
                .sorted().toList();
        assertThat(cells).hasSize(12).contains("payments/blue cell-00/a 2.0.0", "payments-green cell-01/c 3.1.0")
                .noneMatch(c -> c.startsWith("payments/blue") && c.endsWith("3.1.0"));
        QueryResult states = prometheus.query("deploy_train_state{service=\"crash-svc\",state=\"succeeded\"} == 1", Instant.now());
        assertThat(((QueryResult.Vector) states).samples()).hasSize(2)
                .allSatisfy(s -> assertThat(s.labels()).containsEntry("job", "deploy_train"));
    }

    private static Map<String, Double> byLabel(QueryResult result, String label) {
        Map<String, Double> out = new TreeMap<>();
        ((QueryResult.Vector) result).samples().forEach(s -> out.put(s.labels().get(label), s.value()));
        return out;
    }
}
