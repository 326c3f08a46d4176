package io.jenkins.plugins.deploytrain.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.deploytrain.approval.Approval;
import io.jenkins.plugins.deploytrain.approval.ApprovalAction;
import io.jenkins.plugins.deploytrain.ledger.AuditEntry;
import io.jenkins.plugins.deploytrain.ledger.InMemoryLedgerStore;
import io.jenkins.plugins.deploytrain.ledger.Ledger;
import io.jenkins.plugins.deploytrain.ledger.SampleLedgers;
import io.jenkins.plugins.deploytrain.ledger.SilenceState;
import io.jenkins.plugins.deploytrain.ledger.TargetRecord;
import io.jenkins.plugins.deploytrain.ledger.TargetStatus;
import io.jenkins.plugins.deploytrain.ledger.Train;
import io.jenkins.plugins.deploytrain.ledger.TrainSilence;
import io.jenkins.plugins.deploytrain.ledger.TrainStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The stepper puts a silence after an approval with a silence duration, and expires it when the train moved past or ended. */
class TrainStepperSilencesTest {

    private final InMemoryLedgerStore store = new InMemoryLedgerStore();
    private final VirtualClock clock = new VirtualClock(SampleLedgers.T0);
    private final List<String> told = new ArrayList<>();
    private final RecordingGates gates = new RecordingGates();

    /** A thrown Error stands for the process being killed at that instant: nothing after it runs. */
    private static final class Killed extends Error {
        private static final long serialVersionUID = 1L;
    }

    /**
     * A gate that fails on one target until a silence of it is active, and a silence system that keeps what was
     * created by key (as Alertmanager keeps the key in the comment). Every call records what the ledger said at
     * that instant.
     */
    private final class RecordingGates implements GateRunner {
        final List<String> calls = new ArrayList<>();
        final Map<String, String> idByKey = new HashMap<>();
        final Set<String> active = new HashSet<>();
        String failing = "env-0/z0";
        boolean killAfterCreating;
        boolean expiryFails;

        @Override
        public GateVerdict evaluate(TargetRecord target, String gate, Instant now) {
            return target.id().equals(failing) && active.isEmpty() ? GateVerdict.fail("HighErrorRate firing") : GateVerdict.pass("clean");
        }

        @Override
        public Silencing silence(TargetRecord target, String gate, Approval approval, String key, Instant now) {
            calls.add("silence " + target.id() + " " + gate + " " + key + " ledger:" + state(key, null));
            if (idByKey.containsKey(key)) {
                return new Silencing(List.of(new Silenced("alertmanager", idByKey.get(key), "{alertname=\"HighErrorRate\"}",
                        now.plus(approval.silenceFor()))), List.of());
            }
            String id = "s-" + (idByKey.size() + 1);
            idByKey.put(key, id);
            active.add(id);
            if (killAfterCreating) {
                killAfterCreating = false;
                throw new Killed();
            }
            return new Silencing(List.of(new Silenced("alertmanager", id, "{alertname=\"HighErrorRate\"}", now.plus(approval.silenceFor()))),
                    List.of());
        }

        @Override
        public List<String> expire(Silenced silence) {
            calls.add("expire " + silence.id() + " ledger:" + state(null, silence.id()));
            if (expiryFails) {
                return List.of("Alertmanager at http://127.0.0.1:9093 is unreachable (Connection refused)");
            }
            active.remove(silence.id());
            return List.of();
        }

        /** @param mark what the monitoring system is given: the job, then the ledger's key */
        private String state(String mark, String id) {
            return train().silences().stream().filter(s -> mark == null || mark.equals("job/" + s.key())).filter(s -> id == null || id.equals(s.id()))
                    .map(s -> s.state().json()).toList().toString();
        }
    }

    private StepperPorts ports() {
        return new StepperPorts(store, clock, gates, (train, message) -> told.add(message), DeployWindows.ALWAYS_OPEN,
                worker -> false, Duration.ofMinutes(1), Duration.ofHours(6));
    }

    private Train train() {
        return store.load().orElseThrow().train("t1").orElseThrow();
    }

    private void start(int environments, int zones) {
        store.compareAndSet(0, Ledger.empty("job").withTrain(TrainStepperTest.withGates(SampleLedgers.train("t1", environments, zones), "no-pages")));
    }

    /** Deploys and soaks until the first target pauses on its failed gate. */
    private List<Command> untilPaused(TrainStepper stepper) {
        stepper.onStart(ports());
        stepper.onBodyFinished(ports(), "env-0/z0", 1, BodyOutcome.success());
        clock.set(SampleLedgers.T0.plus(Duration.ofHours(3)));
        return stepper.onTimer(ports());
    }

    private Approval proceed(Duration silence) {
        return new Approval("t1", "env-0/z0", ApprovalAction.PROCEED, "carol", "known noise", clock.instant(), silence);
    }

    @Test
    void theIntentIsDurableBeforeTheSilenceIsAskedForAndItsIdIsRecordedAfter() {
        start(2, 2);
        TrainStepper stepper = new TrainStepper("job", "t1", "w1");
        assertThat(untilPaused(stepper)).singleElement().isInstanceOf(Command.AwaitApproval.class);

        List<Command> next = stepper.onApproval(ports(), proceed(Duration.ofHours(6)));

        assertThat(gates.calls).containsExactly("silence env-0/z0 no-pages job/t1#approval-0 ledger:[intended]");
        assertThat(next).singleElement().isInstanceOfSatisfying(Command.StartBody.class, s -> assertThat(s.target()).isEqualTo("env-0/z1"));
        assertThat(train().silences()).singleElement().isEqualTo(new TrainSilence("t1#approval-0", "env-0/z0", "no-pages",
                SilenceState.ACTIVE, "alertmanager", "s-1", "{alertname=\"HighErrorRate\"}", clock.instant().plus(Duration.ofHours(6)), null, null));
        assertThat(train().audit()).extracting(AuditEntry::what).containsSubsequence("approval:proceed", "silence-intent", "silenced",
                "gate-passed", "target-succeeded", "deploy-intent");
        assertThat(train().target("env-0/z0").orElseThrow().gateResults()).extracting(r -> r.passed()).containsExactly(false, true);
        assertThat(told).anyMatch(m -> m.startsWith("silenced on env-0/z0 until ") && m.contains("alertmanager s-1"));
    }

    @Test
    void theSilenceIsExpiredOnceEveryZoneOfItsEnvironmentIsDoneBeforeTheNextEnvironmentDeploys() {
        start(2, 2);
        TrainStepper stepper = new TrainStepper("job", "t1", "w1");
        untilPaused(stepper);
        stepper.onApproval(ports(), proceed(Duration.ofHours(6)));
        stepper.onBodyFinished(ports(), "env-0/z1", 1, BodyOutcome.success());
        assertThat(gates.calls).as("env-0/z1 still bakes: the train has not moved past env-0").hasSize(1);
        clock.set(SampleLedgers.T0.plus(Duration.ofHours(5).plusMinutes(10)));

        List<Command> next = stepper.onTimer(ports());

        assertThat(next).singleElement().isInstanceOfSatisfying(Command.StartBody.class, s -> assertThat(s.target()).isEqualTo("env-1/z0"));
        assertThat(gates.calls).containsExactly("silence env-0/z0 no-pages job/t1#approval-0 ledger:[intended]", "expire s-1 ledger:[expiring]");
        assertThat(gates.active).isEmpty();
        assertThat(train().silences()).singleElement().satisfies(s -> {
            assertThat(s.state()).isEqualTo(SilenceState.EXPIRED);
            assertThat(s.expiredAt()).isEqualTo(clock.instant());
        });
        assertThat(train().audit()).extracting(AuditEntry::what).containsSubsequence("silenced", "silence-expiring", "silence-expired");
        assertThat(told).contains("expired the silence on env-0/z0 (alertmanager s-1)");
    }

    @Test
    void theSilenceIsExpiredWhenTheTrainCompletes() {
        start(1, 1);
        TrainStepper stepper = new TrainStepper("job", "t1", "w1");
        untilPaused(stepper);

        List<Command> done = stepper.onApproval(ports(), proceed(Duration.ofHours(1)));

        assertThat(done).singleElement().isInstanceOf(Command.Complete.class);
        assertThat(gates.calls).containsExactly("silence env-0/z0 no-pages job/t1#approval-0 ledger:[intended]", "expire s-1 ledger:[expiring]");
        assertThat(train().silences()).singleElement().extracting(TrainSilence::state).isEqualTo(SilenceState.EXPIRED);
    }

    @Test
    void theSilenceIsExpiredWhenTheTrainIsStopped() {
        start(2, 2);
        TrainStepper stepper = new TrainStepper("job", "t1", "w1");
        untilPaused(stepper);
        assertThat(stepper.onApproval(ports(), proceed(Duration.ofHours(1)))).singleElement().isInstanceOf(Command.StartBody.class);
        assertThat(gates.active).containsExactly("s-1");

        assertThat(stepper.onStop(ports(), "bob", "wrong version")).singleElement().isInstanceOf(Command.Fail.class);

        assertThat(gates.active).isEmpty();
        assertThat(train().status()).isEqualTo(TrainStatus.STOPPED);
        assertThat(train().silences()).singleElement().extracting(TrainSilence::state).isEqualTo(SilenceState.EXPIRED);
    }

    @Test
    void aProcessKilledBetweenCreatingAndRecordingTheSilenceIsSucceededByOneThatAdoptsItInsteadOfCreatingASecond() {
        start(2, 1);
        TrainStepper first = new TrainStepper("job", "t1", "w1");
        untilPaused(first);
        gates.killAfterCreating = true;

        assertThatThrownBy(() -> first.onApproval(ports(), proceed(Duration.ofHours(6)))).isInstanceOf(Killed.class);
        assertThat(train().silences()).singleElement().extracting(TrainSilence::state).isEqualTo(SilenceState.INTENDED);
        assertThat(train().target("env-0/z0").orElseThrow().status()).as("evaluated again once the silence is on")
                .isEqualTo(TargetStatus.VERIFYING);

        List<Command> resumed = new TrainStepper("job", "t1", "w2").onStart(ports());

        assertThat(gates.idByKey).containsOnlyKeys("job/t1#approval-0");
        assertThat(gates.calls).containsExactly("silence env-0/z0 no-pages job/t1#approval-0 ledger:[intended]",
                "silence env-0/z0 no-pages job/t1#approval-0 ledger:[intended]", "expire s-1 ledger:[expiring]");
        assertThat(train().silences()).singleElement().satisfies(s -> {
            assertThat(s.id()).isEqualTo("s-1");
            assertThat(s.state()).isEqualTo(SilenceState.EXPIRED);
        });
        assertThat(resumed).singleElement().isInstanceOfSatisfying(Command.StartBody.class, s -> assertThat(s.target()).isEqualTo("env-1/z0"));
    }

    @Test
    void aProcessKilledWhileExpiringIsSucceededByOneThatExpiresAgain() {
        start(1, 1);
        TrainStepper first = new TrainStepper("job", "t1", "w1");
        untilPaused(first);
        first.onApproval(ports(), proceed(Duration.ofHours(6)));
        // as if the first process died after writing "expiring": the successor must not trust it expired
        store.update("job", l -> l.updateTrain("t1", t -> t.withSilence(t.silences().get(0).withState(SilenceState.EXPIRING, null, null))
                .withStatus(TrainStatus.RUNNING, null, clock.instant())));
        gates.active.add("s-1");

        new TrainStepper("job", "t1", "w2").onStart(ports());

        assertThat(gates.active).isEmpty();
        assertThat(gates.calls).endsWith("expire s-1 ledger:[expiring]");
        assertThat(train().silences()).singleElement().extracting(TrainSilence::state).isEqualTo(SilenceState.EXPIRED);
    }

    @Test
    void aProblemExpiringIsAuditedAndToldButTheTrainCompletes() {
        start(1, 1);
        gates.expiryFails = true;
        TrainStepper stepper = new TrainStepper("job", "t1", "w1");
        untilPaused(stepper);

        assertThat(stepper.onApproval(ports(), proceed(Duration.ofHours(1)))).singleElement().isInstanceOf(Command.Complete.class);

        assertThat(train().silences()).singleElement().satisfies(s -> {
            assertThat(s.state()).isEqualTo(SilenceState.EXPIRE_FAILED);
            assertThat(s.note()).contains("unreachable").contains("ends by itself at " + s.until());
        });
        assertThat(train().audit()).anyMatch(a -> a.what().equals("silence-expire-failed") && a.why().contains("Connection refused"));
        assertThat(told).anyMatch(m -> m.startsWith("could not expire the silence on env-0/z0"));
    }

    @Test
    void aSilenceThatEndedByItselfIsRecordedWithoutAskingToExpireIt() {
        start(2, 2);
        TrainStepper stepper = new TrainStepper("job", "t1", "w1");
        untilPaused(stepper);
        Instant approvedAt = clock.instant();
        stepper.onApproval(ports(), proceed(Duration.ofMinutes(30)));
        stepper.onBodyFinished(ports(), "env-0/z1", 1, BodyOutcome.success());
        clock.set(approvedAt.plus(Duration.ofHours(2).plusMinutes(10)));

        // the bake of env-0/z1 outlasts the 30 minute silence
        stepper.onTimer(ports());

        assertThat(gates.calls).noneMatch(c -> c.startsWith("expire"));
        assertThat(train().silences()).singleElement().satisfies(s -> {
            assertThat(s.state()).isEqualTo(SilenceState.EXPIRED);
            assertThat(s.expiredAt()).isEqualTo(approvedAt.plus(Duration.ofMinutes(30)));
        });
    }

    @Test
    void withoutAGateProviderNothingIsSilencedTheReasonIsRecordedAndTheTrainGoesOn() {
        start(2, 1);
        TrainStepper stepper = new TrainStepper("job", "t1", "w1");
        untilPaused(stepper);
        GateRunner none = GateRunner.NONE;
        StepperPorts withoutProvider = new StepperPorts(store, clock, none, (train, message) -> told.add(message), DeployWindows.ALWAYS_OPEN,
                worker -> false, Duration.ofMinutes(1), Duration.ofHours(6));

        List<Command> next = stepper.onApproval(withoutProvider, proceed(Duration.ofHours(1)));

        assertThat(next).singleElement().isInstanceOf(Command.StartBody.class);
        assertThat(train().silences()).singleElement().satisfies(s -> {
            assertThat(s.state()).isEqualTo(SilenceState.NOTHING);
            assertThat(s.note()).isEqualTo("no monitoring system is configured to silence gate 'no-pages'");
        });
        assertThat(told).contains("nothing silenced for env-0/z0 (gate no-pages): no monitoring system is configured to silence gate 'no-pages'");
    }

    @Test
    void whatStillFiresUnderTheSilencePausesTheTargetAgain() {
        start(2, 2);
        TrainStepper stepper = new TrainStepper("job", "t1", "w1");
        untilPaused(stepper);
        GateRunner stillFiring = new GateRunner() {
            @Override
            public GateVerdict evaluate(TargetRecord target, String gate, Instant now) {
                return GateVerdict.fail("DiskFull firing");
            }

            @Override
            public Silencing silence(TargetRecord target, String gate, Approval approval, String key, Instant now) {
                return gates.silence(target, gate, approval, key, now);
            }
        };
        StepperPorts ports = new StepperPorts(store, clock, stillFiring, (train, message) -> told.add(message), DeployWindows.ALWAYS_OPEN,
                worker -> false, Duration.ofMinutes(1), Duration.ofHours(6));

        List<Command> next = stepper.onApproval(ports, proceed(Duration.ofHours(1)));

        assertThat(next).singleElement().isInstanceOfSatisfying(Command.AwaitApproval.class,
                a -> assertThat(a.reason()).isEqualTo("gate failed on env-0/z0 (no-pages: DiskFull firing)"));
        assertThat(train().target("env-0/z0").orElseThrow().status()).isEqualTo(TargetStatus.PAUSED);
        assertThat(train().silences()).singleElement().extracting(TrainSilence::state).isEqualTo(SilenceState.ACTIVE);
    }

    @Test
    void aSilenceDurationOnATargetNoGatePausedSilencesNothing() {
        start(1, 1);
        store.update("job", l -> l.updateTrain("t1", t -> t.withTarget("env-0/z0", x -> x.withStatus(TargetStatus.AWAITING_APPROVAL))));
        TrainStepper stepper = new TrainStepper("job", "t1", "w1");

        stepper.onApproval(ports(), proceed(Duration.ofHours(1)));

        assertThat(gates.calls).isEmpty();
        assertThat(train().silences()).isEmpty();
        assertThat(told).contains("nothing silenced: env-0/z0 was not paused by a failed gate");
        assertThat(Optional.of(train().status())).isNotEqualTo(Optional.of(TrainStatus.AWAITING_APPROVAL));
    }
}
