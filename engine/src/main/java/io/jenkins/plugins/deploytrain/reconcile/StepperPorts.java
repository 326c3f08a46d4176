package io.jenkins.plugins.deploytrain.reconcile;

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
 */
public record StepperPorts(LedgerStore ledger, Clock clock, GateRunner gates, Notifier notifier, DeployWindows windows,
        WorkerLiveness liveness, Duration recheck, Duration leaseTime, PlanArchive plans) {

    /** Ports of a host that runs deploy trains only. */
    public StepperPorts(LedgerStore ledger, Clock clock, GateRunner gates, Notifier notifier, DeployWindows windows,
            WorkerLiveness liveness, Duration recheck, Duration leaseTime) {
        this(ledger, clock, gates, notifier, windows, liveness, recheck, leaseTime, PlanArchive.NONE);
    }
}
