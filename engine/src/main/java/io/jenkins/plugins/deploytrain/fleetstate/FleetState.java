package io.jenkins.plugins.deploytrain.fleetstate;

import java.time.Instant;

/**
 * The port to the fleet's shared state. Every write is atomic and durable before the call returns (a
 * compare-and-set on the stored revision, as the ledger's), so a lease is held before the deploy it guards
 * starts. Calls may block on the file system: hosts call them where blocking is allowed.
 */
public interface FleetState {

    /**
     * Takes the lease asked for, re-enters one the same run already holds, takes over one whose holder
     * {@code liveness} says no longer runs, or answers who holds it.
     */
    LeaseAnswer acquire(LeaseRequest request, HolderLiveness liveness, Instant now);

    /** Gives back what {@code holder}'s run holds on {@code environment}; nothing if it holds nothing there. */
    void release(String environment, LeaseHolder holder, Instant now);

    /** Records a successful deploy in the service's matrix; recording the same deploy twice changes nothing. */
    void recorded(DeployedVersion deploy);

    /** The stored state (empty at revision 0 when nothing was ever stored). */
    FleetSnapshot read();

    /** Where it is, for messages. */
    String location();
}
