package io.jenkins.plugins.deploytrain.fleetstate;

import java.util.List;

/**
 * The fleet state as stored: the leases held now, the last successful deploy per service x environment x zone,
 * and a bounded audit log (lease taken over, released by a restart, ...).
 */
public record FleetSnapshot(int schemaVersion, long revision, List<FleetLease> leases, List<DeployedVersion> deployed,
        List<FleetAudit> audit) {

    public static final int SCHEMA_VERSION = 1;

    public FleetSnapshot {
        leases = List.copyOf(leases == null ? List.of() : leases);
        deployed = List.copyOf(deployed == null ? List.of() : deployed);
        audit = List.copyOf(audit == null ? List.of() : audit);
    }

    public static FleetSnapshot empty() {
        return new FleetSnapshot(SCHEMA_VERSION, 0, List.of(), List.of(), List.of());
    }
}
