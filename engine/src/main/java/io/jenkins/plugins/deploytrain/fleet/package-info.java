/**
 * The fleet: the environments ("cells") a train rolls across, their zones, tiers and deploy
 * windows. {@link io.jenkins.plugins.deploytrain.fleet.FleetLoader} reads {@code fleet.yaml} (or
 * Pipeline maps) and reports every problem at once with its line.
 */
package io.jenkins.plugins.deploytrain.fleet;
