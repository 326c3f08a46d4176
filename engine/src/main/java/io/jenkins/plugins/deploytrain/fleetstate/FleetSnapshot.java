package io.jenkins.plugins.deploytrain.fleetstate;

import java.util.List;
import java.util.Set;

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

    /** The leases and deploys of these services only (the audit log is left out). */
    public FleetSnapshot onlyServices(Set<String> services) {
        return new FleetSnapshot(schemaVersion, revision, leases.stream().filter(l -> services.contains(l.service())).toList(),
                deployed.stream().filter(d -> services.contains(d.service())).toList(), List.of());
    }

    public static FleetSnapshot empty() {
        return new FleetSnapshot(SCHEMA_VERSION, 0, List.of(), List.of(), List.of());
    }
}
