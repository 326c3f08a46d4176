package io.jenkins.plugins.deploytrain.jenkins.fleet;

import hudson.Extension;
import hudson.model.Item;
import hudson.model.ItemGroup;
import hudson.model.listeners.ItemListener;
import java.time.Instant;
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
        boolean folder = item instanceof ItemGroup<?>;
        try {
            // a small file write under the fleet state's lock: no slower than the deletion of the job's folder itself
            ControllerFleetState.get().releaseJobs(
                    job -> job.equals(name) || (folder && job.startsWith(name + "/")),
                    "the job was deleted",
                    Instant.now());
        } catch (RuntimeException e) {
            LOGGER.log(Level.WARNING, "Could not release the fleet leases of the deleted " + name
                    + "; the next train to ask for them takes them over", e);
        }
    }
}
