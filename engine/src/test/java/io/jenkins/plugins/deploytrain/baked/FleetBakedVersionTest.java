package io.jenkins.plugins.deploytrain.baked;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.deploytrain.fleet.Environment;
import io.jenkins.plugins.deploytrain.fleet.Tier;
import io.jenkins.plugins.deploytrain.fleetstate.DeployedVersion;
import io.jenkins.plugins.deploytrain.fleetstate.FleetLeases;
import io.jenkins.plugins.deploytrain.fleetstate.FleetSnapshot;
import io.jenkins.plugins.deploytrain.reconcile.BakedVersion;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The daily train of one job sees a version another job (a hotfix branch) put into the primary. */
class FleetBakedVersionTest {
    static final Instant NOW = Instant.parse("2026-12-04T06:00:00Z");
    static final Environment PRIMARY = new Environment("prod-us", "aws", "us-east-1", List.of("a", "b"), Tier.PRIMARY,
            List.of(), List.of(), Map.of());

    static FleetSnapshot deployed(String job, String version, Duration agoA, Duration agoB) {
        FleetSnapshot s = FleetLeases.recorded(FleetSnapshot.empty(),
                new DeployedVersion("payments", "prod-us", "a", version, job, "t1", NOW.minus(agoA)));
        return FleetLeases.recorded(s, new DeployedVersion("payments", "prod-us", "b", version, job, "t1", NOW.minus(agoB)));
    }

    static Optional<BakedVersion.Selection> select(FleetSnapshot s) {
        return FleetBakedVersion.select(s, "payments", PRIMARY, "payments/main", Duration.ofHours(24), NOW);
    }

    @Test
    void anotherJobsVersionThatRanLongEnoughIsBaked() {
        Optional<BakedVersion.Selection> s = select(deployed("payments/release-1.2", "1.2.1-hotfix", Duration.ofHours(30),
                Duration.ofHours(26)));
        assertThat(s).hasValueSatisfying(x -> {
            assertThat(x.version()).contains("1.2.1-hotfix");
            assertThat(x.why()).contains("for 26h").contains("payments/release-1.2");
        });
    }

    @Test
    void anotherJobsVersionThatRanNotLongEnoughIsNot() {
        Optional<BakedVersion.Selection> s = select(deployed("payments/release-1.2", "1.2.1-hotfix", Duration.ofHours(30),
                Duration.ofHours(20)));
        assertThat(s).hasValueSatisfying(x -> {
            assertThat(x.version()).isEmpty();
            assertThat(x.why()).contains("for 20h").contains("less than 24h");
        });
    }

    @Test
    void aPrimaryHalfwayThroughATrainHasNoBakedVersion() {
        FleetSnapshot s = FleetLeases.recorded(deployed("payments/main", "1.2.0", Duration.ofHours(50), Duration.ofHours(50)),
                new DeployedVersion("payments", "prod-us", "a", "1.2.1-hotfix", "payments/release-1.2", "t1",
                        NOW.minus(Duration.ofHours(2))));
        assertThat(select(s)).hasValueSatisfying(x -> {
            assertThat(x.version()).isEmpty();
            assertThat(x.why()).contains("1.2.0 and 1.2.1-hotfix");
        });
    }

    @Test
    void theJobsOwnDeploysAreLeftToItsLedgerWhichKnowsTheGates() {
        assertThat(select(deployed("payments/main", "1.2.0", Duration.ofHours(30), Duration.ofHours(30)))).isEmpty();
        assertThat(select(FleetSnapshot.empty())).as("nothing shared yet").isEmpty();
    }
}
