package io.jenkins.plugins.deploytrain.ledger;

import java.time.Instant;

/** The verdict of one gate on one attempt of a target. */
public record GateResult(String gate, int attempt, boolean passed, String reason, Instant at) {}
