package io.jenkins.plugins.deploytrain.reconcile;

import io.jenkins.plugins.deploytrain.ledger.LedgerStore;
import java.time.Clock;
import java.time.Duration;

/**
 * The live objects a {@link TrainStepper} works with, handed in on every event so the stepper itself holds
 * none (it is serialized by its host, live handles are not).
 *
 * @param leaseTime how long a deploy's lease on its environment lasts if its worker is never seen again
 */
public record StepperPorts(LedgerStore ledger, Clock clock, GateRunner gates, Notifier notifier, DeployWindows windows,
        WorkerLiveness liveness, Duration recheck, Duration leaseTime) {}
