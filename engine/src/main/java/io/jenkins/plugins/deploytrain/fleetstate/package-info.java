/**
 * The state of the fleet shared by every job and runner that deploys to it: who holds which (service,
 * environment) now, and which version each train deployed where. A job's ledger holds its trains' progress;
 * this holds what no single job may decide alone. Hosts reach it through the {@link
 * io.jenkins.plugins.deploytrain.fleetstate.FleetState} port: a folder under JENKINS_HOME on a controller, the
 * folder named by {@code --fleet-state} for command-line runners.
 */
package io.jenkins.plugins.deploytrain.fleetstate;
