package io.jenkins.plugins.deploytrain.plan;

import io.jenkins.plugins.deploytrain.fleet.Tier;
import java.time.Duration;

/**
 * One zone's deploy in a train's order. {@code soakAfter} is the zone soak, or the environment soak
 * on the environment's last zone; {@code bakeAfter} is the bake on the primary's last zone, else
 * zero. The next step waits for the longer of the two.
 */
public record Step(
        int index,
        Target target,
        Tier tier,
        String provider,
        String region,
        Duration soakAfter,
        Duration bakeAfter,
        boolean lastZoneOfEnvironment) {

    /** How long after this step's deploy ends the next step may start (windows aside). */
    public Duration waitAfter() {
        return soakAfter.compareTo(bakeAfter) >= 0 ? soakAfter : bakeAfter;
    }
}
