package io.jenkins.plugins.deploytrain.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.deploytrain.approval.Approval;
import io.jenkins.plugins.deploytrain.approval.ApprovalAction;
import io.jenkins.plugins.deploytrain.ledger.AttemptOutcome;
import io.jenkins.plugins.deploytrain.ledger.AuditEntry;
import io.jenkins.plugins.deploytrain.ledger.InMemoryLedgerStore;
import io.jenkins.plugins.deploytrain.ledger.Ledger;
import io.jenkins.plugins.deploytrain.ledger.SampleLedgers;
import io.jenkins.plugins.deploytrain.ledger.TargetRecord;
import io.jenkins.plugins.deploytrain.ledger.TargetStatus;
import io.jenkins.plugins.deploytrain.ledger.Train;
import io.jenkins.plugins.deploytrain.ledger.TrainStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TrainStepperTest {
    private final InMemoryLedgerStore store = new InMemoryLedgerStore();
    private final VirtualClock clock = new VirtualClock(SampleLedgers.T0);
    private final List<String> told = new ArrayList<>();
    private GateRunner gates = GateRunner.NONE;
    private final Set<String> alive = new java.util.HashSet<>();

    private StepperPorts ports() {
        return new StepperPorts(store, clock, gates, (train, message) -> told.add(message), DeployWindows.ALWAYS_OPEN,
                alive::contains, Duration.ofMinutes(1), Duration.ofHours(6));
    }

    private Train start(Train train) {
        store.compareAndSet(0, Ledger.empty("job").withTrain(train));
        return train;
    }

    private Train train() {
        return store.load().orElseThrow().train("t1").orElseThrow();
    }

    @Test
    void writesTheIntentBeforeAskingForTheBodyAndTheOutcomeAfter() {
        start(SampleLedgers.train("t1", 1, 1));
        TrainStepper stepper = new TrainStepper("job", "t1", "w1");

        List<Command> first = stepper.onStart(ports());

        assertThat(first).singleElement().isInstanceOfSatisfying(Command.StartBody.class, s -> {
            assertThat(s.target()).isEqualTo("env-0/z0");
            assertThat(s.displayName()).isEqualTo("env-0/z0");
            assertThat(s.environment()).containsEntry("TRAIN_ENVIRONMENT", "env-0").containsEntry("TRAIN_ZONE", "z0")
                    .containsEntry("TRAIN_ATTEMPT", "1").containsEntry("TRAIN_VERSION", "1.4.2")
                    .containsEntry("TRAIN_TIER", "primary").containsEntry("TRAIN_PROVIDER", "aws")
                    .containsEntry("TRAIN_REGION", "eu-west-1").containsEntry("TRAIN_SERVICE", "payments");
        });
        TargetRecord deploying = train().target("env-0/z0").orElseThrow();
        assertThat(deploying.status()).isEqualTo(TargetStatus.DEPLOYING);
        assertThat(deploying.lastAttempt().orElseThrow().outcome()).isEqualTo(AttemptOutcome.RUNNING);
        assertThat(store.load().orElseThrow().lease("env-0").orElseThrow().holder()).isEqualTo("w1");

        List<Command> soak = stepper.onBodyFinished(ports(), "env-0/z0", 1, BodyOutcome.success());

        // the longer of the 5 minute soak and the 2 hour bake of the primary's last zone
        assertThat(soak).singleElement().isEqualTo(new Command.ScheduleTimer(SampleLedgers.T0.plus(Duration.ofMinutes(120)),
                "soak and bake of env-0/z0"));
        assertThat(store.load().orElseThrow().lease("env-0")).isEmpty();
        clock.set(SampleLedgers.T0.plus(Duration.ofMinutes(126)));
        assertThat(stepper.onTimer(ports())).singleElement().isInstanceOf(Command.Complete.class);
        assertThat(train().status()).isEqualTo(TrainStatus.SUCCEEDED);
        assertThat(train().audit()).extracting(AuditEntry::what)
                .containsExactly("start", "deploy-intent", "deploy-succeeded", "target-succeeded", "train-succeeded");
    }

    @Test
    void aFailedDeployWaitsForAPersonAndARetryDeploysWithTheNextAttempt() {
        start(SampleLedgers.train("t1", 1, 1));
        TrainStepper stepper = new TrainStepper("job", "t1", "w1");
        stepper.onStart(ports());

        List<Command> asked = stepper.onBodyFinished(ports(), "env-0/z0", 1, BodyOutcome.failure("exit code 3"));

        assertThat(asked).singleElement().isEqualTo(new Command.AwaitApproval("t1", "env-0/z0",
                "deploy of env-0/z0 failed (attempt 1: exit code 3)",
                List.of(ApprovalAction.RETRY, ApprovalAction.SKIP, ApprovalAction.MARK_SUCCEEDED, ApprovalAction.ABORT)));
        assertThat(train().status()).isEqualTo(TrainStatus.AWAITING_APPROVAL);
        assertThat(told).anyMatch(m -> m.startsWith("deploy of env-0/z0 failed"));

        List<Command> retried = stepper.onApproval(ports(), new Approval("t1", "env-0/z0", ApprovalAction.RETRY, "bob", "flaky", clock.instant()));

        assertThat(retried).singleElement().isInstanceOfSatisfying(Command.StartBody.class, s -> assertThat(s.attempt()).isEqualTo(2));
        assertThat(train().status()).isEqualTo(TrainStatus.RUNNING);
        assertThat(train().audit()).anyMatch(a -> a.what().equals("approval:retry") && a.who().equals("bob") && a.why().equals("flaky"));
    }

    @Test
    void aFailedGatePausesTheTargetAndProceedCountsItAsSucceeded() {
        start(withGates(SampleLedgers.train("t1", 2, 1), "error-rate"));
        gates = (t, gate, now) -> GateRunner.GateVerdict.fail("error rate 4% > 1%");
        TrainStepper stepper = new TrainStepper("job", "t1", "w1");
        stepper.onStart(ports());
        stepper.onBodyFinished(ports(), "env-0/z0", 1, BodyOutcome.success());
        clock.set(SampleLedgers.T0.plus(Duration.ofHours(3)));

        List<Command> paused = stepper.onTimer(ports());

        assertThat(paused).singleElement().isInstanceOfSatisfying(Command.AwaitApproval.class,
                a -> assertThat(a.reason()).isEqualTo("gate failed on env-0/z0 (error-rate: error rate 4% > 1%)"));
        assertThat(train().target("env-0/z0").orElseThrow().status()).isEqualTo(TargetStatus.PAUSED);

        List<Command> next = stepper.onApproval(ports(), new Approval("t1", "env-0/z0", ApprovalAction.PROCEED, "carol", "known noise", clock.instant()));

        assertThat(next).singleElement().isInstanceOfSatisfying(Command.StartBody.class, s -> assertThat(s.target()).isEqualTo("env-1/z0"));
        assertThat(train().target("env-0/z0").orElseThrow().status()).isEqualTo(TargetStatus.SUCCEEDED);
    }

    @Test
    void aGateThatCannotTellYetSchedulesATimerAtItsRecheckInstantInsteadOfPausingTheTrain() {
        start(withGates(SampleLedgers.train("t1", 2, 1), "bake"));
        Instant bakedAt = SampleLedgers.T0.plus(Duration.ofHours(5));
        gates = (t, gate, now) -> now.isBefore(bakedAt)
                ? GateRunner.GateVerdict.notYet("baking until " + bakedAt, bakedAt)
                : GateRunner.GateVerdict.pass("baked");
        TrainStepper stepper = new TrainStepper("job", "t1", "w1");
        stepper.onStart(ports());
        stepper.onBodyFinished(ports(), "env-0/z0", 1, BodyOutcome.success());
        clock.set(SampleLedgers.T0.plus(Duration.ofHours(3)));

        List<Command> waiting = stepper.onTimer(ports());

        assertThat(waiting).singleElement().isInstanceOfSatisfying(Command.ScheduleTimer.class, w -> assertThat(w.at()).isEqualTo(bakedAt));
        TargetRecord t = train().target("env-0/z0").orElseThrow();
        assertThat(t.status()).isEqualTo(TargetStatus.SOAKING);
        assertThat(t.gateResults()).isEmpty();
        assertThat(train().status()).isEqualTo(TrainStatus.RUNNING);
        assertThat(train().audit()).anySatisfy(e -> assertThat(e.why()).isEqualTo("bake: baking until " + bakedAt + "; again at " + bakedAt));
        assertThat(told).noneMatch(m -> m.contains("failed"));

        clock.set(bakedAt);
        List<Command> next = stepper.onTimer(ports());

        assertThat(next).singleElement().isInstanceOfSatisfying(Command.StartBody.class, s -> assertThat(s.target()).isEqualTo("env-1/z0"));
        assertThat(train().target("env-0/z0").orElseThrow().status()).isEqualTo(TargetStatus.SUCCEEDED);
        assertThat(train().target("env-0/z0").orElseThrow().gateResults()).singleElement().satisfies(r -> assertThat(r.passed()).isTrue());
    }

    @Test
    void aDeployFoundRunningWithADeadWorkerIsRedeployedWithTheNextAttempt() {
        start(SampleLedgers.train("t1", 1, 1));
        alive.add("w1");
        new TrainStepper("job", "t1", "w1").onStart(ports());
        TrainStepper successor = new TrainStepper("job", "t1", "w2");

        assertThat(successor.onStart(ports())).singleElement().isInstanceOf(Command.ScheduleTimer.class);

        alive.remove("w1");
        List<Command> again = successor.onTimer(ports());

        assertThat(again).singleElement().isInstanceOfSatisfying(Command.StartBody.class, s -> assertThat(s.attempt()).isEqualTo(2));
        assertThat(train().target("env-0/z0").orElseThrow().attempts()).extracting(a -> a.outcome())
                .containsExactly(AttemptOutcome.LOST, AttemptOutcome.RUNNING);
    }

    @Test
    void theLateResultOfAnAttemptThatWasRedeployedIsIgnoredAndAudited() {
        start(SampleLedgers.train("t1", 1, 1));
        TrainStepper lost = new TrainStepper("job", "t1", "w1");
        lost.onStart(ports());
        TrainStepper successor = new TrainStepper("job", "t1", "w2");
        successor.onStart(ports());

        lost.onBodyFinished(ports(), "env-0/z0", 1, BodyOutcome.success());

        assertThat(train().target("env-0/z0").orElseThrow().status()).isEqualTo(TargetStatus.DEPLOYING);
        assertThat(train().audit()).anyMatch(a -> a.what().equals("late-result-ignored"));
    }

    @Test
    void stopWhileABodyRunsEndsTheTrainAsStoppedWithWhoAndWhy() {
        start(SampleLedgers.train("t1", 2, 1));
        TrainStepper stepper = new TrainStepper("job", "t1", "w1");
        stepper.onStart(ports());

        List<Command> stopped = stepper.onStop(ports(), "dave", "bad release");

        assertThat(stopped).containsExactly(new Command.Fail("stopped by dave: bad release"));
        assertStopped("dave", "bad release");
        assertThat(train().target("env-0/z0").orElseThrow().lastAttempt().orElseThrow().outcome()).isEqualTo(AttemptOutcome.FAILED);
        assertThat(store.load().orElseThrow().leases()).isEmpty();
        assertThat(stepper.onBodyFinished(ports(), "env-0/z0", 1, BodyOutcome.failure("killed"))).isEmpty();
        assertThat(stepper.onTimer(ports())).isEmpty();
    }

    @Test
    void stopWhileATimerWaits() {
        start(SampleLedgers.train("t1", 2, 1));
        TrainStepper stepper = new TrainStepper("job", "t1", "w1");
        stepper.onStart(ports());
        assertThat(stepper.onBodyFinished(ports(), "env-0/z0", 1, BodyOutcome.success())).singleElement().isInstanceOf(Command.ScheduleTimer.class);

        assertThat(stepper.onStop(ports(), "erin", "end of day")).containsExactly(new Command.Fail("stopped by erin: end of day"));

        assertStopped("erin", "end of day");
        assertThat(stepper.onTimer(ports())).isEmpty();
    }

    @Test
    void stopWhileAnApprovalIsPending() {
        start(SampleLedgers.train("t1", 1, 1));
        TrainStepper stepper = new TrainStepper("job", "t1", "w1");
        stepper.onStart(ports());
        stepper.onBodyFinished(ports(), "env-0/z0", 1, BodyOutcome.failure("exit 1"));

        assertThat(stepper.onStop(ports(), "frank", null)).containsExactly(new Command.Fail("stopped by frank"));

        assertStopped("frank", null);
        assertThat(stepper.onApproval(ports(), new Approval("t1", "env-0/z0", ApprovalAction.RETRY, "x", null, clock.instant()))).isEmpty();
    }

    @Test
    void anApprovalBeforeATargetHoldsItUntilSomeoneSaysProceed() {
        Train train = SampleLedgers.train("t1", 2, 1);
        train = train.withTarget("env-1/z0", t -> new TargetRecord(t.id(), t.index(), t.environment(), t.zone(), t.tier(),
                t.provider(), t.region(), t.soakAfter(), t.bakeAfter(), t.lastZoneOfEnvironment(), true, t.gates(), t.status(),
                null, t.attempts(), t.gateResults()));
        start(train);
        TrainStepper stepper = new TrainStepper("job", "t1", "w1");
        stepper.onStart(ports());
        stepper.onBodyFinished(ports(), "env-0/z0", 1, BodyOutcome.success());
        clock.set(SampleLedgers.T0.plus(Duration.ofHours(3)));

        assertThat(stepper.onTimer(ports())).singleElement().isInstanceOf(Command.AwaitApproval.class);
        assertThat(train().target("env-1/z0").orElseThrow().status()).isEqualTo(TargetStatus.AWAITING_APPROVAL);
        assertThatThrownBy(() -> stepper.onApproval(ports(), new Approval("t1", "env-1/z0", ApprovalAction.RETRY, "x", null, clock.instant())))
                .hasMessage("target env-1/z0 is awaiting-approval; retry applies only to a target that is failed or paused by a gate");

        assertThat(stepper.onApproval(ports(), new Approval("t1", "env-1/z0", ApprovalAction.PROCEED, "gina", "go", clock.instant())))
                .singleElement().isInstanceOf(Command.StartBody.class);
    }

    @Test
    void pauseHoldsTheTrainAfterTheDeployInFlightAndResumeContinues() {
        start(SampleLedgers.train("t1", 2, 1));
        TrainStepper stepper = new TrainStepper("job", "t1", "w1");
        stepper.onStart(ports());

        assertThat(stepper.onApproval(ports(), new Approval("t1", null, ApprovalAction.PAUSE, "hank", "incident", clock.instant()))).isEmpty();
        stepper.onBodyFinished(ports(), "env-0/z0", 1, BodyOutcome.success());
        clock.set(SampleLedgers.T0.plus(Duration.ofHours(3)));

        assertThat(stepper.onTimer(ports())).singleElement().isInstanceOfSatisfying(Command.AwaitApproval.class,
                a -> assertThat(a.choices()).containsExactly(ApprovalAction.RESUME, ApprovalAction.ABORT));
        assertThat(train().status()).isEqualTo(TrainStatus.PAUSED);
        assertThat(stepper.onApproval(ports(), new Approval("t1", null, ApprovalAction.RESUME, "hank", null, clock.instant())))
                .singleElement().isInstanceOf(Command.StartBody.class);
    }

    @Test
    void abortEndsTheTrainAsFailedSayingWho() {
        start(SampleLedgers.train("t1", 1, 1));
        TrainStepper stepper = new TrainStepper("job", "t1", "w1");
        stepper.onStart(ports());
        stepper.onBodyFinished(ports(), "env-0/z0", 1, BodyOutcome.failure("exit 1"));

        assertThat(stepper.onApproval(ports(), new Approval("t1", "env-0/z0", ApprovalAction.ABORT, "ivy", "rollback instead", clock.instant())))
                .containsExactly(new Command.Fail("aborted by ivy at env-0/z0: rollback instead"));
        assertThat(train().status()).isEqualTo(TrainStatus.FAILED);
    }

    @Test
    void aNotifierThatThrowsNeverStopsATrain() {
        start(SampleLedgers.train("t1", 1, 1));
        StepperPorts p = ports();
        StepperPorts broken = new StepperPorts(p.ledger(), p.clock(), p.gates(), (t, m) -> {
            throw new IllegalStateException("slack is down");
        }, p.windows(), p.liveness(), p.recheck(), p.leaseTime());
        TrainStepper stepper = new TrainStepper("job", "t1", "w1");
        stepper.onStart(broken);

        assertThat(stepper.onBodyFinished(broken, "env-0/z0", 1, BodyOutcome.failure("x"))).singleElement().isInstanceOf(Command.AwaitApproval.class);
    }

    private void assertStopped(String who, String why) {
        Train t = train();
        assertThat(t.status()).isEqualTo(TrainStatus.STOPPED);
        assertThat(t.reason()).startsWith("stopped by " + who);
        assertThat(t.audit()).last().satisfies(a -> {
            assertThat(a.what()).isEqualTo("stop");
            assertThat(a.who()).isEqualTo(who);
            assertThat(a.why()).isEqualTo(why);
        });
    }

    static Train withGates(Train train, String gate) {
        Train result = train;
        for (TargetRecord t : train.targets()) {
            result = result.withTarget(t.id(), x -> new TargetRecord(x.id(), x.index(), x.environment(), x.zone(), x.tier(),
                    x.provider(), x.region(), x.soakAfter(), x.bakeAfter(), x.lastZoneOfEnvironment(), x.approvalBefore(),
                    List.of(gate), x.status(), null, x.attempts(), x.gateResults()));
        }
        return result;
    }

    @Test
    void queuedTrainWaitsForTheRunningOneAndSupersedeEndsIt() {
        Ledger ledger = Ledger.empty("job");
        TrainAdmission.Admitted first = TrainAdmission.admit(ledger, "svc", "1.0", SampleLedgers.train("x", 1, 1).targets(),
                SecondTrainPolicy.QUEUE, "a", null, SampleLedgers.T0);
        TrainAdmission.Admitted second = TrainAdmission.admit(first.ledger(), "svc", "1.1", SampleLedgers.train("x", 1, 1).targets(),
                SecondTrainPolicy.QUEUE, "a", null, SampleLedgers.T0);
        TrainAdmission.Admitted again = TrainAdmission.admit(second.ledger(), "svc", "1.0", List.of(),
                SecondTrainPolicy.QUEUE, "a", null, SampleLedgers.T0);

        assertThat(second.ledger().train(second.trainId()).orElseThrow().status()).isEqualTo(TrainStatus.QUEUED);
        assertThat(again.resumed()).isTrue();
        assertThat(again.trainId()).isEqualTo(first.trainId());
        Decision queued = Reconciler.decide(second.ledger(), second.trainId(),
                new Observations(Set.of(), DeployWindows.ALWAYS_OPEN, Duration.ofMinutes(1)), SampleLedgers.T0);
        assertThat(queued).isInstanceOfSatisfying(Decision.WaitUntil.class, w -> assertThat(w.reason()).startsWith("queued behind train " + first.trainId()));

        TrainAdmission.Admitted superseding = TrainAdmission.admit(first.ledger(), "svc", "1.2", SampleLedgers.train("x", 1, 1).targets(),
                SecondTrainPolicy.SUPERSEDE, "a", null, SampleLedgers.T0);
        assertThat(superseding.ledger().train(first.trainId()).orElseThrow().status()).isEqualTo(TrainStatus.SUPERSEDED);
        assertThat(superseding.ledger().train(superseding.trainId()).orElseThrow().status()).isEqualTo(TrainStatus.RUNNING);
    }

    @Test
    void startingTheReleaseTheNewestTrainCompletedIsThatTrainAgainButAnOlderOneIsARollback() {
        Ledger ledger = Ledger.empty("job");
        TrainAdmission.Admitted v1 = TrainAdmission.admit(ledger, "svc", "1.0", SampleLedgers.train("x", 1, 1).targets(),
                SecondTrainPolicy.QUEUE, "a", null, SampleLedgers.T0);
        Ledger v1Done = v1.ledger().updateTrain(v1.trainId(), t -> t.withStatus(TrainStatus.SUCCEEDED, null, SampleLedgers.T0));

        TrainAdmission.Admitted again = TrainAdmission.admit(v1Done, "svc", "1.0", SampleLedgers.train("x", 1, 1).targets(),
                SecondTrainPolicy.QUEUE, "a", null, SampleLedgers.T0);
        assertThat(again.resumed()).isTrue();
        assertThat(again.trainId()).isEqualTo(v1.trainId());
        assertThat(again.ledger().trains()).hasSize(1);
        assertThat(Reconciler.decide(again.ledger(), again.trainId(),
                new Observations(Set.of(), DeployWindows.ALWAYS_OPEN, Duration.ofMinutes(1)), SampleLedgers.T0))
                .isInstanceOf(Decision.Complete.class);

        TrainAdmission.Admitted v2 = TrainAdmission.admit(v1Done, "svc", "2.0", SampleLedgers.train("x", 1, 1).targets(),
                SecondTrainPolicy.QUEUE, "a", null, SampleLedgers.T0);
        Ledger v2Done = v2.ledger().updateTrain(v2.trainId(), t -> t.withStatus(TrainStatus.SUCCEEDED, null, SampleLedgers.T0));
        TrainAdmission.Admitted rollback = TrainAdmission.admit(v2Done, "svc", "1.0", SampleLedgers.train("x", 1, 1).targets(),
                SecondTrainPolicy.QUEUE, "a", null, SampleLedgers.T0);
        assertThat(rollback.resumed()).isFalse();
        assertThat(rollback.ledger().train(rollback.trainId()).orElseThrow().status()).isEqualTo(TrainStatus.RUNNING);
    }

    @Test
    void aDeployOfAnEnvironmentLeasedByALiveWorkerOfAnotherTrainWaits() {
        Ledger ledger = Ledger.empty("job").withTrain(SampleLedgers.train("t1", 1, 1))
                .withLease(new io.jenkins.plugins.deploytrain.ledger.Lease("env-0", "other", "t0", "env-0/z0",
                        SampleLedgers.T0.plus(Duration.ofHours(1))));
        Observations seen = new Observations(Set.of("other"), DeployWindows.ALWAYS_OPEN, Duration.ofMinutes(1));

        assertThat(Reconciler.decide(ledger, "t1", seen, SampleLedgers.T0)).isEqualTo(
                new Decision.WaitUntil(SampleLedgers.T0.plus(Duration.ofMinutes(1)), "env-0 is being deployed by train t0 (env-0/z0 on worker other, leased until "
                        + SampleLedgers.T0.plus(Duration.ofHours(1)) + ")"));
        assertThat(Reconciler.decide(ledger, "t1", new Observations(Set.of(), DeployWindows.ALWAYS_OPEN, Duration.ofMinutes(1)),
                SampleLedgers.T0)).isEqualTo(new Decision.Deploy("env-0/z0", 1));
    }
}
