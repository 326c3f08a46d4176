package io.jenkins.plugins.deploytrain.shadow;

/** A difference that a known-discrepancy rule accepts. */
public record AcceptedDifference(Difference difference, Rule rule) {}
