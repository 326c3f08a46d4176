package io.jenkins.plugins.deploytrain.gate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.deploytrain.approval.Approval;
import io.jenkins.plugins.deploytrain.approval.ApprovalAction;
import io.jenkins.plugins.deploytrain.ledger.Attempt;
import io.jenkins.plugins.deploytrain.ledger.AttemptOutcome;
import io.jenkins.plugins.deploytrain.ledger.TargetRecord;
import io.jenkins.plugins.deploytrain.ledger.TargetStatus;
import io.jenkins.plugins.deploytrain.reconcile.GateRunner;
import io.jenkins.plugins.deploytrain.reconcile.GateRunner.GateVerdict;
import io.jenkins.plugins.deploytrain.testing.ReplayServer;
import io.jenkins.plugins.deploytrain.testing.ReplayServer.Reply;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The stepper's GateRunner port on the gates of train.yaml, against recorded Prometheus and Alertmanager answers. */
class LedgerGateRunnerTest {

    private static final Instant DEPLOYED = Instant.parse("2026-11-26T11:00:00Z");
    private static final GatesConfig GATES = new GatesConfig(
            List.of(new GateSpec.PrometheusQuery("error-ratio", "deploy_error_ratio{region=\"${TRAIN_REGION}\"} > 0.05", Duration.ZERO, null)),
            Map.of("primary", List.of(
                    new GateSpec.PrometheusAlerts("no-pages", List.of(LabelMatcher.equal("region", "${TRAIN_REGION}"))),
                    new GateSpec.Bake("bake", Duration.ofHours(1)))));

    private ReplayServer server;
    private LedgerGateRunner runner;

    @BeforeEach
    void start() throws Exception {
        server = new ReplayServer();
        var endpoints = new MonitoringEndpoints(Optional.of(server.uri()), Optional.of(server.uri()), Optional.empty(), Duration.ofSeconds(5));
        runner = new LedgerGateRunner(GATES, endpoints.evaluator(), endpoints.silencer());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static TargetRecord target() {
        Attempt deployed = Attempt.intent(1, DEPLOYED.minusSeconds(600), "w1").ended(DEPLOYED, AttemptOutcome.SUCCEEDED, null);
        return new TargetRecord("prod-aws-us-east-1/us-east-1a", 2, "prod-aws-us-east-1", "us-east-1a", "primary", "aws", "us-east-1",
                Duration.ofMinutes(15), Duration.ZERO, false, false, List.of("error-ratio", "no-pages", "bake"), TargetStatus.VERIFYING,
                null, List.of(deployed), List.of());
    }

    @Test
    void aGateOfTheTargetsTierIsEvaluatedWithItsVariables() throws Exception {
        server.on("POST", "/api/v1/query", Reply.ok(ReplayServer.fixture("prometheus/prometheus_api_v1_query_empty.json")));
        GateVerdict verdict = runner.evaluate(target(), "error-ratio", DEPLOYED.plusSeconds(900));
        assertThat(verdict).isEqualTo(GateVerdict.pass("empty or zero"));
        assertThat(URLDecoder.decode(server.requests().get(0).body(), StandardCharsets.UTF_8))
                .startsWith("query=deploy_error_ratio{region=\"us-east-1\"} > 0.05&");
    }

    @Test
    void aFiringAlertFailsAndTheApprovalSilencesExactlyItsLabels() throws Exception {
        server.on("GET", "/api/v2/alerts", Reply.ok(ReplayServer.fixture("prometheus/alertmanager_api_v2_alerts_active.json")));
        server.on("POST", "/api/v2/silences", Reply.ok(ReplayServer.fixture("prometheus/alertmanager_api_v2_silences_POST_response.json")));
        Instant now = DEPLOYED.plusSeconds(900);

        GateVerdict verdict = runner.evaluate(target(), "no-pages", now);
        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.reason()).startsWith("1 alert(s) firing for {region=\"us-east-1\"}: HighErrorRate");
        assertThat(server.requests("GET", "/api/v2/alerts").get(0).query())
                .isEqualTo("active=true&silenced=false&inhibited=false&filter=region%3D%22us-east-1%22");

        Silencer.Outcome outcome = runner.silence(target(), "no-pages", Duration.ofMinutes(30), "alice", "flake", now);
        assertThat(outcome.problems()).isEmpty();
        assertThat(outcome.created()).singleElement().satisfies(s -> {
            assertThat(s.id()).isEqualTo("572b2673-cb6d-43b6-a4a4-d8b2923a402c");
            assertThat(s.endsAt()).isEqualTo(now.plus(Duration.ofMinutes(30)));
        });
        JsonNode sent = new ObjectMapper().readTree(server.requests("POST", "/api/v2/silences").get(0).body());
        assertThat(sent.path("matchers").toString()).isEqualTo("[{\"name\":\"alertname\",\"value\":\"HighErrorRate\",\"isRegex\":false,\"isEqual\":true},"
                + "{\"name\":\"job\",\"value\":\"canary\",\"isRegex\":false,\"isEqual\":true},"
                + "{\"name\":\"region\",\"value\":\"us-east-1\",\"isRegex\":false,\"isEqual\":true},"
                + "{\"name\":\"severity\",\"value\":\"page\",\"isRegex\":false,\"isEqual\":true}]");
        assertThat(sent.path("startsAt").asText()).isEqualTo("2026-11-26T11:15:00Z");
        assertThat(sent.path("createdBy").asText()).isEqualTo("deploy-train");
    }

    @Test
    void theTargetsOfANewTrainGetTheirTiersGateNames() {
        TargetRecord bare = new TargetRecord("staging/a", 0, "staging", "a", "staging", "aws", "us-east-1", Duration.ZERO, Duration.ZERO,
                true, false, List.of(), TargetStatus.PENDING, null, List.of(), List.of());
        assertThat(GATES.assignTo(List.of(bare, target()))).extracting(TargetRecord::gates)
                .containsExactly(List.of("error-ratio"), List.of("error-ratio", "no-pages", "bake"));
    }

    @Test
    void aBakeCountsFromTheEndOfTheDeployAndAnUnknownGateIsNamed() {
        assertThat(runner.evaluate(target(), "bake", DEPLOYED.plusSeconds(900)))
                .isEqualTo(GateVerdict.notYet("baking 1h until 2026-11-26T12:00:00Z", Instant.parse("2026-11-26T12:00:00Z")));
        assertThat(runner.evaluate(target(), "bake", DEPLOYED.plus(Duration.ofHours(1))).passed()).isTrue();
        assertThat(runner.evaluate(target(), "latency", DEPLOYED))
                .isEqualTo(GateVerdict.fail("no gate named 'latency' for tier primary in train.yaml"));
    }

    private static Approval proceed30m(Instant at) {
        return new Approval("t1", "prod-aws-us-east-1/us-east-1a", ApprovalAction.PROCEED, "alice", "flake", at, Duration.ofMinutes(30));
    }

    @Test
    void throughThePortTheSilenceCarriesTheApprovalsKeySoASuccessorCanFindIt() throws Exception {
        server.on("GET", "/api/v2/silences", Reply.ok(ReplayServer.fixture("prometheus/alertmanager_api_v2_silences_list.json")));
        server.on("GET", "/api/v2/alerts", Reply.ok(ReplayServer.fixture("prometheus/alertmanager_api_v2_alerts_active.json")));
        server.on("POST", "/api/v2/silences", Reply.ok(ReplayServer.fixture("prometheus/alertmanager_api_v2_silences_POST_response.json")));
        Instant now = DEPLOYED.plusSeconds(900);

        GateRunner.Silencing done = runner.silence(target(), "no-pages", proceed30m(now), "t1#approval-0", now);

        // the recorded silence of another train (and expired) is not adopted
        assertThat(done.problems()).isEmpty();
        assertThat(done.created()).containsExactly(new GateRunner.Silenced("alertmanager", "572b2673-cb6d-43b6-a4a4-d8b2923a402c",
                "[alertname=\"HighErrorRate\", job=\"canary\", region=\"us-east-1\", severity=\"page\"]", now.plus(Duration.ofMinutes(30))));
        JsonNode sent = new ObjectMapper().readTree(server.requests("POST", "/api/v2/silences").get(0).body());
        assertThat(sent.path("comment").asText()).isEqualTo("deploy-train [t1#approval-0]: approved by alice after gate no-pages failed: flake");
    }

    @Test
    void aSilenceCreatedWithTheKeyByAKilledProcessIsAdoptedNotCreatedTwice() throws Exception {
        ArrayNode list = (ArrayNode) new ObjectMapper().readTree(ReplayServer.fixture("prometheus/alertmanager_api_v2_silences_list.json"));
        ((ObjectNode) list.get(0)).put("comment", "deploy-train [t1#approval-0]: approved by alice after gate no-pages failed: flake")
                .put("endsAt", "2026-11-26T11:45:00Z");
        ((ObjectNode) list.get(0).path("status")).put("state", "active");
        server.on("GET", "/api/v2/silences", Reply.ok(list.toString()));
        Instant now = DEPLOYED.plusSeconds(960);

        GateRunner.Silencing done = runner.silence(target(), "no-pages", proceed30m(now), "t1#approval-0", now);

        assertThat(done.created()).singleElement().satisfies(s -> {
            assertThat(s.id()).isEqualTo("572b2673-cb6d-43b6-a4a4-d8b2923a402c");
            assertThat(s.until()).isEqualTo(Instant.parse("2026-11-26T11:45:00Z"));
        });
        assertThat(server.requests("POST", "/api/v2/silences")).isEmpty();
        assertThat(server.requests("GET", "/api/v2/alerts")).isEmpty();
    }

    @Test
    void anUnreachableAlertmanagerIsAProblemNeverAnException() {
        server.outage(Reply.status(503));
        Instant now = DEPLOYED.plusSeconds(900);

        GateRunner.Silencing done = runner.silence(target(), "no-pages", proceed30m(now), "t1#approval-0", now);

        assertThat(done.created()).isEmpty();
        assertThat(done.problems()).singleElement().asString().contains("Alertmanager").contains("503");
        assertThat(runner.expire(new GateRunner.Silenced("alertmanager", "572b2673", "", now))).singleElement().asString().contains("503");
        server.recover();
        server.on("DELETE", "/api/v2/silence/572b2673", Reply.status(200));
        assertThat(runner.expire(new GateRunner.Silenced("alertmanager", "572b2673", "", now))).isEmpty();
    }
}
