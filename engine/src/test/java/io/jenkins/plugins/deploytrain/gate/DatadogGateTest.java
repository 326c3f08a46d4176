package io.jenkins.plugins.deploytrain.gate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.deploytrain.testing.ReplayServer;
import io.jenkins.plugins.deploytrain.testing.ReplayServer.Exchange;
import io.jenkins.plugins.deploytrain.testing.ReplayServer.Reply;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Datadog gate and downtimes against Datadog's own recorded cassettes, served locally. */
class DatadogGateTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-11-26T11:10:00Z");
    private static final Map<String, String> VARS = Map.of("TRAIN_ENVIRONMENT", "prod-aws-eu-west-1", "TRAIN_ZONE", "eu-west-1a");
    private static final Secret API_KEY = new Secret("dd-api-key-0123456789");
    private static final Secret APP_KEY = new Secret("dd-app-key-9876543210");

    private ReplayServer server;
    private DatadogClient client;
    private GateEvaluator evaluator;
    private Silencer silencer;

    @BeforeEach
    void start() throws Exception {
        server = new ReplayServer();
        client = new DatadogClient(server.uri(), API_KEY, APP_KEY, Duration.ofSeconds(5));
        evaluator = new GateEvaluator(Optional.empty(), Optional.empty(), Optional.of(client));
        silencer = new Silencer(Optional.empty(), Optional.of(client));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** The response body the cassette recorded for this method and path. */
    private static String recorded(String cassette, String method, String pathPrefix) throws Exception {
        return ReplayServer.cassette("datadog/" + cassette).stream()
                .filter(e -> e.method().equals(method) && e.path().startsWith(pathPrefix))
                .map(Exchange::body).findFirst().orElseThrow();
    }

    private static String withState(String monitorJson, String state) throws Exception {
        ObjectNode m = (ObjectNode) JSON.readTree(monitorJson);
        m.put("overall_state", state);
        return m.toString();
    }

    @Test
    void theWholeStoryAMonitorAlertsAnApprovalPutsADowntimeTheGatePassesTheDowntimeIsCancelled() throws Exception {
        String monitor = recorded("v1_Get_a_monitor_s_details_returns_OK_response.json", "GET", "/api/v1/monitor/");
        long id = JSON.readTree(monitor).path("id").asLong();
        var gate = new GateSpec.DatadogMonitors("datadog", List.of(id), Optional.empty(), null, Optional.of("env:${TRAIN_ENVIRONMENT}"));
        String noMatches = "{\"data\":[],\"meta\":{\"page\":{\"total_filtered_count\":0}}}";
        server.on("GET", "/api/v1/monitor/" + id, Reply.ok(withState(monitor, "Alert")));
        server.on("GET", "/api/v2/monitor/" + id + "/downtime_matches", Reply.ok(noMatches));

        GateResult failed = evaluator.evaluate(gate, new GateContext(VARS, NOW, NOW));
        assertThat(failed.status()).isEqualTo(GateResult.Status.FAILED);
        assertThat(failed.signals()).singleElement().satisfies(s -> {
            assertThat(s.source()).isEqualTo(FiringSignal.Source.DATADOG_MONITOR);
            assertThat(s.labels()).containsEntry("monitor_id", String.valueOf(id)).containsEntry("state", "Alert");
        });
        assertThat(failed.reason()).startsWith("1 of 1 Datadog monitor(s) failing: Test-Get_a_monitor_s_details_returns_OK_response");

        String scheduled = recorded("v2_Schedule_a_downtime_returns_OK_response.json", "POST", "/api/v2/downtime");
        server.on("POST", "/api/v2/downtime", Reply.ok(scheduled));
        Silencer.Outcome outcome = silencer.silence(gate, failed, Duration.ofHours(2), "alice", "known flake", VARS, NOW);
        assertThat(outcome.problems()).isEmpty();
        SilenceRecord downtime = outcome.created().get(0);
        assertThat(downtime).isEqualTo(new SilenceRecord(SilenceRecord.System.DATADOG, "85428b34-0187-11ee-bb05-da7ad0900002",
                "monitor " + id + " scope env:prod-aws-eu-west-1", NOW.plus(Duration.ofHours(2))));
        JsonNode sent = JSON.readTree(server.requests("POST", "/api/v2/downtime").get(0).body()).path("data");
        assertThat(sent.path("type").asText()).isEqualTo("downtime");
        assertThat(sent.path("attributes").path("monitor_identifier").path("monitor_id").asLong()).isEqualTo(id);
        assertThat(sent.path("attributes").path("scope").asText()).isEqualTo("env:prod-aws-eu-west-1");
        assertThat(sent.path("attributes").path("schedule").path("end").asText()).isEqualTo("2026-11-26T13:10:00Z");
        assertThat(sent.path("attributes").path("message").asText()).contains("approved by alice").contains("known flake");

        // Datadog now reports the downtime as matching the monitor (shape recorded from v2 downtime_matches).
        String matches = recorded("v2_Get_active_downtimes_for_a_monitor_returns_OK_response.json", "GET", "/api/v2/monitor/")
                .replace("aeefc6a8-15d8-11ee-a8ef-da7ad0900002", downtime.id());
        server.on("GET", "/api/v2/monitor/" + id + "/downtime_matches", Reply.ok(matches));
        assertThat(evaluator.evaluate(gate, new GateContext(VARS, NOW, NOW.plusSeconds(30))).status()).isEqualTo(GateResult.Status.PASSED);

        server.on("DELETE", "/api/v2/downtime/" + downtime.id(), Reply.status(204));
        assertThat(silencer.expire(List.of(downtime))).isEmpty();
        assertThat(server.requests("DELETE", "/api/v2/downtime/" + downtime.id())).hasSize(1);

        assertThat(server.requests()).allSatisfy(r -> {
            assertThat(r.header("DD-API-KEY")).isEqualTo(API_KEY.reveal());
            assertThat(r.header("DD-APPLICATION-KEY")).isEqualTo(APP_KEY.reveal());
        });
    }

    @Test
    void aTagSearchFollowsThePagesAndCountsOnlyAlertingMonitorsOutsideDowntimes() throws Exception {
        String page = recorded("v1_Monitors_search_returns_OK_response.json", "GET", "/api/v1/monitor/search");
        JsonNode body = JSON.readTree(page);
        long alerting = 0;
        for (JsonNode m : body.path("monitors")) {
            if (m.path("status").asText().equals("Alert")) {
                alerting++;
            }
        }
        server.on("GET", "/api/v1/monitor/search", Reply.ok(page));
        server.on("GET", "/api/v2/monitor/0/downtime_matches", Reply.ok("{\"data\":[]}"));
        for (JsonNode m : body.path("monitors")) {
            server.on("GET", "/api/v2/monitor/" + m.path("id").asLong() + "/downtime_matches", Reply.ok("{\"data\":[]}"));
        }
        var gate = new GateSpec.DatadogMonitors("web", List.of(), Optional.of("tag:\"env:${TRAIN_ENVIRONMENT}\""), null, Optional.empty());

        GateResult r = evaluator.evaluate(gate, new GateContext(VARS, NOW, NOW));

        assertThat(r.status()).isEqualTo(GateResult.Status.FAILED);
        assertThat(r.signals()).as(r.reason()).hasSize((int) alerting);
        assertThat(r.reason()).startsWith(alerting + " of " + body.path("monitors").size() + " Datadog monitor(s) failing");
        var searches = server.requests("GET", "/api/v1/monitor/search");
        assertThat(searches).hasSize(body.path("metadata").path("page_count").asInt());
        assertThat(searches.get(0).query()).contains("query=tag%3A%22env%3Aprod-aws-eu-west-1%22").contains("page=0");
    }

    @Test
    void errorsAreShownFromDatadogsErrorsArrayWithoutTheKeys() throws Exception {
        server.on("GET", "/api/v1/monitor/12345", Reply.json(404,
                recorded("v1_Get_a_monitor_s_details_returns_Monitor_Not_Found_error_response.json", "GET", "/api/v1/monitor/")));
        var gate = new GateSpec.DatadogMonitors("dd", List.of(12345L), Optional.empty(), null, Optional.empty());
        GateResult r = evaluator.evaluate(gate, new GateContext(VARS, NOW, NOW));
        assertThat(r.status()).isEqualTo(GateResult.Status.FAILED);
        assertThat(r.reason()).isEqualTo("Datadog answered HTTP 404 to GET /api/v1/monitor/12345: Monitor not found")
                .doesNotContain(API_KEY.reveal()).doesNotContain(APP_KEY.reveal());
        assertThat(API_KEY.toString()).isEqualTo("****");
    }

    @Test
    void aRejectedDowntimeIsAProblemToShowAndCancellingAGoneOneIsFine() throws Exception {
        server.on("POST", "/api/v2/downtime", Reply.json(400,
                recorded("v2_Schedule_a_downtime_returns_Bad_Request_response.json", "POST", "/api/v2/downtime")));
        var failed = GateResult.failed("dd", "x", List.of(new FiringSignal(FiringSignal.Source.DATADOG_MONITOR, "m",
                Map.of("monitor_id", "7", "state", "Alert"), "")), NOW);
        Silencer.Outcome outcome = silencer.silence(new GateSpec.DatadogMonitors("dd", List.of(7L), Optional.empty(), null,
                Optional.empty()), failed, Duration.ofHours(1), "bob", "", VARS, NOW);
        assertThat(outcome.created()).isEmpty();
        assertThat(outcome.problems()).containsExactly("Datadog answered HTTP 400 to POST /api/v2/downtime: All values must have a key");

        server.on("DELETE", "/api/v2/downtime/00000000-0000-1234-0000-000000000000", Reply.json(404,
                recorded("v2_Cancel_a_downtime_returns_Downtime_not_found_response.json", "DELETE", "/api/v2/downtime/")));
        server.on("DELETE", "/api/v1/downtime/2941964683", Reply.status(204));
        server.on("DELETE", "/api/v1/downtime/500", Reply.json(500, "{\"errors\":[\"Internal Server Error\"]}"));
        assertThat(silencer.expire(List.of(
                new SilenceRecord(SilenceRecord.System.DATADOG, "00000000-0000-1234-0000-000000000000", "", NOW),
                new SilenceRecord(SilenceRecord.System.DATADOG, "2941964683", "", NOW),
                new SilenceRecord(SilenceRecord.System.DATADOG, "500", "", NOW))))
                .containsExactly("Datadog answered HTTP 500 to DELETE /api/v1/downtime/500: Internal Server Error");
    }

    @Test
    void aGateNeedingManySlowRequestsStopsWhenItsBudgetIsSpent() throws Exception {
        String monitor = recorded("v1_Get_a_monitor_s_details_returns_OK_response.json", "GET", "/api/v1/monitor/");
        for (long id = 1; id <= 5; id++) {
            server.on("GET", "/api/v1/monitor/" + id, Reply.ok(monitor).delayed(Duration.ofMillis(700)));
        }
        var budgeted = new GateEvaluator(Optional.empty(), Optional.empty(), Optional.of(client), Duration.ofSeconds(1));
        var gate = new GateSpec.DatadogMonitors("many", List.of(1L, 2L, 3L, 4L, 5L), Optional.empty(), null, Optional.empty());
        GateResult r = budgeted.evaluate(gate, new GateContext(VARS, NOW, NOW));
        assertThat(r.status()).isEqualTo(GateResult.Status.FAILED);
        assertThat(r.reason()).isEqualTo("gate many took longer than 1s to evaluate");
        assertThat(server.requests()).hasSizeLessThan(5);
    }

    @Test
    void aHostileEnvironmentNameCannotWidenTheDowntimeScope() {
        var failed = GateResult.failed("dd", "x", List.of(new FiringSignal(FiringSignal.Source.DATADOG_MONITOR, "m",
                Map.of("monitor_id", "7", "state", "Alert"), "")), NOW);
        Silencer.Outcome outcome = silencer.silence(new GateSpec.DatadogMonitors("dd", List.of(7L), Optional.empty(), null,
                Optional.of("env:${TRAIN_ENVIRONMENT}")), failed, Duration.ofHours(1), "bob", "", Map.of("TRAIN_ENVIRONMENT", "prod OR *"), NOW);
        assertThat(outcome.created()).isEmpty();
        assertThat(outcome.problems()).containsExactly("value 'prod OR *' cannot be used in a Datadog scope");
        assertThat(server.requests()).isEmpty();
    }
}
