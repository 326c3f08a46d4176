package io.jenkins.plugins.deploytrain.reconcile;

import java.time.Duration;
import java.util.Set;

/**
 * What the host sees of the world beyond the ledger when deciding.
 *
 * @param liveWorkers the workers (attempt and lease holders) known to be alive right now
 * @param windows when each target may deploy
 * @param recheck how long to wait before looking again at something nobody will announce (another
 *     worker's deploy, a train ahead in the queue)
 */
public record Observations(Set<String> liveWorkers, DeployWindows windows, Duration recheck) {
    public Observations {
        liveWorkers = Set.copyOf(liveWorkers);
    }
}
