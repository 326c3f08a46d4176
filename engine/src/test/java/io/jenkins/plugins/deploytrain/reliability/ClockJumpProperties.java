package io.jenkins.plugins.deploytrain.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.deploytrain.ledger.InMemoryLedgerStore;
import io.jenkins.plugins.deploytrain.ledger.Ledger;
import io.jenkins.plugins.deploytrain.ledger.SampleLedgers;
import io.jenkins.plugins.deploytrain.ledger.TargetRecord;
import io.jenkins.plugins.deploytrain.ledger.Train;
import io.jenkins.plugins.deploytrain.ledger.TrainStatus;
import io.jenkins.plugins.deploytrain.reconcile.BodyOutcome;
import io.jenkins.plugins.deploytrain.reconcile.Command;
import io.jenkins.plugins.deploytrain.reconcile.DeployWindows;
import io.jenkins.plugins.deploytrain.reconcile.GateRunner;
import io.jenkins.plugins.deploytrain.reconcile.StepperPorts;
import io.jenkins.plugins.deploytrain.reconcile.TrainStepper;
import io.jenkins.plugins.deploytrain.reconcile.VirtualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * The wall clock jumping backwards (NTP step, VM restore) while a train runs: at timers and when deploys
 * end, the clock is set back by up to two days. The stepper must neither redeploy a target nor skip a
 * soak or bake: every target is deployed exactly once, in plan order, never before the timer it waited
 * for is really due, and the train completes.
 */
class ClockJumpProperties {

    private static final ReliabilityFigures FIGURES = new ReliabilityFigures(ClockJumpProperties.class);

    @Property(tries = 200)
    void backwardClockJumpsNeitherRedeployNorSkip(@ForAll long seed, @ForAll @IntRange(min = 0, max = 80) int jumpPercent) {
        Random random = new Random(seed);
        InMemoryLedgerStore store = new InMemoryLedgerStore();
        VirtualClock clock = new VirtualClock(SampleLedgers.T0);
        Train planned = SampleLedgers.train("t1", 3, 2);
        store.compareAndSet(0, Ledger.empty("job").withTrain(planned));
        StepperPorts ports = new StepperPorts(store, clock, GateRunner.NONE, (train, message) -> { }, DeployWindows.ALWAYS_OPEN,
                worker -> true, Duration.ofMinutes(1), Duration.ofHours(6));
        TrainStepper stepper = new TrainStepper("job", "t1", "w1");

        List<String> deployed = new ArrayList<>();
        Instant due = Instant.MIN;
        Deque<Command> pending = new ArrayDeque<>(stepper.onStart(ports));
        for (int steps = 0; steps < 10_000; steps++) {
            Command command = pending.poll();
            assertThat(command).as("the stepper always answers").isNotNull();
            if (command instanceof Command.StartBody body) {
                assertThat(clock.instant()).as("%s started before its wait was due", body.target()).isAfterOrEqualTo(due);
                deployed.add(body.target());
                clock.set(clock.instant().plus(Duration.ofMinutes(random.nextInt(20) + 1)));
                jumpBack(random, jumpPercent, clock);
                pending.addAll(stepper.onBodyFinished(ports, body.target(), body.attempt(), BodyOutcome.success()));
            } else if (command instanceof Command.ScheduleTimer timer) {
                due = timer.at();
                clock.set(timer.at().isAfter(clock.instant()) ? timer.at() : clock.instant());
                jumpBack(random, jumpPercent, clock);
                pending.addAll(stepper.onTimer(ports));
            } else {
                assertThat(command).isInstanceOf(Command.Complete.class);
                break;
            }
        }
        Train train = store.load().orElseThrow().train("t1").orElseThrow();
        assertThat(train.status()).isEqualTo(TrainStatus.SUCCEEDED);
        assertThat(deployed).as("each target once, in plan order").containsExactlyElementsOf(
                planned.targets().stream().map(TargetRecord::id).toList());
        FIGURES.count("trains driven through clock jumps");
    }

    private static void jumpBack(Random random, int percent, VirtualClock clock) {
        if (random.nextInt(100) < percent) {
            clock.set(clock.instant().minus(Duration.ofMinutes(random.nextInt(48 * 60) + 1)));
            FIGURES.count("backward clock jumps injected");
        }
    }

    @AfterContainer
    static void writeFigures() {
        FIGURES.write();
    }
}
