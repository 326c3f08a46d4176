package io.jenkins.plugins.deploytrain.reconcile;

import io.jenkins.plugins.deploytrain.fleetstate.DeployedVersion;
import io.jenkins.plugins.deploytrain.fleetstate.FleetLease;
import io.jenkins.plugins.deploytrain.fleetstate.FleetPorts;
import io.jenkins.plugins.deploytrain.fleetstate.HolderMention;
import io.jenkins.plugins.deploytrain.fleetstate.LeaseAnswer;
import io.jenkins.plugins.deploytrain.fleetstate.LeaseHolder;
import io.jenkins.plugins.deploytrain.fleetstate.LeaseRequest;
import io.jenkins.plugins.deploytrain.ledger.TargetRecord;
import io.jenkins.plugins.deploytrain.ledger.TargetStatus;
import io.jenkins.plugins.deploytrain.ledger.Train;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * A stepper's side of the fleet state shared with other jobs and runners: the lease on (service, environment)
 * taken before a target's intent is written and given back after its outcome is, and the train's successful
 * deploys recorded in the service's matrix. Every call is a no-op when the host shares nothing. Failures of
 * the fleet state are not caught here: a deploy must not start without its lease.
 */
final class FleetLeaseKeeper {

    private final String job;
    private final String trainId;
    private final String worker;

    FleetLeaseKeeper(String job, String trainId, String worker) {
        this.job = job;
        this.trainId = trainId;
        this.worker = worker;
    }

    /** This run as the holder of a lease for {@code target}. */
    LeaseHolder holder(Train train, String target) {
        return new LeaseHolder(job, build(worker), worker, trainId, target, train.version());
    }

    /** What a person reads as the holder's run: a Jenkins build's number, otherwise the worker's name. */
    static String build(String worker) {
        var number = BuildWorkerName.buildNumber(worker);
        return number.isPresent() ? Integer.toString(number.getAsInt()) : worker;
    }

    /** Takes the lease for {@code t}, durably; the answer says whether the deploy may start. */
    LeaseAnswer take(StepperPorts p, Train train, TargetRecord t, Instant now) {
        FleetPorts fleet = p.fleet();
        if (!fleet.shared()) {
            return new LeaseAnswer.Taken(null, Optional.empty());
        }
        return fleet.state().acquire(new LeaseRequest(train.service(), t.environment(), fleet.scope().wholeEnvironment(),
                holder(train, t.id())), fleet.liveness(), now);
    }

    /** Gives back the lease this run holds on {@code t}'s environment, once its outcome is in the ledger. */
    void giveBack(StepperPorts p, Train train, TargetRecord t, Instant now) {
        if (p.fleet().shared()) {
            p.fleet().state().release(t.environment(), holder(train, t.id()), now);
        }
    }

    /** Records a target that succeeded in the service's matrix (after the ledger says so; recording twice is harmless). */
    void recordSucceeded(StepperPorts p, Train train, TargetRecord t, Instant fallback) {
        if (p.fleet().shared() && t.status() == TargetStatus.SUCCEEDED) {
            Instant at = t.lastAttempt().map(a -> a.ended() != null ? a.ended() : a.started()).orElse(fallback);
            p.fleet().state().recorded(new DeployedVersion(train.service(), t.environment(), t.zone(), train.version(), job,
                    trainId, at));
        }
    }

    /**
     * After a start or a restart: what a crash between a ledger write and the fleet state's may have left is put
     * right. Succeeded targets are recorded again, and a lease this run holds for anything but the body it still
     * runs ({@code inFlight}, null when none) is given back. Once per start, not per event.
     */
    void heal(StepperPorts p, Train train, String inFlight, Instant now) {
        if (!p.fleet().shared()) {
            return;
        }
        train.targets().stream().filter(t -> t.status() == TargetStatus.SUCCEEDED)
                .forEach(t -> recordSucceeded(p, train, t, now));
        releaseAllBut(p, train, inFlight, now);
    }

    /** Gives back every lease of this run except the one for {@code keep} (null: all of them). */
    void releaseAllBut(StepperPorts p, Train train, String keep, Instant now) {
        if (!p.fleet().shared()) {
            return;
        }
        LeaseHolder me = holder(train, "");
        p.fleet().state().read().leases().stream()
                .filter(l -> l.holder().sameRun(me) && !l.holder().target().equals(keep))
                .forEach(l -> p.fleet().state().release(l.environment(), l.holder(), now));
    }

    /** The console's and Slack's words for a lease that keeps a deploy waiting. */
    static String waitingFor(String target, FleetLease by) {
        LeaseHolder h = by.holder();
        return "waiting for " + target + ": environment " + by.environment() + " is held by " + run(h)
                + " (target " + h.target() + ", " + by.service() + " " + h.version()
                + (by.wholeEnvironment() ? ", exclusive: environment" : "") + ") since " + by.since().truncatedTo(ChronoUnit.SECONDS);
    }

    static String run(LeaseHolder h) {
        return HolderMention.of(h);
    }

    /** The words for a lease taken over from a holder that no longer runs. */
    static String takenOver(FleetLease from) {
        LeaseHolder h = from.holder();
        return "took over the lease on " + from.environment() + " from " + run(h)
                + ", which no longer runs (it held it since " + from.since().truncatedTo(ChronoUnit.SECONDS) + ")";
    }
}
