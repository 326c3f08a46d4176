package io.jenkins.plugins.deploytrain.fleetstate;

import java.time.Instant;
import java.util.Optional;

/**
 * What a stepper needs of the shared fleet state: the state, how to tell whether a holder still runs, and what
 * its train's leases cover ({@link LeaseScope}, from the train file). {@link #NONE} is a host that shares
 * nothing (a command-line runner without {@code --fleet-state}): its job's ledger leases are the only ones.
 */
public record FleetPorts(FleetState state, HolderLiveness liveness, LeaseScope scope) {

    private static final FleetState UNSHARED = new FleetState() {
        @Override
        public LeaseAnswer acquire(LeaseRequest request, HolderLiveness liveness, Instant now) {
            return new LeaseAnswer.Taken(new FleetLease(request.service(), request.environment(),
                    request.wholeEnvironment(), request.holder(), now), Optional.empty());
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
    };

    public static final FleetPorts NONE = new FleetPorts(UNSHARED, holder -> true, LeaseScope.SERVICE);

    /** Shared state whose leases cover one service (the default of a train file). */
    public FleetPorts(FleetState state, HolderLiveness liveness) {
        this(state, liveness, LeaseScope.SERVICE);
    }

    /** The same state for a train whose file says {@code exclusive: <scope>}. */
    public FleetPorts withScope(LeaseScope train) {
        return new FleetPorts(state, liveness, train);
    }

    public boolean shared() {
        return state != UNSHARED;
    }
}
