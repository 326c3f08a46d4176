package io.jenkins.plugins.deploytrain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.deploytrain.ledger.FileLedgerStore;
import io.jenkins.plugins.deploytrain.ledger.TrainStatus;
import io.jenkins.plugins.deploytrain.testing.ReplayServer;
import io.jenkins.plugins.deploytrain.testing.ReplayServer.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run --datadog-events} against a server replaying Datadog's event API, slow and failing at first. */
class RunWithDatadogEventsTest {

    static final Map<String, String> KEYS = Map.of("DD_API_KEY", "dd-api-SECRET-4242", "DD_APP_KEY", "dd-app-SECRET-4343");

    @TempDir
    Path dir;

    private CliRun run(Map<String, String> environment, String... extra) {
        List<String> args = new ArrayList<>(List.of("run", "--train", dir.resolve("train.yaml").toString(), "--state",
                dir.resolve("state").toString(), "--deploy-command", dir.resolve("deploy.sh").toString(), "--time-scale", "100000",
                "--start", "2026-11-30T08:00:00Z", "--by", "alice"));
        args.addAll(List.of(extra));
        return CliRun.run(environment, args);
    }

    /** The crash fixture's fleet (2 environments x 3 zones) and train (crash-svc 2.0.0, soaks of minutes). */
    private void train() throws Exception {
        new CrashFixture(dir, 2, "2.0.0", 0);
    }

    @Test
    void theTrainRunsAtItsOwnPaceWhileDatadogIsSlowAndFailingAndEveryEventArrivesWithoutTheKeysInAnyOutput() throws Exception {
        train();
        try (ReplayServer datadog = new ReplayServer()) {
            String accepted = ReplayServer.cassette("datadog/v1_Post_an_event_returns_OK_response.json").get(0).body();
            datadog.on("POST", "/api/v1/events", Reply.json(503, "{\"errors\":[\"Service Unavailable\"]}"),
                    Reply.json(202, accepted).delayed(Duration.ofMillis(300)));

            CliRun r = run(KEYS, "--datadog-site", datadog.uri().toString(), "--datadog-events");

            assertThat(r.exitCode()).as(r.err()).isZero();
            List<ReplayServer.Recorded> posted = datadog.requests("POST", "/api/v1/events");
            // train start, 6 x (deploying, deployed), train end; the first post was answered 503 and sent again
            assertThat(posted).hasSize(15);
            ObjectMapper json = new ObjectMapper();
            assertThat(json.readTree(posted.get(14).body()).path("title").asText()).isEqualTo("Train succeeded: crash-svc 2.0.0");
            FileLedgerStore store = new FileLedgerStore(dir.resolve("state"));
            assertThat(store.load().orElseThrow().trains().get(0).status()).isEqualTo(TrainStatus.SUCCEEDED);
            Instant trainEnded = Files.getLastModifiedTime(store.file()).toInstant();
            assertThat(Duration.between(trainEnded, posted.get(14).at()))
                    .as("the train ended long before Datadog had taken its events: it never waited for them")
                    .isGreaterThan(Duration.ofSeconds(2));
            assertThat(r.out() + r.err()).doesNotContain("SECRET").contains("Datadog events: Datadog answered HTTP 503");
        }
    }

    @Test
    void eventsWithoutADatadogSiteAreRefusedUpFront() throws Exception {
        train();

        CliRun r = run(KEYS, "--datadog-events");

        assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains("--datadog-events needs --datadog-site SITE");
    }
}
