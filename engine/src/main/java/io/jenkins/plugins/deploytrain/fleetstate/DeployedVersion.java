package io.jenkins.plugins.deploytrain.fleetstate;

import java.time.Instant;

/**
 * The last successful deploy of {@code service} to one environment x zone, by any job: one cell of the
 * service's version matrix across jobs.
 *
 * @param at when the deploy ended
 */
public record DeployedVersion(String service, String environment, String zone, String version, String job, String train,
        Instant at) {}
