package io.jenkins.plugins.deploytrain.fleetstate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class VisibleMatrixTest {
    static final Instant T0 = FleetLeasesTest.T0;

    @Test
    void aJobTheViewerMayNotReadIsNeverNamedOnlyCounted() {
        FleetSnapshot state = FleetLeases.recorded(FleetSnapshot.empty(),
                new DeployedVersion("payments", "eu-1", "a", "1.0", "team-a/payments", "t1", T0));
        state = FleetLeases.recorded(state, new DeployedVersion("payments", "eu-1", "b", "1.1", "secret/hotfix", "t2", T0));
        state = FleetLeases.acquire(state, FleetLeasesTest.ask("payments", "eu-2",
                FleetLeasesTest.holder("secret/hotfix", "9", "eu-2/a")), h -> true, T0).next();

        VisibleMatrix seen = VisibleMatrix.of(state, job -> job.startsWith("team-a/"));

        assertThat(seen.hidden()).isEqualTo(2);
        VisibleMatrix.Service payments = seen.services().get(0);
        assertThat(payments.service()).isEqualTo("payments");
        assertThat(payments.zones()).containsExactly("a", "b");
        VisibleMatrix.Row eu1 = payments.rows().get(0);
        assertThat(eu1.cells().get(0)).isEqualTo(new VisibleMatrix.Cell("a", "1.0", "team-a/payments", null, null, null));
        assertThat(eu1.cells().get(1)).isEqualTo(new VisibleMatrix.Cell("b", "1.1", null, null, null, null));
        VisibleMatrix.Row eu2 = payments.rows().get(1);
        assertThat(eu2.cells().get(0)).isEqualTo(new VisibleMatrix.Cell("a", null, null, "1.0.9", null, null));
        assertThat(seen.toString()).doesNotContain("secret");
    }

    @Test
    void eachJobIsAskedAboutOnce() {
        FleetSnapshot state = FleetSnapshot.empty();
        for (int e = 0; e < 20; e++) {
            state = FleetLeases.recorded(state, new DeployedVersion("payments", "env-" + e, "a", "1.0", "payments", "t1", T0));
        }
        int[] asked = {0};
        VisibleMatrix seen = VisibleMatrix.of(state, job -> {
            asked[0]++;
            return true;
        });
        assertThat(asked[0]).isEqualTo(1);
        assertThat(seen.hidden()).isZero();
    }
}
