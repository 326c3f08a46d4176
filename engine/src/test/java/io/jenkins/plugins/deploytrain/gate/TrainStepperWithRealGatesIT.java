package io.jenkins.plugins.deploytrain.gate;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.deploytrain.approval.Approval;
import io.jenkins.plugins.deploytrain.approval.ApprovalAction;
import io.jenkins.plugins.deploytrain.ledger.InMemoryLedgerStore;
import io.jenkins.plugins.deploytrain.ledger.Ledger;
import io.jenkins.plugins.deploytrain.ledger.SilenceState;
import io.jenkins.plugins.deploytrain.ledger.TargetRecord;
import io.jenkins.plugins.deploytrain.ledger.TargetStatus;
import io.jenkins.plugins.deploytrain.ledger.Train;
import io.jenkins.plugins.deploytrain.ledger.TrainSilence;
import io.jenkins.plugins.deploytrain.ledger.TrainStatus;
import io.jenkins.plugins.deploytrain.reconcile.BodyOutcome;
import io.jenkins.plugins.deploytrain.reconcile.Command;
import io.jenkins.plugins.deploytrain.reconcile.DeployWindows;
import io.jenkins.plugins.deploytrain.reconcile.StepperPorts;
import io.jenkins.plugins.deploytrain.reconcile.TrainStepper;
import io.jenkins.plugins.deploytrain.testing.PrometheusStack;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The story with the real train stepper and a real Prometheus and Alertmanager: the metric goes
 * bad in one zone mid-train, the stepper pauses at exactly that target, the stepper answers the approval with
 * a real silence on the firing alert, the train continues, and the stepper expires the silence once it moved past
 * that environment.
 */
class TrainStepperWithRealGatesIT {

    @RegisterExtension
    static final PrometheusStack STACK = new PrometheusStack();

    private static final String BAD = "prod-aws-eu-west-1/eu-west-1a";

    private static TargetRecord target(int index, String environment, String zone, String tier) {
        // a soak long enough for scrape, rule evaluation, for: 1s and delivery to Alertmanager
        return new TargetRecord(environment + "/" + zone, index, environment, zone, tier, "aws", environment.substring(environment.lastIndexOf("aws-") + 4),
                Duration.ofSeconds(8), Duration.ZERO, false, false, List.of(), TargetStatus.PENDING, null, List.of(), List.of());
    }

    @Test
    void theStepperPausesAtTheBadTargetTheApprovalSilencesTheAlertAndTheTrainCompletes() throws Exception {
        GatesConfig gates = new GatesConfig(List.of(new GateSpec.PrometheusAlerts("no-pages",
                List.of(LabelMatcher.equal("alertname", "HighErrorRate"), LabelMatcher.equal("environment", "${TRAIN_ENVIRONMENT}")))), Map.of());
        List<TargetRecord> targets = gates.assignTo(List.of(
                target(0, "staging-aws-eu-west-1", "eu-west-1a", "staging"),
                target(1, "prod-aws-eu-west-1", "eu-west-1a", "production"),
                target(2, "prod-aws-eu-west-1", "eu-west-1b", "production"),
                target(3, "prod-aws-us-east-1", "us-east-1a", "production")));
        Instant t0 = Instant.now();
        InMemoryLedgerStore store = new InMemoryLedgerStore();
        store.compareAndSet(0, Ledger.empty("payments").withTrain(new Train("t1", "payments-api", "2026.11.26-1", TrainStatus.QUEUED, t0,
                "alice", targets, List.of(), List.of(), null, null)));
        var endpoints = new MonitoringEndpoints(Optional.of(STACK.prometheus()), Optional.of(STACK.alertmanager()), Optional.empty(),
                Duration.ofSeconds(5));
        LedgerGateRunner runner = new LedgerGateRunner(gates, endpoints.evaluator(), endpoints.silencer());
        List<String> told = new CopyOnWriteArrayList<>();
        StepperPorts ports = new StepperPorts(store, Clock.systemUTC(), runner, (train, message) -> told.add(message),
                DeployWindows.ALWAYS_OPEN, worker -> true, Duration.ofSeconds(1), Duration.ofHours(1));
        TrainStepper stepper = new TrainStepper("payments", "t1", "w1");

        AlertmanagerClient am = new AlertmanagerClient(STACK.alertmanager(), Duration.ofSeconds(5));
        List<String> story = new ArrayList<>();
        Deque<Command> commands = new ArrayDeque<>(stepper.onStart(ports));
        Instant giveUp = Instant.now().plusSeconds(120);
        while (!commands.isEmpty() && Instant.now().isBefore(giveUp)) {
            Command c = commands.poll();
            if (c instanceof Command.StartBody body) {
                // the deploy: this release is bad in one zone only
                TargetRecord t = store.load().orElseThrow().train("t1").orElseThrow().target(body.target()).orElseThrow();
                STACK.errorRatio(t.environment(), t.zone(), body.target().equals(BAD) ? 0.4 : 0.01);
                story.add("deployed " + body.target());
                if (body.target().startsWith("prod-aws-us-east-1")) {
                    // the train moved past prod-aws-eu-west-1: its silence is expired before the next environment deploys
                    TrainSilence before = store.load().orElseThrow().train("t1").orElseThrow().silences().get(0);
                    assertThat(before.state()).isEqualTo(SilenceState.EXPIRED);
                    assertThat(am.silence(before.id()).state()).isEqualTo("expired");
                }
                commands.addAll(stepper.onBodyFinished(ports, body.target(), body.attempt(), BodyOutcome.success()));
            } else if (c instanceof Command.ScheduleTimer timer) {
                Thread.sleep(Math.max(0, Duration.between(Instant.now(), timer.at()).toMillis()));
                commands.addAll(stepper.onTimer(ports));
            } else if (c instanceof Command.AwaitApproval wait) {
                story.add("paused at " + wait.target());
                Approval approval = new Approval("t1", wait.target(), ApprovalAction.PROCEED, "alice", "known flake", Instant.now(),
                        Duration.ofMinutes(30));
                commands.addAll(stepper.onApproval(ports, approval));
                // the stepper put the silence itself: active now, and the gate passes with it on
                TrainSilence put = store.load().orElseThrow().train("t1").orElseThrow().silences().get(0);
                assertThat(put.state()).isEqualTo(SilenceState.ACTIVE);
                assertThat(am.silence(put.id()).state()).isEqualTo("active");
                assertThat(am.silence(put.id()).comment()).startsWith("deploy-train [payments/t1#approval-0]: approved by alice");
                assertThat(endpoints.silencer().adopt(gates.gatesFor("production").get(0), "payments/t1#approval-0")).extracting(SilenceRecord::id).containsExactly(put.id());
            } else if (c instanceof Command.Complete) {
                story.add("completed");
            } else {
                story.add("unexpected " + c);
            }
        }

        // the silence covers exactly the alert of the bad zone: the next zone of that environment passes its gate under it
        assertThat(story).containsExactly("deployed staging-aws-eu-west-1/eu-west-1a", "deployed " + BAD, "paused at " + BAD,
                "deployed prod-aws-eu-west-1/eu-west-1b", "deployed prod-aws-us-east-1/us-east-1a", "completed");
        Train done = store.load().orElseThrow().train("t1").orElseThrow();
        assertThat(done.status()).isEqualTo(TrainStatus.SUCCEEDED);
        // failed on the firing alert, then evaluated again under the silence and passed
        assertThat(done.target(BAD).orElseThrow().gateResults()).satisfiesExactly(g -> {
            assertThat(g.passed()).isFalse();
            assertThat(g.reason()).contains("HighErrorRate").contains("zone=eu-west-1a");
        }, g -> assertThat(g.passed()).isTrue());
        assertThat(told).anyMatch(m -> m.startsWith("gate no-pages failed on " + BAD));

        assertThat(done.silences()).singleElement().satisfies(s -> {
            assertThat(s.state()).isEqualTo(SilenceState.EXPIRED);
            assertThat(s.target()).isEqualTo(BAD);
            assertThat(s.system()).isEqualTo("alertmanager");
            assertThat(am.silence(s.id()).state()).isEqualTo("expired");
            assertThat(am.silence(s.id()).matchers()).contains(LabelMatcher.equal("zone", "eu-west-1a"),
                    LabelMatcher.equal("alertname", "HighErrorRate"), LabelMatcher.equal("severity", "page"));
        });
        assertThat(done.audit()).extracting(a -> a.what()).containsSubsequence("silence-intent", "silenced", "silence-expiring",
                "silence-expired", "deploy-intent", "train-succeeded");
        assertThat(told).anyMatch(m -> m.startsWith("silenced on " + BAD)).anyMatch(m -> m.startsWith("expired the silence on " + BAD));
    }
}
