package io.jenkins.plugins.deploytrain.baked;

import io.jenkins.plugins.deploytrain.fleet.Environment;
import io.jenkins.plugins.deploytrain.fleetstate.DeployedVersion;
import io.jenkins.plugins.deploytrain.fleetstate.FleetSnapshot;
import io.jenkins.plugins.deploytrain.reconcile.BakedVersion;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The baked version as the fleet state shared across jobs knows it: the version every zone of the primary (or
 * the named environment) runs, whichever job deployed it, baked since the last of those deploys ended. Pure.
 *
 * <p>It answers only when another job's train deployed there: when every zone was deployed by the asking job,
 * its own ledger knows more (which gates failed) and decides, as it did before the fleet state existed.
 */
public final class FleetBakedVersion {
    private FleetBakedVersion() {}

    /** The selection, or empty when the job's own ledger should decide. */
    public static Optional<BakedVersion.Selection> select(FleetSnapshot state, String service, Environment environment,
            String job, Duration bakedFor, Instant now) {
        Map<String, DeployedVersion> byZone = state.deployed().stream()
                .filter(d -> d.service().equals(service) && d.environment().equals(environment.name()))
                .collect(Collectors.toMap(DeployedVersion::zone, Function.identity(), (a, b) -> a.at().isAfter(b.at()) ? a : b));
        List<DeployedVersion> zones = environment.zones().stream().map(byZone::get).toList();
        if (byZone.isEmpty() || zones.stream().allMatch(d -> d != null && d.job().equals(job))) {
            return Optional.empty();
        }
        String where = environment.name();
        if (zones.contains(null)) {
            return Optional.of(new BakedVersion.Selection(Optional.empty(), "no job has deployed " + service + " to every zone of "
                    + where + " yet (fleet state)"));
        }
        TreeSet<String> versions = zones.stream().map(DeployedVersion::version).collect(Collectors.toCollection(TreeSet::new));
        if (versions.size() > 1) {
            return Optional.of(new BakedVersion.Selection(Optional.empty(), where + " runs " + String.join(" and ", versions)
                    + " across its zones (fleet state): a train is still rolling there"));
        }
        DeployedVersion last = zones.stream().max(Comparator.comparing(DeployedVersion::at)).orElseThrow();
        Duration baked = Duration.between(last.at(), now);
        String jobs = zones.stream().map(DeployedVersion::job).distinct().sorted().collect(Collectors.joining(", "));
        String version = last.version();
        if (baked.compareTo(bakedFor) < 0) {
            return Optional.of(new BakedVersion.Selection(Optional.empty(), "version " + version + " has run in " + where
                    + " for " + BakedVersion.hours(baked) + " (deployed by " + jobs + ", fleet state), less than "
                    + BakedVersion.hours(bakedFor)));
        }
        return Optional.of(new BakedVersion.Selection(Optional.of(version), "version " + version + " has run in " + where
                + " for " + BakedVersion.hours(baked) + " (deployed by " + jobs + ", fleet state)"));
    }
}
