package io.jenkins.plugins.deploytrain.fleetstate;

import java.time.Instant;

/**
 * The right to deploy {@code service} to {@code environment}, held by one run of one job.
 *
 * @param wholeEnvironment the holder's train file says {@code exclusive: environment}: while it is held no
 *     other service deploys to the environment either
 * @param since when the holder took it (or took it over)
 */
public record FleetLease(String service, String environment, boolean wholeEnvironment, LeaseHolder holder, Instant since) {

    /** Whether this lease keeps {@code request} from being taken (by another run). */
    public boolean excludes(LeaseRequest request) {
        return environment.equals(request.environment())
                && (wholeEnvironment || request.wholeEnvironment() || service.equals(request.service()));
    }
}
