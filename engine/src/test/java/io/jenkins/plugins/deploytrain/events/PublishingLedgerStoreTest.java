package io.jenkins.plugins.deploytrain.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.deploytrain.approval.Approval;
import io.jenkins.plugins.deploytrain.approval.ApprovalAction;
import io.jenkins.plugins.deploytrain.ledger.AttemptOutcome;
import io.jenkins.plugins.deploytrain.ledger.InMemoryLedgerStore;
import io.jenkins.plugins.deploytrain.ledger.Ledger;
import io.jenkins.plugins.deploytrain.ledger.LedgerStore;
import io.jenkins.plugins.deploytrain.ledger.SampleLedgers;
import io.jenkins.plugins.deploytrain.ledger.TrainStatus;
import io.jenkins.plugins.deploytrain.reconcile.BodyOutcome;
import io.jenkins.plugins.deploytrain.reconcile.DeployWindows;
import io.jenkins.plugins.deploytrain.reconcile.GateRunner;
import io.jenkins.plugins.deploytrain.reconcile.SecondTrainPolicy;
import io.jenkins.plugins.deploytrain.reconcile.StepperPorts;
import io.jenkins.plugins.deploytrain.reconcile.TrainAdmission;
import io.jenkins.plugins.deploytrain.reconcile.TrainStepper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The events a real train's ledger writes make, through the real stepper. */
class PublishingLedgerStoreTest {

    private final InMemoryLedgerStore memory = new InMemoryLedgerStore();
    private final List<DeployEvent> events = new ArrayList<>();
    private final List<String> logged = new ArrayList<>();
    private final AtomicReference<Instant> now = new AtomicReference<>(SampleLedgers.T0);

    private LedgerStore publishing() {
        return new PublishingLedgerStore(memory, List.of((stored, e) -> events.addAll(e)), logged::add);
    }

    private StepperPorts ports(LedgerStore store) {
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        return new StepperPorts(store, clock, GateRunner.NONE, (train, message) -> {}, DeployWindows.ALWAYS_OPEN, w -> true,
                Duration.ofMinutes(1), Duration.ofHours(6));
    }

    private String admit(LedgerStore store) {
        AtomicReference<String> id = new AtomicReference<>();
        store.update("job", ledger -> {
            TrainAdmission.Admitted a = TrainAdmission.admit(ledger, "payments", "1.4.2", SampleLedgers.train("x", 1, 1).targets(),
                    SecondTrainPolicy.QUEUE, "alice", "nightly", now.get());
            id.set(a.trainId());
            return a.ledger();
        });
        return id.get();
    }

    @Test
    void aTrainWithAFailedDeployARetryAndASuccessPublishesEachStepOnceInOrder() {
        LedgerStore store = publishing();
        String id = admit(store);
        TrainStepper stepper = new TrainStepper("job", id, "w1");
        stepper.onStart(ports(store));
        now.set(SampleLedgers.T0.plusSeconds(42));
        stepper.onBodyFinished(ports(store), "env-0/z0", 1, BodyOutcome.failure("exit code 3"));
        stepper.onApproval(ports(store), new Approval(id, "env-0/z0", ApprovalAction.RETRY, "bob", "flaky", now.get()));
        now.set(SampleLedgers.T0.plusSeconds(100));
        stepper.onBodyFinished(ports(store), "env-0/z0", 2, BodyOutcome.success());
        now.set(SampleLedgers.T0.plus(Duration.ofHours(3)));
        stepper.onTimer(ports(store));

        assertThat(memory.load().orElseThrow().train(id).orElseThrow().status()).isEqualTo(TrainStatus.SUCCEEDED);
        DeployEvent.Place place = new DeployEvent.Place("env-0", "z0", "primary");
        DeployEvent.Release release = new DeployEvent.Release("job", id, "payments", "1.4.2");
        assertThat(events).extracting(e -> e.getClass().getSimpleName()).containsExactly("TrainStarted", "TargetStarted", "TargetEnded",
                "Paused", "Approved", "TargetStarted", "TargetEnded", "TrainEnded");
        assertThat(events.get(0)).isEqualTo(new DeployEvent.TrainStarted(release, SampleLedgers.T0, "alice", "nightly"));
        assertThat(events.get(2)).isEqualTo(new DeployEvent.TargetEnded(release, SampleLedgers.T0.plusSeconds(42), place, 1,
                AttemptOutcome.FAILED, Duration.ofSeconds(42), "exit code 3"));
        assertThat(events.get(3)).isInstanceOfSatisfying(DeployEvent.Paused.class, p -> {
            assertThat(p.place()).isEqualTo(place);
            assertThat(p.status()).isEqualTo(TrainStatus.AWAITING_APPROVAL);
            assertThat(p.why()).contains("deploy of env-0/z0 failed");
        });
        assertThat(events.get(4)).isEqualTo(new DeployEvent.Approved(release, SampleLedgers.T0.plusSeconds(42), place, "bob", "retry",
                null, "flaky"));
        assertThat(events.get(6)).isInstanceOfSatisfying(DeployEvent.TargetEnded.class, e -> {
            assertThat(e.attempt()).isEqualTo(2);
            assertThat(e.outcome()).isEqualTo(AttemptOutcome.SUCCEEDED);
            assertThat(e.duration()).isEqualTo(Duration.ofSeconds(58));
        });
        assertThat(events.get(7)).isInstanceOfSatisfying(DeployEvent.TrainEnded.class,
                e -> assertThat(e.status()).isEqualTo(TrainStatus.SUCCEEDED));
        assertThat(logged).isEmpty();
    }

    @Test
    void aRestartedRunnerDoesNotAnnounceThePastAgainButPublishesWhatAnotherProcessWroteMeanwhile() {
        LedgerStore first = publishing();
        String id = admit(first);
        new TrainStepper("job", id, "w1").onStart(ports(first));
        events.clear();
        // another process (deploy-train approve) writes straight to the store
        memory.compareAndSet(memory.load().orElseThrow().revision(), memory.load().orElseThrow()
                .updateTrain(id, t -> t.audited(new io.jenkins.plugins.deploytrain.ledger.AuditEntry(now.get(), "carol", "approval:abort",
                        null, "wrong version"))));

        LedgerStore restarted = publishing();
        Ledger seen = restarted.load().orElseThrow();
        restarted.compareAndSet(seen.revision(), seen.updateTrain(id, t -> t.audited(
                new io.jenkins.plugins.deploytrain.ledger.AuditEntry(now.get(), "w2", "gate-pending", "env-0/z0", "later"))));

        assertThat(events).as("the restarted runner saw the approval already stored when it started: it is the past").isEmpty();

        memory.compareAndSet(memory.load().orElseThrow().revision(), memory.load().orElseThrow()
                .updateTrain(id, t -> t.audited(new io.jenkins.plugins.deploytrain.ledger.AuditEntry(now.get(), "dave", "approval:skip",
                        "env-0/z0", "not needed"))));
        Ledger again = restarted.load().orElseThrow();
        restarted.compareAndSet(again.revision(), again);

        assertThat(events).singleElement().isInstanceOfSatisfying(DeployEvent.Approved.class, a -> {
            assertThat(a.by()).isEqualTo("dave");
            assertThat(a.action()).isEqualTo("skip");
        });
    }

    @Test
    void aPublisherThatThrowsNeverFailsTheWrite() {
        LedgerStore store = new PublishingLedgerStore(memory, List.of((stored, e) -> {
            throw new IllegalStateException("broken publisher");
        }), logged::add);

        String id = admit(store);

        assertThat(memory.load().orElseThrow().train(id)).isPresent();
        assertThat(logged).singleElement().asString().contains("broken publisher").contains("the train goes on");
    }
}
