package io.jenkins.plugins.deploytrain.jenkins.fleet;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.ExtensionList;
import hudson.model.Run;
import io.jenkins.plugins.deploytrain.fleetstate.FleetLease;
import io.jenkins.plugins.deploytrain.fleetstate.LeasesAhead;
import io.jenkins.plugins.deploytrain.ledger.Train;
import java.util.List;

/**
 * For a build's train page: a lease another run holds on an environment the train has still to deploy (the
 * engine's {@link LeasesAhead}), with the holder's job and build linked when the viewer may read the job; an
 * unreadable holder is not named.
 *
 * @param job the holder's job, null when the viewer may not read it
 * @param jobUrl its URL relative to the root, null when hidden
 * @param buildUrl the holder's build's URL, null when hidden or not a build of this controller
 */
public record HeldAhead(
        String environment,
        String target,
        String version,
        String since,
        @CheckForNull String job,
        @CheckForNull String jobUrl,
        @CheckForNull String build,
        @CheckForNull String buildUrl) {

    /** While {@code run} builds, the leases its {@code train} waits (or will wait) behind, as the current user may see them. */
    public static List<HeldAhead> of(Run<?, ?> run, @CheckForNull Train train) {
        if (train == null || !run.isBuilding()) {
            return List.of();
        }
        DeployTrainsRootAction links = ExtensionList.lookupSingleton(DeployTrainsRootAction.class);
        List<FleetLease> ahead = LeasesAhead.of(
                ControllerFleetState.get().read(), train, run.getParent().getFullName(), run.getExternalizableId());
        return ahead.stream().map(l -> shown(l, links)).toList();
    }

    private static HeldAhead shown(FleetLease lease, DeployTrainsRootAction links) {
        String jobUrl = links.jobUrl(lease.holder().job());
        boolean readable = jobUrl != null;
        return new HeldAhead(
                lease.environment(),
                lease.holder().target(),
                lease.holder().version(),
                lease.since().toString(),
                readable ? lease.holder().job() : null,
                jobUrl,
                readable ? lease.holder().build() : null,
                readable ? links.buildUrl(lease.holder().job(), lease.holder().build()) : null);
    }
}
