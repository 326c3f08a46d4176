package io.jenkins.plugins.deploytrain.fleetstate;

/**
 * Whether a lease's holder still runs: on a controller, its job exists and that build is building; for a
 * command-line runner, its process lives. A holder the host cannot judge (another host's runner) counts as
 * alive.
 */
@FunctionalInterface
public interface HolderLiveness {
    boolean alive(LeaseHolder holder);
}
