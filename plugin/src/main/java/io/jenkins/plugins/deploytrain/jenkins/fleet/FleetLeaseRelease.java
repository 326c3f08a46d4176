package io.jenkins.plugins.deploytrain.jenkins.fleet;

import hudson.Extension;
import hudson.model.Item;
import hudson.model.ItemGroup;
import hudson.model.listeners.ItemListener;
import io.jenkins.plugins.deploytrain.fleetstate.FileFleetState;
import io.jenkins.plugins.deploytrain.fleetstate.FleetLease;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A deleted job (a branch a multibranch project removed, or every job of a deleted folder) holds no fleet lease
 * any more: its leases are released at once, in the fleet state's audit log, rather than waiting for the next
 * train to find the holder gone.
 */
@Extension
public class FleetLeaseRelease extends ItemListener {
    private static final Logger LOGGER = Logger.getLogger(FleetLeaseRelease.class.getName());

    @Override
    public void onDeleted(Item item) {
        String name = item.getFullName();
        FileFleetState state = ControllerFleetState.get();
        try {
            Set<String> jobs = new LinkedHashSet<>();
            for (FleetLease lease : state.read().leases()) {
                String job = lease.holder().job();
                if (job.equals(name) || (item instanceof ItemGroup<?> && job.startsWith(name + "/"))) {
                    jobs.add(job);
                }
            }
            // a small file write under the fleet state's lock: no slower than the deletion of the job's folder itself
            for (String job : jobs) {
                state.releaseJob(job, "the job was deleted", Instant.now());
            }
        } catch (RuntimeException e) {
            LOGGER.log(Level.WARNING, "Could not release the fleet leases of the deleted " + name
                    + "; the next train to ask for them takes them over", e);
        }
    }
}
