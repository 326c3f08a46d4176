package io.jenkins.plugins.deploytrain.fleetstate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The fleet state's decisions, pure: what taking, giving back and recording does to a snapshot. The store
 * applies them under its lock and stores the result at the next revision.
 */
public final class FleetLeases {
    /** The audit log keeps this many lines, newest last. */
    public static final int AUDIT_KEPT = 1_000;

    private FleetLeases() {}

    /** A decision: the state to store (the same object when nothing changes) and the answer for the asker. */
    public record Acquired(FleetSnapshot next, LeaseAnswer answer) {}

    public static Acquired acquire(FleetSnapshot state, LeaseRequest request, HolderLiveness liveness, Instant now) {
        List<FleetLease> kept = new ArrayList<>();
        List<FleetLease> dead = new ArrayList<>();
        Optional<FleetLease> mine = Optional.empty();
        for (FleetLease lease : state.leases()) {
            if (lease.holder().sameRun(request.holder()) && lease.environment().equals(request.environment())
                    && lease.service().equals(request.service())) {
                mine = Optional.of(lease);
                continue;
            }
            if (lease.excludes(request)) {
                if (lease.holder().sameRun(request.holder()) || liveness.alive(lease.holder())) {
                    // a live holder, or this run's own lease of another target that it has not given back yet
                    return new Acquired(state, new LeaseAnswer.Held(lease));
                }
                dead.add(lease);
                continue;
            }
            kept.add(lease);
        }
        FleetLease taken = new FleetLease(request.service(), request.environment(), request.wholeEnvironment(),
                request.holder(), mine.map(FleetLease::since).orElse(now));
        if (mine.isPresent() && mine.get().equals(taken) && dead.isEmpty()) {
            return new Acquired(state, new LeaseAnswer.Taken(taken, Optional.empty()));
        }
        kept.add(taken);
        List<FleetAudit> audit = new ArrayList<>(state.audit());
        for (FleetLease gone : dead) {
            audit.add(new FleetAudit(now, "lease-taken-over", gone.service(), gone.environment(), request.holder(),
                    gone.holder(), "its holder no longer runs (held since " + gone.since() + ")"));
        }
        return new Acquired(with(state, kept, state.deployed(), audit),
                new LeaseAnswer.Taken(taken, dead.stream().findFirst()));
    }

    /** Gives back every lease {@code holder}'s run holds on {@code environment}. */
    public static FleetSnapshot release(FleetSnapshot state, String environment, LeaseHolder holder) {
        List<FleetLease> kept = state.leases().stream()
                .filter(l -> !(l.environment().equals(environment) && l.holder().sameRun(holder))).toList();
        return kept.size() == state.leases().size() ? state : with(state, kept, state.deployed(), state.audit());
    }

    /**
     * Gives back every lease of the jobs that are gone ({@code gone} names them: a deleted job, or every job of a
     * deleted folder), in the audit log as {@code why}.
     */
    public static FleetSnapshot releaseJobs(FleetSnapshot state, Predicate<String> gone, String why, Instant now) {
        List<FleetLease> released = state.leases().stream().filter(l -> gone.test(l.holder().job())).toList();
        if (released.isEmpty()) {
            return state;
        }
        List<FleetAudit> audit = new ArrayList<>(state.audit());
        released.forEach(l -> audit.add(new FleetAudit(now, "lease-released", l.service(), l.environment(), null, l.holder(), why)));
        return with(state, state.leases().stream().filter(l -> !released.contains(l)).toList(), state.deployed(), audit);
    }

    /** Keeps {@code deploy} as its cell's last deploy unless a later one is already there. */
    public static FleetSnapshot recorded(FleetSnapshot state, DeployedVersion deploy) {
        List<DeployedVersion> deployed = new ArrayList<>(state.deployed().size() + 1);
        for (DeployedVersion d : state.deployed()) {
            if (sameCell(d, deploy)) {
                if (d.equals(deploy) || d.at().isAfter(deploy.at())) {
                    return state;
                }
            } else {
                deployed.add(d);
            }
        }
        deployed.add(deploy);
        return with(state, state.leases(), deployed, state.audit());
    }

    private static boolean sameCell(DeployedVersion a, DeployedVersion b) {
        return a.service().equals(b.service()) && a.environment().equals(b.environment()) && a.zone().equals(b.zone());
    }

    private static FleetSnapshot with(FleetSnapshot state, List<FleetLease> leases, List<DeployedVersion> deployed,
            List<FleetAudit> audit) {
        List<FleetAudit> kept = audit.size() > AUDIT_KEPT ? audit.subList(audit.size() - AUDIT_KEPT, audit.size()) : audit;
        return new FleetSnapshot(state.schemaVersion(), state.revision(), leases, deployed, kept);
    }
}
