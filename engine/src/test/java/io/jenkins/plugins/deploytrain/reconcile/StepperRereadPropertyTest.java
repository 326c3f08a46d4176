package io.jenkins.plugins.deploytrain.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.deploytrain.approval.Approval;
import io.jenkins.plugins.deploytrain.approval.ApprovalAction;
import io.jenkins.plugins.deploytrain.ledger.InMemoryLedgerStore;
import io.jenkins.plugins.deploytrain.ledger.Ledger;
import io.jenkins.plugins.deploytrain.ledger.LedgerStore;
import io.jenkins.plugins.deploytrain.ledger.SampleLedgers;
import io.jenkins.plugins.deploytrain.ledger.TargetRecord;
import io.jenkins.plugins.deploytrain.ledger.Train;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * The stepper decides from the ledger it just stored instead of reading the whole ledger again after each of its
 * writes. Over random runs (deploys that fail, people who retry, skip, mark succeeded or pause, gates that pass,
 * fail or are not ready) it answers every event with exactly the commands, and leaves exactly the ledger, of the
 * stepper that reads again after every write, the full recomputation, while reading about half as often.
 */
class StepperRereadPropertyTest {

    /** One host driving one stepper on its own ledger; the same seed makes the same world for both. */
    private static final class Run {
        final CountingStore store = new CountingStore();
        final VirtualClock clock = new VirtualClock(SampleLedgers.T0);
        final TrainStepper stepper;
        final List<String> told = new ArrayList<>();
        final long seed;

        Run(Train train, boolean reread, long seed) {
            store.compareAndSet(0, Ledger.empty("job").withTrain(train));
            store.loads = 0;
            stepper = reread ? TrainStepper.rereadingAfterWrites("job", train.id(), "w1") : new TrainStepper("job", train.id(), "w1");
            this.seed = seed;
        }

        StepperPorts ports() {
            GateRunner gates = (target, gate, now) -> switch (outcome(target.id() + gate + target.attemptCount(), 3)) {
                case 0 -> GateRunner.GateVerdict.pass("fine");
                case 1 -> GateRunner.GateVerdict.fail("5xx ratio too high");
                default -> now.isBefore(SampleLedgers.T0.plus(Duration.ofDays(1)))
                        ? GateRunner.GateVerdict.notYet("no data yet", now.plus(Duration.ofMinutes(3)))
                        : GateRunner.GateVerdict.pass("data at last");
            };
            return new StepperPorts(store, clock, gates, (t, message) -> told.add(message), DeployWindows.ALWAYS_OPEN,
                    w -> false, Duration.ofMinutes(1), Duration.ofHours(6));
        }

        /** A choice that is a function of the seed and what it is about only. */
        int outcome(String about, int choices) {
            return Math.floorMod(new Random(seed ^ about.hashCode()).nextInt(), choices);
        }

        List<Command> answer(Command command, int step) {
            if (command instanceof Command.StartBody s) {
                return stepper.onBodyFinished(ports(), s.target(), s.attempt(), outcome(s.target() + s.attempt(), 4) == 0
                        ? BodyOutcome.failure("exit 7") : BodyOutcome.success());
            }
            if (command instanceof Command.ScheduleTimer t) {
                clock.set(t.at());
                return stepper.onTimer(ports());
            }
            Command.AwaitApproval a = (Command.AwaitApproval) command;
            List<ApprovalAction> choices = a.choices().stream().filter(c -> c != ApprovalAction.ABORT).toList();
            ApprovalAction chosen = choices.get(outcome(a.reason() + step, choices.size()));
            return stepper.onApproval(ports(), new Approval(stepper.trainId(), a.target(), chosen, "alice", null,
                    clock.instant(), null));
        }
    }

    /** The ledger in memory, counting reads. */
    private static final class CountingStore implements LedgerStore {
        private final InMemoryLedgerStore store = new InMemoryLedgerStore();
        int loads;

        @Override
        public Optional<Ledger> load() {
            loads++;
            return store.load();
        }

        @Override
        public Ledger compareAndSet(long expectedRevision, Ledger next) {
            return store.compareAndSet(expectedRevision, next);
        }

        @Override
        public String location() {
            return store.location();
        }
    }

    private static Train train(long seed) {
        Random random = new Random(seed);
        Train train = SampleLedgers.train("t1", 1 + random.nextInt(5), 1 + random.nextInt(3));
        for (TargetRecord t : train.targets()) {
            if (random.nextInt(3) == 0) {
                train = train.withTarget(t.id(), x -> new TargetRecord(x.id(), x.index(), x.environment(), x.zone(), x.tier(),
                        x.provider(), x.region(), x.soakAfter(), x.bakeAfter(), x.lastZoneOfEnvironment(),
                        random.nextInt(4) == 0, List.of("error-rate"), x.status(), x.waitUntil(), x.attempts(), x.gateResults()));
            }
        }
        return train;
    }

    @Property(tries = 300)
    void decidingFromWhatItStoredIsDecidingFromWhatItWouldReadAgain(@ForAll long seed) {
        Train train = train(seed);
        Run fast = new Run(train, false, seed);
        Run reference = new Run(train, true, seed);
        List<Command> got = fast.stepper.onStart(fast.ports());
        List<Command> expected = reference.stepper.onStart(reference.ports());
        for (int step = 0; step < 400 && !expected.isEmpty(); step++) {
            assertThat(got).as("seed %d, event %d", seed, step).isEqualTo(expected);
            Command next = expected.get(0);
            if (next instanceof Command.Complete || next instanceof Command.Fail) {
                break;
            }
            got = fast.answer(next, step);
            expected = reference.answer(next, step);
        }
        assertThat(got).isEqualTo(expected);
        assertThat(fast.store.load()).isEqualTo(reference.store.load());
        assertThat(fast.told).isEqualTo(reference.told);
        assertThat(fast.stepper.ended()).isEqualTo(reference.stepper.ended());
    }

    @Test
    void aBodyThatSucceededCostsOneReadOfTheLedgerNotTwo() {
        Train train = SampleLedgers.train("t1", 3, 1);
        Run fast = new Run(train, false, 1);
        Run reference = new Run(train, true, 1);
        Command.StartBody first = (Command.StartBody) fast.stepper.onStart(fast.ports()).get(0);
        reference.stepper.onStart(reference.ports());
        fast.store.loads = 0;
        reference.store.loads = 0;

        List<Command> soak = fast.stepper.onBodyFinished(fast.ports(), first.target(), 1, BodyOutcome.success());

        assertThat(soak).isEqualTo(reference.stepper.onBodyFinished(reference.ports(), first.target(), 1, BodyOutcome.success()));
        assertThat(soak).singleElement().isInstanceOf(Command.ScheduleTimer.class);
        assertThat(fast.store.loads).isEqualTo(1);
        assertThat(reference.store.loads).isEqualTo(2);
    }
}
