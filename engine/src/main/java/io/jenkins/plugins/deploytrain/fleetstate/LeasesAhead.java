package io.jenkins.plugins.deploytrain.fleetstate;

import io.jenkins.plugins.deploytrain.ledger.TargetRecord;
import io.jenkins.plugins.deploytrain.ledger.TargetStatus;
import io.jenkins.plugins.deploytrain.ledger.Train;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The leases other runs hold on environments a train has still to deploy: what it waits, or will wait, behind. A
 * build's page shows them while they last (the console says it once, when the train meets one). Pure.
 */
public final class LeasesAhead {
    private LeasesAhead() {}

    /**
     * @param job the train's job
     * @param worker the train's run (its leases are not "ahead" of it)
     */
    public static List<FleetLease> of(FleetSnapshot fleet, Train train, String job, String worker) {
        Set<String> ahead = new TreeSet<>();
        for (TargetRecord t : train.targets()) {
            if (t.status() == TargetStatus.PENDING) {
                ahead.add(t.environment());
            }
        }
        LeaseHolder me = new LeaseHolder(job, "", worker, train.id(), "", train.version());
        return fleet.leases().stream()
                .filter(l -> !l.holder().sameRun(me))
                .filter(l -> ahead.contains(l.environment())
                        && l.excludes(new LeaseRequest(train.service(), l.environment(), false, me)))
                .toList();
    }
}
