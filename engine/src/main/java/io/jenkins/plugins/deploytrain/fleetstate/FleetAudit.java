package io.jenkins.plugins.deploytrain.fleetstate;

import java.time.Instant;

/**
 * One line of the fleet state's audit log.
 *
 * @param action what happened: {@code lease-taken-over}, ...
 * @param by who did it (the new holder)
 * @param from the holder it was taken from, when there was one
 */
public record FleetAudit(Instant at, String action, String service, String environment, LeaseHolder by, LeaseHolder from,
        String detail) {}
