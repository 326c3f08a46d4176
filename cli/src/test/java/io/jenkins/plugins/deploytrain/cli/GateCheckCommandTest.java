package io.jenkins.plugins.deploytrain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.deploytrain.testing.ReplayServer;
import io.jenkins.plugins.deploytrain.testing.ReplayServer.Reply;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code deploy-train gate-check --prometheus URL} against Prometheus' recorded answers, served locally. */
class GateCheckCommandTest {

    @TempDir
    Path tmp;

    private ReplayServer prometheus;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private GateCheckCommand command;

    @BeforeEach
    void start() throws Exception {
        prometheus = new ReplayServer();
        Files.writeString(tmp.resolve("fleet.yaml"), """
                environments:
                  - {name: staging-aws-us-east-1, provider: aws, region: us-east-1, zones: [us-east-1a], tier: staging}
                  - {name: prod-aws-us-east-1, provider: aws, region: us-east-1, zones: [us-east-1a, us-east-1b], tier: primary}
                """);
    }

    @AfterEach
    void stop() {
        prometheus.close();
    }

    private Path train(String gates) throws Exception {
        Path file = tmp.resolve("train.yaml");
        Files.writeString(file, "service: payments-api\nversion: 2026.11.26-1\nfleet: fleet.yaml\n" + gates);
        return file;
    }

    private int run(String... args) {
        command = new GateCheckCommand();
        CommandLine cli = new CommandLine(command);
        command.monitoring.environment = Map.of();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private static final String GATES = """
            gates:
              primary:
                - name: error-ratio
                  prometheus: {query: 'deploy_error_ratio{region="${TRAIN_REGION}"} > 0.05'}
            """;

    @Test
    void aFailingQueryGateExitsOneAndShowsTheSeries() throws Exception {
        prometheus.on("POST", "/api/v1/query", Reply.ok(ReplayServer.fixture("prometheus/prometheus_api_v1_query_vector.json")));
        int exit = run("--train", train(GATES).toString(), "--target", "prod-aws-us-east-1/us-east-1b", "--prometheus", prometheus.uri().toString());

        assertThat(exit).as(err.toString()).isEqualTo(GateCheckCommand.FAILED);
        assertThat(out.toString()).startsWith("FAILED error-ratio: 2 series not empty or zero for deploy_error_ratio{region=\"us-east-1\"} > 0.05")
                .contains("    deploy_error_ratio{job=canary, region=us-east-1} = 0.12\n");
        String sent = URLDecoder.decode(prometheus.requests().get(0).body(), StandardCharsets.UTF_8);
        assertThat(sent).startsWith("query=deploy_error_ratio{region=\"us-east-1\"} > 0.05&time=");
    }

    @Test
    void aPassingGateExitsZeroAndATierWithoutGatesToo() throws Exception {
        prometheus.on("POST", "/api/v1/query", Reply.ok(ReplayServer.fixture("prometheus/prometheus_api_v1_query_empty.json")));
        assertThat(run("--train", train(GATES).toString(), "--target", "prod-aws-us-east-1/us-east-1a", "--prometheus", prometheus.uri().toString()))
                .isEqualTo(GateCheckCommand.PASSED);
        assertThat(out.toString()).isEqualTo("PASSED error-ratio: empty or zero\n");

        assertThat(run("--train", train(GATES).toString(), "--target", "staging-aws-us-east-1/us-east-1a")).isEqualTo(GateCheckCommand.PASSED);
        assertThat(out.toString()).endsWith("no gates for tier staging in " + tmp.resolve("train.yaml") + "\n");
    }

    @Test
    void aBakeStillRunningExitsThreeWithTheTimeToLookAgain() throws Exception {
        int exit = run("--train", train("gates: {default: [{bake: 30m}]}\n").toString(), "--target", "prod-aws-us-east-1/us-east-1a",
                "--since", "2099-01-01T00:00:00Z");
        assertThat(exit).isEqualTo(GateCheckCommand.PENDING);
        assertThat(out.toString()).isEqualTo("PENDING bake-1: baking 30m until 2099-01-01T00:30:00Z (look again at 2099-01-01T00:30:00Z)\n");
    }

    @Test
    void anUnreachablePrometheusIsAFailedGateNotAPass() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        int exit = run("--train", train(GATES).toString(), "--target", "prod-aws-us-east-1/us-east-1a", "--prometheus", "http://127.0.0.1:" + port,
                "--timeout", "2s");
        assertThat(exit).isEqualTo(GateCheckCommand.FAILED);
        assertThat(out.toString()).startsWith("FAILED error-ratio: Prometheus at http://127.0.0.1:" + port + " is unreachable");
        assertThat(run("--train", train(GATES).toString(), "--target", "prod-aws-us-east-1/us-east-1a")).isEqualTo(GateCheckCommand.FAILED);
        assertThat(out.toString()).endsWith("FAILED error-ratio: no Prometheus is configured for gate error-ratio\n");
    }

    @Test
    void badInputExitsTwoWithEveryProblem() throws Exception {
        Path bad = train("""
                gates:
                  primary:
                    - prometheus: {query: 'up > ${TRAIN_ZONE}'}
                    - bake: never
                """);
        assertThat(run("--train", bad.toString(), "--target", "prod-aws-us-east-1/us-east-1a")).isEqualTo(GateCheckCommand.BAD_INPUT);
        assertThat(err.toString()).contains("gate-check: train.yaml:6:").contains("train.yaml:7:")
                .contains("placeholder ${TRAIN_ZONE} must be inside a quoted label value").contains("invalid duration 'never'");

        assertThat(run("--train", train(GATES).toString(), "--target", "prod-aws-us-east-1/us-east-1z")).isEqualTo(GateCheckCommand.BAD_INPUT);
        assertThat(err.toString()).contains("gate-check: --target: no zone 'us-east-1z' in prod-aws-us-east-1");

        assertThat(run("--train", train(GATES).toString(), "--target", "prod-aws-us-east-1/us-east-1a", "--datadog-site", "datadoghq.eu"))
                .isEqualTo(GateCheckCommand.BAD_INPUT);
        assertThat(err.toString()).contains("gate-check: --datadog-site needs the environment variables DD_API_KEY and DD_APP_KEY");
    }

    @Test
    void theCommandIsPartOfDeployTrain() {
        assertThat(DeployTrainCommand.commandLine().getSubcommands()).containsKey("gate-check");
    }
}
