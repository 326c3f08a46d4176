package io.jenkins.plugins.deploytrain.fleetstate;

/**
 * A stepper asks to deploy {@code service} to {@code environment}.
 *
 * @param wholeEnvironment the train file says {@code exclusive: environment}: no other service deploys there
 *     meanwhile
 */
public record LeaseRequest(String service, String environment, boolean wholeEnvironment, LeaseHolder holder) {}
