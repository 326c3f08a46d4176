/**
 * A daily train's version: the one that baked long enough in the primary, read from the train's own ledger or
 * from what the monitoring system observed running there ({@code versionFrom} with a Prometheus or Datadog query).
 */
package io.jenkins.plugins.deploytrain.baked;
