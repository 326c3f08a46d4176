package io.jenkins.plugins.deploytrain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.deploytrain.testing.BuildInfoAnswers;
import io.jenkins.plugins.deploytrain.testing.BuildInfoAnswers.Presence;
import io.jenkins.plugins.deploytrain.testing.ReplayServer;
import io.jenkins.plugins.deploytrain.testing.ReplayServer.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A daily train whose version is read from the monitoring system: {@code run} asks Prometheus (or Datadog) through
 * {@code --prometheus} ({@code --datadog-site}), {@code validate} and {@code plan} show where the version comes from.
 */
class RunWithBakedVersionTest {

    private static final Instant START = Instant.parse("2026-11-30T08:00:00Z");
    private static final String PROMQL = "build_info{service=\"crash-svc\", environment=\"${environment}\"}";
    private static final String DATADOG = "avg:build.info{service:crash-svc,env:${environment}} by {version}";

    @TempDir
    Path dir;

    private ReplayServer server;
    private CrashFixture fixture;

    @BeforeEach
    void start() throws Exception {
        server = new ReplayServer();
        fixture = new CrashFixture(dir, 3, "unused", 0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private void dailyTrain(String source) throws Exception {
        Files.writeString(fixture.train, """
                service: crash-svc
                versionFrom:
                  bakedFor: 24h
                  %s
                fleet: fleet.yaml
                soakAfterZone: 1m
                soakAfterEnvironment: 2m
                zoneDeployEstimate: 1m
                """.formatted(source));
    }

    /**
     * In the primary (cell-02): 1.1.0 for days, 1.2.0 for 30h, 1.3.0 for 40h but away for an hour 10h before the
     * start; every presence reaches past the start, as the run's clock moves on (ten thousand times faster) before it asks.
     */
    private static List<Presence> primary() {
        Instant until = START.plus(Duration.ofDays(2));
        return List.of(new Presence("1.1.0", START.minus(Duration.ofDays(5)), until),
                new Presence("1.2.0", START.minus(Duration.ofHours(30)), until),
                new Presence("1.3.0", START.minus(Duration.ofHours(40)), START.minus(Duration.ofHours(11))),
                new Presence("1.3.0", START.minus(Duration.ofHours(10)), until));
    }

    private CliRun run(Map<String, String> environment, String... extra) {
        List<String> args = new ArrayList<>(List.of("run", "--train", fixture.train.toString(), "--state", dir.resolve("state").toString(),
                "--deploy-command", fixture.deployScript.toString(), "--time-scale", "10000", "--start", START.toString(), "--by", "alice"));
        args.addAll(List.of(extra));
        return CliRun.run(environment, args);
    }

    @Test
    void runDeploysTheVersionPrometheusSawBakeInThePrimary() throws Exception {
        dailyTrain("prometheus: '" + PROMQL + "'");
        server.on("POST", "/api/v1/query_range", Reply.ok(BuildInfoAnswers.prometheus("crash-svc", "cell-02", Duration.ofMinutes(1), primary())));

        CliRun run = run(Map.of(), "--prometheus", server.uri().toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("run: version 1.2.0 was present in every sample of the last 1d in the primary (cell-02)")
                .contains("per Prometheus build_info{service=\"crash-svc\", environment=\"cell-02\"})")
                .contains("starting train crash-svc-1.2.0-1: crash-svc 1.2.0 on 9 targets");
        assertThat(fixture.logLines()).filteredOn(l -> l[0].equals("end")).hasSize(9).allSatisfy(l -> assertThat(l[2]).isEqualTo("1.2.0"));
        assertThat(server.requests("POST", "/api/v1/query_range")).singleElement()
                .satisfies(r -> assertThat(ReplayServer.form(r)).containsEntry("step", "60"));
    }

    @Test
    void withoutThePrometheusOptionTheTrainDoesNotStartAndSaysWhereAndWhatToGive() throws Exception {
        dailyTrain("prometheus: '" + PROMQL + "'");

        CliRun run = run(Map.of());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).isEqualTo("run: train.yaml:4:15: versionFrom.prometheus: the baked version is read from Prometheus ('"
                + PROMQL + "'), which is not configured: give --prometheus URL\n");
        assertThat(dir.resolve("state")).satisfiesAnyOf(p -> assertThat(p).doesNotExist(),
                p -> assertThat(Files.list(p).filter(f -> f.toString().endsWith(".json"))).isEmpty());
    }

    @Test
    void whenNothingBakedTheTrainDoesNotStartAndSaysWhatRanForHowLong() throws Exception {
        dailyTrain("prometheus: '" + PROMQL + "'");
        server.on("POST", "/api/v1/query_range", Reply.ok(BuildInfoAnswers.prometheus("crash-svc", "cell-02", Duration.ofMinutes(1),
                List.of(new Presence("1.3.0", START.minus(Duration.ofHours(10)), START.plus(Duration.ofDays(2)))))));

        CliRun run = run(Map.of(), "--prometheus", server.uri().toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).startsWith("run: no version to deploy: no version was present in every sample of the last 1d in the primary (cell-02)")
                .contains("seen: 1.3.0 for 10h");
        assertThat(fixture.logLines()).isEmpty();
    }

    @Test
    void runReadsDatadogThroughTheSiteOptionWithTheKeysFromTheEnvironment() throws Exception {
        dailyTrain("datadog: '" + DATADOG + "'");
        String sent = "avg:build.info{service:crash-svc,env:cell-02} by {version}.rollup(avg, 60)";
        server.on("GET", "/api/v1/query", Reply.ok(BuildInfoAnswers.datadog(sent, START.minus(Duration.ofDays(3)), START.plus(Duration.ofDays(2)),
                Duration.ofMinutes(1), primary())));
        Map<String, String> keys = Map.of("DD_API_KEY", "dd-api-key-0123456789", "DD_APP_KEY", "dd-app-key-9876543210");

        CliRun run = run(keys, "--datadog-site", server.uri().toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("run: version 1.2.0 was present in every sample of the last 1d in the primary (cell-02)")
                .contains("per Datadog " + sent + ")").doesNotContain("dd-api-key-0123456789").doesNotContain("dd-app-key-9876543210");
        assertThat(server.requests("GET", "/api/v1/query")).singleElement()
                .satisfies(r -> assertThat(r.header("DD-APPLICATION-KEY")).isEqualTo("dd-app-key-9876543210"));

        CliRun without = run(Map.of());
        assertThat(without.err()).contains("versionFrom.datadog: the baked version is read from Datadog").contains("give --datadog-site SITE");
    }

    @Test
    void validateAndPlanShowWhereTheVersionComesFrom() throws Exception {
        dailyTrain("prometheus: '" + PROMQL + "'");
        CliRun validate = CliRun.of("validate", fixture.fleet.toString(), fixture.train.toString());
        assertThat(validate.exitCode()).as(validate.err()).isZero();
        assertThat(validate.out()).contains("train.yaml: crash-svc (version baked 1d in the primary, per Prometheus " + PROMQL + "), ");

        CliRun plan = CliRun.of("plan", "--train", fixture.train.toString(), "--start", START.toString());
        assertThat(plan.exitCode()).as(plan.err()).isZero();
        assertThat(plan.out()).startsWith("crash-svc (version chosen at start: baked 1d in the primary, per Prometheus " + PROMQL + "): ");

        CliRun json = CliRun.of("plan", "--train", fixture.train.toString(), "--start", START.toString(), "--format", "json");
        assertThat(new ObjectMapper().readTree(json.out()).path("versionFrom"))
                .isEqualTo(new ObjectMapper().valueToTree(Map.of("bakedFor", "PT24H", "source", "prometheus", "query", PROMQL)));

        Files.writeString(fixture.train, Files.readString(fixture.train).replace("prometheus: 'build_info{service=\"crash-svc\", environment=\"${environment}\"}'",
                "prometheus: 'build_info{service=\"crash-svc\", environment=\"${zone}\"}'"));
        CliRun invalid = CliRun.of("validate", fixture.fleet.toString(), fixture.train.toString());
        assertThat(invalid.exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThat(invalid.err()).contains("train.yaml:4:15: versionFrom.prometheus: unknown variable ${zone}; known: [");
    }
}
