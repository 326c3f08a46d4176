package io.jenkins.plugins.deploytrain.fleetstate;

import java.time.Instant;

/**
 * What a stepper needs of the shared fleet state: the state and how to tell whether a holder still runs.
 * {@link #NONE} is a host that shares nothing (a command-line runner without {@code --fleet-state}): its job's
 * ledger leases are the only ones.
 */
public record FleetPorts(FleetState state, HolderLiveness liveness) {

    public static final FleetPorts NONE = new FleetPorts(new FleetState() {
        @Override
        public LeaseAnswer acquire(LeaseRequest request, HolderLiveness liveness, Instant now) {
            return new LeaseAnswer.Taken(new FleetLease(request.service(), request.environment(),
                    request.wholeEnvironment(), request.holder(), now), java.util.Optional.empty());
        }

        @Override
        public void release(String environment, LeaseHolder holder, Instant now) {}

        @Override
        public void recorded(DeployedVersion deploy) {}

        @Override
        public FleetSnapshot read() {
            return FleetSnapshot.empty();
        }

        @Override
        public String location() {
            return "(not shared)";
        }
    }, holder -> true);

    public boolean shared() {
        return this != NONE;
    }
}
