package io.jenkins.plugins.deploytrain.plan;

import java.time.Instant;

/** A step with the time its deploy would start and end in a dry run. */
public record ScheduledStep(Step step, Instant start, Instant end) {}
