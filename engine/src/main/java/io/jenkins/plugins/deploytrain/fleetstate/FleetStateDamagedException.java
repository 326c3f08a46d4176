package io.jenkins.plugins.deploytrain.fleetstate;

import io.jenkins.plugins.deploytrain.ledger.LedgerException;
import java.nio.file.Path;

/**
 * The fleet state file does not parse or its checksum does not match (a torn write or a hand edit). Nothing
 * deploys until a person looks: guessing the leases could let two trains deploy one environment at once.
 */
public final class FleetStateDamagedException extends LedgerException {
    private static final long serialVersionUID = 1L;

    public FleetStateDamagedException(Path file, String problem) {
        super("The fleet state " + file + " is damaged: " + problem + ". No train deploys until it is repaired: once no"
                + " train of any job sharing it is deploying, move it aside (the leases start empty, and each train"
                + " records its deploys in the version matrix again when it next runs).");
    }
}
