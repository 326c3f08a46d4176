package io.jenkins.plugins.deploytrain.fleetstate;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.deploytrain.ledger.SampleLedgers;
import io.jenkins.plugins.deploytrain.ledger.TargetStatus;
import io.jenkins.plugins.deploytrain.ledger.Train;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LeasesAheadTest {
    static final Instant T0 = FleetLeasesTest.T0;

    @Test
    void onlyOtherRunsLeasesOnEnvironmentsStillToDeployThatKeepThisServiceOut() {
        // SampleLedgers' train: service payments, env-0..env-2 x z0,z1; env-0 is done
        Train train = SampleLedgers.train("t1", 3, 2);
        train = train.withTarget("env-0/z0", x -> x.withStatus(TargetStatus.SUCCEEDED))
                .withTarget("env-0/z1", x -> x.withStatus(TargetStatus.SUCCEEDED));
        // as stored (not all could be held at once; the page shows what is there)
        FleetSnapshot fleet = new FleetSnapshot(FleetSnapshot.SCHEMA_VERSION, 5, List.of(
                lease("payments", "env-1", false, new LeaseHolder("hotfix", "4", "hotfix#4", "t9", "env-1/z0", "2.0")),
                lease("ledger-api", "env-2", false, new LeaseHolder("ledger", "7", "ledger#7", "t1", "env-2/z0", "9")),
                lease("schema", "env-2", true, new LeaseHolder("schema", "1", "schema#1", "t1", "env-2/z1", "3")),
                lease("payments", "env-0", false, new LeaseHolder("other", "2", "other#2", "t1", "env-0/z0", "1.9")),
                lease("payments", "env-2", false, new LeaseHolder("payments", "5", "payments#5", "t1", "env-2/z0", "1.4.2"))),
                List.of(), List.of());

        assertThat(LeasesAhead.of(fleet, train, "payments", "payments#5"))
                .extracting(l -> l.holder().job())
                .as("not another service's, not an environment already done, not its own")
                .containsExactlyInAnyOrder("hotfix", "schema");
    }

    private static FleetLease lease(String service, String env, boolean whole, LeaseHolder h) {
        return new FleetLease(service, env, whole, h, T0);
    }
}
