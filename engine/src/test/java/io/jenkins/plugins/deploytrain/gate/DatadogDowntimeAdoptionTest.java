package io.jenkins.plugins.deploytrain.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.deploytrain.approval.Approval;
import io.jenkins.plugins.deploytrain.approval.ApprovalAction;
import io.jenkins.plugins.deploytrain.ledger.Attempt;
import io.jenkins.plugins.deploytrain.ledger.AttemptOutcome;
import io.jenkins.plugins.deploytrain.ledger.InMemoryLedgerStore;
import io.jenkins.plugins.deploytrain.ledger.Ledger;
import io.jenkins.plugins.deploytrain.ledger.LedgerStore;
import io.jenkins.plugins.deploytrain.ledger.SilenceState;
import io.jenkins.plugins.deploytrain.ledger.TargetRecord;
import io.jenkins.plugins.deploytrain.ledger.TargetStatus;
import io.jenkins.plugins.deploytrain.ledger.Train;
import io.jenkins.plugins.deploytrain.ledger.TrainSilence;
import io.jenkins.plugins.deploytrain.ledger.TrainStatus;
import io.jenkins.plugins.deploytrain.reconcile.BodyOutcome;
import io.jenkins.plugins.deploytrain.reconcile.Command;
import io.jenkins.plugins.deploytrain.reconcile.DeployWindows;
import io.jenkins.plugins.deploytrain.reconcile.GateRunner;
import io.jenkins.plugins.deploytrain.reconcile.StepperPorts;
import io.jenkins.plugins.deploytrain.reconcile.TrainStepper;
import io.jenkins.plugins.deploytrain.reconcile.VirtualClock;
import io.jenkins.plugins.deploytrain.testing.ReplayServer;
import io.jenkins.plugins.deploytrain.testing.ReplayServer.Exchange;
import io.jenkins.plugins.deploytrain.testing.ReplayServer.Reply;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Through the stepper's GateRunner port, a Datadog downtime put for an approval carries the approval's key in its
 * message, and a successor of a process killed before recording it adopts it instead of scheduling a second one.
 * Datadog's own recorded v1/v2 answers (list with pagination, schedule, cancel) are served locally, faults included.
 */
class DatadogDowntimeAdoptionTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant DEPLOYED = Instant.parse("2026-11-26T11:00:00Z");
    private static final Instant NOW = DEPLOYED.plusSeconds(900);
    private static final String KEY = "t1#approval-0";
    private static final Secret API_KEY = new Secret("dd-api-key-0123456789");
    private static final Secret APP_KEY = new Secret("dd-app-key-9876543210");
    private static final String LIST = "v2_Get_all_downtimes_returns_OK_response_with_pagination.json";
    private static final String SCHEDULED_ID = "85428b34-0187-11ee-bb05-da7ad0900002";

    private ReplayServer server;
    private LedgerGateRunner runner;
    private long monitorId;

    @BeforeEach
    void start() throws Exception {
        server = new ReplayServer();
        String monitor = recorded("v1_Get_a_monitor_s_details_returns_OK_response.json", "GET", "/api/v1/monitor/", 0);
        ObjectNode alerting = (ObjectNode) JSON.readTree(monitor);
        alerting.put("overall_state", "Alert");
        monitorId = alerting.path("id").asLong();
        server.on("GET", "/api/v1/monitor/" + monitorId, Reply.ok(alerting.toString()));
        server.on("GET", "/api/v2/monitor/" + monitorId + "/downtime_matches", Reply.ok("{\"data\":[],\"meta\":{\"page\":{\"total_filtered_count\":0}}}"));
        server.on("POST", "/api/v2/downtime", Reply.ok(recorded("v2_Schedule_a_downtime_returns_OK_response.json", "POST", "/api/v2/downtime", 0)));
        GatesConfig gates = new GatesConfig(List.of(), Map.of("primary", List.of(new GateSpec.DatadogMonitors("dd-monitors",
                List.of(monitorId), Optional.empty(), null, Optional.of("env:${TRAIN_ENVIRONMENT}")))));
        var endpoints = new MonitoringEndpoints(Optional.empty(), Optional.empty(),
                Optional.of(new MonitoringEndpoints.Datadog(server.uri(), API_KEY, APP_KEY)), Duration.ofSeconds(5));
        runner = new LedgerGateRunner(gates, endpoints.evaluator(), endpoints.silencer());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** The n-th response body the cassette recorded for this method and path. */
    private static String recorded(String cassette, String method, String pathPrefix, int n) throws Exception {
        return ReplayServer.cassette("datadog/" + cassette).stream()
                .filter(e -> e.method().equals(method) && e.path().startsWith(pathPrefix))
                .map(Exchange::body).skip(n).findFirst().orElseThrow();
    }

    /** A recorded page of the downtime list with one of its downtimes turned into one the train put for {@code KEY}. */
    private String pageWithOursAt(int page, int index, String status) throws Exception {
        ObjectNode body = (ObjectNode) JSON.readTree(recorded(LIST, "GET", "/api/v2/downtime", page));
        ObjectNode attributes = (ObjectNode) body.path("data").get(index).path("attributes");
        attributes.put("message", "deploy-train [" + KEY + "]: approved by alice after gate dd-monitors failed: flake");
        attributes.put("status", status);
        attributes.put("scope", "env:prod-aws-us-east-1");
        attributes.set("monitor_identifier", JSON.createObjectNode().put("monitor_id", monitorId));
        ((ObjectNode) attributes.path("schedule")).put("end", "2026-11-26T11:45:00.000000+00:00");
        return body.toString();
    }

    private static TargetRecord target() {
        Attempt deployed = Attempt.intent(1, DEPLOYED.minusSeconds(600), "w1").ended(DEPLOYED, AttemptOutcome.SUCCEEDED, null);
        return new TargetRecord("prod-aws-us-east-1/us-east-1a", 2, "prod-aws-us-east-1", "us-east-1a", "primary", "aws", "us-east-1",
                Duration.ofMinutes(15), Duration.ZERO, false, false, List.of("dd-monitors"), TargetStatus.VERIFYING,
                null, List.of(deployed), List.of());
    }

    private GateRunner.Silencing silence() {
        Approval approval = new Approval("t1", target().id(), ApprovalAction.PROCEED, "alice", "flake", NOW, Duration.ofMinutes(30));
        return runner.silence(target(), "dd-monitors", approval, KEY, NOW);
    }

    private static Set<String> fieldNames(JsonNode object) {
        Set<String> names = new TreeSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void withNothingToAdoptAfterEveryPageTheDowntimeIsScheduledWithTheKeyInItsMessage() throws Exception {
        // a downtime with the key that was canceled since is not adopted
        server.on("GET", "/api/v2/downtime", Reply.ok(pageWithOursAt(0, 1, "canceled")), Reply.ok(recorded(LIST, "GET", "/api/v2/downtime", 1)));

        GateRunner.Silencing done = silence();

        assertThat(done.problems()).isEmpty();
        assertThat(done.created()).containsExactly(new GateRunner.Silenced("datadog", SCHEDULED_ID,
                "monitor " + monitorId + " scope env:prod-aws-us-east-1", NOW.plus(Duration.ofMinutes(30))));
        var lists = server.requests("GET", "/api/v2/downtime");
        assertThat(lists).hasSize(2);
        assertThat(lists).extracting(ReplayServer.Recorded::query).containsExactly(
                "current_only=true&page%5Blimit%5D=100&page%5Boffset%5D=0", "current_only=true&page%5Blimit%5D=100&page%5Boffset%5D=2");
        JsonNode sent = JSON.readTree(server.requests("POST", "/api/v2/downtime").get(0).body());
        assertThat(sent).isEqualTo(JSON.readTree("{\"data\":{\"type\":\"downtime\",\"attributes\":{"
                + "\"message\":\"deploy-train [t1#approval-0]: approved by alice after gate dd-monitors failed: flake\","
                + "\"monitor_identifier\":{\"monitor_id\":" + monitorId + "},\"scope\":\"env:prod-aws-us-east-1\","
                + "\"schedule\":{\"start\":\"2026-11-26T11:15:00Z\",\"end\":\"2026-11-26T11:45:00Z\"}}}}"));
        // the fields Datadog's own client sent when the schedule cassette was recorded
        JsonNode recordedRequest = JSON.readTree(ReplayServer.cassette("datadog/v2_Schedule_a_downtime_returns_OK_response.json").get(0).requestBody());
        assertThat(fieldNames(sent.path("data"))).isEqualTo(fieldNames(recordedRequest.path("data")));
        assertThat(fieldNames(sent.path("data").path("attributes"))).isEqualTo(fieldNames(recordedRequest.path("data").path("attributes")));
        assertThat(server.requests()).allSatisfy(r -> assertThat(r.header("DD-API-KEY")).isEqualTo(API_KEY.reveal()));
    }

    @Test
    void aDowntimeAKilledProcessScheduledWithTheKeyIsAdoptedFromALaterPageNotScheduledTwice() throws Exception {
        server.on("GET", "/api/v2/downtime", Reply.ok(recorded(LIST, "GET", "/api/v2/downtime", 0)), Reply.ok(pageWithOursAt(1, 0, "active")));

        GateRunner.Silencing done = silence();

        assertThat(done.problems()).isEmpty();
        assertThat(done.created()).containsExactly(new GateRunner.Silenced("datadog", "34953930-f9e3-11ed-85d4-da7ad0900002",
                "monitor " + monitorId + " scope env:prod-aws-us-east-1", Instant.parse("2026-11-26T11:45:00Z")));
        assertThat(server.requests("POST", "/api/v2/downtime")).isEmpty();
        assertThat(server.requests("GET", "/api/v1/monitor/" + monitorId)).isEmpty();
    }

    @Test
    void aListingThatFailsOnAnyPageIsAProblemAndNothingIsScheduledBlindly() throws Exception {
        // a gateway that echoes the request's headers in its error: the keys must not reach the problem
        server.on("GET", "/api/v2/downtime", Reply.ok(recorded(LIST, "GET", "/api/v2/downtime", 0)),
                Reply.json(502, "{\"errors\":[\"Bad Gateway (" + ReplayServer.REQUEST_HEADERS + ")\"]}"));

        GateRunner.Silencing failed = silence();

        assertThat(failed.created()).isEmpty();
        assertThat(failed.problems()).singleElement().asString().startsWith("Datadog answered HTTP 502 to GET /api/v2/downtime: Bad Gateway (")
                .contains("****").doesNotContain(API_KEY.reveal()).doesNotContain(APP_KEY.reveal());
        assertThat(server.requests("POST", "/api/v2/downtime")).isEmpty();

        // once Datadog lists again, the next attempt schedules it
        server.on("GET", "/api/v2/downtime", Reply.ok(recorded(LIST, "GET", "/api/v2/downtime", 0)), Reply.ok(recorded(LIST, "GET", "/api/v2/downtime", 1)));
        assertThat(silence().created()).extracting(GateRunner.Silenced::id).containsExactly(SCHEDULED_ID);
        assertThat(server.requests("POST", "/api/v2/downtime")).hasSize(1);
    }

    @Test
    void aListingThatNeverEndsIsReadUpToItsBoundThenIsAProblem() throws Exception {
        ObjectNode endless = (ObjectNode) JSON.readTree(recorded(LIST, "GET", "/api/v2/downtime", 0));
        ((ObjectNode) endless.path("meta").path("page")).put("total_filtered_count", 1_000_000);
        server.on("GET", "/api/v2/downtime", Reply.ok(endless.toString()));

        GateRunner.Silencing done = silence();

        assertThat(done.created()).isEmpty();
        assertThat(done.problems()).containsExactly("Datadog lists more than 100 current downtimes; stopped after 50 pages");
        assertThat(server.requests("GET", "/api/v2/downtime")).hasSize(DatadogClient.DOWNTIME_PAGES);
        assertThat(server.requests("POST", "/api/v2/downtime")).isEmpty();
    }

    @Test
    void aV2DowntimeIsCancelledWithV2AndALegacyV1IdFromAnOlderLedgerWithV1() throws Exception {
        server.on("DELETE", "/api/v2/downtime/" + SCHEDULED_ID, Reply.status(ReplayServer.cassette("datadog/v2_Schedule_a_downtime_returns_OK_response.json")
                .stream().filter(e -> e.method().equals("DELETE")).findFirst().orElseThrow().status()));
        String legacy = JSON.readTree(recorded("v1_Cancel_a_downtime_returns_OK_response.json", "POST", "/api/v1/downtime", 0)).path("id").asText();
        server.on("DELETE", "/api/v1/downtime/" + legacy, Reply.status(204));

        assertThat(runner.expire(new GateRunner.Silenced("datadog", SCHEDULED_ID, "", NOW.plusSeconds(1800)))).isEmpty();
        assertThat(runner.expire(new GateRunner.Silenced("datadog", legacy, "", NOW.plusSeconds(1800)))).isEmpty();

        assertThat(server.requests()).extracting(r -> r.method() + " " + r.path())
                .containsExactly("DELETE /api/v2/downtime/" + SCHEDULED_ID, "DELETE /api/v1/downtime/2941964683");
    }

    /** A thrown Error stands for the process being killed at that instant: nothing after it runs. */
    private static final class Killed extends Error {
        private static final long serialVersionUID = 1L;
    }

    /** The ledger, with a process that dies on its first write after Datadog scheduled a downtime. */
    private final class KilledAfterScheduling implements LedgerStore {
        final InMemoryLedgerStore stored = new InMemoryLedgerStore();
        boolean alive = true;

        @Override
        public Optional<Ledger> load() {
            return stored.load();
        }

        @Override
        public Ledger compareAndSet(long expectedRevision, Ledger next) {
            if (alive && !server.requests("POST", "/api/v2/downtime").isEmpty()) {
                alive = false;
                throw new Killed();
            }
            return stored.compareAndSet(expectedRevision, next);
        }

        @Override
        public String location() {
            return stored.location();
        }
    }

    private static TargetRecord pending(int index, String environment) {
        return new TargetRecord(environment + "/" + environment.substring(environment.length() - 1) + "a", index, environment,
                environment.substring(environment.length() - 1) + "a", "primary", "aws", "us-east-1", Duration.ZERO, Duration.ZERO, false,
                false, List.of(), TargetStatus.PENDING, null, List.of(), List.of());
    }

    /** Runs the stepper's commands on virtual time until it waits for a person or ends; returns the last command. */
    private static Command run(TrainStepper stepper, StepperPorts ports, VirtualClock clock, List<Command> first) {
        Deque<Command> commands = new ArrayDeque<>(first);
        Command last = null;
        while (!commands.isEmpty()) {
            last = commands.poll();
            if (last instanceof Command.StartBody body) {
                commands.addAll(stepper.onBodyFinished(ports, body.target(), body.attempt(), BodyOutcome.success()));
            } else if (last instanceof Command.ScheduleTimer timer) {
                clock.set(timer.at());
                commands.addAll(stepper.onTimer(ports));
            }
        }
        return last;
    }

    @Test
    void theStepperKilledAfterDatadogScheduledIsSucceededByOneThatAdoptsTheDowntimeThenCancelsIt() throws Exception {
        server.on("GET", "/api/v2/downtime", Reply.ok(recorded(LIST, "GET", "/api/v2/downtime", 0)), Reply.ok(recorded(LIST, "GET", "/api/v2/downtime", 1)));
        GatesConfig gates = new GatesConfig(List.of(), Map.of("primary", List.of(new GateSpec.DatadogMonitors("dd-monitors",
                List.of(monitorId), Optional.empty(), null, Optional.of("env:${TRAIN_ENVIRONMENT}")))));
        KilledAfterScheduling store = new KilledAfterScheduling();
        store.compareAndSet(0, Ledger.empty("payments").withTrain(new Train("t1", "payments-api", "2026.11.26-1", TrainStatus.QUEUED, DEPLOYED,
                "alice", gates.assignTo(List.of(pending(0, "prod-aws-1"))), List.of(), List.of(), null, null)));
        VirtualClock clock = new VirtualClock(DEPLOYED);
        List<String> told = new ArrayList<>();
        StepperPorts ports = new StepperPorts(store, clock, runner, (train, message) -> told.add(message), DeployWindows.ALWAYS_OPEN,
                worker -> false, Duration.ofMinutes(1), Duration.ofHours(6));
        TrainStepper first = new TrainStepper("payments", "t1", "w1");
        assertThat(run(first, ports, clock, first.onStart(ports))).isInstanceOfSatisfying(Command.AwaitApproval.class,
                w -> assertThat(w.target()).isEqualTo("prod-aws-1/1a"));

        Approval approval = new Approval("t1", "prod-aws-1/1a", ApprovalAction.PROCEED, "alice", "flake", clock.instant(), Duration.ofMinutes(30));
        assertThatThrownBy(() -> first.onApproval(ports, approval)).isInstanceOf(Killed.class);
        assertThat(store.load().orElseThrow().train("t1").orElseThrow().silences()).singleElement()
                .extracting(TrainSilence::state).isEqualTo(SilenceState.INTENDED);

        // the monitor still alerts; Datadog now lists (on its second page) and matches the downtime the killed process scheduled, with the message it sent
        String message = JSON.readTree(server.requests("POST", "/api/v2/downtime").get(0).body()).path("data").path("attributes").path("message").asText();
        ObjectNode page = (ObjectNode) JSON.readTree(recorded(LIST, "GET", "/api/v2/downtime", 1));
        ObjectNode ours = (ObjectNode) page.path("data").get(0);
        ours.put("id", SCHEDULED_ID);
        ((ObjectNode) ours.path("attributes")).put("message", message).put("scope", "env:prod-aws-1")
                .set("monitor_identifier", JSON.createObjectNode().put("monitor_id", monitorId));
        ((ObjectNode) ours.path("attributes").path("schedule")).put("end", "2026-11-26T11:30:00+00:00");
        server.on("GET", "/api/v2/downtime", Reply.ok(recorded(LIST, "GET", "/api/v2/downtime", 0)), Reply.ok(page.toString()));
        server.on("GET", "/api/v2/monitor/" + monitorId + "/downtime_matches", Reply.ok(
                recorded("v2_Get_active_downtimes_for_a_monitor_returns_OK_response.json", "GET", "/api/v2/monitor/", 0)
                        .replace("aeefc6a8-15d8-11ee-a8ef-da7ad0900002", SCHEDULED_ID)));
        server.on("DELETE", "/api/v2/downtime/" + SCHEDULED_ID, Reply.status(204));

        TrainStepper successor = new TrainStepper("payments", "t1", "w2");
        assertThat(run(successor, ports, clock, successor.onStart(ports))).isInstanceOf(Command.Complete.class);

        assertThat(server.requests("POST", "/api/v2/downtime")).hasSize(1);
        Train done = store.load().orElseThrow().train("t1").orElseThrow();
        assertThat(done.silences()).singleElement().satisfies(s -> {
            assertThat(s.system()).isEqualTo("datadog");
            assertThat(s.id()).isEqualTo(SCHEDULED_ID);
            assertThat(s.state()).isEqualTo(SilenceState.EXPIRED);
        });
        // evaluated again under the adopted downtime: the gate passed and the train completed
        assertThat(done.status()).isEqualTo(TrainStatus.SUCCEEDED);
        assertThat(done.target("prod-aws-1/1a").orElseThrow().gateResults()).extracting(g -> g.passed()).containsExactly(false, true);
        assertThat(server.requests("DELETE", "/api/v2/downtime/" + SCHEDULED_ID)).hasSize(1);
        assertThat(told).anyMatch(m -> m.startsWith("silenced on prod-aws-1/1a until 2026-11-26T11:30:00Z (datadog " + SCHEDULED_ID + ")"));
    }
}
