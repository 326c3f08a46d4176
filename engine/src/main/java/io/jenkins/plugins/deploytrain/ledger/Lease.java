package io.jenkins.plugins.deploytrain.ledger;

import java.time.Instant;

/**
 * The right to deploy one environment, held by one worker for one target. At most one lease per
 * environment exists in a ledger, which is how "never two deploys of one environment at once" holds
 * across trains and processes (the ledger's compare-and-set makes taking it atomic).
 */
public record Lease(String environment, String holder, String train, String target, Instant expires) {}
