package io.jenkins.plugins.deploytrain.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.jenkins.plugins.deploytrain.approval.Approval;
import io.jenkins.plugins.deploytrain.approval.ApprovalAction;
import io.jenkins.plugins.deploytrain.fleetstate.DeployedVersion;
import io.jenkins.plugins.deploytrain.fleetstate.FleetLeases;
import io.jenkins.plugins.deploytrain.fleetstate.FleetPorts;
import io.jenkins.plugins.deploytrain.fleetstate.FleetSnapshot;
import io.jenkins.plugins.deploytrain.fleetstate.FleetState;
import io.jenkins.plugins.deploytrain.fleetstate.HolderLiveness;
import io.jenkins.plugins.deploytrain.fleetstate.LeaseAnswer;
import io.jenkins.plugins.deploytrain.fleetstate.LeaseHolder;
import io.jenkins.plugins.deploytrain.fleetstate.LeaseRequest;
import io.jenkins.plugins.deploytrain.fleetstate.LeaseScope;
import io.jenkins.plugins.deploytrain.fleetstate.ServiceMatrix;
import io.jenkins.plugins.deploytrain.ledger.Attempt;
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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Several jobs (or runners), each with its own ledger, share one fleet state and deploy to one fleet in random
 * interleavings, with runners killed (a successor with a new worker name carries the train on) and hosts
 * restarted (the same worker resumes). Whatever happens: never two deploys of one (service, environment) at
 * once (of one environment at all when a train says {@code exclusive: environment}), every train completes
 * (no lease of a dead holder blocks for ever, and none is left at the end), and the matrix across jobs is what
 * the ledgers' deploy records say.
 */
class FleetStepperProperties {

    /** The fleet state in memory, with the file store's decisions. */
    static final class InMemoryFleetState implements FleetState {
        private FleetSnapshot state = FleetSnapshot.empty();

        @Override
        public synchronized LeaseAnswer acquire(LeaseRequest request, HolderLiveness liveness, Instant now) {
            FleetLeases.Acquired decided = FleetLeases.acquire(state, request, liveness, now);
            state = decided.next();
            return decided.answer();
        }

        @Override
        public synchronized void release(String environment, LeaseHolder holder, Instant now) {
            state = FleetLeases.release(state, environment, holder);
        }

        @Override
        public synchronized void recorded(DeployedVersion deploy) {
            state = FleetLeases.recorded(state, deploy);
        }

        @Override
        public synchronized FleetSnapshot read() {
            return state;
        }

        @Override
        public String location() {
            return "memory";
        }
    }

    /** A deploy body running now. */
    record Running(String job, String service, boolean wholeEnvironment, String environment) {}

    static final class Run {
        final String job;
        final Train train;
        final LeaseScope scope;
        final InMemoryLedgerStore ledger = new InMemoryLedgerStore();
        TrainStepper stepper;
        int incarnation;
        List<Command> pending;
        Running body;
        boolean done;
        final List<String> history = new ArrayList<>();

        Run(String job, Train train, LeaseScope scope) {
            this.job = job;
            this.train = train;
            this.scope = scope;
            ledger.compareAndSet(0, Ledger.empty(job).withTrain(train));
            stepper = new TrainStepper(job, train.id(), worker());
        }

        String worker() {
            return job + "-w" + incarnation;
        }
    }

    @Property(tries = 200)
    void sharedLeasesKeepDeploysApartAndTheMatrixTrue(@ForAll long seed) {
        Random random = new Random(seed);
        VirtualClock clock = new VirtualClock(SampleLedgers.T0);
        InMemoryFleetState fleet = new InMemoryFleetState();
        Set<String> dead = new HashSet<>();
        List<Run> runs = new ArrayList<>();
        int count = 2 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            String service = random.nextInt(3) == 0 ? "ledger-api" : "payments";
            Train base = SampleLedgers.train("t1", 1 + random.nextInt(3), 1 + random.nextInt(2));
            Train train = new Train("t1", service, "1." + i, TrainStatus.RUNNING, SampleLedgers.T0, "alice", base.targets(),
                    List.of(), List.of(), null, null);
            runs.add(new Run("job-" + i, train, random.nextInt(5) == 0 ? LeaseScope.ENVIRONMENT : LeaseScope.SERVICE));
        }
        Map<String, List<Running>> running = new HashMap<>();
        for (Run r : runs) {
            r.pending = r.stepper.onStart(ports(r, clock, fleet, dead));
        }
        for (int step = 0; step < 20_000 && runs.stream().anyMatch(r -> !r.done); step++) {
            List<Run> live = runs.stream().filter(r -> !r.done).toList();
            Run r = live.get(random.nextInt(live.size()));
            clock.set(clock.instant().plusSeconds(1));
            StepperPorts p = ports(r, clock, fleet, dead);
            int dice = random.nextInt(40);
            r.history.add(dice + " " + r.pending + " body=" + r.body);
            if (dice == 0) {
                // the runner is killed: its body dies with it, a successor with a new name carries the train on
                dead.add(r.worker());
                if (r.body != null) {
                    running.get(r.body.environment()).remove(r.body);
                    r.body = null;
                }
                r.incarnation++;
                r.stepper = new TrainStepper(r.job, r.train.id(), r.worker());
                r.pending = r.stepper.onStart(ports(r, clock, fleet, dead));
                continue;
            }
            if (dice == 1 && !r.pending.isEmpty() && r.pending.get(0) instanceof Command.ScheduleTimer) {
                // the host restarts: the same worker resumes (a Jenkins build after a controller restart)
                r.pending = r.stepper.onResume(p);
                continue;
            }
            if (r.body != null) {
                running.get(r.body.environment()).remove(r.body);
                Command.StartBody started = (Command.StartBody) r.pending.get(0);
                r.body = null;
                r.pending = r.stepper.onBodyFinished(p, started.target(), started.attempt(), BodyOutcome.success());
                continue;
            }
            if (r.pending.isEmpty()) {
                fail("seed %d: %s has nothing to do and is not done: %s %s", seed, r.job, String.join("\n", r.history), r.ledger.load());
            }
            Command next = r.pending.get(0);
            if (next instanceof Command.StartBody s) {
                String environment = r.train.target(s.target()).orElseThrow().environment();
                Running body = new Running(r.job, r.train.service(), r.scope.wholeEnvironment(), environment);
                for (Running other : running.getOrDefault(environment, List.of())) {
                    if (other.service().equals(body.service()) || other.wholeEnvironment() || body.wholeEnvironment()) {
                        fail("seed %d: %s deploys %s to %s while %s deploys %s there", seed, r.job, body.service(),
                                environment, other.job(), other.service());
                    }
                }
                running.computeIfAbsent(environment, e -> new ArrayList<>()).add(body);
                r.body = body;
            } else if (next instanceof Command.ScheduleTimer t) {
                if (t.at().isAfter(clock.instant())) {
                    clock.set(t.at());
                }
                r.pending = r.stepper.onTimer(ports(r, clock, fleet, dead));
            } else if (next instanceof Command.AwaitApproval a) {
                r.pending = r.stepper.onApproval(p, new Approval(r.train.id(), a.target(), ApprovalAction.PROCEED, "alice", null,
                        clock.instant(), null));
            } else {
                assertThat(next).as("seed %d: %s", seed, r.job).isInstanceOf(Command.Complete.class);
                r.done = true;
            }
        }
        assertThat(runs).as("seed %d: every train completes", seed).allMatch(r -> r.done);
        assertThat(fleet.read().leases()).as("seed %d: no lease is left", seed).isEmpty();
        assertMatrixIsWhatTheLedgersSay(seed, runs, fleet.read());
    }

    private static void assertMatrixIsWhatTheLedgersSay(long seed, List<Run> runs, FleetSnapshot state) {
        Map<String, DeployedVersion> expected = new HashMap<>();
        for (Run r : runs) {
            Train train = r.ledger.load().orElseThrow().train(r.train.id()).orElseThrow();
            for (TargetRecord t : train.targets()) {
                assertThat(t.status()).isEqualTo(TargetStatus.SUCCEEDED);
                Instant at = t.lastAttempt().map(Attempt::ended).orElseThrow();
                String cell = train.service() + " " + t.environment() + " " + t.zone();
                DeployedVersion d = new DeployedVersion(train.service(), t.environment(), t.zone(), train.version(), r.job,
                        train.id(), at);
                expected.merge(cell, d, (a, b) -> a.at().isAfter(b.at()) ? a : b);
            }
        }
        for (String service : ServiceMatrix.services(state)) {
            ServiceMatrix m = ServiceMatrix.of(state, service);
            for (ServiceMatrix.Cell c : m.cells()) {
                assertThat(c.deployed()).as("seed %d: %s %s/%s", seed, service, c.environment(), c.zone())
                        .isEqualTo(expected.remove(service + " " + c.environment() + " " + c.zone()));
            }
        }
        assertThat(expected).as("seed %d: deploys missing from the matrix", seed).isEmpty();
    }

    private static StepperPorts ports(Run r, VirtualClock clock, FleetState fleet, Set<String> dead) {
        GateRunner gates = (target, gate, now) -> GateRunner.GateVerdict.pass("fine");
        return new StepperPorts(r.ledger, clock, gates, Notifier.NONE, DeployWindows.ALWAYS_OPEN, w -> !dead.contains(w),
                Duration.ofMinutes(1), Duration.ofHours(6))
                .withFleet(new FleetPorts(fleet, h -> !dead.contains(h.worker()), r.scope));
    }
}
