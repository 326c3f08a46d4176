package io.jenkins.plugins.deploytrain.fleetstate;

import java.util.Optional;

/** What asking for a fleet lease came to. */
public sealed interface LeaseAnswer {

    /**
     * The lease is stored as the asker's (durable before this is returned).
     *
     * @param takenOver the lease of a holder that no longer runs, which this one replaced (and the fleet
     *     state's audit log records)
     */
    record Taken(FleetLease lease, Optional<FleetLease> takenOver) implements LeaseAnswer {}

    /** A running holder has it: the asker waits and tells who. */
    record Held(FleetLease by) implements LeaseAnswer {}
}
