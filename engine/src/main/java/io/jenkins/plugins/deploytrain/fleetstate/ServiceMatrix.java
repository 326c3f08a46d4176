package io.jenkins.plugins.deploytrain.fleetstate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which version of one service runs where across every job, as the fleet state knows it: per environment x
 * zone the last successful deploy, and the run rolling there now (the lease on the environment whose target
 * is that zone). Pure.
 *
 * @param environments sorted by name
 * @param zones sorted by name
 */
public record ServiceMatrix(String service, List<String> environments, List<String> zones, List<Cell> cells) {

    public ServiceMatrix {
        environments = List.copyOf(environments);
        zones = List.copyOf(zones);
        cells = List.copyOf(cells);
    }

    /**
     * @param deployed the last successful deploy there, null if none
     * @param rolling the lease of the run deploying there now, null if none
     */
    public record Cell(String environment, String zone, DeployedVersion deployed, FleetLease rolling) {}

    /** The services the fleet state knows, sorted. */
    public static List<String> services(FleetSnapshot state) {
        Set<String> services = new TreeSet<>();
        state.deployed().forEach(d -> services.add(d.service()));
        state.leases().forEach(l -> services.add(l.service()));
        return List.copyOf(services);
    }

    public static ServiceMatrix of(FleetSnapshot state, String service) {
        Set<String> environments = new TreeSet<>();
        Set<String> zones = new TreeSet<>();
        List<Cell> cells = new ArrayList<>();
        List<DeployedVersion> deployed = state.deployed().stream().filter(d -> d.service().equals(service)).toList();
        List<FleetLease> rolling = state.leases().stream()
                .filter(l -> l.service().equals(service)).toList();
        deployed.forEach(d -> {
            environments.add(d.environment());
            zones.add(d.zone());
        });
        rolling.forEach(l -> {
            environments.add(l.environment());
            zones.add(zoneOf(l));
        });
        for (String environment : environments) {
            for (String zone : zones) {
                DeployedVersion d = deployed.stream()
                        .filter(x -> x.environment().equals(environment) && x.zone().equals(zone))
                        .max(Comparator.comparing(DeployedVersion::at)).orElse(null);
                FleetLease l = rolling.stream()
                        .filter(x -> x.environment().equals(environment) && zoneOf(x).equals(zone))
                        .findFirst().orElse(null);
                if (d != null || l != null) {
                    cells.add(new Cell(environment, zone, d, l));
                }
            }
        }
        return new ServiceMatrix(service, new ArrayList<>(environments), new ArrayList<>(zones), cells);
    }

    public Optional<Cell> cell(String environment, String zone) {
        return cells.stream().filter(c -> c.environment().equals(environment) && c.zone().equals(zone)).findFirst();
    }

    /** The jobs named in this matrix, for a host that must check who may read them. */
    public Set<String> jobs() {
        Set<String> jobs = new TreeSet<>();
        cells.forEach(c -> {
            if (c.deployed() != null) {
                jobs.add(c.deployed().job());
            }
            if (c.rolling() != null) {
                jobs.add(c.rolling().holder().job());
            }
        });
        return jobs;
    }

    /** The zone of a lease's target ({@code environment/zone}). */
    static String zoneOf(FleetLease lease) {
        String target = lease.holder().target();
        int slash = target.lastIndexOf('/');
        return slash < 0 ? target : target.substring(slash + 1);
    }
}
