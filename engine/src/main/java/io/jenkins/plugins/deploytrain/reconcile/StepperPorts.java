package io.jenkins.plugins.deploytrain.reconcile;

import io.jenkins.plugins.deploytrain.fleetstate.FleetPorts;
import io.jenkins.plugins.deploytrain.ledger.LedgerStore;
import java.time.Clock;
import java.time.Duration;

/**
 * The live objects a {@link TrainStepper} works with, handed in on every event so the stepper itself holds
 * none (it is serialized by its host, live handles are not).
 *
 * @param leaseTime how long a deploy's lease on its environment lasts if its worker is never seen again
 * @param plans where a terraform train's plans are written and kept ({@link PlanArchive#NONE} for a host
 *     that runs deploy trains only)
 * @param fleet the fleet state shared with other jobs and runners ({@link FleetPorts#NONE} when shared with none)
 */
public record StepperPorts(LedgerStore ledger, Clock clock, GateRunner gates, Notifier notifier, DeployWindows windows,
        WorkerLiveness liveness, Duration recheck, Duration leaseTime, PlanArchive plans, FleetPorts fleet) {

    /** Ports of a host that shares no fleet state. */
    public StepperPorts(LedgerStore ledger, Clock clock, GateRunner gates, Notifier notifier, DeployWindows windows,
            WorkerLiveness liveness, Duration recheck, Duration leaseTime, PlanArchive plans) {
        this(ledger, clock, gates, notifier, windows, liveness, recheck, leaseTime, plans, FleetPorts.NONE);
    }

    /** Ports of a host that runs deploy trains only and shares no fleet state. */
    public StepperPorts(LedgerStore ledger, Clock clock, GateRunner gates, Notifier notifier, DeployWindows windows,
            WorkerLiveness liveness, Duration recheck, Duration leaseTime) {
        this(ledger, clock, gates, notifier, windows, liveness, recheck, leaseTime, PlanArchive.NONE);
    }

    /** The same ports sharing {@code fleet}. */
    public StepperPorts withFleet(FleetPorts shared) {
        return new StepperPorts(ledger, clock, gates, notifier, windows, liveness, recheck, leaseTime, plans, shared);
    }
}
